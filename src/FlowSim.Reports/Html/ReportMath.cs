using FlowSim.Experiments;

namespace FlowSim.Reports.Html;

/// <summary>The few statistics a report needs beyond <see cref="Statistics"/>: tail risk and paired differences.</summary>
internal static class ReportMath
{
    /// <summary>
    /// Conditional value at risk of a cost: the mean of the worst (highest) share
    /// 1 - <paramref name="level"/> of the defined values, at least one value; NaN for none.
    /// </summary>
    public static double ConditionalValueAtRisk(IReadOnlyList<double> values, double level = 0.95)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderByDescending(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        // Rounded first: 100 x (1 - 0.95) is 5.000000000000004 in floating point, and the tail is 5 trials.
        var tail = Math.Max(1, (int)Math.Ceiling(Math.Round(sorted.Length * (1 - level), 9)));
        double sum = 0;
        for (var k = 0; k < tail; k++)
        {
            sum += sorted[k];
        }

        return sum / tail;
    }

    /// <summary>
    /// Trial-by-trial differences a - b (common random numbers make trial k comparable across
    /// strategies) with the t-interval of their mean; trials where either is undefined are left out.
    /// </summary>
    public static Statistics PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var n = Math.Min(a.Count, b.Count);
        var differences = new double[n];
        for (var k = 0; k < n; k++)
        {
            differences[k] = a[k] - b[k];
        }

        return Statistics.Of(differences);
    }
}
