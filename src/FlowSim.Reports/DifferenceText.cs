using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports;

/// <summary>
/// Paired differences against a baseline as the sweep and audit tables show them: signed, with the
/// half-width of the 95% confidence interval of the per-trial differences.
/// </summary>
public static class DifferenceText
{
    /// <summary>
    /// <c>+EUR 1,234 ± 456</c> for money, <c>-0.4 pp ± 0.1</c> for a share (percentage points),
    /// <c>+12.0 ± 3.1</c> otherwise; <c>0</c> when every trial's difference is zero.
    /// </summary>
    public static string Format(Statistics s, MetricUnit unit, string currency)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.N == 0 || double.IsNaN(s.Mean))
        {
            return MetricText.Undefined;
        }

        if (s.Mean == 0 && !(s.HalfWidth > 0))
        {
            return "0";
        }

        var c = CultureInfo.InvariantCulture;
        var sign = s.Mean < 0 ? "-" : "+";

        // A difference that rounds to nothing shows no sign: "-0.00 pp" would read as a loss.
        string Signed(string magnitude) => magnitude.Any(ch => ch is >= '1' and <= '9') ? sign + magnitude : magnitude;
        double? half = double.IsNaN(s.HalfWidth) ? null : s.HalfWidth;
        switch (unit)
        {
            case MetricUnit.Share:
                var decimals = MetricText.ShareDecimals(s.HalfWidth);
                var format = "N" + decimals.ToString(c);
                var mean = Signed((Math.Abs(s.Mean) * 100).ToString(format, c)) + " pp";
                return half is { } h ? $"{mean} ± {(h * 100).ToString(format, c)}" : mean;
            case MetricUnit.Money:
                var money = Signed(Money.Format(Math.Abs(s.Mean), currency));
                return half is { } hm ? $"{money} ± {Money.Format(hm, "")}" : money;
            default:
                var value = Signed(MetricText.Format(Math.Abs(s.Mean), unit, currency));
                return half is { } hv ? $"{value} ± {MetricText.Format(hv, unit, currency)}" : value;
        }
    }
}
