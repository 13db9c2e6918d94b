using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Experiments;

/// <summary>Trial-by-trial differences between runs on the same trials.</summary>
public sealed class PairedTrialsTests
{
    private static ExperimentResult Quickstart() =>
        Experiment.Run(ScenarioLoader.Load(RepoFiles.Path("scenarios/quickstart.yaml")).Scenario!, new RunOptions(Trials: 8, Threads: 2));

    [Fact]
    public void Given_two_strategies_Then_the_difference_in_each_trial_is_their_outcomes_in_that_trial_subtracted()
    {
        var result = Quickstart();
        var a = result.Strategies[0];
        var b = result.Strategies[1];
        var d = PairedTrials.Differences(a, b, Metric.TotalCost, scale: 2);
        Assert.Equal(result.Trials, d.Length);
        for (var k = 0; k < d.Length; k++)
        {
            Assert.Equal((a.Outcome(k, Metric.TotalCost) - b.Outcome(k, Metric.TotalCost)) * 2, d[k]);
        }
    }

    [Fact]
    public void Given_the_same_strategy_twice_Then_the_difference_is_zero_with_no_spread()
    {
        var s = Quickstart().Strategies[0];
        var d = PairedTrials.Difference(s, s, Metric.Profit);
        Assert.Equal(0, d.Mean);
        Assert.Equal(0, d.Std);
        Assert.Equal(0, d.HalfWidth);
    }

    [Fact]
    public void Given_swapped_runs_Then_the_mean_difference_changes_sign()
    {
        var result = Quickstart();
        var ab = PairedTrials.Difference(result.Strategies[0], result.Strategies[1], Metric.FillRate);
        var ba = PairedTrials.Difference(result.Strategies[1], result.Strategies[0], Metric.FillRate);
        Assert.Equal(-ab.Mean, ba.Mean, 12);
        Assert.Equal(ab.Std, ba.Std, 12);
    }

    [Fact]
    public void Given_a_comparison_Then_its_cost_difference_is_the_paired_difference()
    {
        var result = Quickstart();
        var pair = result.Comparisons[0];
        var direct = PairedTrials.Difference(result.Strategy(pair.A), result.Strategy(pair.B), Metric.TotalCost);
        Assert.Equal(direct, pair.TotalCostDifference);
    }

    [Fact]
    public void The_named_normal_quantile_is_the_normal_distribution_at_975()
    {
        Assert.Equal(Statistics.NormalQuantile975, Statistics.NormalQuantile(0.975), 14);
        Assert.True(Statistics.StudentTQuantile(0.975, 4) > Statistics.NormalQuantile975);
    }
}
