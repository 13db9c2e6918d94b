using System.Text;
using FlowSim.Experiments;
using FlowSim.Reports;
using FlowSim.Reports.Html;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>What <c>flowsim run</c> prints on stdout.</summary>
public enum OutputFormat
{
    /// <summary>The comparison table and the strategies' policies.</summary>
    Table,

    /// <summary>The results document <c>--json</c> writes.</summary>
    Json,

    /// <summary>One row per strategy and metric (see <see cref="SummaryCsv"/>).</summary>
    Csv,
}

/// <summary>The output choices of <c>flowsim run</c> beyond the result files the lead options write.</summary>
/// <param name="Report">Path of the HTML report; null for none.</param>
/// <param name="Quiet">Print nothing but errors.</param>
/// <param name="Format">What goes to stdout.</param>
internal sealed record RunOutputs(string? Report, bool Quiet, OutputFormat Format)
{
    /// <summary>Stdout is a terminal: the table may mark each row's best value in colour.</summary>
    public bool Highlight { get; init; }

    /// <summary>An output is <c>-</c>: stdout carries that file, so the table is not printed.</summary>
    public bool StdoutTaken { get; init; }

    /// <summary>What writes the HTML report, when asked for, after tracing inventory over the first trials (a Ctrl+C there still writes nothing).</summary>
    public Action<Stream> ReportWriter(Scenario scenario, RunOptions options, ExperimentResult result, IReadOnlyList<string> command, CancellationToken ct)
    {
        if (Report is null)
        {
            return _ => { };
        }

        var input = ReportInput.For(result, command) with { Inventory = InventoryTrace.Collect(scenario, options, cancellation: ct) };
        return s => HtmlReport.Write(input, s);
    }

    /// <summary>Prints the result on stdout in the chosen format; nothing when quiet or when an output fills stdout.</summary>
    public void Print(ExperimentResult result, IReadOnlyList<string> command, TextWriter stdout)
    {
        if (Quiet || StdoutTaken)
        {
            return;
        }

        switch (Format)
        {
            case OutputFormat.Json:
                using (var buffer = new MemoryStream())
                {
                    ResultsJson.Write(result, buffer, command);
                    stdout.Write(Encoding.UTF8.GetString(buffer.ToArray()));
                }

                break;
            case OutputFormat.Csv:
                SummaryCsv.Write(result, stdout);
                break;
            default:
                ResultTable.Write(result, stdout, Highlight);
                break;
        }
    }
}
