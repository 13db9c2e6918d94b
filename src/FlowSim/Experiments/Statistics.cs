using MathNet.Numerics.Distributions;

namespace FlowSim.Experiments;

/// <summary>
/// Summary statistics of one metric over the trials: mean, sample standard deviation, the 95%
/// confidence interval of the mean (Student t) and percentiles (linear interpolation between
/// order statistics, as spreadsheets' PERCENTILE.INC).
/// </summary>
/// <param name="Metric">What was measured.</param>
/// <param name="Mean">Mean over trials.</param>
/// <param name="Std">Sample standard deviation over trials (n - 1 denominator); 0 for one trial.</param>
/// <param name="Ci95Low">Lower end of the 95% confidence interval of the mean.</param>
/// <param name="Ci95High">Upper end of the 95% confidence interval of the mean.</param>
/// <param name="P5">5th percentile over trials.</param>
/// <param name="P50">Median over trials.</param>
/// <param name="P95">95th percentile over trials.</param>
public sealed record MetricStatistics(Metric Metric, double Mean, double Std, double Ci95Low, double Ci95High, double P5, double P50, double P95)
{
    /// <summary>Half the width of the 95% confidence interval.</summary>
    public double HalfWidth => (Ci95High - Ci95Low) / 2;

    /// <summary>Summarises values given in trial order. The order fixes the rounding, so results are reproducible.</summary>
    public static MetricStatistics Of(Metric metric, ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return new MetricStatistics(metric, 0, 0, 0, 0, 0, 0, 0);
        }

        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / n;
        double squares = 0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        var std = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        var half = n > 1 ? StudentT.InvCDF(0, 1, n - 1, 0.975) * std / Math.Sqrt(n) : 0;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return new MetricStatistics(metric, mean, std, mean - half, mean + half,
            Percentile(sorted, 0.05), Percentile(sorted, 0.50), Percentile(sorted, 0.95));
    }

    /// <summary>The p-quantile of sorted values, interpolating between neighbours.</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
