using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports;

/// <summary>
/// Numbers of metrics as a planner reads them, the same on the console and in the HTML report:
/// shares as percentages, money in the scenario's currency with cents below 100, counts and days
/// whole from 100 up with one decimal below, ratios with two decimals below 100, and <c>n/a</c> where no trial defined the number.
/// Display only: JSON and CSV keep every digit.
/// </summary>
public static class MetricText
{
    /// <summary>What an undefined number (NaN, or no trial defined it) is written as.</summary>
    public const string Undefined = "n/a";

    /// <summary>Most decimals a percentage shows, however tight its interval.</summary>
    private const int MostShareDecimals = 2;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A single number in a unit: <c>98.9%</c>, <c>EUR 1,068</c>, <c>1,764</c>, <c>36.4</c>, <c>5.74</c>.</summary>
    /// <param name="v">The number.</param>
    /// <param name="unit">Its unit.</param>
    /// <param name="currency">The scenario's currency; empty leaves it out (the console names it once above the table).</param>
    public static string Format(double v, MetricUnit unit, string currency) => unit switch
    {
        _ when double.IsNaN(v) => Undefined,
        MetricUnit.Share => Percent(v, 1),
        MetricUnit.Money => Money.Format(v, currency),
        MetricUnit.Ratio => v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.00", Invariant),
        _ => v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.0", Invariant),
    };

    /// <summary>
    /// A mean and the half-width of its 95% confidence interval, <c>mean ± half-width</c>; the mean
    /// alone when the interval is unknown (one trial). A percentage shows the decimals its interval
    /// supports (<see cref="ShareDecimals"/>).
    /// </summary>
    /// <param name="s">The statistics of the metric over the trials.</param>
    /// <param name="unit">Its unit.</param>
    /// <param name="currency">The scenario's currency; empty leaves it out.</param>
    public static string MeanCi(Statistics s, MetricUnit unit, string currency)
    {
        var (mean, halfWidth) = MeanAndHalfWidth(s, unit, currency);
        return halfWidth is null ? mean : $"{mean} ± {halfWidth}";
    }

    /// <summary>The two numbers of <see cref="MeanCi"/> apart, for a page that escapes each; the half-width is null when it is not shown.</summary>
    /// <param name="s">The statistics of the metric over the trials.</param>
    /// <param name="unit">Its unit.</param>
    /// <param name="currency">The scenario's currency; empty leaves it out.</param>
    public static (string Mean, string? HalfWidth) MeanAndHalfWidth(Statistics s, MetricUnit unit, string currency)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.N == 0 || double.IsNaN(s.Mean))
        {
            return (Undefined, null);
        }

        if (unit == MetricUnit.Share)
        {
            var decimals = ShareDecimals(s.HalfWidth);
            return (Percent(s.Mean, decimals), double.IsNaN(s.HalfWidth) ? null : Percent(s.HalfWidth, decimals));
        }

        return (Format(s.Mean, unit, currency), double.IsNaN(s.HalfWidth) ? null : Format(s.HalfWidth, unit, currency));
    }

    /// <summary>
    /// Decimals of a percentage whose 95% CI half-width is <paramref name="halfWidth"/> (a share):
    /// one significant digit of the half-width, so ±6% shows none, ±0.3% one and ±0.01% two.
    /// A half-width of zero (every trial alike) or an unknown one shows one decimal.
    /// </summary>
    public static int ShareDecimals(double halfWidth)
    {
        var points = Math.Abs(halfWidth) * 100;
        if (double.IsNaN(points) || double.IsInfinity(points) || points == 0)
        {
            return 1;
        }

        return Math.Clamp(-(int)Math.Floor(Math.Log10(points)), 0, MostShareDecimals);
    }

    /// <summary>A share as a percentage with <paramref name="decimals"/> decimals: <c>98.9%</c>; <c>n/a</c> for NaN.</summary>
    public static string Percent(double share, int decimals) =>
        double.IsNaN(share) ? Undefined
        : (share * 100).ToString("N" + decimals.ToString(Invariant), Invariant) + "%";
}
