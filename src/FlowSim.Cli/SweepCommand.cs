using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using FlowSim.Reports;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary><c>flowsim sweep</c>: a grid of settings, every point on the same trials.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext cli)
    {
        var (stdout, stderr, recordedCommand) = (cli.Stdout, cli.Stderr, cli.RecordedCommand);
        var scenario = FlowSimCli.ScenarioArgument();
        var experiment = new ExperimentOptions();
        var vary = new Option<string[]>("--vary")
        {
            Description = "A setting and its values, in the YAML's units (repeatable; the grid is every combination): --vary suppliers.kiln.lead_time=8w..14w:2w.",
            HelpName = "PATH=FROM..TO:STEP",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var baseline = new Option<string>("--baseline")
        {
            Description = "The point every point is compared with trial by trial: one value per --vary setting, comma-separated in --vary order (default: the scenario's own values where they are among the swept values, else the first).",
            HelpName = "VALUE[,VALUE...]",
        };
        var print = new OutputOptions("sweep",
            json: "Also write every point's results as JSON to this file (- for stdout).",
            csv: "Also write one row per point and strategy to this CSV file (- for stdout).",
            report: "Also write a self-contained HTML page with the cost/service frontier and the cost curve along each setting (- for stdout).",
            format: "What goes to stdout: table, json (the --json document) or csv (the --csv document).");
        var command = new Command("sweep", "Run a scenario over a grid of settings, every point on the same trials, and tabulate cost and service per point.\n"
            + "Example: flowsim sweep scenarios/quickstart.yaml --vary strategies.buffer.service_level=0.90..0.98:0.02 --format csv > sweep.csv") { scenario, vary, baseline };
        experiment.AddTo(command);
        experiment.AddRankTo(command);
        print.AddTo(command);
        var shard = new ShardRun("sweep");
        shard.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var errors = new List<string>();
            var options = experiment.Read(parse, errors);
            var axes = ImmutableArray.CreateBuilder<SweepAxis>();
            foreach (var text in parse.GetValue(vary) ?? [])
            {
                if (ScenarioOverrideOrError(text, errors) is not { } o)
                {
                    continue;
                }

                if (ParameterRange.TryParse(o.Value, 0, out var error) is { } range)
                {
                    axes.Add(new SweepAxis(o.Path, range));
                }
                else
                {
                    errors.Add($"--vary {text}: {error}");
                }
            }

            // A setting varied twice would be a grid whose second copy overrides the first.
            foreach (var twice in axes.GroupBy(a => a.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"--vary {twice.Key} is given {twice.Count()} times; vary each setting once");
            }

            var path = parse.GetValue(scenario)!;
            var sharded = shard.Requested(parse);
            if (sharded)
            {
                FlowSimCli.RefuseStdin(path, "merge reads a sweep's scenario again from its file", errors);
            }

            var (slice, outputs) = sharded ? shard.Check(parse, path, options, errors, stdout) : (null, print.CheckWithScenario(parse, stdout, path, errors));
            var quiet = print.IsQuiet(parse);
            if (options is null || errors.Count > 0)
            {
                return Task.FromResult(cli.ArgumentErrors(errors));
            }

            // Standard input is read once here and every point loads from those bytes.
            if (FlowSimCli.SourceOf(path, stderr) is not { } source)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var chosen = parse.GetValue(baseline) is { } named ? named.Split(',', StringSplitOptions.TrimEntries).ToImmutableArray() : [];
            var plan = Sweep.Plan(source, axes.ToImmutable(), experiment.Overrides, chosen);
            foreach (var f in plan.Findings.Where(f => !quiet || f.Severity == Scenarios.Severity.Error))
            {
                stderr.WriteLine(f.ToString());
            }

            if (!plan.IsValid)
            {
                stderr.WriteLine($"flowsim: the sweep has errors; nothing was simulated.");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            if (!CommandOutputs.CheckHistories(outputs, plan.Points.SelectMany(p => p.Scenario.Source.Histories).Distinct(StringComparer.Ordinal), stderr))
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var trials = options.Precision is null ? options.Trials ?? plan.Points[0].Scenario.Trials : options.MaxTrials ?? Experiment.DefaultMaxTrials;
            var pilot = (plan.Points[0].Scenario, options);
            if (slice is { } cut)
            {
                if (SweepSharding.Problem(plan, options) is { } problem)
                {
                    errors.Add($"--shard: {problem}");
                }

                if (errors.Count > 0 || !ShardRun.Fits(cut, trials, errors))
                {
                    return Task.FromResult(cli.ArgumentErrors(errors));
                }

                var part = StudyPlan.SideBySide($"sweep shard {cut}", plan.Points.Length, "points", cut.EndTrial(trials) - cut.FirstTrial(trials), options);
                var outcomes = part.Run(cli, quiet, pilot, progress => SweepSharding.Run(plan, options, cut, progress, ct), ct);
                var file = SweepShardFile.Of(plan.Points[0].Scenario, outcomes, ShardRun.WithoutShard(recordedCommand));
                CommandOutputs.Commit(outputs, stderr, ct, (outputs.Named("--out"), file.Write));
                return Task.FromResult(ExitCodes.Ok);
            }

            var study = StudyPlan.SideBySide("sweep", plan.Points.Length, "points", trials, options) with { Note = options.Precision is null ? "" : " at most (--precision)" };
            var result = study.Run(cli, quiet, pilot, progress => Sweep.Run(plan, options, progress, ct), ct);
            WriteOutputs(result, print, parse, outputs, stdout, stderr, recordedCommand, ct);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>The sweep's files and stdout (the table, or the --json or --csv document), as a whole sweep and a merge of its shards write them.</summary>
    internal static void WriteOutputs(SweepResult result, OutputOptions print, ParseResult parse, OutputSet outputs, TextWriter stdout, TextWriter stderr, IReadOnlyList<string> command, CancellationToken ct)
    {
        print.WriteStudy(parse, outputs, stdout, stderr, ct, s => PlanningFiles.WriteSweepJson(result, s, command), s => PlanningFiles.WriteSweepCsv(result, s),
            s => FlowSim.Reports.Html.PlanningReport.WriteSweep(result, s, command), (path, s) => CsvProvenance.Write(result, path, s, command), o => Write(result, o));
    }

    private static Scenarios.ScenarioOverride? ScenarioOverrideOrError(string text, List<string> errors)
    {
        var o = Scenarios.ScenarioOverride.TryParse(text);
        if (o is null)
        {
            errors.Add($"--vary expects PATH=FROM..TO:STEP such as suppliers.kiln.lead_time=8w..14w:2w, got '{text}'" + Scenarios.ScenarioOverride.ShellHint(text));
        }

        return o;
    }

    /// <summary>
    /// One row per point and strategy: the settings, then total cost, fill rate and disruption cost
    /// with CIs, then the ranked measure and fill rate as paired differences against the baseline point.
    /// </summary>
    public static void Write(SweepResult sweep, TextWriter output)
    {
        var first = sweep.Points[0].Result;
        var currency = first.Scenario.Currency;
        var disruptions = first.Scenario.Disruptions.Length > 0;
        // A terminal (or COLUMNS) sets the width and narrow cells wrap; a file or pipe keeps every row on one line.
        var width = TerminalWidth.For(output);
        var console = ResultTable.PlainConsole(output, width ?? 150 + (24 * sweep.Axes.Length) + (disruptions ? 60 : 40));
        var byProfit = first.Rank == RankMeasure.Profit;
        foreach (var line in TerminalWidth.Wrap($"{ConsoleText.Plain(first.Scenario.Name)}: sweep of {sweep.Points.Length} points x {first.Trials:N0} trials, seed {first.Seed}, the same trials at every point; ranked by {first.Rank.Key()}", width))
        {
            output.WriteLine(line);
        }

        var baseline = sweep.Points[sweep.Baseline.Point].Point;
        var source = sweep.Baseline.Sources.All(s => s == SweepBaselineSource.Scenario) ? "the scenario's own setting"
            : sweep.Baseline.Sources.All(s => s == SweepBaselineSource.Chosen) ? "--baseline" : "the first value where the scenario's own is not swept";
        foreach (var line in TerminalWidth.Wrap($"Baseline: {ConsoleText.Plain(string.Join(", ", baseline.Settings))} ({source}); \"vs baseline\" is each point minus the baseline, trial by trial, ± the 95% CI of those differences", width))
        {
            output.WriteLine(line);
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var axis in sweep.Axes)
        {
            table.AddColumn(new TableColumn(ConsoleText.Cell(axis.Path)).RightAligned());
        }

        table.AddColumn("Strategy");
        if (byProfit)
        {
            table.AddColumn(new TableColumn("Profit (95% CI)").RightAligned());
        }

        table.AddColumn(new TableColumn("Total cost (95% CI)").RightAligned());
        table.AddColumn(new TableColumn("Fill rate (95% CI)").RightAligned());
        if (disruptions)
        {
            table.AddColumn(new TableColumn("Disruption cost per year (95% CI)").RightAligned());
        }

        table.AddColumn(new TableColumn(byProfit ? "Profit vs baseline" : "Total cost vs baseline").RightAligned());
        table.AddColumn(new TableColumn("Fill rate vs baseline").RightAligned());

        for (var p = 0; p < sweep.Points.Length; p++)
        {
            var (point, result) = sweep.Points[p];
            for (var k = 0; k < result.Strategies.Length; k++)
            {
                var strategy = result.Strategies[k];
                var cells = point.Settings.Select(s => s.Value).Append(strategy.Name).ToList();
                if (byProfit)
                {
                    cells.Add(ResultTable.Cell(strategy[Metric.Profit], Metric.Profit, currency));
                }

                cells.Add(ResultTable.Cell(strategy[Metric.TotalCost], Metric.TotalCost, currency));
                cells.Add(ResultTable.Cell(strategy[Metric.FillRate], Metric.FillRate, currency));
                if (disruptions)
                {
                    var d = strategy[Metric.DisruptionCost].Times(result.PerYear);
                    cells.Add(string.Create(CultureInfo.InvariantCulture, $"{Money.Format(d.Mean, currency)} ± {Money.Format(d.HalfWidth, "")}"));
                }

                if (p == sweep.Baseline.Point)
                {
                    cells.AddRange(["baseline", "baseline"]);
                }
                else
                {
                    var vs = sweep.VsBaseline(p, k);
                    cells.Add(DifferenceText.Format(byProfit ? vs.Profit : vs.TotalCost, MetricUnit.Money, currency));
                    cells.Add(DifferenceText.Format(vs.FillRate, MetricUnit.Share, currency));
                }

                table.AddRow(cells.Select(ConsoleText.Cell).ToArray());
            }
        }

        console.Write(table);
    }
}
