using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>Every scenario shipped in scenarios/ loads cleanly, runs, and still shows what its comments say.</summary>
public class BundledScenarioTests
{
    public static TheoryData<string> Files() => [.. Directory.GetFiles(RepoFiles.Path("scenarios"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static ExperimentResult Run(string file, int trials) =>
        Experiment.Run(ScenarioLoader.Load(RepoFiles.Path($"scenarios/{file}")).Scenario!, new RunOptions(Trials: trials, Threads: 2));

    private static StrategyResult Strategy(ExperimentResult r, string name) => r.Strategies.Single(s => s.Name == name);

    [Theory]
    [MemberData(nameof(Files))]
    public void Loads_without_errors_or_warnings(string file)
    {
        var result = ScenarioLoader.Load(RepoFiles.Path($"scenarios/{file}"));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Quickstart_trades_service_for_stock_across_the_three_philosophies()
    {
        var r = Run("quickstart.yaml", 40);
        var (buffer, toOrder, speculative) = (Strategy(r, "buffer"), Strategy(r, "demand-responsive"), Strategy(r, "speculative"));
        Assert.True(buffer[Metric.FillRate].Ci95Low > speculative[Metric.FillRate].Ci95High);
        Assert.True(speculative[Metric.FillRate].Ci95Low > toOrder[Metric.FillRate].Ci95High);
        Assert.True(toOrder[Metric.AvgInventoryValue].Mean < buffer[Metric.AvgInventoryValue].Mean);
    }
}
