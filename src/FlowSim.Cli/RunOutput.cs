using System.CommandLine;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Reports;
using FlowSim.Reports.Html;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>What a command prints on stdout (<c>--format</c>).</summary>
public enum OutputFormat
{
    /// <summary>The comparison table and the strategies' policies.</summary>
    Table,

    /// <summary>The results document <c>--json</c> writes.</summary>
    Json,

    /// <summary>One row per strategy and metric (see <see cref="SummaryCsv"/>).</summary>
    Csv,
}

/// <summary>
/// The files and stdout of a run's result, shared by <c>flowsim run</c> and <c>flowsim merge</c>
/// (which gives exactly what a single run gives): the results JSON, the per-trial CSV with its
/// provenance sidecar, the per-trial Parquet file, the HTML report, and the table, JSON or summary
/// CSV on stdout.
/// </summary>
/// <param name="Print">The command's output options.</param>
/// <param name="Parse">The command line as parsed.</param>
internal sealed record RunOutputs(OutputOptions Print, ParseResult Parse)
{
    /// <summary>Stdout is a terminal: the table may mark each row's best value in colour.</summary>
    public bool Highlight { get; init; }

    /// <summary>With <c>run --by</c>: the level the table shows instead of the strategy comparison.</summary>
    public string? Level { get; init; }

    /// <summary>With <c>run --by</c>: the metric that orders its rows, worst first.</summary>
    public LevelTable.Column? SortBy { get; init; }

    /// <summary>No warnings, progress or timing on stderr.</summary>
    public bool Quiet => Print.IsQuiet(Parse);

    /// <summary>The output options of a command that writes a run's result, with the files' help.</summary>
    public static OutputOptions Declare(string command, string json, string csv, string parquet, string report) =>
        new(command, json: json, csv: csv, parquet: parquet, report: report, format: "What goes to stdout: table, json (the --json document) or csv (one row per strategy and metric).");

    /// <summary>
    /// Writes the files all or none, then prints the result; the HTML report, when asked for,
    /// first traces inventory over the first trials (a Ctrl+C there still writes nothing).
    /// </summary>
    public void Write(ExperimentResult result, RunOptions options, IReadOnlyList<string> command, OutputSet set, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        Action<Stream>? report = null;
        if (Print.PathOf(Parse, Print.Report) is not null)
        {
            var input = ReportInput.For(result, command) with { Inventory = InventoryTrace.Collect(result.Scenario, options, cancellation: ct) };
            report = s => HtmlReport.Write(input, s);
        }

        Action<Stream> json = s => ResultsJson.Write(result, s, command);
        var files = new OutputWriters(json, s => TrialsCsv.Write(result, s), report,
            CsvProvenance: (path, s) => CsvProvenance.Write(result, path, s, command),
            Parquet: s => TrialsParquet.Write(result, s, command));
        Print.Write(Parse, set, stdout, stderr, ct, files, o => Table(result, o), json, s => SummaryCsvTo(result, s));
    }

    /// <summary>The strategy comparison and the worst item-locations, or with <c>--by</c> that level alone.</summary>
    private void Table(ExperimentResult result, TextWriter output)
    {
        if (Level is { } level)
        {
            LevelTable.Write(result, level, SortBy, output, TerminalWidth.For(output));
            return;
        }

        ResultTable.Write(result, output, Highlight);
        LevelTable.WriteWorst(result, output, TerminalWidth.For(output));
    }

    private static void SummaryCsvTo(ExperimentResult result, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        SummaryCsv.Write(result, writer);
    }
}
