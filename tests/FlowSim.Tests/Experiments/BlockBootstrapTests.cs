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
        // The horizon starts at a block's start: only that start counts.
        var expected = PolicySizing.BlockWindowVariance([0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10], 7, 70, startStep: 7);
        // The 14 circular runs add up to 0, 10, ..., 70, 60, ..., 10: mean 35, variance 425.
        double[] runs = [0, 10, 20, 30, 40, 50, 60, 70, 60, 50, 40, 30, 20, 10];
        Assert.Equal(10 * runs.Sum(x => (x - 35) * (x - 35)) / 14, expected, 6);
        var variance = r.Std * r.Std;
        Assert.True(Math.Abs(variance - expected) <= 3 * variance * Math.Sqrt(2.0 / (trials - 1)), $"variance {variance:F0}, expected {expected:F0}");
    }

    [Fact]
    public void A_window_that_starts_mid_block_spans_two_independent_blocks()
    {
        // One busy day a week: m consecutive days hold it with probability m/7, so their sum
        // varies by 4900 (m/7)(1 - m/7) = 100 m (7 - m). A week starting o days into a block is
        // the last 7 - o days of one block and the first o of the next: 200 o (7 - o).
        double[] week = [0, 0, 0, 0, 0, 0, 70];
        Assert.Equal(0, PolicySizing.BlockWindowVariance(week, 7, 7, startStep: 7), 9);
        Assert.Equal(200 * 3 * 4, PolicySizing.BlockWindowVariance(week, 7, 7, startStep: 7, firstStart: 3), 9);

        // Starting on any day alike: 200 (0 + 6 + 10 + 12 + 12 + 10 + 6) / 7 = 1,600.
        Assert.Equal(1600, PolicySizing.BlockWindowVariance(week, 7, 7), 9);
    }

    [Fact]
    public void A_daily_review_sizes_safety_stock_for_windows_starting_on_any_day_of_a_block()
    {
        // Lead time 6 days, daily review: each order covers the 6 days after the review's own. Over
        // the seven days a window can start on, their variance is (600 + 600 + 1,600 + 2,200 +
        // 2,400 + 2,200 + 1,600) / 7 = 1,600 (as above, 100 m (7 - m) for each run of m days).
        var yaml = TestScenarios.SingleItem(demand: "{ dist: empirical, values: [0, 0, 0, 0, 0, 0, 70] }\n    block: 7d", leadTime: "6d",
            strategies: "  - name: buffer\n    policy: buffer\n    rule: base-stock\n    service_level: 95%\n", trials: 2);
        var numbers = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0].PolicyDetails[0].Numbers;
        Assert.Equal(6, numbers.ProtectionDays);
        Assert.Equal(MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.95) * 40, numbers.SafetyStock!.Value, 6);
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
