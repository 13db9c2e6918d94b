using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace FlowSim.Scenarios;

/// <summary>What a history file records, told by its header.</summary>
public enum HistoryKind
{
    /// <summary>Dated customer demand: <c>date,item,location,quantity</c> (and optionally <c>unit_cost</c>).</summary>
    Demand,

    /// <summary>Dated receipts of orders: <c>order_date,receipt_date,supplier,item</c> (and optionally <c>location</c>, <c>quantity</c>).</summary>
    Receipts,
}

/// <summary>One row of a demand history: units of an item demanded at a location on a day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Item">Item id.</param>
/// <param name="Location">Stock point id where the demand fell.</param>
/// <param name="Quantity">Units demanded, zero or more.</param>
/// <param name="UnitCost">Money per unit from the optional <c>unit_cost</c> column; null without it.</param>
public sealed record DemandRecord(DateOnly Date, string Item, string Location, double Quantity, double? UnitCost);

/// <summary>One row of a receipts history: an order of an item from a supplier and the day it arrived.</summary>
/// <param name="OrderDate">Day the order was placed.</param>
/// <param name="ReceiptDate">Day it was received; never before <paramref name="OrderDate"/>.</param>
/// <param name="Supplier">Supplier id.</param>
/// <param name="Item">Item id.</param>
/// <param name="Location">Receiving stock point id from the optional <c>location</c> column; null without it.</param>
public sealed record ReceiptRecord(DateOnly OrderDate, DateOnly ReceiptDate, string Supplier, string Item, string? Location)
{
    /// <summary>Order-to-receipt time in whole days.</summary>
    public int LeadTimeDays => ReceiptDate.DayNumber - OrderDate.DayNumber;
}

/// <summary>A problem in a history file, printed as <c>file:line:col column: message</c>.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line; 0 for the whole file.</param>
/// <param name="Column">1-based column of the field; 0 for the whole file.</param>
/// <param name="Field">Column name, or empty.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record HistoryError(string File, int Line, int Column, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Line > 0 ? $"{File}:{Line}:{Column}" : File)}{(Field.Length > 0 ? $" {Field}:" : ":")} {Message}";
}

/// <summary>A read history file: its kind and rows, or the problems that stop it being read.</summary>
/// <param name="File">The file as named.</param>
/// <param name="Kind">Demand or receipts, from the header.</param>
/// <param name="Demand">Demand rows in file order (empty for a receipts file).</param>
/// <param name="Receipts">Receipt rows in file order (empty for a demand file).</param>
/// <param name="Errors">Every problem found; the file is usable only when this is empty.</param>
public sealed record HistoryFile(string File, HistoryKind Kind, ImmutableArray<DemandRecord> Demand, ImmutableArray<ReceiptRecord> Receipts, ImmutableArray<HistoryError> Errors)
{
    /// <summary>True when the file was read without problems.</summary>
    public bool IsValid => Errors.IsEmpty;
}

/// <summary>
/// Reads demand and receipts histories from CSV: comma separated, a header row naming the columns
/// (any order, case-insensitive, extra columns ignored), ISO dates (<c>2025-03-31</c>), numbers
/// with a decimal point. Lines that are blank or start with <c>#</c> are skipped.
/// </summary>
public static class HistoryCsv
{
    /// <summary>Files larger than this are refused.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Most problems listed for one file.</summary>
    public const int MaxErrors = 50;

    internal static readonly string[] DemandColumns = ["date", "item", "location", "quantity"];
    internal static readonly string[] ReceiptColumns = ["order_date", "receipt_date", "supplier", "item"];

    /// <summary>
    /// Reads a history file; never throws for bad input. Only a regular file is read (a pipe or a
    /// device is refused at once), and never more than <see cref="MaxFileBytes"/>.
    /// </summary>
    /// <param name="path">The file; reported in messages as given.</param>
    public static HistoryFile Read(string path)
    {
        var bytes = InputFile.TryRead(path, MaxFileBytes, "history file", out var problem);
        if (bytes is null)
        {
            return Failed(path, problem);
        }

        var text = Encoding.UTF8.GetString(bytes);
        // Spreadsheets on Windows may start UTF-8 files with a byte order mark; it is not part of the first column.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        // A NUL is never in CSV text: this is a binary file (or /proc/self/environ), and none of it is quoted.
        return text.Contains('\0') ? Failed(path, "is a binary file, not CSV text") : Parse(text, path);
    }

    /// <summary>Reads history text (for tests and tools); <paramref name="file"/> names it in messages.</summary>
    public static HistoryFile Parse(string text, string file)
    {
        var errors = new List<HistoryError>();
        var lines = text.Split('\n');
        var headerIndex = Array.FindIndex(lines, l => !Skipped(l));
        if (headerIndex < 0)
        {
            return Failed(file, "is empty; expected a header row such as date,item,location,quantity or order_date,receipt_date,supplier,item");
        }

        var header = Fields(lines[headerIndex]);
        var names = header.Select(h => h.Text.Trim().ToLowerInvariant()).ToList();
        var kind = names.Contains("order_date") || names.Contains("receipt_date") ? HistoryKind.Receipts
            : names.Contains("date") || names.Contains("quantity") ? HistoryKind.Demand
            : (HistoryKind?)null;
        if (kind is null)
        {
            return Failed(file, $"cannot tell what the file records from its header '{InputFile.Excerpt(lines[headerIndex].Trim())}': a demand history has columns {string.Join(",", DemandColumns)}; a receipts history {string.Join(",", ReceiptColumns)}", headerIndex + 1);
        }

        var required = kind == HistoryKind.Demand ? DemandColumns : ReceiptColumns;
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!columns.TryAdd(names[i], i) && names[i].Length > 0)
            {
                errors.Add(new(file, headerIndex + 1, header[i].Column, InputFile.Excerpt(names[i]), "column named twice"));
            }
        }

        foreach (var name in required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(new(file, headerIndex + 1, 1, name, $"missing column '{name}'; a {(kind == HistoryKind.Demand ? "demand" : "receipts")} history needs columns {string.Join(",", required)}"));
        }

        if (errors.Count > 0)
        {
            return new HistoryFile(file, kind.Value, [], [], [.. errors]);
        }

        var demand = ImmutableArray.CreateBuilder<DemandRecord>();
        var receipts = ImmutableArray.CreateBuilder<ReceiptRecord>();
        for (var n = headerIndex + 1; n < lines.Length && errors.Count < MaxErrors; n++)
        {
            if (Skipped(lines[n]))
            {
                continue;
            }

            var row = new Row(file, n + 1, lines[n].TrimEnd('\r').Length, Fields(lines[n]), columns, errors);
            if (kind == HistoryKind.Demand)
            {
                var date = row.Date("date");
                var item = row.Id("item");
                var location = row.Id("location");
                var quantity = row.Number("quantity", required: true);
                var cost = row.Number("unit_cost", required: false);
                if (row.Ok)
                {
                    demand.Add(new DemandRecord(date, item, location, quantity!.Value, cost));
                }
            }
            else
            {
                var ordered = row.Date("order_date");
                var received = row.Date("receipt_date");
                var supplier = row.Id("supplier");
                var item = row.Id("item");
                var location = columns.ContainsKey("location") ? row.Id("location") : null;
                if (row.Ok && received < ordered)
                {
                    row.Error("receipt_date", $"is before order_date {ordered:yyyy-MM-dd}; a receipt cannot come before its order");
                }

                if (row.Ok)
                {
                    receipts.Add(new ReceiptRecord(ordered, received, supplier, item, location));
                }
            }
        }

        if (errors.Count == 0 && demand.Count + receipts.Count == 0)
        {
            errors.Add(new(file, 0, 0, "", "has a header but no rows"));
        }

        return new HistoryFile(file, kind.Value, demand.ToImmutable(), receipts.ToImmutable(), [.. errors]);
    }

    private static HistoryFile Failed(string file, string message, int line = 0) =>
        new(file, HistoryKind.Demand, [], [], [new HistoryError(file, line, line > 0 ? 1 : 0, "", message)]);

    private static bool Skipped(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    /// <summary>Splits a CSV line into fields with their 1-based columns; double quotes may wrap a field.</summary>
    private static List<(string Text, int Column)> Fields(string line)
    {
        line = line.TrimEnd('\r');
        var fields = new List<(string, int)>();
        var i = 0;
        while (true)
        {
            var start = i;
            var text = new StringBuilder();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length && !(line[i] == '"' && (i + 1 >= line.Length || line[i + 1] != '"')))
                {
                    text.Append(line[i]);
                    i += line[i] == '"' ? 2 : 1;
                }

                i = Math.Min(line.Length, i + 1);
            }

            while (i < line.Length && line[i] != ',')
            {
                text.Append(line[i++]);
            }

            fields.Add((text.ToString(), start + 1));
            if (i >= line.Length)
            {
                return fields;
            }

            i++;
        }
    }

    /// <summary>One data row, read field by field; each problem is recorded with its column.</summary>
    private sealed class Row(string file, int line, int length, List<(string Text, int Column)> fields, Dictionary<string, int> columns, List<HistoryError> errors)
    {
        public bool Ok { get; private set; } = true;

        public void Error(string column, string message)
        {
            var i = columns[column];
            // A field missing from a short row is pointed at the end of the line, where it should be.
            errors.Add(new(file, line, i < fields.Count ? fields[i].Column : length + 1, column, message));
            Ok = false;
        }

        private string? Text(string column)
        {
            var i = columns[column];
            if (i < fields.Count)
            {
                return fields[i].Text.Trim();
            }

            Error(column, $"missing: the row has {fields.Count} fields, the header {columns.Count}");
            return null;
        }

        public DateOnly Date(string column)
        {
            var text = Text(column);
            if (text is null)
            {
                return default;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Error(column, $"expected a date as YYYY-MM-DD, got '{InputFile.Excerpt(text)}'");
            }

            return date;
        }

        public string Id(string column)
        {
            var text = Text(column);
            if (text is null)
            {
                return "";
            }

            if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                Error(column, $"expected an id (letters, digits, '-', '_', '.'), got '{InputFile.Excerpt(text)}'");
            }

            return text;
        }

        public double? Number(string column, bool required)
        {
            if (!columns.ContainsKey(column))
            {
                return null;
            }

            var text = Text(column);
            if (text is null || (!required && text.Length == 0))
            {
                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                Error(column, $"expected a number, got '{InputFile.Excerpt(text)}'");
                return null;
            }

            if (v < 0)
            {
                Error(column, $"must not be negative, got {InputFile.Excerpt(text)}");
                return null;
            }

            return v;
        }
    }
}
