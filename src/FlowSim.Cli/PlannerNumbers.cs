using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowSim.Cli;

/// <summary>
/// Quantities in policy lines as a planner writes them on the console: thousands separators and
/// whole units for items counted in whole units. Metrics are written by <see cref="Reports.MetricText"/>.
/// Display only: results and JSON keep every digit.
/// </summary>
internal static partial class PlannerNumbers
{
    /// <summary>
    /// A quantity of an item: whole units with separators when the item is counted in whole units
    /// or the amount is 100 or more (<c>1,119</c>), else one decimal at most (<c>21.6</c>).
    /// </summary>
    public static string Units(double units, bool wholeUnits) =>
        wholeUnits || Math.Abs(units) >= 100
            ? (Math.Round(units, MidpointRounding.AwayFromZero) + 0.0).ToString("N0", CultureInfo.InvariantCulture)
            : units.ToString("#,##0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// A policy summary with its stock levels, quantities and safety stock rewritten by
    /// <see cref="Units(double, bool)"/>; other numbers (days, shares, fractiles) are left as they are.
    /// </summary>
    public static string PolicySummary(string summary, bool wholeUnits) =>
        Quantity().Replace(summary, m => Units(double.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture), wholeUnits));

    // Levels (s=, S=, Q=), safety stock, minimum batches and batch sizes ("1119 at 26w").
    [GeneratedRegex(@"(?<=(?:\b[sSQ]=|safety stock |min batch ))-?\d+(?:\.\d+)?(?![\d.])|(?<![\w.])-?\d+(?:\.\d+)?(?= at \d)", RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();
}
