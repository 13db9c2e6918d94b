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

/// <summary><c>flowsim optimize</c> with several <c>--param</c>: the settings searched jointly, and the answer per setting.</summary>
internal static class OptimizeJointly
{
    /// <summary>Runs the joint search and writes its outputs; the exit code.</summary>
    public static int Run(CliContext cli, ParseResult parse, OutputOptions print, OutputSet outputs, ScenarioInput source, ImmutableArray<ScenarioOverride> overrides,
        string strategy, IReadOnlyList<SearchedSetting> settings, Metric objective, OptimizationTarget? target, RunOptions options, bool maximize,
        bool quiet, CancellationToken ct)
    {
        var (stdout, stderr) = (cli.Stdout, cli.Stderr);
        var combinations = settings.Aggregate(1L, (n, s) => n * s.Range.Numbers.Length);
        var findings = ImmutableArray<ScenarioError>.Empty;
        var total = (int)Math.Min(combinations, JointOptimizer.FullGridLimit);
        var loaded = source.Load(overrides).Scenario;
        var only = loaded is null ? [] : loaded.Strategies.Where(s => s.Name == strategy).ToImmutableArray();
        // A full grid runs its combinations side by side; a profile search walks one at a time.
        var study = combinations <= JointOptimizer.FullGridLimit
            ? StudyPlan.SideBySide("optimize", total, "combinations", options.Trials ?? loaded?.Trials ?? 1, options)
            : StudyPlan.OneAtATime("optimize", total, "combinations", options.Trials ?? loaded?.Trials ?? 1, options);
        var result = study.Run(cli, quiet || loaded is null, only.IsEmpty ? null : (loaded! with { Strategies = only }, options), progress =>
            JointOptimizer.Run(source, overrides, strategy, settings, objective, target, options, out findings, ct, maximize, progress), ct, "combinations", total);
        foreach (var f in findings.Where(f => !quiet || f.Severity == Severity.Error))
        {
            stderr.WriteLine(f.ToString());
        }

        if (result is not { } optimised)
        {
            stderr.WriteLine("flowsim: nothing was optimised.");
            return ExitCodes.InvalidInput;
        }

        Action<Stream> json = s => JointOptimizationFiles.WriteJson(optimised, s, cli.RecordedCommand);
        Action<Stream> csv = s => JointOptimizationFiles.WriteCsv(optimised, s);
        print.Write(parse, outputs, stdout, stderr, ct,
            new OutputWriters(json, csv, CsvProvenance: (path, s) => CsvProvenance.Write(optimised, path, s, cli.RecordedCommand)),
            o => Write(optimised, o), json, csv);
        return ExitCodes.Ok;
    }

    /// <summary>The best and plausible combinations, then the answer per setting in words.</summary>
    public static void Write(JointOptimizationResult result, TextWriter output)
    {
        var first = result.Candidates[0].Result;
        var currency = first.Scenario.Currency;
        var console = ResultTable.PlainConsole(output, 120);
        var method = result.Method == JointSearchMethod.FullGrid ? "every combination of the grids" : "a profile search (see docs/planning.md)";
        output.WriteLine(ConsoleText.Plain(string.Create(CultureInfo.InvariantCulture,
            $"{first.Scenario.Name}: {result.Strategy}, {result.Paths.Length} settings searched jointly by {method}; {result.Candidates.Length:N0} combinations x {first.Trials:N0} trials on the same random streams; {(result.Maximize ? "maximising" : "minimising")} {result.Objective.Key()}")));
        var table = new Table().Border(TableBorder.Simple);
        foreach (var path in result.Paths)
        {
            table.AddColumn(new TableColumn(ConsoleText.Cell(path)).RightAligned());
        }

        table.AddColumn(new TableColumn(ConsoleText.Cell(result.Objective.Label() + " (95% CI)")).RightAligned());
        var otherMetric = result.Target is { } t && t.Metric != result.Objective ? t.Metric : (Metric?)null;
        if (otherMetric is { } m)
        {
            table.AddColumn(new TableColumn(ConsoleText.Cell(m.Label() + " (95% CI)")).RightAligned());
        }

        table.AddColumn("");
        // The best and the plausible rows only: a profile search tries many combinations, all in --csv.
        foreach (var candidate in result.Candidates.Where(c => result.Plausible.Contains(c)))
        {
            var cells = new List<string>(candidate.Values) { ResultTable.Cell(candidate[result.Objective], result.Objective, currency) };
            if (otherMetric is { } other)
            {
                cells.Add(ResultTable.Cell(candidate[other], other, currency));
            }

            cells.Add(ReferenceEquals(candidate, result.Best) ? "best" : "plausible");
            table.AddRow(cells.Select(ConsoleText.Cell).ToArray());
        }

        if (result.Best is not { } best)
        {
            output.WriteLine(ConsoleText.Plain($"No combination tried meets {result.Target}; --csv lists all {result.Candidates.Length:N0}."));
            return;
        }

        console.Write(table);
        var others = result.Candidates.Length - result.Plausible.Length;
        if (others > 0)
        {
            output.WriteLine(ConsoleText.Plain($"{others:N0} other combinations tried cost more{(result.Target is null ? "" : " or miss the target")} (all in --csv or --json)."));
        }

        output.WriteLine(ConsoleText.Plain($"Best: {string.Join(", ", result.Paths.Select((p, i) => $"{p}={best.Values[i]}"))} with {result.Objective.Key()} {ResultTable.Cell(best[result.Objective], result.Objective, currency)}"
            + (result.Target is { } tt ? $" and {tt.Metric.Key()} {ResultTable.Cell(best[tt.Metric], tt.Metric, currency)} (target {tt})" : "") + "."));
        for (var i = 0; i < result.Paths.Length; i++)
        {
            var plausible = result.PlausibleNumbers(i);
            var range = plausible.Length <= 1 ? "no other value is as good within the 95% CI"
                : $"plausible from {Format(result, i, plausible[0])} to {Format(result, i, plausible[^1])} (paired 95% CI)";
            output.WriteLine(ConsoleText.Plain($"  {result.Paths[i]}: {result.Answer(i)} to the precision the trials support; {range}."));
        }

        for (var i = 0; i < result.Paths.Length; i++)
        {
            if (result.ChangesNothing(i))
            {
                output.WriteLine(ConsoleText.Plain($"Note: every value of {result.Paths[i]} gave the same results in every trial with the other settings held: it changes nothing for {result.Strategy} "
                    + "(each item-location it would size has its own levels, safety stock or fill rate, or the setting does not apply there)."));
            }
        }

        if (result.Target is { } goal)
        {
            output.WriteLine(ConsoleText.Plain(OptimizeCommand.Confidence(goal, best[goal.Metric])));
        }
    }

    private static string Format(JointOptimizationResult result, int index, double number) =>
        result.Candidates.First(c => c.Numbers[index] == number).Values[index];
}
