using System.CommandLine;
using System.Globalization;
using System.Text;
using FlowSim.History;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary><c>flowsim fit</c>: demand and lead-time distributions and seasonality learnt from history files.</summary>
internal static class FitCommand
{
    public static Command Create(CliContext cli)
    {
        var (stdout, stderr) = (cli.Stdout, cli.Stderr);
        var files = HistoryArgument();
        files.Arity = ArgumentArity.OneOrMore;
        var start = new Option<string?>("--start") { Description = "Day the simulated horizon starts (YYYY-MM-DD): seasonal factors begin there and trends are projected to it. Default: the first of the month after the history.", HelpName = "DATE" };
        var print = new OutputOptions("fit", output: "Write the YAML to this file (atomically) instead of stdout; the table still goes to stdout. - is stdout, as without --out.");
        var command = new Command("fit", "Fit demand and lead-time distributions, and detect seasonality, from history CSV files; print them as scenario YAML.") { files, start };
        print.AddTo(command);
        command.SetAction(parse =>
        {
            var errors = new List<string>();
            var outPath = print.PathOf(parse, print.Out);
            var outputs = HistoryOutputs(print, parse, stdout, parse.GetValue(files)!, errors);
            outPath = outPath == OutputSet.Stdout ? null : outPath;

            DateOnly? begin = null;
            if (parse.GetValue(start) is { } text)
            {
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    begin = d;
                }
                else
                {
                    errors.Add($"--start: expected a date as YYYY-MM-DD, got '{text}'");
                }
            }

            if (errors.Count > 0)
            {
                return cli.ArgumentErrors(errors);
            }

            var histories = ReadAll(parse.GetValue(files)!, stderr);
            if (histories is null)
            {
                return ExitCodes.InvalidInput;
            }

            HistoryFitReport report;
            try
            {
                report = HistoryFitting.Fit(histories, begin);
            }
            catch (ArgumentException e) when (e.ParamName == "start")
            {
                return FlowSimCli.ArgumentErrors([e.Message.Replace(" (Parameter 'start')", "", StringComparison.Ordinal)], stderr);
            }

            if (report.Demand.IsEmpty && report.LeadTimes.IsEmpty)
            {
                foreach (var s in report.Skipped)
                {
                    stderr.WriteLine(ConsoleText.Plain($"flowsim: not fitted: {s}"));
                }

                stderr.WriteLine("flowsim: nothing to fit: no stream could be fitted (see above).");
                return ExitCodes.InvalidInput;
            }

            if (outPath is null)
            {
                HistoryYaml.Write(report, stdout);
            }
            else
            {
                Action<Stream> write = s =>
                {
                    using var writer = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    HistoryYaml.Write(report, writer);
                };
                CommandOutputs.Commit(outputs, stderr, CancellationToken.None, (outputs.Named("--out"), write));
                HistoryYaml.WriteTable(report, stdout);
                stdout.WriteLine($"# wrote {outPath}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The <c>--out</c> file of <c>fit</c> or <c>segment</c>, checked against the history files they read.</summary>
    internal static OutputSet HistoryOutputs(OutputOptions print, ParseResult parse, TextWriter stdout, IEnumerable<string> histories, List<string> errors) =>
        print.Check(parse, stdout, errors, [.. histories.Select(h => ("one of the history files given", h))]);

    internal static Argument<string[]> HistoryArgument() => new("history") { Description = "History CSV file: demand (date,item,location,quantity) or receipts (order_date,receipt_date,supplier,item)." };

    /// <summary>Reads history files and prints every problem; null when any file has one.</summary>
    internal static List<HistoryFile>? ReadAll(IEnumerable<string> paths, TextWriter stderr, string nothingDone = "nothing was fitted")
    {
        var files = paths.Select(HistoryCsv.Read).ToList();
        var errors = files.SelectMany(f => f.Errors).ToList();
        foreach (var e in errors)
        {
            stderr.WriteLine(ConsoleText.Plain(e.ToString()));
        }

        if (errors.Count > 0)
        {
            stderr.WriteLine($"flowsim: {errors.Count} problem{(errors.Count == 1 ? "" : "s")} in the history; {nothingDone}.");
            return null;
        }

        return files;
    }
}
