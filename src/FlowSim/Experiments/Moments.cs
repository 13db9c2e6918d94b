namespace FlowSim.Experiments;

/// <summary>
/// Running mean and spread of one quantity over trials (Welford's update), for figures that stream
/// instead of keeping every trial. Trials are added in trial order, so the rounding, and so every
/// digit, is the same whatever the thread count. Undefined (NaN) values are left out.
/// </summary>
internal struct Moments
{
    public long N;
    public double Mean;
    public double Squares;

    public void Add(double x)
    {
        if (double.IsNaN(x))
        {
            return;
        }

        N++;
        var d = x - Mean;
        Mean += d / N;
        Squares += d * (x - Mean);
    }

    /// <summary>Mean, standard deviation and a Student-t 95% interval; no percentiles (they would need every trial).</summary>
    public readonly Statistics ToStatistics()
    {
        if (N == 0)
        {
            return Statistics.Undefined;
        }

        var std = N > 1 ? Math.Sqrt(Squares / (N - 1)) : double.NaN;
        var half = N > 1 ? Statistics.T975(N - 1) * std / Math.Sqrt(N) : double.NaN;
        return new Statistics(Mean, std, Mean - half, Mean + half, double.NaN, double.NaN, double.NaN, (int)Math.Min(N, int.MaxValue));
    }
}

/// <summary>
/// Running sums of a ratio's numerator and denominator over trials, for the ratio of totals and its
/// delta-method interval (see <see cref="Statistics.OfRatio"/>), plus the per-trial ratios' own spread.
/// </summary>
internal struct RatioMoments
{
    public long N;
    public double MeanX;
    public double MeanY;
    public double Cxx;
    public double Cyy;
    public double Cxy;

    /// <summary>The per-trial ratios, for the standard deviation between trials.</summary>
    public Moments PerTrial;

    /// <summary>Adds a trial: its numerator, denominator and the ratio it reports on its own (NaN when undefined).</summary>
    public void Add(double x, double y, double perTrial)
    {
        PerTrial.Add(perTrial);
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return;
        }

        N++;
        var dx = x - MeanX;
        var dy = y - MeanY;
        MeanX += dx / N;
        MeanY += dy / N;
        Cxx += dx * (x - MeanX);
        Cyy += dy * (y - MeanY);
        Cxy += dx * (y - MeanY);
    }

    /// <summary>
    /// Sum x / sum y times <paramref name="scale"/> (or one minus it, for a <paramref name="complement"/>),
    /// with a delta-method 95% interval; the standard deviation is the per-trial ratios'.
    /// </summary>
    public readonly Statistics ToStatistics(double scale, bool complement) =>
        Statistics.Ratio(N, MeanX, MeanY, Cxx, Cyy, Cxy, scale, complement, PerTrial.ToStatistics());
}
