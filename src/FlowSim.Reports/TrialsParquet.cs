using System.Collections.Immutable;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports;

/// <summary>
/// Writes the <c>--parquet</c> file: one row per trial and strategy with every chain metric and,
/// when the run kept them, one row per trial, strategy and item-location with its item-level
/// metrics, for pandas, polars or DuckDB when there are too many rows for a spreadsheet.
/// </summary>
/// <remarks>
/// Columns: <c>trial</c> (a 32-bit integer, from 0), <c>strategy</c>, <c>item</c>, <c>location</c>
/// (text), then one nullable double per metric key and <c>cost.COMPONENT</c>, named as in the JSON
/// and the CSV. A chain-level row has <c>item</c> and <c>location</c> null; rows for one item at one
/// stock point carry their names there, so <c>WHERE item IS NULL</c> selects the chain totals.
/// An undefined value is null. The footer's key-value metadata holds the provenance as JSON under
/// <c>flowsim.provenance</c>. Rows come trial by trial, strategies in scenario order.
/// </remarks>
public static class TrialsParquet
{
    /// <summary>The footer metadata key that holds the provenance (the results JSON's opening keys) as JSON.</summary>
    public const string ProvenanceKey = "flowsim.provenance";

    /// <summary>The metric columns of a chain-level row, in file order: every metric key, then <c>cost.COMPONENT</c>.</summary>
    public static ImmutableArray<string> ChainColumns { get; } =
        [.. Metrics.All.Select(m => m.Key()), .. CostComponents.All.Select(c => "cost." + c.Key())];

    /// <summary>The file's metric columns when it has item-location rows: the chain's, then the item-level keys the chain has not.</summary>
    public static ImmutableArray<string> AllColumns { get; } =
        [.. ChainColumns, .. ItemLocationMetrics.Written.Select(m => m.Key()).Where(k => !ChainColumns.Contains(k))];

    /// <summary>Writes one row per trial and strategy with every chain metric.</summary>
    /// <param name="result">The results, with their per-trial outcomes.</param>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="command">The recorded command, as the results JSON records it.</param>
    public static void Write(ExperimentResult result, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var items = result.Strategies.All(st => st.HasItemLocationOutcomes && st.ItemLocations.Length > 0);
        var columns = items ? AllColumns : ChainColumns;
        using var table = TrialRows.Create(stream, result, command, columns);
        var values = new double[columns.Length];

        // Where each column of an item-location row comes from: its item-level metric, or none (null).
        var fromItem = columns.Select(key => ItemLocationMetrics.Written.Where(m => m.Key() == key).Select(m => (int)m).DefaultIfEmpty(-1).First()).ToArray();
        var rows = items ? result.Strategies[0].ItemLocations.Select(il => new ItemLocationRow(il.ItemId, il.Location, new double[columns.Length])).ToArray() : [];
        for (var k = 0; k < result.Trials; k++)
        {
            foreach (var strategy in result.Strategies)
            {
                Array.Fill(values, double.NaN);
                var i = 0;
                foreach (var m in Metrics.All)
                {
                    values[i++] = strategy.Outcome(k, m);
                }

                foreach (var c in CostComponents.All)
                {
                    values[i++] = c.ValueIn(m => strategy.Outcome(k, m));
                }

                table.AddChain(k, strategy.Name, values);
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = rows[r].Metrics;
                    for (var c = 0; c < row.Length; c++)
                    {
                        row[c] = fromItem[c] >= 0 ? strategy.Outcome(k, r, (ItemLocationMetric)fromItem[c]) : double.NaN;
                    }
                }

                table.AddItemLocations(k, strategy.Name, rows);
            }
        }

        table.Complete();
    }

    /// <summary>The provenance recorded in the footer: what the results JSON begins with.</summary>
    internal static string ProvenanceJson(ExperimentResult result, IReadOnlyList<string>? command)
    {
        using var buffer = new MemoryStream();
        using (var w = ResultsJson.Writer(buffer))
        {
            w.WriteStartObject();
            ResultsJson.Header(w, result, command);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>One item at one stock point in one trial: its names and its metrics, aligned with the file's metric columns (NaN where undefined).</summary>
/// <param name="Item">The item's id.</param>
/// <param name="Location">The stock point's id.</param>
/// <param name="Metrics">One value per metric column of the file.</param>
internal readonly record struct ItemLocationRow(string Item, string Location, double[] Metrics);

/// <summary>
/// The rows of a <c>--parquet</c> file: chain-level rows and, beside them, rows per item and stock
/// point, in one schema (<c>trial</c>, <c>strategy</c>, <c>item</c>, <c>location</c>, metrics).
/// Written block by block (see <see cref="ParquetTable"/>).
/// </summary>
internal sealed class TrialRows : IDisposable
{
    private readonly ParquetTable _table;
    private readonly string?[] _names = new string?[3];

    private TrialRows(ParquetTable table) => _table = table;

    /// <summary>The metric columns, in file order: the values of a row are aligned with them.</summary>
    public IReadOnlyList<string> MetricColumns => _table.Columns.Numbers;

    /// <summary>Starts a file whose rows have <paramref name="metricColumns"/>, with the run's provenance in its footer.</summary>
    public static TrialRows Create(Stream stream, ExperimentResult result, IReadOnlyList<string>? command, IReadOnlyList<string> metricColumns, int? blockRows = null)
    {
        var columns = new ParquetColumns("trial", ["strategy", "item", "location"], metricColumns);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [TrialsParquet.ProvenanceKey] = TrialsParquet.ProvenanceJson(result, command) };
        return new TrialRows(ParquetTable.Create(stream, columns, metadata, blockRows));
    }

    /// <summary>A chain-level row: item and location are null.</summary>
    public void AddChain(int trial, string strategy, ReadOnlySpan<double> metrics) => Add(trial, strategy, null, null, metrics);

    /// <summary>One row per item at a stock point, for one trial and strategy.</summary>
    public void AddItemLocations(int trial, string strategy, ReadOnlySpan<ItemLocationRow> rows)
    {
        foreach (var row in rows)
        {
            Add(trial, strategy, row.Item, row.Location, row.Metrics);
        }
    }

    /// <summary>Writes what is buffered and the footer.</summary>
    public void Complete() => _table.Complete();

    /// <inheritdoc/>
    public void Dispose() => _table.Dispose();

    private void Add(int trial, string strategy, string? item, string? location, ReadOnlySpan<double> metrics)
    {
        _names[0] = strategy;
        _names[1] = item;
        _names[2] = location;
        _table.Add(trial, _names, metrics);
    }
}
