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

    /// <summary>Statistics of <see cref="Differences(StrategyResult, StrategyResult, Metric, double)"/>.</summary>
    public static Statistics Difference(StrategyResult a, StrategyResult b, Metric metric, double scale = 1) =>
        Statistics.Of(Differences(a, b, metric, scale));

    /// <summary>Statistics of <see cref="Differences(StrategyResult, StrategyResult, Func{int, double}, double)"/>.</summary>
    public static Statistics Difference(StrategyResult a, StrategyResult b, Func<int, double> differenceInTrial, double scale = 1) =>
        Statistics.Of(Differences(a, b, differenceInTrial, scale));

    /// <summary>Statistics of <see cref="Differences(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    public static Statistics Difference(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Statistics.Of(Differences(a, b));
}
