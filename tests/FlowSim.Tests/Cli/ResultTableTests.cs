using System.Text.RegularExpressions;
using FlowSim.Experiments;
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
        var policies = Enumerable.Range(0, 1600).Select(i => $"sku-{i}@store: base-stock S={i}").ToList();
        var line = FlowSim.Cli.ResultTable.PolicyLine(policies);
        Assert.StartsWith("sku-0@store: base-stock S=0; sku-1@store", line, StringComparison.Ordinal);
        Assert.Contains($"sku-{FlowSim.Cli.ResultTable.PoliciesShown - 1}@store", line, StringComparison.Ordinal);
        Assert.DoesNotContain($"sku-{FlowSim.Cli.ResultTable.PoliciesShown}@store", line, StringComparison.Ordinal);
        Assert.EndsWith($"and {1600 - FlowSim.Cli.ResultTable.PoliciesShown:N0} more item-locations (all in --json)", line, StringComparison.Ordinal);

        // A few are listed in full.
        Assert.Equal(string.Join("; ", policies.Take(3)), FlowSim.Cli.ResultTable.PolicyLine(policies.Take(3).ToList()));
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Ansi();
}
