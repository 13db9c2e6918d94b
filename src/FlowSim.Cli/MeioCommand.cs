using System.CommandLine;
using System.Globalization;
using FlowSim.Outcomes;
using FlowSim.Planning;
using FlowSim.Reports;
using FlowSim.Scenarios;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary><c>flowsim meio</c>: where to hold safety stock across echelons, found analytically, searched by simulation and proven on fresh trials.</summary>
internal static class MeioCommand
{
    /// <summary>The search's trials when --budget is not given.</summary>
    public const int DefaultBudget = 20_000;

    /// <summary>Trials per candidate during the search, at most, when --search-trials is not given.</summary>
    public const int DefaultSearchTrials = 50;

    public static Command Create(CliContext cli)
    {
        var (stdout, stderr, interactive, recordedCommand) = (cli.Stdout, cli.Stderr, cli.Interactive, cli.RecordedCommand);
        var scenario = FlowSimCli.ScenarioArgument();
        var experiment = new ExperimentOptions();
        var strategy = new Option<string>("--strategy") { Description = "The strategy whose buffered item-locations are placed.", HelpName = "NAME", Required = true };
        var target = new Option<string?>("--target")
        {
            Description = "The service every customer-facing item-location (or item, with --per item) must meet with 95% confidence: fill_rate>=95% or on_time_delivery>=98%. Required unless --minimize total_cost.",
            HelpName = "CONDITION",
        };
        var per = new Option<string>("--per") { Description = "Whether the target holds per item-location or per item (over all its customer-facing locations).", HelpName = "item-location|item", DefaultValueFactory = _ => "item-location" };
        var budget = Options.WholeNumber<int>("--budget", $"Trials the search may spend, all candidates together (default {DefaultBudget:N0}).", "TRIALS");
        var searchTrials = Options.WholeNumber<int>("--search-trials", $"Trials per candidate in the search (default: the proof's trials, at most {DefaultSearchTrials}).", "N");
        var minimize = new Option<string?>("--minimize") { Description = "What the placement minimises: avg_inventory_value (the default) or total_cost.", HelpName = "METRIC" };
        var print = new OutputOptions("meio",
            json: "Also write every item-location's level in each placement, the search and the proof as JSON to this file (- for stdout).",
            report: "Also write a self-contained HTML page: the release, where safety stock moved by echelon, and service per customer (- for stdout).",
            output: "Write the searched placement as a ready strategies entry (YAML, levels as numbers) to this file.",
            format: "What goes to stdout: table, or json (the --json document).",
            csvFormat: false);
        var command = new Command("meio", "Place safety stock across echelons: each item-location sized alone (baseline), the guaranteed-service model's placement (analytic), "
            + "and a simulation search on common random numbers from the better of the two (searched), all three proven on fresh paired trials.\n"
            + "Example: flowsim meio scenarios/meio-plant-dcs-branches.yaml --strategy local --target \"fill_rate>=97%\" --out meio-strategy.yaml")
        {
            scenario, strategy, target, per, budget, searchTrials, minimize,
        };
        experiment.AddTo(command);
        print.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var errors = new List<string>();
            var options = experiment.Read(parse, errors);
            PlacementTarget? goal = null;
            if (parse.GetValue(target) is { } targetText)
            {
                goal = PlacementTarget.TryParse(targetText, out var targetError);
                if (goal is null)
                {
                    errors.Add($"--target: {targetError}");
                }
            }

            var objective = parse.GetValue(minimize) switch
            {
                null or "avg_inventory_value" => (Metric?)Metric.AvgInventoryValue,
                "total_cost" => Metric.TotalCost,
                _ => null,
            };
            if (objective is null)
            {
                errors.Add($"--minimize: expected avg_inventory_value or total_cost, got '{parse.GetValue(minimize)}'");
            }
            else if (parse.GetValue(target) is null && objective == Metric.AvgInventoryValue)
            {
                errors.Add("--target: required when minimising inventory (the least inventory without a target is none); give one such as fill_rate>=95%, or --minimize total_cost");
            }

            var scope = parse.GetValue(per) switch
            {
                "item-location" => (TargetScope?)TargetScope.ItemLocation,
                "item" => TargetScope.Item,
                _ => null,
            };
            if (scope is null)
            {
                errors.Add($"--per: expected item-location or item, got '{parse.GetValue(per)}'");
            }

            if (parse.GetValue(budget) is < 1 || parse.GetValue(searchTrials) is < 2)
            {
                errors.Add("--budget must be at least 1 trial and --search-trials at least 2 (a confidence bound needs two trials)");
            }

            if (options?.Precision is not null || options?.Attribute == true)
            {
                errors.Add("--precision and --attribute do not apply to meio: the search and the proof run fixed numbers of trials");
            }

            var outputs = print.CheckWithScenario(parse, stdout, parse.GetValue(scenario)!, errors);
            var quiet = print.IsQuiet(parse);
            if (options is null || errors.Count > 0)
            {
                return Task.FromResult(cli.ArgumentErrors(errors));
            }

            if (FlowSimCli.SourceOf(parse.GetValue(scenario)!, stderr) is not { } source)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var loaded = FlowSimCli.Load(source, parse.GetValue(scenario)!, stderr, quiet, experiment.Overrides);
            if (loaded is null || !CommandOutputs.CheckHistories(outputs, loaded, stderr))
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var name = parse.GetValue(strategy)!;
            var problems = Meio.Problems(loaded, name, goal).ToList();
            if (outputs.Named("--out") is not null && experiment.Overrides.FirstOrDefault(o => o.Path.StartsWith($"strategies.{name}.", StringComparison.Ordinal) || o.Path.StartsWith("strategies[", StringComparison.Ordinal)) is { } changed)
            {
                problems.Add($"--out copies strategy '{name}' as the file writes it, and --set {changed.Path} changes it: write the change into the scenario first, or leave out --out");
            }

            if ((options.Trials ?? loaded.Trials) < 2)
            {
                problems.Add("the proof needs at least 2 trials (--trials) for a confidence bound");
            }

            if (problems.Count > 0)
            {
                foreach (var p in problems)
                {
                    stderr.WriteLine($"{loaded.Source.Path}: --strategy: {p}");
                }

                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var proofTrials = options.Trials ?? loaded.Trials;
            var request = new MeioRequest(name, goal, scope!.Value, objective!.Value, parse.GetValue(budget) ?? DefaultBudget,
                parse.GetValue(searchTrials) ?? Math.Max(2, Math.Min(proofTrials, DefaultSearchTrials)), proofTrials, options.Seed ?? loaded.Seed, options.Threads);
            var total = request.Budget + (proofTrials * 3 * (loaded.Disruptions.IsEmpty ? 1 : 2));
            var result = TrialProgress.Run(stderr, interactive && !quiet, "trials", total, progress => Meio.Run(loaded, request,
                progress is null ? null : new Progress(progress, request), ct));
            var text = source.ReadText();
            Action<Stream> json = s => MeioFiles.WriteJson(result, s, recordedCommand);
            print.Write(parse, outputs, stdout, stderr, ct, new OutputWriters(json, Report: s => FlowSim.Reports.Html.PlanningReport.WriteMeio(result, s, recordedCommand),
                Out: s => MeioFiles.WriteStrategy(result, text ?? throw new IOException($"{source.Name} could not be read again to copy strategy '{name}'"), s)),
                o => Write(result, o), json);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Counts the search's trials, then the proof's on top of the budget.</summary>
    private sealed class Progress(IProgress<int> bar, MeioRequest request) : IProgress<Meio.Progress>
    {
        private int _proofRuns;

        public void Report(Meio.Progress value)
        {
            if (value.Stage == "proof")
            {
                bar.Report(request.Budget + (_proofRuns++ * request.ProofTrials * 3));
                return;
            }

            bar.Report((int)Math.Min(value.TrialsUsed, request.Budget));
        }
    }

    /// <summary>The release per placement, where stock sits by echelon, and the searched levels.</summary>
    public static void Write(MeioResult result, TextWriter output)
    {
        var r = result.Request;
        var currency = result.Scenario.Currency;
        var c = CultureInfo.InvariantCulture;
        var console = ResultTable.PlainConsole(output, 200);
        output.WriteLine(ConsoleText.Plain($"{result.Scenario.Name}: placing the safety stock of strategy {r.Strategy} for {r.Target?.ToString() ?? "the least total cost"}"
            + (r.Target is null ? "" : $" per {(r.Per == TargetScope.Item ? "item" : "item-location")} with 95% confidence") + $", minimising {r.Objective.Key()}."));
        output.WriteLine(ConsoleText.Plain(string.Create(c, $"Search: started from the {result.Start} placement, {result.Steps.Length} steps, {result.TrialsUsed:N0} trials ({r.SearchTrials} per candidate, seed {r.Seed}); ")
            + (result.Converged ? "stopped when no move improved significantly." : "stopped when the budget was spent (--budget for more).")));
        foreach (var (il, why) in result.LeftOut)
        {
            output.WriteLine(ConsoleText.Plain($"Left out of the target: {il} {why}."));
        }

        if (result.DroppedLinks > 0)
        {
            output.WriteLine(ConsoleText.Plain($"The analytic model saw the network as a tree: {result.DroppedLinks} link(s) (a second feed of a stage) left out."));
        }

        foreach (var proof in result.Proofs)
        {
            output.WriteLine();
            output.WriteLine(ConsoleText.Plain(string.Create(c, $"Proof ({proof.Label}): {proof.Trials:N0} fresh trials, seed {proof.Seed}, the three placements on the same trials.")));
            var table = new Table().Border(TableBorder.Simple);
            foreach (var h in new[] { "placement", "Avg inventory value", "Released", "Released %", "Total cost/yr", "Meet target", "Lowest service" })
            {
                table.AddColumn(new TableColumn(ConsoleText.Cell(h)).RightAligned());
            }

            foreach (var p in proof.Placements)
            {
                var lowest = p.Services.MinBy(s => s.Service.Mean);
                var baseline = p.Placement == "baseline";
                table.AddRow(
                    ConsoleText.Cell(p.Placement),
                    ConsoleText.Cell(ResultTable.Cell(p.InventoryValue, Metric.AvgInventoryValue, currency)),
                    ConsoleText.Cell(baseline ? "-" : MetricText.MeanCi(p.Released, MetricUnit.Money, currency)),
                    ConsoleText.Cell(baseline ? "-" : MetricText.MeanCi(p.ReleasedShare, MetricUnit.Share, currency)),
                    ConsoleText.Cell(MetricText.MeanCi(p.TotalCostPerYear, MetricUnit.Money, currency)),
                    ConsoleText.Cell(r.Target is null ? "no target" : $"{p.Services.Count(s => s.Met)}/{p.Services.Length}"),
                    ConsoleText.Cell(lowest is null ? "-" : $"{lowest.Name} {MetricText.Percent(lowest.Service.Mean, 2)}"));
            }

            console.Write(table);
        }

        output.WriteLine();
        var levels = new Table().Border(TableBorder.Simple);
        foreach (var h in new[] { "item-location", "echelon", "setting", "baseline", "analytic", "searched", "searched safety stock" })
        {
            levels.AddColumn(new TableColumn(ConsoleText.Cell(h)).RightAligned());
        }

        var order = Enumerable.Range(0, result.Searched.Levels.Length).OrderByDescending(i => result.Searched.Levels[i].Echelon).ThenBy(i => i);
        foreach (var i in order)
        {
            var l = result.Searched.Levels[i];
            levels.AddRow(ConsoleText.Cell(l.Name), ConsoleText.Cell(l.Echelon.ToString(c)), ConsoleText.Cell(l.Setting),
                ConsoleText.Cell(Level(result.Baseline.Levels[i].Level)), ConsoleText.Cell(Level(result.AnalyticPlacement.Levels[i].Level)),
                ConsoleText.Cell(Level(l.Level)), ConsoleText.Cell(Level(Math.Round(l.SafetyStock, 1))));
        }

        console.Write(levels);
        var baselineProof = result.Proofs[0].Placements[0];
        if (r.Target is not null && !baselineProof.MeetsTarget)
        {
            output.WriteLine(ConsoleText.Plain($"Sized alone, {baselineProof.Services.Count(s => !s.Met)} of {baselineProof.Services.Length} customer groups miss the target: "
                + "the baseline ignores the waits upstream stock-outs cause, so a release against it is measured from a placement that does not deliver."));
        }

        var searched = result.Proofs[0].Placements[2];
        var release = searched.Released.Mean >= 0
            ? $"releases {MetricText.MeanCi(searched.Released, MetricUnit.Money, currency)} of inventory against the baseline"
            : $"holds {MetricText.Format(-searched.Released.Mean, MetricUnit.Money, currency)} more inventory than the baseline (95% CI ± {MetricText.Format(searched.Released.HalfWidth, MetricUnit.Money, currency)})";
        if (r.Target is null)
        {
            output.WriteLine(ConsoleText.Plain($"The searched placement {release}, at a total cost per year of {MetricText.MeanCi(searched.TotalCostPerYear, MetricUnit.Money, currency)}."));
        }
        else if (searched.MeetsTarget)
        {
            output.WriteLine(ConsoleText.Plain($"The searched placement meets the target at every customer group in the proof, and {release}."));
        }
        else
        {
            var missed = searched.Services.Count(s => !s.Met);
            var why = !result.Converged ? "the budget ran out before the search met the target everywhere (--budget)"
                : missed * 10 <= searched.Services.Length ? "a group just at the target falls below its bound in about one trial set in twenty; more --search-trials give the search more margin"
                : "the search's trials did not show what the fresh trials did; more --search-trials make its decisions surer";
            output.WriteLine(ConsoleText.Plain($"The searched placement {release}, but misses the target at {missed} of {searched.Services.Length} customer groups in the proof's fresh trials: {why}."));
        }
    }

    private static string Level(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);
}
