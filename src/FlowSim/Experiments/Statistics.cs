using FlowSim.Stochastic;
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
/// <param name="Std">Sample standard deviation over trials (n - 1 denominator); NaN for one trial.</param>
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

    // Set when the interval was cut to the range the quantity can take (see Within).
    private double? _halfWidth;

    /// <summary>
    /// Half the width of the 95% confidence interval: the precision of the mean. For a share whose
    /// interval was cut at 0% or 100% (<see cref="Within"/>) it stays the half-width before the cut,
    /// so the ± shown, a run to a precision and a search's plausible range keep their meaning.
    /// </summary>
    public double HalfWidth => _halfWidth ?? ((Ci95High - Ci95Low) / 2);

    /// <summary>
    /// The same statistics with the 95% interval cut to [<paramref name="lower"/>, <paramref name="upper"/>],
    /// the values the quantity can take: a fill rate near 100% over few trials has a symmetric
    /// interval that reaches past 100%, which no trial can give. The cut interval still holds the
    /// true mean at least as often. <see cref="HalfWidth"/> keeps the uncut figure.
    /// </summary>
    public Statistics Within(double lower, double upper)
    {
        if (!(Ci95Low < lower) && !(Ci95High > upper))
        {
            return this;
        }

        return this with { Ci95Low = Math.Max(Ci95Low, lower), Ci95High = Math.Min(Ci95High, upper), _halfWidth = HalfWidth };
    }

    /// <summary>A share's statistics: the interval cut to 0..1 (<see cref="Within"/>).</summary>
    internal Statistics AsShare() => Within(0, 1);

    /// <summary>Value at risk at 95% for a cost: the 95th percentile, exceeded in 1 trial in 20.</summary>
    public double Var95 => P95;

    /// <summary>
    /// Conditional value at risk at 95% for a cost: the mean of the worst (highest) 5% of trials,
    /// the expected cost of a 1-in-20 bad outcome. With 5% of n not a whole number of trials, the
    /// boundary trial counts in proportion (the Acerbi-Tasche estimator).
    /// </summary>
    public double Cvar95 { get; init; } = double.NaN;

    /// <summary>
    /// The statistics of the same quantity multiplied by a positive factor, such as a total over
    /// the measured period turned into a figure per year.
    /// </summary>
    public Statistics Times(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return new(Mean * factor, Std * factor, Ci95Low * factor, Ci95High * factor, P5 * factor, P50 * factor, P95 * factor, N)
        {
            Cvar95 = Cvar95 * factor,
        };
    }

    /// <summary>Summarises values given in trial order. The order fixes the rounding, so results are reproducible.</summary>
    public static Statistics Of(ReadOnlySpan<double> values) => Of(values, null);

    /// <summary>As <see cref="Of(ReadOnlySpan{double})"/>, sorting in <paramref name="scratch"/> (at least as long as the values) instead of a new array.</summary>
    internal static Statistics Of(ReadOnlySpan<double> values, double[]? scratch)
    {
        // One array: the defined values in trial order (the order fixes the sums), later sorted in place.
        var n = 0;
        foreach (var v in values)
        {
            n += double.IsNaN(v) ? 0 : 1;
        }

        var defined = scratch is not null && scratch.Length >= n ? scratch.AsSpan(0, n) : new double[n];
        var at = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                defined[at++] = v;
            }
        }

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

        // One trial says nothing about spread: no standard deviation and no interval, rather than a certain-looking zero.
        var std = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
        var half = n > 1 ? T975(n - 1) * std / Math.Sqrt(n) : double.NaN;
        var sorted = defined;
        sorted.Sort();
        return new Statistics(mean, std, mean - half, mean + half,
            Percentile(sorted, 0.05), Percentile(sorted, 0.50), Percentile(sorted, 0.95), n)
        {
            Cvar95 = UpperTailMean(sorted, 0.05),
        };
    }

    /// <summary>
    /// A ratio metric (fill rate, cycle service level, average order size, ...) estimated as the ratio
    /// of its totals over all trials: sum of numerators / sum of denominators, times
    /// <paramref name="scale"/> (one minus that for a <paramref name="complement"/>). The mean of
    /// per-trial ratios is biased when trials are short or demand sparse (a trial with little demand
    /// weighs as much as one with much); the ratio of totals weighs every unit alike. Its 95%
    /// interval comes from the delta method: the standard error of sum x / sum y is the standard
    /// deviation of x - R y over trials, over the square root of n, over the mean of y. The
    /// standard deviation, percentiles and CVaR stay those of the per-trial ratios in
    /// <paramref name="perTrial"/> (given in trial order), which describe how one trial varies.
    /// </summary>
    internal static Statistics OfRatio(ReadOnlySpan<double> numerators, ReadOnlySpan<double> denominators, ReadOnlySpan<double> perTrial, double scale, bool complement, double[]? scratch)
    {
        var m = default(RatioMoments);
        for (var k = 0; k < numerators.Length; k++)
        {
            m.Add(numerators[k], denominators[k], double.NaN);
        }

        return Ratio(m.N, m.MeanX, m.MeanY, m.Cxx, m.Cyy, m.Cxy, scale, complement, Of(perTrial, scratch));
    }

    /// <summary>The ratio of totals from running moments: see <see cref="OfRatio"/>.</summary>
    internal static Statistics Ratio(long n, double meanX, double meanY, double cxx, double cyy, double cxy, double scale, bool complement, Statistics perTrial)
    {
        if (n == 0 || meanY == 0)
        {
            // No denominator in any trial (no demand, no orders): what each trial says on its own
            // (a fill rate of 1 where nothing was asked for, an undefined order size).
            return perTrial;
        }

        var r = meanX / meanY;
        var spread = n > 1 ? Math.Max(0, cxx - (2 * r * cxy) + (r * r * cyy)) / (n - 1) : double.NaN;
        var half = n > 1 ? T975(n - 1) * Math.Sqrt(spread / n) / Math.Abs(meanY) * scale : double.NaN;
        var mean = complement ? 1 - (r * scale) : r * scale;
        return perTrial with { Mean = mean, Ci95Low = mean - half, Ci95High = mean + half };
    }

    /// <summary>The standard normal's 0.975 quantile, the z of a two-sided 95% interval.</summary>
    public const double NormalQuantile975 = 1.959963984540054;

    /// <summary>The standard normal's <paramref name="p"/>-quantile (z such that P(Z &lt;= z) = p).</summary>
    public static double NormalQuantile(double p) => StandardNormal.Quantile(p);

    /// <summary>Student's t distribution's <paramref name="p"/>-quantile with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double StudentTQuantile(double p, double degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, p);

    /// <summary>
    /// The 0.975 quantile of Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom,
    /// remembered: item-level results ask it for thousands of figures of the same trial count, and
    /// each evaluation takes tens of microseconds. The value is the same as <see cref="StudentTQuantile"/>'s.
    /// </summary>
    internal static double T975(long degreesOfFreedom) => T975Cache.GetOrAdd(degreesOfFreedom, d => StudentTQuantile(0.975, d));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, double> T975Cache = new();

    /// <summary>The mean of the highest <paramref name="share"/> of sorted values, the boundary value weighted by its fraction.</summary>
    public static double UpperTailMean(ReadOnlySpan<double> sorted, double share)
    {
        var weight = share * sorted.Length;
        if (sorted.Length == 0 || weight <= 0)
        {
            return double.NaN;
        }

        var whole = (int)Math.Floor(weight);
        double sum = 0;
        for (var k = sorted.Length - whole; k < sorted.Length; k++)
        {
            sum += sorted[k];
        }

        var fraction = weight - whole;
        if (fraction > 0 && whole < sorted.Length)
        {
            sum += fraction * sorted[sorted.Length - whole - 1];
        }

        return sum / weight;
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
