using System.Text.RegularExpressions;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Cli;

/// <summary>The console comparison table of <c>flowsim run</c>.</summary>
public sealed partial class ResultTableTests
{
    private static ExperimentResult Quickstart() =>
        Experiment.Run(ScenarioLoader.Load(RepoFiles.Path("scenarios/quickstart.yaml")).Scenario!, new RunOptions(Trials: 12, Threads: 2));

    [Fact]
    public void The_quickstart_table_matches_the_expected_output()
    {
        var outcome = CliRunner.Run("run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "12");
        Assert.Equal(0, outcome.ExitCode);
        ExpectedFile.Check("Cli/Expected/quickstart-table.txt", outcome.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_port_closure_table_with_attribution_matches_the_expected_output()
    {
        var outcome = CliRunner.Run("run", RepoFiles.Path("scenarios/port-closure.yaml"), "--trials", "8", "--attribute");
        Assert.Equal(0, outcome.ExitCode);
        ExpectedFile.Check("Cli/Expected/port-closure-table.txt", outcome.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Highlighting_marks_the_best_value_of_a_row_and_changes_nothing_else()
    {
        var result = Quickstart();
        var plain = new StringWriter();
        var highlighted = new StringWriter();
        FlowSim.Cli.ResultTable.Write(result, plain);
        FlowSim.Cli.ResultTable.Write(result, highlighted, highlight: true);
        Assert.Equal(plain.ToString(), Ansi().Replace(highlighted.ToString(), ""));

        // The highest fill rate is the one marked in its row.
        var best = result.Strategies.MaxBy(s => s[Metric.FillRate].Mean)!;
        var row = highlighted.ToString().Split('\n').Single(l => l.Contains("Fill rate (type 2)", StringComparison.Ordinal));
        var marked = Regex.Match(row, "\u001b\\[[0-9;]*m([^\u001b]+)\u001b\\[0m").Groups[1].Value.Trim();
        Assert.Equal(FlowSim.Cli.ResultTable.Cell(best[Metric.FillRate], Metric.FillRate, "EUR"), marked);
    }

    [Fact]
    public void A_large_network_lists_the_first_policies_and_counts_the_rest()
    {
        var policies = Enumerable.Range(0, 1600).Select(i => $"sku-{i}@store: base-stock S={i * 1000}").ToList();
        var whole = new Dictionary<string, bool>();
        var lines = FlowSim.Cli.ResultTable.PolicyLines(policies, whole);
        Assert.Equal(FlowSim.Cli.ResultTable.PoliciesShown + 1, lines.Count);
        Assert.Equal("sku-0@store: base-stock S=0", lines[0]);
        Assert.Equal("sku-2@store: base-stock S=2,000", lines[2]);
        Assert.DoesNotContain(lines, l => l.StartsWith($"sku-{FlowSim.Cli.ResultTable.PoliciesShown}@store", StringComparison.Ordinal));
        Assert.Equal($"and {1600 - FlowSim.Cli.ResultTable.PoliciesShown:N0} more item-locations (all in --json)", lines[^1]);

        // A few are listed in full, one item-location a line.
        Assert.Equal(3, FlowSim.Cli.ResultTable.PolicyLines(policies.Take(3).ToList(), whole).Count);
    }

    [Fact]
    public void Under_COLUMNS_80_every_line_of_the_quickstart_fits_and_strategies_split_into_tables()
    {
        var outcome = CliRunner.Run(new Dictionary<string, string> { ["COLUMNS"] = "80" }, "run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "12");
        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} characters: {l}"));

        // Four strategies do not fit side by side in 80 columns: two tables, the label column in each.
        Assert.Equal(2, lines.Count(l => l.Contains("Metric (mean ± 95% CI)", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.Contains("Fill rate (type 2)", StringComparison.Ordinal)));

        // Policies: one item-location a line, in whole units for a whole-unit item.
        Assert.Contains("  mug@studio: (s,S) s=519 S=914 (safety stock 63)", lines);
        Assert.Contains(lines, l => l.StartsWith("  mug@studio: 1,119 at 0d, 1,119 at 26w", StringComparison.Ordinal));
    }

    [Fact]
    public void Under_COLUMNS_80_every_line_of_compare_fits()
    {
        var outcome = CliRunner.Run(new Dictionary<string, string> { ["COLUMNS"] = "80" }, "compare", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "12");
        Assert.Equal(0, outcome.ExitCode);
        Assert.All(outcome.Stdout.ReplaceLineEndings("\n").Split('\n'), l => Assert.True(l.Length <= 80, $"{l.Length} characters: {l}"));
    }

    [Fact]
    public void Output_to_a_file_or_pipe_without_COLUMNS_keeps_every_strategy_side_by_side()
    {
        var outcome = CliRunner.Run(new Dictionary<string, string>(), "run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "12");
        var header = outcome.Stdout.Split('\n').Single(l => l.Contains("Metric (mean ± 95% CI)", StringComparison.Ordinal));
        Assert.Matches("buffer +demand-responsive +speculative +hybrid", header);
    }

    [Fact]
    public void A_table_takes_as_many_strategies_as_fit_and_at_least_one()
    {
        // Label 30 wide, strategies 20 wide: two take at most 34 + 23 + 23 = 80 columns, three 103.
        Assert.Equal([[0], [1], [2]], FlowSim.Cli.ResultTable.Groups(30, [20, 20, 20], 79));
        Assert.Equal([[0, 1], [2]], FlowSim.Cli.ResultTable.Groups(30, [20, 20, 20], 80));
        Assert.Equal([[0, 1], [2]], FlowSim.Cli.ResultTable.Groups(30, [20, 20, 20], 102));
        Assert.Equal([[0, 1, 2]], FlowSim.Cli.ResultTable.Groups(30, [20, 20, 20], 103));
        Assert.Equal([[0, 1, 2]], FlowSim.Cli.ResultTable.Groups(30, [20, 20, 20], null));
        Assert.Equal([[0], [1]], FlowSim.Cli.ResultTable.Groups(70, [20, 20], 80));
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Ansi();
}
