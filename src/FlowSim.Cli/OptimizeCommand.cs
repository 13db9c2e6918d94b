using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using FlowSim.Reports;
using FlowSim.Scenarios;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary><c>flowsim optimize</c>: the best value of one setting, or of several jointly, that meets a target (the most profitable, or the cheapest).</summary>
internal static class OptimizeCommand
{
    public static Command Create(CliContext cli)
    {
        var (stdout, stderr, recordedCommand) = (cli.Stdout, cli.Stderr, cli.RecordedCommand);
        var scenario = FlowSimCli.ScenarioArgument();
        var experiment = new ExperimentOptions();
        var strategy = new Option<string>("--strategy") { Description = "The strategy to optimise.", HelpName = "NAME", Required = true };
        var param = new Option<string[]>("--param")
        {
            Description = "The setting to choose: a path relative to the strategy (order_up_to, service_level, items.mug.safety_stock) or a full scenario path. Repeat with --range for several settings searched jointly.",
            HelpName = "PATH",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var range = new Option<string[]>("--range")
        {
            Description = "Values to search, in the setting's units: FROM..TO, or FROM..TO:STEP for an exact grid (without a step: 21 values, then a finer grid around the best). One per --param, in the same order.",
            HelpName = "FROM..TO[:STEP]",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var target = new Option<string?>("--target") { Description = "A target the answer must meet on average, as METRIC>=VALUE or METRIC<=VALUE: fill_rate>=0.95, lost_units<=100.", HelpName = "CONDITION" };
        var minimize = new Option<string?>("--minimize") { Description = "A metric to minimise instead of the --rank measure (the default: profit is maximised, or total_cost minimised).", HelpName = "METRIC" };
        var print = new OutputOptions("optimize",
            json: "Also write the answer and every candidate as JSON to this file (- for stdout).",
            csv: "Also write one row per value tried, with the objective and the target's metric, to this CSV file (- for stdout).",
            format: "What goes to stdout: table, json (the --json document) or csv (the --csv document).");
        var command = new Command("optimize", "Find the best value of one setting of a strategy that meets a target (the most profitable, or by --rank total_cost the cheapest), on common random numbers, with the range of values that are not significantly worse; several --param/--range pairs are searched jointly.\n"
            + "Example: flowsim optimize scenarios/quickstart.yaml --strategy buffer --param service_level --range 0.80..0.99 --target \"fill_rate>=0.95\"")
        {
            scenario, strategy, param, range, target, minimize,
        };
        experiment.AddTo(command);
        experiment.AddRankTo(command);
        print.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var errors = new List<string>();
            var options = experiment.Read(parse, errors);
            var paramTexts = parse.GetValue(param)!;
            var rangeTexts = parse.GetValue(range)!;
            if (paramTexts.Length != rangeTexts.Length)
            {
                errors.Add($"--param and --range come in pairs: got {paramTexts.Length} --param and {rangeTexts.Length} --range");
            }

            // A setting searched twice would be a grid whose second copy overrides the first.
            foreach (var twice in paramTexts.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"--param {twice.Key} is given {twice.Count()} times; search each setting once");
            }

            var ranges = new List<ParameterRange>();
            foreach (var text in rangeTexts)
            {
                if (ParameterRange.TryParse(text, Optimizer.GridSteps, out var rangeError) is { } r)
                {
                    ranges.Add(r);
                }
                else
                {
                    errors.Add($"--range {text}: {rangeError}");
                }
            }

            var rangeText = rangeTexts[0];
            var parsedRange = ranges.FirstOrDefault();

            OptimizationTarget? parsedTarget = null;
            if (parse.GetValue(target) is { } targetText)
            {
                parsedTarget = OptimizationTarget.TryParse(targetText, out var targetError);
                if (parsedTarget is null)
                {
                    errors.Add($"--target: {targetError}");
                }
            }

            // Without --minimize the objective is the --rank measure: profit is maximised, total cost minimised.
            var objectiveKey = parse.GetValue(minimize);
            var objective = objectiveKey is null ? null : Metrics.All.Where(m => m.Key() == objectiveKey).Select(m => (Metric?)m).FirstOrDefault();
            if (objectiveKey is not null && objective is null)
            {
                errors.Add($"--minimize: unknown metric '{objectiveKey}'; use a metric key of the results JSON such as total_cost");
            }

            var outputs = print.CheckWithScenario(parse, stdout, parse.GetValue(scenario)!, errors);
            var quiet = print.IsQuiet(parse);
            if (options is null || errors.Count > 0)
            {
                return Task.FromResult(cli.ArgumentErrors(errors));
            }

            // The optimiser loads the scenario itself: load it once here to learn the history files
            // it reads and whether its items have prices. One that does not load is reported by the
            // search itself, with every finding.
            // Standard input is read once here and every candidate loads from those bytes.
            if (FlowSimCli.SourceOf(parse.GetValue(scenario)!, stderr) is not { } source)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var loaded = source.Load(experiment.Overrides).Scenario;
            if (loaded is not null && !CommandOutputs.CheckHistories(outputs, loaded, stderr))
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var refine = !rangeText.Contains(':', StringComparison.Ordinal);
            var maximize = false;
            if (objective is null)
            {
                var rank = options!.Rank ?? (loaded is null ? RankMeasure.TotalCost : RankMeasures.DefaultFor(loaded));
                objective = rank.Metric();
                maximize = rank == RankMeasure.Profit;
            }

            if (paramTexts.Length > 1)
            {
                var settings = paramTexts.Select((p, i) => new SearchedSetting(p, ranges[i], !rangeTexts[i].Contains(':', StringComparison.Ordinal))).ToArray();
                return Task.FromResult(OptimizeJointly.Run(cli, parse, print, outputs, source, experiment.Overrides, parse.GetValue(strategy)!, settings,
                    objective.Value, parsedTarget, options, maximize, quiet, ct));
            }

            var candidates = parsedRange!.Numbers.Length;
            var findings = ImmutableArray<ScenarioError>.Empty;
            var study = StudyPlan.SideBySide("optimize", candidates, "candidates", options!.Trials ?? loaded?.Trials ?? 1, options) with { Note = refine ? " (and a finer grid around the best)" : "" };
            var only = loaded is null ? [] : loaded.Strategies.Where(s => s.Name == parse.GetValue(strategy)).ToImmutableArray();
            var result = study.Run(cli, quiet || loaded is null, only.IsEmpty ? null : (loaded! with { Strategies = only }, options), progress => Optimizer.Run(source, experiment.Overrides,
                parse.GetValue(strategy)!, paramTexts[0], parsedRange!, objective.Value, parsedTarget, options, refine, out findings, ct, maximize, progress), ct, "candidates", candidates);
            foreach (var f in findings.Where(f => !quiet || f.Severity == Severity.Error))
            {
                stderr.WriteLine(f.ToString());
            }

            if (result is not { } optimised)
            {
                stderr.WriteLine("flowsim: nothing was optimised.");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            Action<Stream> json = s => PlanningFiles.WriteOptimizationJson(optimised, s, recordedCommand);
            Action<Stream> csv = s => PlanningFiles.WriteOptimizationCsv(optimised, s);
            print.Write(parse, outputs, stdout, stderr, ct, new OutputWriters(json, csv, CsvProvenance: (path, s) => CsvProvenance.Write(optimised, path, s, recordedCommand)),
                o => Write(optimised, o), json, csv);

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Every candidate, then the answer in words.</summary>
    public static void Write(OptimizationResult result, TextWriter output)
    {
        var first = result.Candidates[0].Result;
        var currency = first.Scenario.Currency;
        var c = CultureInfo.InvariantCulture;
        var console = ResultTable.PlainConsole(output, 120);
        output.WriteLine(ConsoleText.Plain($"{first.Scenario.Name}: {result.Strategy}, {result.Path}; {result.Candidates.Length} values x {first.Trials:N0} trials on the same random streams; "
            + $"{(result.Maximize ? "maximising" : "minimising")} {result.Objective.Key()}"));
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(ConsoleText.Cell(result.Path)).RightAligned());
        table.AddColumn(new TableColumn(ConsoleText.Cell(result.Objective.Label() + " (95% CI)")).RightAligned());
        if (result.Target is { } t && t.Metric != result.Objective)
        {
            table.AddColumn(new TableColumn(ConsoleText.Cell(t.Metric.Label() + " (95% CI)")).RightAligned());
        }

        table.AddColumn("");
        foreach (var candidate in result.Candidates)
        {
            var cells = new List<string> { candidate.Value, ResultTable.Cell(candidate[result.Objective], result.Objective, currency) };
            if (result.Target is { } target && target.Metric != result.Objective)
            {
                cells.Add(ResultTable.Cell(candidate[target.Metric], target.Metric, currency));
            }

            var meets = result.Target is null || result.Target.IsMetBy(candidate[result.Target.Metric].Mean);
            cells.Add(ReferenceEquals(candidate, result.Best) ? "best" : result.Plausible.Contains(candidate) ? "plausible" : meets ? (result.Maximize ? "earns less" : "costs more") : "misses target");
            table.AddRow(cells.Select(ConsoleText.Cell).ToArray());
        }

        console.Write(table);
        if (ChangesNothing(result))
        {
            output.WriteLine(ConsoleText.Plain($"Note: every value gave the same results in every trial: {result.Path} changes nothing for {result.Strategy} "
                + "(each item-location it would size has its own levels, safety stock or fill rate, or the setting does not apply there)."));
        }

        if (result.Best is not { } best)
        {
            output.WriteLine(ConsoleText.Plain($"No value in the range meets {result.Target}."));
            return;
        }

        // A range only when the plausible values are neighbours on the grid; otherwise name them.
        var positions = result.Plausible.Select(p => result.Candidates.IndexOf(p)).Order().ToArray();
        var contiguous = positions.Length > 0 && positions[^1] - positions[0] == positions.Length - 1;
        var span = positions.Length <= 1 ? "no other value is as good within the 95% CI"
            : contiguous ? $"values from {result.Candidates[positions[0]].Value} to {result.Candidates[positions[^1]].Value} are not significantly worse (paired 95% CI)"
            : $"{string.Join(", ", positions.Select(k => result.Candidates[k].Value))} are not significantly worse (paired 95% CI)";
        // The answer to the precision the trials support; the value tried, with its figures, beside it when they differ.
        var answer = result.Answer();
        var figures = string.Create(c, $"{result.Objective.Key()} {ResultTable.Cell(best[result.Objective], result.Objective, currency)}")
            + (result.Target is { } tt ? string.Create(c, $" and {tt.Metric.Key()} {ResultTable.Cell(best[tt.Metric], tt.Metric, currency)} (target {tt})") : "");
        output.WriteLine(ConsoleText.Plain(answer == best.Value
            ? $"Best: {result.Path}={best.Value} with {figures}; {span}."
            : $"Best: {result.Path}={answer}, to the precision the trials support ({best.Value} did best, with {figures}); {span}."));
        if (result.Target is { } goal)
        {
            output.WriteLine(ConsoleText.Plain(Confidence(goal, best[goal.Metric])));
        }
    }

    /// <summary>Whether the best value meets the target on average only, or with 95% confidence.</summary>
    internal static string Confidence(OptimizationTarget target, Statistics at)
    {
        var (low, high) = (at.Mean - at.HalfWidth, at.Mean + at.HalfWidth);
        var sure = target.AtLeast ? low >= target.Threshold : high <= target.Threshold;
        var bound = (target.AtLeast ? low : high).ToString("G4", CultureInfo.InvariantCulture);
        return sure
            ? $"The target is met with 95% confidence: the 95% CI of {target.Metric.Key()} stays {(target.AtLeast ? "above it (down to" : "below it (up to")} {bound})."
            : $"The target is met on average only: the 95% CI of {target.Metric.Key()} reaches {bound}; more trials (--trials) or a value with more margin make it sure.";
    }

    /// <summary>True when every value tried gave the same objective in every trial: the setting did nothing.</summary>
    internal static bool ChangesNothing(OptimizationResult result)
    {
        if (result.Candidates.Length < 2)
        {
            return false;
        }

        var first = result.Candidates[0].Result.Strategies[0];
        return result.Candidates.Skip(1).All(c =>
        {
            var other = c.Result.Strategies[0];
            return Enumerable.Range(0, first.Trials).All(t => other.Outcome(t, result.Objective) == first.Outcome(t, result.Objective));
        });
    }
}
