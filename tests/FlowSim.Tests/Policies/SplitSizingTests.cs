using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Policies;

/// <summary>
/// Sizing a buffer bought by fixed shares over lanes with different lead times. Every order is
/// shared out, so with shares 70/30 over 56 and 14 days the units on their way are weighed 1 over
/// the last 14 days and 0.7 over the 42 before: the protection's mean is 0.7 x 56 + 0.3 x 14 =
/// 43.4 days of demand, its variance that of 14 + 0.49 x 42 = 34.58 days. The difference in lead
/// times is known in advance and adds no risk, unlike a lead time drawn from a 70/30 mixture
/// (variance 0.21 x 42² = 370 days², which would multiply the safety stock about eight times).
/// </summary>
public class SplitSizingTests
{
    private static string Scenario(string strategies, string demand = "{ dist: normal, mean: 60, sd: 12 }") => $$"""
        name: split
        horizon: 3000d
        warmup: 100d
        trials: 40
        seed: 5
        items: [{ id: pan, unit_cost: 10, price: 20 }]
        suppliers:
          - { id: far, lead_time: 56d }
          - { id: near, lead_time: 14d }
        stock_points: [{ id: dc }]
        lanes:
          - { from: far, to: dc, share: 70% }
          - { from: near, to: dc, share: 30% }
        demand: [{ item: pan, at: dc, daily: {{demand}} }]
        strategies:
        {{strategies}}
        """;

    [Fact]
    public void A_splits_safety_stock_carries_the_variance_of_the_days_its_shares_are_on_their_way()
    {
        var result = Experiment.Run(TestScenarios.Load(Scenario("  - { name: csl95, policy: buffer, service_level: 95% }")), new RunOptions(Trials: 1, Threads: 1));
        var numbers = result.Strategies[0].PolicyDetails[0].Numbers;
        Assert.Equal(43.4, numbers.ProtectionDays!.Value, 9);
        var variance = TestScenarios.Load(Scenario("  - { name: csl95, policy: buffer }")).Demand[0].Daily.Variance;
        var expected = StandardNormal.Quantile(0.95) * Math.Sqrt(variance * ((0.7 * 0.7 * 56) + (0.3 * 0.3 * 14) + (2 * 0.7 * 0.3 * 14)));
        Assert.Equal(expected, numbers.SafetyStock!.Value, 6);
    }

    [Fact]
    public void A_split_sized_for_a_target_reaches_it()
    {
        var result = Experiment.Run(TestScenarios.Load(Scenario("""
              - { name: csl95, policy: buffer, service_level: 95% }
              - { name: fill95, policy: buffer, fill_rate: 95% }
            """, "{ dist: normal, mean: 60, sd: 24 }")), new RunOptions(Threads: 2));
        StandardErrors.Near(0.95, result.Strategy("csl95")[Metric.CycleServiceLevel], "cycle service level of a split sized for 95%");
        StandardErrors.Near(0.95, result.Strategy("fill95")[Metric.FillRate], "fill rate of a split sized for 95%");
    }
}
