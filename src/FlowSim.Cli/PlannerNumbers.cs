using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowSim.Cli;

/// <summary>
/// Numbers as a planner writes them on the console: thousands separators, whole units for items
/// counted in whole units, and percentages to the precision their confidence interval supports.
/// Display only: results and JSON keep every digit.
/// </summary>
internal static partial class PlannerNumbers
{
    /// <summary>Most decimals a percentage shows, however tight its interval.</summary>
    private const int MostShareDecimals = 2;

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

    /// <summary>A share as a percentage with <paramref name="decimals"/> decimals: <c>98.9%</c>.</summary>
    public static string Percent(double share, int decimals) =>
        (share * 100).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

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
