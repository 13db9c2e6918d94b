using System.Globalization;

namespace FlowSim.Reports;

/// <summary>How every CSV file FlowSim writes spells its cells (RFC 4180 quoting, round-trip numbers).</summary>
internal static class Csv
{
    /// <summary>A text field, quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>A number that reads back exactly, with a dot; empty when undefined.</summary>
    public static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
