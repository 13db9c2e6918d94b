using System.Globalization;

namespace FlowSim.Scenarios;

/// <summary>
/// Parses the human units scenario files are written in: durations (<c>10w</c>), rates
/// (<c>140/week</c>), percentages (<c>25%/year</c>) and plain numbers. Every parser returns
/// false with a message a planner understands instead of throwing.
/// </summary>
public static class Units
{
    /// <summary>Days in a year, and so in a <c>y</c> of duration or a <c>/year</c> of rate.</summary>
    public const double DaysPerYear = 365.0;

    /// <summary>Days in a month (<c>mo</c>): a twelfth of a year.</summary>
    public const double DaysPerMonth = DaysPerYear / 12.0;

    /// <summary>
    /// Largest size of any number in a scenario (money, units, rates): a trillion. Far above any
    /// real supply chain, and low enough that sums over 200 years of trials stay exact enough.
    /// </summary>
    public const double MaxMagnitude = 1e12;

    /// <summary>Longest duration a scenario may give (200 years), in days.</summary>
    public const double MaxDurationDays = 200 * DaysPerYear;

    internal const string DurationUnits = "h, d, w, mo, y";
    internal const string RateUnits = "/day, /week, /month, /year";

    /// <summary>
    /// Parses a plain finite number (no units). Rejects NaN, infinity and numbers larger in size
    /// than <see cref="MaxMagnitude"/>.
    /// </summary>
    public static bool TryParseNumber(string text, out double value, out string error)
    {
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && Math.Abs(value) <= MaxMagnitude)
        {
            error = "";
            return true;
        }

        error = NumberError(t, text, $"expected a number, got '{text}'");
        value = 0;
        return false;
    }

    /// <summary>
    /// Parses a duration into days: a number followed by <c>h</c>, <c>d</c>, <c>w</c>,
    /// <c>mo</c> or <c>y</c> (<c>36h</c>, <c>5d</c>, <c>10w</c>, <c>6mo</c>, <c>2y</c>).
    /// A bare 0 needs no unit.
    /// </summary>
    public static bool TryParseDuration(string text, out double days, out string error)
    {
        days = 0;
        var t = text.Trim();
        SplitNumberAndUnit(t, out var numberPart, out var unit);
        if (!TryParseNumber(numberPart, out var n, out _))
        {
            error = NumberError(numberPart, text, $"expected a duration such as 5d, 10w, 6mo or 2y, got '{text}'");
            return false;
        }

        double scale;
        switch (unit)
        {
            case "": scale = n == 0 ? 0 : double.NaN; break;
            case "h": scale = 1.0 / 24.0; break;
            case "d": scale = 1; break;
            case "w": scale = 7; break;
            case "mo": scale = DaysPerMonth; break;
            case "y": scale = DaysPerYear; break;
            case "m":
                error = $"'{text}': 'm' is ambiguous; write mo for months (or d, w, y)";
                return false;
            default:
                error = $"unknown unit '{unit}' in '{text}': expected one of {DurationUnits}";
                return false;
        }

        if (double.IsNaN(scale))
        {
            error = $"'{text}' has no unit: write it as a duration such as {n.ToString(CultureInfo.InvariantCulture)}d or {n.ToString(CultureInfo.InvariantCulture)}w";
            return false;
        }

        days = n * scale;
        if (Math.Abs(days) > MaxDurationDays)
        {
            days = 0;
            error = $"'{text}' is too long; durations are limited to 200y";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>
    /// Parses a rate into units per day: <c>20/day</c>, <c>140/week</c>, <c>600/month</c>,
    /// <c>5000/year</c>; a bare number is per day.
    /// </summary>
    public static bool TryParseRatePerDay(string text, out double perDay, out string error)
    {
        perDay = 0;
        var t = text.Trim();
        var slash = t.IndexOf('/');
        var numberPart = slash < 0 ? t : t[..slash].Trim();
        if (!TryParseNumber(numberPart, out var n, out _))
        {
            error = NumberError(numberPart, text, $"expected a quantity per period such as 20/day or 140/week, got '{text}'");
            return false;
        }

        if (slash < 0)
        {
            perDay = n;
            error = "";
            return true;
        }

        if (!TryPeriodDays(t[(slash + 1)..].Trim(), out var periodDays))
        {
            error = $"unknown unit '/{t[(slash + 1)..].Trim()}' in '{text}': expected one of {RateUnits}";
            return false;
        }

        perDay = n / periodDays;
        return Finite(ref perDay, text, out error);
    }

    /// <summary>
    /// Parses a share: <c>0.95</c> or <c>95%</c> both give 0.95.
    /// </summary>
    public static bool TryParseFraction(string text, out double fraction, out string error)
    {
        var t = text.Trim();
        if (t.EndsWith('%'))
        {
            if (TryParseNumber(t[..^1], out var pct, out _))
            {
                fraction = pct / 100.0;
                error = "";
                return true;
            }

            fraction = 0;
            error = NumberError(t[..^1], text, $"expected a percentage such as 95%, got '{text}'");
            return false;
        }

        if (t.Contains('/'))
        {
            fraction = 0;
            error = $"expected a share such as 0.95 or 95%, got '{text}'";
            return false;
        }

        if (TryParseNumber(t, out fraction, out _))
        {
            error = "";
            return true;
        }

        error = NumberError(t, text, $"expected a share such as 0.95 or 95%, got '{text}'");
        return false;
    }

    /// <summary>
    /// Parses a rate per year: <c>25%/year</c>, <c>2%/month</c>, <c>25%</c> or <c>0.25</c>
    /// (the last two meaning per year). Returns the yearly fraction.
    /// </summary>
    public static bool TryParseYearlyRate(string text, out double perYear, out string error)
    {
        var t = text.Trim();
        var slash = t.IndexOf('/');
        var share = slash < 0 ? t : t[..slash].Trim();
        if (!TryParseFraction(share, out var f, out _))
        {
            perYear = 0;
            error = NumberError(share.TrimEnd('%'), text, $"expected a yearly rate such as 25%/year, got '{text}'");
            return false;
        }

        var periodDays = DaysPerYear;
        if (slash >= 0 && !TryPeriodDays(t[(slash + 1)..].Trim(), out periodDays))
        {
            perYear = 0;
            error = $"unknown unit '/{t[(slash + 1)..].Trim()}' in '{text}': expected one of {RateUnits}";
            return false;
        }

        perYear = f * DaysPerYear / periodDays;
        return Finite(ref perYear, text, out error);
    }

    /// <summary>Writes a duration in days back in the unit a planner would use.</summary>
    public static string FormatDays(double days)
    {
        static string N(double x) => Math.Round(x, 2).ToString("0.##", CultureInfo.InvariantCulture);
        if (double.IsPositiveInfinity(days))
        {
            return "unlimited";
        }

        if (days != 0 && days % 7 == 0)
        {
            return N(days / 7) + "w";
        }

        return N(days) + "d";
    }

    /// <summary>A finite number converted to days (1e308y) can overflow; refuse it like 1e400.</summary>
    private static bool Finite(ref double value, string text, out string error)
    {
        if (double.IsFinite(value))
        {
            error = "";
            return true;
        }

        value = 0;
        error = $"'{text}' is too large";
        return false;
    }

    /// <summary>
    /// The message for a number that did not parse: overflow (1e400) and NaN read as numbers to
    /// .NET, so say what is wrong with them rather than ask for a number.
    /// </summary>
    private static string NumberError(string number, string text, string otherwise)
    {
        // YAML spells them .nan, .inf and -.inf.
        var yaml = number.Trim().ToLowerInvariant();
        if (yaml is ".nan")
        {
            return $"'{text}' is not a number";
        }

        if (yaml is ".inf" or "+.inf" or "-.inf")
        {
            return $"'{text}' is not a finite number";
        }

        if (!double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return otherwise;
        }

        return double.IsNaN(v) ? $"'{text}' is not a number"
            : number.Contains("inf", StringComparison.OrdinalIgnoreCase) ? $"'{text}' is not a finite number"
            : $"'{text}' is too large; numbers in a scenario are limited to 1e12 (a million million)";
    }

    private static bool TryPeriodDays(string unit, out double days)
    {
        days = unit switch
        {
            "day" or "d" => 1,
            "week" or "w" => 7,
            "month" or "mo" => DaysPerMonth,
            "year" or "y" => DaysPerYear,
            _ => double.NaN,
        };
        return !double.IsNaN(days);
    }

    private static void SplitNumberAndUnit(string text, out string number, out string unit)
    {
        // The unit is the trailing run of letters: "10w" -> ("10", "w"), "1e3d" keeps "1e3".
        var end = text.Length;
        while (end > 0 && char.IsLetter(text[end - 1]))
        {
            end--;
        }

        number = text[..end].Trim();
        unit = text[end..];
    }
}
