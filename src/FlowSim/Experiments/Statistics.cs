using MathNet.Numerics.Distributions;

namespace FlowSim.Experiments;

/// <summary>
/// Summary statistics of one quantity over the trials: mean, sample standard deviation, the 95%
/// confidence interval of the mean (Student t) and percentiles (linear interpolation between
/// order statistics, as spreadsheets' PERCENTILE.INC). Trials where the quantity is undefined
/// (a time to survive when nothing fell short) are left out, and <see cref="N"/> says how many
/// remain.
/// </summary>
/// <param name="Mean">Mean over trials.</param>
/// <param name="Std">Sample standard deviation over trials (n - 1 denominator); 0 for one trial.</param>
/// <param name="Ci95Low">Lower end of the 95% confidence interval of the mean.</param>
/// <param name="Ci95High">Upper end of the 95% confidence interval of the mean.</param>
/// <param name="P5">5th percentile over trials.</param>
/// <param name="P50">Median over trials.</param>
/// <param name="P95">95th percentile over trials.</param>
/// <param name="N">Trials in which the quantity was defined.</param>
public sealed record Statistics(double Mean, double Std, double Ci95Low, double Ci95High, double P5, double P50, double P95, int N)
{
    /// <summary>Statistics of nothing: every number undefined.</summary>
    public static Statistics Undefined { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    /// <summary>Half the width of the 95% confidence interval.</summary>
    public double HalfWidth => (Ci95High - Ci95Low) / 2;

    /// <summary>Summarises values given in trial order. The order fixes the rounding, so results are reproducible.</summary>
    public static Statistics Of(ReadOnlySpan<double> values)
    {
        var defined = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                defined.Add(v);
            }
        }

        var n = defined.Count;
        if (n == 0)
        {
            return Undefined;
        }

        double sum = 0;
        foreach (var v in defined)
        {
            sum += v;
        }

        var mean = sum / n;
        double squares = 0;
        foreach (var v in defined)
        {
            squares += (v - mean) * (v - mean);
        }

        var std = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        var half = n > 1 ? StudentT.InvCDF(0, 1, n - 1, 0.975) * std / Math.Sqrt(n) : 0;
        var sorted = defined.ToArray();
        Array.Sort(sorted);
        return new Statistics(mean, std, mean - half, mean + half,
            Percentile(sorted, 0.05), Percentile(sorted, 0.50), Percentile(sorted, 0.95), n);
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
