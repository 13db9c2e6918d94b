using System.CommandLine;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Reports;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary><c>flowsim compare</c>: every pair of strategies compared trial by trial.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext cli)
    {
        var (stdout, stderr, interactive, recordedCommand) = (cli.Stdout, cli.Stderr, cli.Interactive, cli.RecordedCommand);
        var scenario = FlowSimCli.ScenarioArgument();
        var experiment = new ExperimentOptions();
        var print = new OutputOptions("compare",
            json: "Also write the full results (comparisons included) as JSON to this file (- for stdout).",
            format: "What goes to stdout: table, json (the --json document, comparisons included) or csv (one row per strategy and metric).");
        var command = new Command("compare", "Compare every pair of strategies trial by trial: paired differences in profit, total cost and fill rate, with 95% CIs and a verdict on the --rank measure.\n"
            + "Example: flowsim compare scenarios/quickstart.yaml --trials 1000 --rank total_cost") { scenario };
        experiment.AddTo(command);
        experiment.AddRankTo(command);
        print.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var errors = new List<string>();
            var options = experiment.Read(parse, errors);
            var outputs = print.CheckWithScenario(parse, stdout, parse.GetValue(scenario)!, errors);
            var quiet = print.IsQuiet(parse);

            if (options is null || errors.Count > 0)
            {
                return Task.FromResult(cli.ArgumentErrors(errors));
            }

            var result = FlowSimCli.Simulate(parse.GetValue(scenario)!, experiment.Overrides, options, stderr, interactive && !quiet, ct, out var seconds, errorsOnly: quiet, outputs: outputs);
            if (result is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            Action<Stream> json = s => ResultsJson.Write(result, s, recordedCommand);
            print.Write(parse, outputs, stdout, stderr, ct, new OutputWriters(json), o => Write(result, o), json, s => WriteCsv(result, s));
            if (!quiet)
            {
                FlowSimCli.WriteTiming(result, seconds, stderr);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static void WriteCsv(ExperimentResult result, Stream stream)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        SummaryCsv.Write(result, writer);
    }

    /// <summary>The pairwise table, then each verdict in words.</summary>
    public static void Write(ExperimentResult result, TextWriter output)
    {
        // A terminal (or COLUMNS) sets the width and narrow cells wrap; a file or pipe keeps every row on one line.
        var width = TerminalWidth.For(output);
        var console = ResultTable.PlainConsole(output, width ?? 190);
        var currency = result.Scenario.Currency;
        var c = CultureInfo.InvariantCulture;
        WriteWrapped(output, width, $"{ConsoleText.Plain(result.Scenario.Name)}: {result.Trials:N0} trials, seed {result.Seed}; differences are A minus B, per trial on the same random streams; verdicts ranked by {result.Rank.Key()}");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("A");
        table.AddColumn("B");
        table.AddColumn(new TableColumn("Profit A-B per year (95% CI)").RightAligned());
        table.AddColumn(new TableColumn("Total cost A-B per year (95% CI)").RightAligned());
        table.AddColumn(new TableColumn("Fill rate A-B (95% CI)").RightAligned());
        table.AddColumn(new TableColumn("A cheaper in").RightAligned());
        foreach (var p in result.Comparisons)
        {
            var cost = p.TotalCostDifference.Times(p.PerYear);
            var profit = p.ProfitDifference.Times(p.PerYear);
            var fill = p.FillRateDifference;
            table.AddRow(
                ConsoleText.Cell(p.A),
                ConsoleText.Cell(p.B),
                ConsoleText.Cell($"{Money.Format(profit.Mean, currency)} [{Money.Format(profit.Ci95Low, currency)}, {Money.Format(profit.Ci95High, currency)}]"),
                ConsoleText.Cell($"{Money.Format(cost.Mean, currency)} [{Money.Format(cost.Ci95Low, currency)}, {Money.Format(cost.Ci95High, currency)}]"),
                ConsoleText.Cell(string.Create(c, $"{fill.Mean * 100:+0.00;-0.00;0.00} pp [{fill.Ci95Low * 100:+0.00;-0.00;0.00}, {fill.Ci95High * 100:+0.00;-0.00;0.00}]")),
                ConsoleText.Cell(string.Create(c, $"{p.ACheaperShare:0.0%} of trials")));
        }

        console.Write(table);
        foreach (var p in result.Comparisons)
        {
            WriteWrapped(output, width, ConsoleText.Plain(p.Describe(currency, result.Rank) + "."));
        }
    }

    private static void WriteWrapped(TextWriter output, int? width, string line)
    {
        foreach (var piece in TerminalWidth.Wrap(line, width))
        {
            output.WriteLine(piece);
        }
    }
}
