using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Policies;

namespace FlowSim.Tests.Experiments;

/// <summary><c>demand[].block</c>: empirical demand resampled in runs of observed days, keeping their pattern.</summary>
public class BlockBootstrapTests
{
    // Two weeks of history: a quiet week, then a busy one.
    private const string History = "{ dist: empirical, values: [0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10] }";

    private static ExperimentResult Run(string block, string horizon = "14d", int trials = 200, string strategy = "{ name: fixed, policy: buffer, order_up_to: 500 }") =>
        Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(demand: History + block, horizon: horizon, trials: trials, strategies: "  - " + strategy + "\n")), new RunOptions(Threads: 2));

    [Fact]
    public void A_block_as_long_as_the_history_replays_its_total_every_time()
    {
        // Fourteen consecutive days of the history, wrapping round, always add up to 70.
        var blocks = Run("\n    block: 14d").Strategies[0][Metric.DemandedUnits];
        Assert.Equal(70, blocks.Mean, 9);
        Assert.Equal(0, blocks.Std, 9);

        // Days drawn alone: 14 independent days of variance 25, so the total varies by sqrt(350).
        var alone = Run("").Strategies[0][Metric.DemandedUnits];
        Assert.InRange(alone.Std, 0.8 * Math.Sqrt(350), 1.2 * Math.Sqrt(350));
    }

    [Fact]
    public void Blocks_keep_the_day_to_day_runs_and_the_mean()
    {
        // Seven-day blocks from a random day: each block's sum is that of 7 consecutive days.
        const int trials = 400;
        var r = Run("\n    block: 7d", horizon: "70d", trials: trials).Strategies[0][Metric.DemandedUnits];
        Assert.True(Math.Abs(r.Mean - 350) <= 3 * r.Std / Math.Sqrt(trials), $"mean {r.Mean}");

        // Ten blocks, each a circular 7-day run of the history: variance 10 x that of those runs.
        var expected = PolicySizing.BlockWindowVariance([0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10], 7, 70);
        // The 14 circular runs add up to 0, 10, ..., 70, 60, ..., 10: mean 35, variance 425.
        double[] runs = [0, 10, 20, 30, 40, 50, 60, 70, 60, 50, 40, 30, 20, 10];
        Assert.Equal(10 * runs.Sum(x => (x - 35) * (x - 35)) / 14, expected, 6);
        var variance = r.Std * r.Std;
        Assert.True(Math.Abs(variance - expected) <= 3 * variance * Math.Sqrt(2.0 / (trials - 1)), $"variance {variance:F0}, expected {expected:F0}");
    }

    [Theory]
    [InlineData("{ dist: poisson, mean: 5/day }\n    block: 7d", "applies to empirical daily demand")]
    [InlineData("{ dist: empirical, values: [1, 2], weights: [1, 3] }\n    block: 7d", "without weights")]
    [InlineData(History + "\n    block: 36h", "must be a whole number of days")]
    [InlineData(History + "\n    block: 15d", "longer than the 14 observed days")]
    public void A_block_on_other_demand_or_of_part_days_is_refused(string demand, string message)
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(demand: demand));
        Assert.Contains(errors, e => e.Contains("demand[0].block") && e.Contains(message));
    }
}
