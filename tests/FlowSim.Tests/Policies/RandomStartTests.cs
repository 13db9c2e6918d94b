using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>
/// <c>start: steady</c> (and <c>start: { on_hand, phase: random }</c>): a deterministic cycle (constant demand and lead time) starts at a random
/// point of itself in each trial, so an average over a window shorter than the cycle is an
/// unbiased estimate of the cycle average, where a fixed start measures the same phase every time.
/// </summary>
public class RandomStartTests
{
    private const int Trials = 400;

    private static Statistics AvgOnHand(string policy, string warmup, string horizon, string start) => Experiment.Run(
        TestScenarios.Load(TestScenarios.SingleItem(
            demand: "10",
            leadTime: "3d",
            horizon: horizon,
            warmup: warmup,
            trials: Trials,
            strategies: $"  - name: buffer\n    policy: buffer\n{policy}    start: {start}\n")),
        new RunOptions(Threads: 2)).Strategies[0][Metric.AvgOnHandUnits];

    [Fact]
    public void A_periodic_review_cycle_measured_over_three_days_averages_to_the_cycle_mean()
    {
        // (R,S) with R = 7, S = 200, d = 10, L = 3: the order placed at a review arrives L days later,
        // so on hand after day t's demand is S - d (t - last review at or before t - L), which runs
        // over L .. L + R - 1 days: the cycle average is S - d (L + (R - 1) / 2) = 140.
        const string policy = "    rule: R-S\n    review: 7d\n    order_up_to: 200\n";
        var fixedStart = AvgOnHand(policy, "30d", "33d", "full");
        var steady = AvgOnHand(policy, "30d", "33d", "steady");
        var se = steady.Std / Math.Sqrt(Trials);

        Assert.Equal(0, fixedStart.Std, 9);
        Assert.Equal(440.0 / 3, fixedStart.Mean, 6);
        Assert.True(steady.Std > 10, $"the phase differs between trials (sd {steady.Std})");
        Assert.InRange(140.0, steady.Mean - (3 * se), steady.Mean + (3 * se));
    }

    [Fact]
    public void A_reorder_point_cycle_measured_over_three_days_averages_to_the_uniform_position_mean()
    {
        // (s,Q) with s = 30, Q = 100, d = 10, L = 3: on hand after day t's demand is the position after
        // the review of day t - L less d L. A steady start draws the stock uniformly from s + 1 .. s + Q,
        // which is where the position then stays uniformly spread: E[on hand] = s + (Q + 1) / 2 - d L = 50.5.
        const string policy = "    rule: s-Q\n    reorder_point: 30\n    order_quantity: 100\n";
        var fixedStart = AvgOnHand(policy, "40d", "43d", "full");
        var steady = AvgOnHand(policy, "40d", "43d", "steady");
        var se = steady.Std / Math.Sqrt(Trials);

        Assert.Equal(0, fixedStart.Std, 9);
        Assert.True(steady.Std > 10, $"the phase differs between trials (sd {steady.Std})");
        Assert.InRange(50.5, steady.Mean - (3 * se), steady.Mean + (3 * se));
    }

    [Fact]
    public void The_random_start_does_not_depend_on_the_thread_count()
    {
        var yaml = TestScenarios.SingleItem(
            demand: "{ dist: poisson, mean: 10/day }", horizon: "60d", warmup: "30d", trials: 50,
            strategies: "  - name: buffer\n    policy: buffer\n    rule: s-S\n    reorder_point: 30\n    order_up_to: 120\n    start: steady\n");
        var one = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0][Metric.AvgOnHandUnits];
        var three = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 3)).Strategies[0][Metric.AvgOnHandUnits];

        Assert.Equal(one.Mean, three.Mean);
        Assert.Equal(one.Std, three.Std);
    }

    [Fact]
    public void A_random_phase_of_a_periodic_review_is_the_steady_start_of_that_cycle()
    {
        // (R,S) has no stock to spread: a steady start only draws the first review day, from the
        // same stream as { phase: random }, so the two give the same trials.
        const string policy = "    rule: R-S\n    review: 7d\n    order_up_to: 200\n";
        var phase = AvgOnHand(policy, "30d", "33d", "{ phase: random }");
        var steady = AvgOnHand(policy, "30d", "33d", "steady");

        Assert.Equal(steady.Mean, phase.Mean);
        Assert.Equal(steady.Std, phase.Std);
        Assert.True(phase.Std > 10, $"the phase differs between trials (sd {phase.Std})");
    }

    [Fact]
    public void A_given_stock_on_hand_is_what_a_trial_starts_with()
    {
        // Day 0: 10 sold from what is on hand, then the review orders up to S, which lands on day 3.
        // Over that one day the stock on hand is the start less 10: 40 from 50, 190 from the full 200.
        const string policy = "    rule: R-S\n    review: 7d\n    order_up_to: 200\n";
        Assert.Equal(40, AvgOnHand(policy, "0d", "1d", "{ on_hand: 50 }").Mean, 9);
        Assert.Equal(190, AvgOnHand(policy, "0d", "1d", "full").Mean, 9);
    }

    [Theory]
    [InlineData("{ phase: later }", "strategies[0].start.phase: expected fixed")]
    [InlineData("{ on_hand: -5 }", "strategies[0].start.on_hand: must not be negative")]
    [InlineData("{ on_hnd: 5 }", "strategies[0].start")]
    public void A_start_given_as_a_mapping_is_checked_at_its_keys(string start, string message)
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(
            strategies: $"  - name: buffer\n    policy: buffer\n    order_up_to: 20\n    start: {start}\n"));

        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal) && e.StartsWith("bad.yaml:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_start_is_refused_at_its_line_with_the_nearest_value()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(
            strategies: "  - name: buffer\n    policy: buffer\n    order_up_to: 20\n    start: stedy\n"));

        Assert.Contains(errors, e => e.Contains("strategies[0].start") && e.Contains("did you mean 'steady'") && e.StartsWith("bad.yaml:", StringComparison.Ordinal));
    }
}
