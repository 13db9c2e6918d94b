using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowSim.Planning;

/// <summary>
/// Values of one scenario setting to try, written <c>FROM..TO:STEP</c> in the YAML's units:
/// <c>8w..14w:2w</c>, <c>90%..99%:3%</c>, <c>100..200:25</c>. The values keep the unit, so each
/// is checked by the loader exactly as if written in the file.
/// </summary>
/// <param name="From">First value.</param>
/// <param name="To">Last value (included when the steps land on it).</param>
/// <param name="Step">Distance between values; positive.</param>
/// <param name="Unit">The unit suffix shared by the three (<c>w</c>, <c>%</c>, <c>/day</c>), or empty.</param>
public sealed partial record ParameterRange(double From, double To, double Step, string Unit)
{
    /// <summary>Most values one range may hold.</summary>
    public const int MaxValues = 1000;

    /// <summary>The values from <see cref="From"/> to <see cref="To"/>, as the loader reads them.</summary>
    public ImmutableArray<string> Values => [.. Numbers.Select(Format)];

    /// <summary>The numeric values, without unit.</summary>
    public ImmutableArray<double> Numbers
    {
        get
        {
            var n = (int)Math.Floor(((To - From) / Step) + 1e-9) + 1;
            return [.. Enumerable.Range(0, n).Select(k => Math.Round(From + (k * Step), 10))];
        }
    }

    /// <summary>A number with this range's unit, as the loader reads it.</summary>
    public string Format(double number) => number.ToString("0.##########", CultureInfo.InvariantCulture) + Unit;

    /// <summary>Parses <c>FROM..TO:STEP</c>; <paramref name="defaultSteps"/> divides the range when no step is given (0 = a step is required).</summary>
    public static ParameterRange? TryParse(string text, int defaultSteps, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = "";
        var t = text.Trim();
        var dots = t.IndexOf("..", StringComparison.Ordinal);
        if (dots <= 0)
        {
            error = $"expected FROM..TO:STEP in the setting's units, such as 8w..14w:1w or 90%..99%:1%, got '{text}'";
            return null;
        }

        var rest = t[(dots + 2)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var toText = colon < 0 ? rest : rest[..colon];
        var stepText = colon < 0 ? null : rest[(colon + 1)..];
        if (!Number(t[..dots], out var from, out var fromUnit) || !Number(toText, out var to, out var toUnit))
        {
            error = $"FROM and TO must be numbers with the same unit, such as 8w..14w, got '{text}'";
            return null;
        }

        if (fromUnit != toUnit)
        {
            error = $"FROM and TO must have the same unit, got '{fromUnit}' and '{toUnit}' in '{text}'";
            return null;
        }

        if (to < from)
        {
            error = $"TO must not be below FROM in '{text}'";
            return null;
        }

        double step;
        if (stepText is not null)
        {
            if (!Number(stepText, out step, out var stepUnit) || (stepUnit.Length > 0 && stepUnit != fromUnit) || step <= 0)
            {
                error = $"STEP must be a positive number in the same unit as FROM and TO, got '{stepText}' in '{text}'";
                return null;
            }
        }
        else if (defaultSteps > 0)
        {
            var wholeRange = Math.Floor(from) == from && Math.Floor(to) == to;
            step = to == from ? 1 : wholeRange && to - from <= defaultSteps ? 1 : (to - from) / defaultSteps;
        }
        else
        {
            error = $"a STEP is needed: FROM..TO:STEP, got '{text}'";
            return null;
        }

        var range = new ParameterRange(from, to, step, fromUnit);
        if (((to - from) / step) + 1 > MaxValues)
        {
            error = $"'{text}' gives more than {MaxValues:N0} values; use a larger step";
            return null;
        }

        return range;
    }

    /// <summary>A number with an optional unit suffix: <c>8w</c>, <c>95%</c>, <c>0.95</c>.</summary>
    internal static bool TryNumber(string text, out double value, out string unit) => Number(text, out value, out unit);

    private static bool Number(string text, out double value, out string unit)
    {
        var m = NumberPattern().Match(text.Trim());
        unit = m.Success ? m.Groups["unit"].Value : "";
        value = 0;
        return m.Success && double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    [GeneratedRegex(@"^(?<n>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?<unit>[a-zA-Z%/]*)$")]
    private static partial Regex NumberPattern();
}
