using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Policies;

/// <summary>
/// <c>fill_rate: 95%</c> on a buffer policy: the safety stock is sized so that the share of demand
/// filled from stock on the day it is asked (type 2) is the target, through the loss function of
/// the demand over the protection period.
/// </summary>
public class FillRateSizingTests
{
    private static ExperimentResult Run(string strategies, int trials = 120) =>
        Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 20/day, sd: 5 }", leadTime: "5d", horizon: "3000d", warmup: "100d", trials: trials, strategies: strategies)), new RunOptions(Threads: 2));

    [Theory]
    [InlineData("base-stock", "", 0.95)]
    [InlineData("base-stock", "", 0.99)]
    [InlineData("R-S", "\n    review: 1w", 0.95)]
    [InlineData("s-Q", "\n    order_quantity: 100", 0.95)]
    [InlineData("s-S", "\n    order_quantity: 200", 0.90)]
    [InlineData("s-S", "\n    order_quantity: 60", 0.90)]
    public void A_policy_sized_to_a_fill_rate_fills_that_share_of_demand(string rule, string extra, double target)
    {
        var strategy = FormattableString.Invariant($"  - name: sized\n    policy: buffer\n    rule: {rule}{extra}\n    fill_rate: {target}\n");
        var st = Run(strategy).Strategies[0];
        var fill = st[Metric.FillRate];

        // The loss functions are exact for normal demand over the period; the daily demand here
        // is a normal truncated at zero 4 sd below its mean, so allow its 0.3 points beside the noise.
        var tolerance = Math.Max(3 * fill.HalfWidth / 1.96, 0.003);
        Assert.True(Math.Abs(fill.Mean - target) <= tolerance, $"{rule}: fill rate {fill.Mean:F4} for a target of {target} (± {tolerance:F4})");
        Assert.Equal(target, st.PolicyDetails[0].Numbers.FillRate);
        Assert.Null(st.PolicyDetails[0].Numbers.ServiceLevel);
    }

    [Fact]
    public void A_cycle_service_level_of_95_percent_fills_more_than_98_percent_of_demand_and_a_fill_rate_of_95_holds_less()
    {
        var st = Run("  - name: csl\n    policy: buffer\n    service_level: 95%\n  - name: fill\n    policy: buffer\n    fill_rate: 95%\n", trials: 20).Strategies;
        Assert.True(st[0][Metric.FillRate].Mean > 0.98, $"{st[0].Name}: {st[0][Metric.FillRate].Mean}");
        Assert.True(st[1].PolicyDetails[0].Numbers.SafetyStock < st[0].PolicyDetails[0].Numbers.SafetyStock, $"{st[1].PolicyDetails[0].Numbers.SafetyStock} against {st[0].PolicyDetails[0].Numbers.SafetyStock}");
        Assert.True(st[1][Metric.AvgOnHandUnits].Mean < st[0][Metric.AvgOnHandUnits].Mean);
    }

    [Fact]
    public void The_order_up_to_level_is_where_the_loss_function_leaves_the_target_short()
    {
        // Base-stock, daily review, 5-day lead time: a day adds G(5, S) - G(4, S) to the backorders.
        var st = Run("  - name: sized\n    policy: buffer\n    fill_rate: 97%\n", trials: 2).Strategies[0];
        var s = st.PolicyDetails[0].Numbers.OrderUpTo!.Value;
        var daily = Distribution.Normal(20, 5);
        double G(int days) => Math.Sqrt(days * daily.Variance) * StandardNormal.Loss((s - (days * daily.Mean)) / Math.Sqrt(days * daily.Variance));
        Assert.Equal(0.03, (G(5) - G(4)) / daily.Mean, 6);
    }

    [Theory]
    [InlineData("    fill_rate: 95%\n    service_level: 95%\n", "strategies[0].fill_rate", "one way of sizing")]
    [InlineData("    fill_rate: 95%\n    safety_stock: 10\n", "strategies[0].fill_rate", "one way of sizing")]
    [InlineData("    fill_rate: 100%\n", "strategies[0].fill_rate", "")]
    public void Conflicting_or_impossible_targets_are_refused_at_their_place(string lines, string path, string message)
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(strategies: "  - name: buffer\n    policy: buffer\n" + lines));
        Assert.Contains(errors, e => e.Contains(path, StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_item_that_gives_its_own_service_level_replaces_the_strategys_fill_rate()
    {
        var yaml = TestScenarios.SingleItem(strategies: "  - name: buffer\n    policy: buffer\n    fill_rate: 95%\n    items:\n      widget: { service_level: 90% }\n");
        var numbers = Experiment.Run(TestScenarios.Load(yaml) with { Trials = 1 }, new RunOptions(Threads: 1)).Strategies[0].PolicyDetails[0].Numbers;
        Assert.Null(numbers.FillRate);
        Assert.Equal(0.90, numbers.ServiceLevel);
    }
}
