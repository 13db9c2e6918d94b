using System.Globalization;

namespace FlowSim.Reports;

/// <summary>How every CSV file FlowSim writes spells its cells (RFC 4180 quoting, round-trip numbers).</summary>
internal static class Csv
{
    /// <summary>
    /// A text field, quoted when it holds a comma, quote or line break. Text that a spreadsheet
    /// would run as a formula (it begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
    /// carriage return and is not a number) is neutralised as OWASP recommends against CSV
    /// injection: a single quote in front, and the cell quoted. A strategy named
    /// <c>=HYPERLINK(...)</c> then shows as text, never as a live formula.
    /// </summary>
    public static string Field(string text)
    {
        if (IsFormula(text))
        {
            return "\"'" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>A number that reads back exactly, with a dot; empty when undefined.</summary>
    public static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>True for text a spreadsheet would read as a formula: a formula character first, and not a plain number.</summary>
    internal static bool IsFormula(string text) =>
        text.Length > 0 && FormulaStart(text[0])
        && !double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

    private static bool FormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
