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

/// <summary>The output choices of <c>flowsim run</c> beyond the result files the lead options write.</summary>
/// <param name="Report">Path of the HTML report; null for none.</param>
/// <param name="Quiet">No warnings, progress or timing on stderr; the result still goes to stdout.</param>
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

    /// <summary>Prints the result on stdout in the chosen format; nothing when an output fills stdout (--quiet silences stderr only).</summary>
    public void Print(ExperimentResult result, IReadOnlyList<string> command, TextWriter stdout)
    {
        if (StdoutTaken)
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

/// <summary>
/// The options every command that prints a result shares: <c>--quiet</c> and <c>--format</c>,
/// and how a command's table, JSON or CSV document reaches stdout.
/// </summary>
internal sealed class PrintOptions
{
    public PrintOptions(string formatDescription, bool csv = true)
    {
        HasCsv = csv;
        Format = Options.Format(formatDescription);
    }

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No warnings, progress or timing on stderr; the result still goes to stdout. Errors are always printed." };

    public Option<OutputFormat> Format { get; }

    /// <summary>The command has a CSV document; without one, <c>--format csv</c> is refused.</summary>
    public bool HasCsv { get; }

    public void AddTo(Command command)
    {
        command.Add(Quiet);
        command.Add(Format);
    }

    public bool IsQuiet(ParseResult parse) => parse.GetValue(Quiet);

    /// <summary>Adds what is wrong with the format to <paramref name="errors"/> (a CSV the command does not have, or stdout already taken).</summary>
    public void Check(ParseResult parse, OutputSet files, string commandName, List<string> errors)
    {
        var format = parse.GetValue(Format);
        if (format == OutputFormat.Csv && !HasCsv)
        {
            errors.Add($"--format csv: {commandName} has no CSV document; use --format table or json");
            return;
        }

        CommandOutputs.Check(files, errors, format);
    }

    /// <summary>
    /// Prints the command's result on stdout in the chosen format: the table, or the document its
    /// --json (or --csv) writes. Nothing when an output given as '-' fills stdout.
    /// </summary>
    public static void Print(OutputFormat format, OutputSet files, TextWriter stdout, Action<TextWriter> table, Action<Stream> json, Action<Stream>? csv = null)
    {
        if (files.WritesStdout)
        {
            return;
        }

        var document = format switch
        {
            OutputFormat.Json => json,
            OutputFormat.Csv => csv,
            _ => null,
        };
        if (document is null)
        {
            table(stdout);
            return;
        }

        using var buffer = new MemoryStream();
        document(buffer);
        stdout.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        stdout.Flush();
    }
}
