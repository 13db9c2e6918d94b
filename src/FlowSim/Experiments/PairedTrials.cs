using FlowSim.Outcomes;

namespace FlowSim.Experiments;

/// <summary>
/// Differences between two runs trial by trial. Every strategy (and every candidate of a sweep or
/// an optimisation) meets the same demand and disruptions in the same trial (common random
/// numbers), so the difference in one trial is luck-free and its spread is much smaller than that
/// of the two runs' means. Every paired figure of FlowSim is walked here.
/// </summary>
public static class PairedTrials
{
    /// <summary>
    /// <paramref name="a"/>'s value of <paramref name="metric"/> minus <paramref name="b"/>'s, trial by
    /// trial, times <paramref name="scale"/> (a figure per year); over the trials both have.
    /// </summary>
    public static double[] Differences(StrategyResult a, StrategyResult b, Metric metric, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new double[Math.Min(a.Trials, b.Trials)];
        for (var k = 0; k < d.Length; k++)
        {
            d[k] = (a.Outcome(k, metric) - b.Outcome(k, metric)) * scale;
        }

        return d;
    }

    /// <summary>
    /// A difference built from several parts (a sum over cost components), given trial by trial by
    /// <paramref name="differenceInTrial"/>, times <paramref name="scale"/>; over the trials both have.
    /// </summary>
    public static double[] Differences(StrategyResult a, StrategyResult b, Func<int, double> differenceInTrial, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(differenceInTrial);
        var d = new double[Math.Min(a.Trials, b.Trials)];
        for (var k = 0; k < d.Length; k++)
        {
            d[k] = differenceInTrial(k) * scale;
        }

        return d;
    }

    /// <summary>Per-trial values of <paramref name="a"/> minus those of <paramref name="b"/>, given in the same trial order.</summary>
    public static double[] Differences(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var d = new double[Math.Min(a.Length, b.Length)];
        for (var k = 0; k < d.Length; k++)
        {
            d[k] = a[k] - b[k];
        }

        return d;
    }

    /// <summary>
    /// Statistics of <see cref="Differences(StrategyResult, StrategyResult, Metric, double)"/>. For a
    /// ratio metric (fill rate, ...) the mean is the difference of the two ratios of totals, with a
    /// delta-method interval over the paired trials; the spread is the per-trial differences'.
    /// </summary>
    public static Statistics Difference(StrategyResult a, StrategyResult b, Metric metric, double scale = 1)
    {
        var perTrial = Statistics.Of(Differences(a, b, metric, scale));
        return metric.Info().Ratio is { } r ? RatioDifference(a, b, r, scale, perTrial) : perTrial;
    }

    // The linearised difference in trial k: (x_a - R_a y_a) / mean y_a - (x_b - R_b y_b) / mean y_b;
    // its mean is zero and its spread over trials gives the standard error of R_a - R_b.
    private static Statistics RatioDifference(StrategyResult a, StrategyResult b, RatioOf r, double scale, Statistics perTrial)
    {
        var n = Math.Min(a.Trials, b.Trials);
        var days = r.PerMeasuredDay ? a.MeasuredDays : 1;
        double xa = 0, ya = 0, xb = 0, yb = 0;
        var used = 0;
        for (var k = 0; k < n; k++)
        {
            var (pxa, pya, pxb, pyb) = (a.Outcome(k, r.Numerator), a.Outcome(k, r.Denominator), b.Outcome(k, r.Numerator), b.Outcome(k, r.Denominator));
            if (double.IsNaN(pxa + pya + pxb + pyb))
            {
                continue;
            }

            (xa, ya, xb, yb) = (xa + pxa, ya + pya, xb + pxb, yb + pyb);
            used++;
        }

        if (used == 0 || ya == 0 || yb == 0)
        {
            return perTrial;
        }

        var (ra, rb, mya, myb) = (xa / ya, xb / yb, ya / used, yb / used);
        double squares = 0;
        for (var k = 0; k < n; k++)
        {
            var (pxa, pya, pxb, pyb) = (a.Outcome(k, r.Numerator), a.Outcome(k, r.Denominator), b.Outcome(k, r.Numerator), b.Outcome(k, r.Denominator));
            if (!double.IsNaN(pxa + pya + pxb + pyb))
            {
                var d = ((pxa - (ra * pya)) / mya) - ((pxb - (rb * pyb)) / myb);
                squares += d * d;
            }
        }

        var sign = r.Complement ? -1 : 1;
        var mean = sign * (ra - rb) * days * scale;
        var half = used > 1 ? Statistics.T975(used - 1) * Math.Sqrt(squares / (used - 1) / used) * days * Math.Abs(scale) : double.NaN;
        return perTrial with { Mean = mean, Ci95Low = mean - half, Ci95High = mean + half };
    }

    /// <summary>Statistics of <see cref="Differences(StrategyResult, StrategyResult, Func{int, double}, double)"/>.</summary>
    public static Statistics Difference(StrategyResult a, StrategyResult b, Func<int, double> differenceInTrial, double scale = 1) =>
        Statistics.Of(Differences(a, b, differenceInTrial, scale));

    /// <summary>Statistics of <see cref="Differences(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    public static Statistics Difference(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Statistics.Of(Differences(a, b));
}
