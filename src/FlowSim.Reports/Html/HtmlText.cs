using System.Globalization;
using System.Net;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports.Html;

/// <summary>
/// Escaping and number formats for the report: invariant culture, units and currency. Every
/// formatter returns HTML, ready to append: the currency comes from the scenario and is escaped
/// like any other name.
/// </summary>
internal static class HtmlText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Text from a scenario or a result, escaped for HTML content and attribute values.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number in a metric's unit, written as the console writes it (<see cref="MetricText.Format"/>), as HTML.</summary>
    public static string Format(double v, MetricUnit unit, string currency) => E(MetricText.Format(v, unit, currency));

    /// <summary>Money with the currency in front, whole units above 100, as HTML.</summary>
    public static string Money(double v, string currency) => Format(v, MetricUnit.Money, currency);

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double v) => Format(v, MetricUnit.Share, "");

    /// <summary>A plain number with up to two decimals.</summary>
    public static string Number(double v) => double.IsNaN(v) ? MetricText.Undefined : v.ToString("#,0.##", Invariant);

    /// <summary>Days, shown in weeks or years when whole.</summary>
    public static string Days(double days) => days switch
    {
        365 => "1 year (365 days)",
        7 => "1 week (7 days)",
        1 => "1 day",
        _ when days >= 365 && days % 365 == 0 => $"{days / 365:0} years ({days:0} days)",
        _ when days >= 7 && days % 7 == 0 => $"{days / 7:0} weeks ({days:0} days)",
        _ => Number(days) + " days",
    };

    /// <summary>Mean ± half the 95% confidence interval, written as the console writes it (<see cref="MetricText.MeanCi"/>), as HTML.</summary>
    public static string MeanCi(Statistics s, MetricUnit unit, string currency)
    {
        var (mean, halfWidth) = MetricText.MeanAndHalfWidth(s, unit, currency);
        return halfWidth is null ? E(mean) : $"{E(mean)} ± {E(halfWidth)}";
    }

    /// <summary>The 95% confidence interval as "from a to b".</summary>
    public static string Ci(Statistics s, MetricUnit unit, string currency) =>
        $"{Format(s.Ci95Low, unit, currency)} to {Format(s.Ci95High, unit, currency)}";

    /// <summary>A number for a plotly attribute: NaN has no JSON form, so it becomes 0.</summary>
    public static double Plot(double v) => double.IsFinite(v) ? v : 0;
}
