using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>
/// Split buffers sized for a target, beyond the order-up-to rule on daily reviews that
/// <see cref="SplitSizingTests"/> checks. Each fact here fails today and is skipped until its fix.
/// </summary>
public class SplitSizingReviewTests
{
    private static string Scenario(string suppliers, string lanes, string demand, string strategies) => $$"""
        name: split-review
        horizon: 3000d
        warmup: 200d
        trials: 40
        seed: 7
        items: [{ id: pan, unit_cost: 10, price: 20 }]
        suppliers:
        {{suppliers}}
        stock_points: [{ id: dc }]
        lanes:
        {{lanes}}
        demand: [{ item: pan, at: dc, {{demand}} }]
        strategies:
        {{strategies}}
        """;

    private const string TwoSuppliers = """
          - { id: far, lead_time: 56d }
          - { id: near, lead_time: 14d }
        """;

    private const string SeventyThirty = """
          - { from: far, to: dc, share: 70% }
          - { from: near, to: dc, share: 30% }
        """;

    /// <summary>
    /// Orders of one unit (continuous review, customers of one unit): each lane but the last
    /// rounds its share to whole units, so 0.7 rounds to 1 and every unit goes to the far lane;
    /// the near lane gets nothing, though the policy is sized for 70/30. The lanes should carry
    /// about 70% and 30% of the units over a run (the rounding carried from order to order).
    /// </summary>
    [Fact(Skip = "fails: the near lane carries 0% (each order's rounding is not carried to the next)")]
    public void A_split_of_one_unit_orders_keeps_its_shares_over_a_run()
    {
        var result = Experiment.Run(TestScenarios.Load(Scenario(TwoSuppliers, SeventyThirty, "customers: { rate: 20/day, order_size: 1 }",
            "  - { name: cont, policy: buffer, review: continuous, fill_rate: 90% }")), new RunOptions(Trials: 4, Threads: 1));
        var lanes = result.Strategies[0].Lanes;
        var far = lanes[0][SupplyMetric.ShippedUnits].Mean;
        var near = lanes[1][SupplyMetric.ShippedUnits].Mean;
        Assert.InRange(near / (far + near), 0.29, 0.31);
    }

    /// <summary>
    /// (s,Q) and (s,S) over a 70/30 split of 56 and 14 days: every lot arrives in two parts 42 days
    /// apart, so the stock on hand averages the position at two times more than a cycle apart and is
    /// rarely near s; sized for a 90% fill rate they deliver 99.6% and 97.6% (one lane of 43 days: 89.8%, 90.4%).
    /// </summary>
    [Fact(Skip = "fails: 99.6% and 97.6% (the split's sizing does not see a lot arriving in parts)")]
    public void A_split_with_lots_sized_for_a_fill_rate_reaches_it()
    {
        var result = Experiment.Run(TestScenarios.Load(Scenario(TwoSuppliers, SeventyThirty, "daily: { dist: normal, mean: 60, sd: 24 }", """
              - { name: sQ, policy: buffer, rule: s-Q, order_quantity: 2000, fill_rate: 90% }
              - { name: sS, policy: buffer, rule: s-S, review: 7d, order_quantity: 2000, fill_rate: 90% }
            """)), new RunOptions(Threads: 2));
        StandardErrors.Near(0.90, result.Strategy("sQ")[Metric.FillRate], "fill rate of an (s,Q) split sized for 90%");
        StandardErrors.Near(0.90, result.Strategy("sS")[Metric.FillRate], "fill rate of an (s,S) split sized for 90%");
    }

    /// <summary>
    /// Weekly (R,S) over three lanes of 5, 20 and 40 days: 20 - 5 is not a multiple of the week, so
    /// the lanes' receipts fall on different days of the cycle and no day has every lane's window at
    /// its longest; sized for a 90% cycle service level it delivers 96%.
    /// </summary>
    [Fact(Skip = "fails: 96% (the sizing takes every lane's window at its longest on the same day)")]
    public void A_weekly_split_over_lanes_out_of_step_reaches_its_cycle_service_level()
    {
        var result = Experiment.Run(TestScenarios.Load(Scenario("""
              - { id: a, lead_time: 5d }
              - { id: b, lead_time: 20d }
              - { id: c, lead_time: 40d }
            """, """
              - { from: a, to: dc, share: 50% }
              - { from: b, to: dc, share: 30% }
              - { from: c, to: dc, share: 20% }
            """, "daily: { dist: normal, mean: 60, sd: 30 }",
            "  - { name: rs, policy: buffer, rule: R-S, review: 7d, service_level: 90% }")), new RunOptions(Threads: 2));
        StandardErrors.Near(0.90, result.Strategy("rs")[Metric.CycleServiceLevel], "cycle service level of a weekly split sized for 90%");
    }

    /// <summary>
    /// A seasonal plan over the 70/30 split of 56 and 14 days: with levels S_t that move, the stock
    /// on hand at T is sum_i s_i (S_(T - L_i) - D(T - L_i, T]), levels set on different days, each
    /// sized for one window of the mean lead time (43.4 days); sized for a 90% cycle service level
    /// it delivers 87.8% (one lane of 43 days: 89.5%). Sizing each share over its own lane's window
    /// instead is worse (82.8%): the levels must be solved for together.
    /// </summary>
    [Fact(Skip = "fails: 87.8% (the levels of reviews a lead time apart mix in the stock on hand)")]
    public void A_seasonal_split_reaches_its_cycle_service_level()
    {
        var yaml = Scenario(TwoSuppliers, SeventyThirty,
            "daily: { dist: normal, mean: 60, sd: 24 }, seasonality: { annual: [0.6, 0.7, 0.8, 1, 1.2, 1.4, 1.5, 1.4, 1.2, 1, 0.7, 0.5] }",
            "  - { name: seasonal, policy: buffer, plan: seasonal, service_level: 90% }").Replace("trials: 40", "trials: 100", StringComparison.Ordinal);
        var result = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 2));
        StandardErrors.Near(0.90, result.Strategy("seasonal")[Metric.CycleServiceLevel], "cycle service level of a seasonal split sized for 90%");
    }
}
