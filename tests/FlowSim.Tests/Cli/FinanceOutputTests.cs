using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Cli;

/// <summary>What finance reads: the JSON keys, the per-trial CSV and the compare command.</summary>
public sealed class FinanceOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-finance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string PortClosure => RepoFiles.Path("scenarios/port-closure.yaml");

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Json_has_cost_breakdown_tail_risk_disruption_cost_attribution_and_comparisons()
    {
        var json = Out("r.json");
        var run = CliRunner.Run("run", PortClosure, "--trials", "12", "--attribute", "--json", json);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.True(root.GetProperty("attributed").GetBoolean());
        var strategies = root.GetProperty("strategies").EnumerateArray().ToArray();
        foreach (var s in strategies)
        {
            var total = s.GetProperty("metrics").GetProperty("total_cost");
            Assert.Equal(total.GetProperty("p95").GetDouble(), total.GetProperty("var95").GetDouble());
            Assert.True(total.GetProperty("cvar95").GetDouble() >= total.GetProperty("var95").GetDouble());
            Assert.False(s.GetProperty("metrics").GetProperty("fill_rate").TryGetProperty("cvar95", out _), "tail risk is for costs");
            var breakdown = s.GetProperty("cost_breakdown");
            Assert.Equal(CostComponents.All.Select(c => c.Key()), breakdown.EnumerateObject().Select(p => p.Name));
            var sum = breakdown.EnumerateObject().Sum(p => p.Value.GetProperty("mean").GetDouble());
            Assert.Equal(total.GetProperty("mean").GetDouble(), sum, 3);
            var disruption = s.GetProperty("disruption_cost");
            Assert.True(disruption.GetProperty("per_year").TryGetProperty("cvar95", out _));
            Assert.Equal("port-strike", disruption.GetProperty("attribution")[0].GetProperty("disruption").GetString());
        }

        var comparisons = root.GetProperty("comparisons").EnumerateArray().ToArray();
        Assert.Equal(strategies.Length * (strategies.Length - 1) / 2, comparisons.Length);
        Assert.Contains(comparisons[0].GetProperty("verdict").GetString(), new[] { "a_cheaper", "b_cheaper", "not_distinguishable" });
        Assert.Equal(strategies.Length - 1, root.GetProperty("resilience_return").GetArrayLength());
    }

    [Fact]
    public void Csv_has_one_row_per_trial_and_strategy_with_every_metric()
    {
        var csv = Out("t.csv");
        var run = CliRunner.Run("run", PortClosure, "--trials", "5", "--csv", csv);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(csv);
        using var provenance = JsonDocument.Parse(File.ReadAllText(csv + ".provenance.json"));
        Assert.Equal(4242, provenance.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(5, provenance.RootElement.GetProperty("trials").GetInt32());
        var header = lines[0].Split(',');
        Assert.Equal(["trial", "strategy"], header[..2]);
        Assert.Contains("total_cost", header);
        Assert.Contains("disruption_cost", header);
        Assert.Contains("cost.obsolescence", header);
        Assert.Contains("dc-north.bullwhip_ratio", header);
        Assert.Contains("port-strike.time_to_survive_days", header);
        Assert.DoesNotContain("port-strike.attributed_cost", header);
        Assert.Equal(1 + (5 * 3), lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(header.Length, l.Split(',').Length));
        Assert.Equal("lean", lines[1].Split(',')[1]);
    }

    [Fact]
    public void Run_prints_verdicts_against_the_most_profitable_and_the_yearly_cost_of_disruption()
    {
        var run = CliRunner.Run("run", PortClosure, "--trials", "10");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Against the most profitable strategy (dc-buffers), paired trial by trial (ranked by profit; --rank):", run.Stdout);
        Assert.Contains("dc-buffers earns ", run.Stdout);
        Assert.Contains("Expected cost of disruption per year", run.Stdout);
        Assert.Contains("Disruptions lower the total cost of dc-buffers by ", run.Stdout);
        Assert.Contains("Total cost CVaR95 (worst 5%)", run.Stdout);
        Assert.Contains("1 trial in 20 (0.81-year trials)", run.Stdout);
        Assert.Contains("Resilience return of ", run.Stdout);
    }

    [Fact]
    public void Rank_total_cost_words_the_verdicts_as_cost_and_a_bad_rank_exits_2()
    {
        var run = CliRunner.Run("run", PortClosure, "--trials", "10", "--rank", "total_cost");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Against the cheapest strategy (dc-buffers), paired trial by trial (ranked by total_cost; --rank):", run.Stdout);
        Assert.Contains("dc-buffers is cheaper than lean by ", run.Stdout);

        var bad = CliRunner.Run("run", PortClosure, "--trials", "10", "--rank", "proft");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--rank must be profit or total_cost, got 'proft'; did you mean 'profit'?", bad.Stderr);
    }

    [Fact]
    public void Compare_prints_every_pair_with_a_verdict()
    {
        var run = CliRunner.Run("compare", PortClosure, "--trials", "10");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Total cost A-B per year (95% CI)", run.Stdout);
        Assert.Contains("Profit A-B per year (95% CI)", run.Stdout);
        Assert.Equal(3, run.Stdout.Split('\n').Count(l => l.Contains(" a year more than ", StringComparison.Ordinal) || l.Contains("not distinguishable on profit", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--precision", "150%", "--precision must be a share above 0 and below 100%")]
    [InlineData("--precision", "abc", "--precision must be a share above 0 and below 100%")]
    [InlineData("--max-trials", "500", "--max-trials applies only with --precision")]
    public void Bad_precision_arguments_exit_2_with_a_message_and_write_nothing(string option, string value, string message)
    {
        var json = Out("never.json");
        var run = CliRunner.Run("run", PortClosure, option, value, "--json", json);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void Precision_out_of_reach_warns_and_still_reports()
    {
        var run = CliRunner.Run("run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "10", "--precision", "0.01%", "--max-trials", "20");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not reached within 20 trials", run.Stderr);
        Assert.Contains("20 trials", run.Stdout);
    }
}

/// <summary>Output paths the file system refuses.</summary>
public sealed class RefusedOutputTests
{
    [Theory]
    [InlineData("run", "--json")]
    [InlineData("run", "--csv")]
    [InlineData("run", "--report")]
    [InlineData("compare", "--json")]
    public void A_place_that_refuses_files_gives_exit_2_and_a_message_before_anything_runs(string command, string option)
    {
        // /proc takes no new files, whoever runs the tests (root too).
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var outcome = CliRunner.Run(command, RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "2", option, "/proc/flowsim-result");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"flowsim: {option}: cannot write '/proc/flowsim-result':", outcome.Stderr);
        Assert.DoesNotContain("   at ", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }
}
