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

/// <summary><c>flowsim audit</c>: every node taken out in turn, ranked by what it costs.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        var (stdout, stderr, recordedCommand) = (cli.Stdout, cli.Stderr, cli.RecordedCommand);
        var scenario = FlowSimCli.ScenarioArgument();
        var experiment = new ExperimentOptions();
        var durations = new Option<string>("--durations")
        {
            Description = "Outage durations to try, comma-separated.",
            HelpName = "D1,D2,...",
            DefaultValueFactory = _ => "2w,4w,8w",
        };
        var print = new OutputOptions("audit",
            json: "Also write the audit as JSON to this file (- for stdout).",
            report: "Also write a self-contained HTML page with the nodes ranked by risk exposure (- for stdout).",
            csv: "Also write one row per node, outage duration and strategy to this CSV file (- for stdout).",
            format: "What goes to stdout: table, json (the --json document) or csv (the --csv document).");
        var command = new Command("audit", "Take each supplier, plant, stock point and lane out in turn for each duration, under every strategy, and rank them by what the outage costs.\n"
            + "Example: flowsim audit scenarios/quickstart.yaml --durations 2w,6w --trials 200")
        {
            scenario, durations,
        };
        experiment.AddTo(command);
        print.AddTo(command);
        var shard = new ShardRun("audit");
        shard.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var errors = new List<string>();
            var options = experiment.Read(parse, errors);
            var path = parse.GetValue(scenario)!;
            var days = ImmutableArray.CreateBuilder<double>();
            foreach (var text in parse.GetValue(durations)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (Units.TryParseDuration(text, out var d, out var error) && d > 0)
                {
                    days.Add(d);
                }
                else
                {
                    errors.Add($"--durations: '{text}' is not a positive duration such as 2w or 10d{(error.Length > 0 ? $" ({error})" : "")}");
                }
            }

            if (days.Count == 0 && errors.Count == 0)
            {
                errors.Add("--durations: give at least one duration, such as 2w,4w,8w");
            }

            if (options?.Precision is not null || options?.Attribute == true)
            {
                errors.Add("--precision and --attribute do not apply to audit: every outage is compared with the scenario on the same trials");
            }

            var sharded = shard.Requested(parse);
            if (sharded)
            {
                FlowSimCli.RefuseStdin(path, "merge reads an audit's scenario again from its file", errors);
            }

            var (slice, outputs) = sharded ? shard.Check(parse, path, options, errors, stdout) : (null, print.CheckWithScenario(parse, stdout, path, errors));
            var quiet = print.IsQuiet(parse);
            if (options is null || errors.Count > 0)
            {
                return Task.FromResult(cli.ArgumentErrors(errors));
            }

            var loaded = FlowSimCli.Load(path, stderr, errorsOnly: quiet, overrides: experiment.Overrides);
            if (loaded is null || !CommandOutputs.CheckHistories(outputs, loaded, stderr))
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var trials = options.Trials ?? loaded.Trials;
            if (slice is { } s && !ShardRun.Fits(s, trials, errors))
            {
                return Task.FromResult(cli.ArgumentErrors(errors));
            }

            var perRun = slice is { } cut ? cut.EndTrial(trials) - cut.FirstTrial(trials) : trials;
            var plan = StudyPlan.SideBySide(slice is null ? "audit" : $"audit shard {slice}", Audit.Runs(loaded, days.Count), "runs", perRun, options);
            var pilot = (loaded, options with { MeasureDisruptionCost = false });
            if (slice is { } one)
            {
                var outcomes = plan.Run(cli, quiet, pilot, progress => AuditSharding.Run(loaded, days.ToImmutable(), options, one, progress, ct), ct);
                var file = AuditShardFile.Of(loaded, outcomes, ShardRun.WithoutShard(recordedCommand));
                CommandOutputs.Commit(outputs, stderr, ct, (outputs.Named("--out"), file.Write));
                return Task.FromResult(ExitCodes.Ok);
            }

            var result = plan.Run(cli, quiet, pilot, progress => Audit.Run(loaded, days.ToImmutable(), options, progress, ct), ct);
            WriteOutputs(result, print, parse, outputs, stdout, stderr, recordedCommand, ct);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>The audit's files and stdout (the table, or the --json or --csv document), as a whole audit and a merge of its shards write them.</summary>
    internal static void WriteOutputs(AuditResult result, OutputOptions print, ParseResult parse, OutputSet outputs, TextWriter stdout, TextWriter stderr, IReadOnlyList<string> command, CancellationToken ct)
    {
        print.WriteStudy(parse, outputs, stdout, stderr, ct, s => AuditJson.Write(result, s, command), s => PlanningFiles.WriteAuditCsv(result, s),
            s => FlowSim.Reports.Html.PlanningReport.WriteAudit(result, s, command), (path, s) => CsvProvenance.Write(result, path, s, command), o => Write(result, o));
    }

    /// <summary>The ranking, then every node's figures per duration and strategy.</summary>
    public static void Write(AuditResult audit, TextWriter output)
    {
        var baseline = audit.Baseline;
        var currency = baseline.Scenario.Currency;
        var c = CultureInfo.InvariantCulture;
        var strategies = baseline.Strategies;
        var console = ResultTable.PlainConsole(output, Math.Max(200, 40 + (22 * strategies.Length)));
        output.WriteLine(string.Create(c,
            $"{ConsoleText.Plain(baseline.Scenario.Name)}: resilience audit, {audit.Nodes.Length} nodes x {audit.Durations.Length} durations x {baseline.Trials:N0} trials; outages start on day {audit.OutageStartDays:0}, on top of the scenario's own randomness and disruptions"));
        output.WriteLine("Baseline: the scenario as it is, no audited outage, on the same trials; every outage is compared with it trial by trial:");
        foreach (var s in strategies)
        {
            output.WriteLine(ConsoleText.Plain($"  {s.Name}: total cost {ResultTable.Cell(s[Metric.TotalCost], Metric.TotalCost, currency)}, fill rate {ResultTable.Cell(s[Metric.FillRate], Metric.FillRate, currency)}"));
        }

        var ranking = new Table().Border(TableBorder.Simple).Title("Risk exposure index (100 = the costliest node, longest outage)");
        ranking.AddColumn(new TableColumn("Rank").RightAligned());
        ranking.AddColumn("Node");
        foreach (var s in strategies)
        {
            ranking.AddColumn(new TableColumn(ConsoleText.Cell(s.Name)).RightAligned());
        }

        var rank = 0;
        foreach (var node in audit.Nodes)
        {
            var cells = new List<string> { (++rank).ToString(c), $"{node.Node.Id} ({node.Node.Kind.Label()})" };
            cells.AddRange(strategies.Select((_, k) => string.Create(c, $"{node.RiskExposureIndex[k]:0}{(node.Exposed(k) ? " !" : "")}")));
            ranking.AddRow(cells.Select(ConsoleText.Cell).ToArray());
        }

        console.Write(ranking);
        output.WriteLine("! = exposed: the longest outage loses significantly more units (95% CI above 0), and customers fall short before the node is back (median time to survive shorter than the outage).");
        var detail = new Table().Border(TableBorder.Simple).Title("Per outage, compared trial by trial with the scenario as it is (median time to survive; others mean ± 95% CI)");
        foreach (var header in new[] { "Node", "Out for", "Strategy", "Time to survive", "Time to recover", "Extra lost units", "Lost revenue", "Extra cost", "Fill rate vs baseline" })
        {
            detail.AddColumn(header is "Node" or "Strategy" ? new TableColumn(header) : new TableColumn(header).RightAligned());
        }

        foreach (var node in audit.Nodes)
        {
            foreach (var outage in node.Outages)
            {
                foreach (var f in outage.Strategies)
                {
                    detail.AddRow(ConsoleText.Cell($"{node.Node.Id} ({node.Node.Kind.Label()})"), Units.FormatDays(outage.DurationDays), ConsoleText.Cell(f.Strategy),
                        ConsoleText.Cell(SurviveCell(f)),
                        ConsoleText.Cell(f.UsesNode ? ResultTable.Cell(f.TimeToRecoverDays, Metric.TimeToRecoverDays, currency) : "-"),
                        ConsoleText.Cell(Difference(f.ExtraLostUnits, Metric.LostUnits, currency)),
                        ConsoleText.Cell(Difference(f.LostRevenue, Metric.Revenue, currency)),
                        ConsoleText.Cell(Difference(f.ExtraCost, Metric.TotalCost, currency)),
                        ConsoleText.Cell(FillRateDifference(f.FillRateDifference, currency)));
                }
            }
        }

        console.Write(detail);
        output.WriteLine("Time to survive: median over all trials of the days from the outage's start until customers' service visibly drops (their 7-day fill rate below 99% of its level before, with a unit short);");
        output.WriteLine("  (N% short) = the share of trials in which it dropped at all; \"not short\" = it did not in most trials; \"not used\" = the outage changes nothing for this strategy.");
        output.WriteLine("Lost units, lost revenue, extra cost and fill rate change whose 95% CI includes 0 show as 0: the trials cannot tell them from noise.");
    }

    /// <summary>The median time to survive, with the share of trials in which customers fell short when not all did.</summary>
    private static string SurviveCell(AuditFigures f) => f.DescribeTimeToSurvive();

    /// <summary>The fill rate with the outage minus without, in percentage points: 0 when its 95% CI includes 0.</summary>
    private static string FillRateDifference(Statistics s, string currency) =>
        s.N == 0 || (s.Ci95Low <= 0 && s.Ci95High >= 0) ? "0" : DifferenceText.Format(s, MetricUnit.Share, currency);

    /// <summary>A difference against the scenario as it is: 0 when its 95% CI includes 0 (noise, never a negative loss).</summary>
    private static string Difference(Statistics s, Metric metric, string currency) =>
        s.N == 0 || (s.Ci95Low <= 0 && s.Ci95High >= 0) ? "0" : ResultTable.Cell(s, metric, currency);
}
