using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>
/// Adding a strategy whose sourcing needs another order of the item-locations leaves the other
/// strategies' results exactly as they are without it, also where item-locations meet at one resource.
/// </summary>
public class ReviewThreeTests
{
    /// <summary>
    /// The store and the DC buy from one supplier with a capacity; the lateral strategy has the DC draw
    /// on the store, so the DC comes before the store in the order every strategy runs in.
    /// </summary>
    private static string Lateral(string standby, string strategies) => $$"""
        name: lateral
        horizon: 400d
        warmup: 30d
        trials: 10
        seed: 11
        items: [{ id: widget, unit_cost: 10, price: 20 }]
        suppliers: [{ id: asia, lead_time: { dist: gamma, mean: 20d, cv: 30% }, capacity: 13/day }]
        stock_points: [{ id: store }, { id: dc }]
        lanes:
          - { from: asia, to: store }
          - { from: store, to: dc, lead_time: 3d, standby: {{standby}} }
          - { from: asia, to: dc }
        demand:
          - { item: widget, at: store, daily: { dist: poisson, mean: 9/day } }
          - { item: widget, at: dc, daily: { dist: poisson, mean: 4/day } }
        strategies:
        {{strategies}}
        """;

    // The supplier's queue takes a day's orders in the order the item-locations run in, so the
    // store's and the DC's orders of one day start in another order once the DC runs first.
    [Fact(Skip = "a supplier's capacity queue takes a day's orders in the order the item-locations run in, not the scenario's own order")]
    public void A_strategy_that_reorders_the_item_locations_leaves_a_supplier_capacity_queue_as_it_is()
    {
        var options = new RunOptions(Threads: 1);
        var alone = Experiment.Run(TestScenarios.Load(Lateral("[widget]", "  - { name: direct, policy: buffer, service_level: 95% }")), options);
        var both = Experiment.Run(TestScenarios.Load(Lateral("true", """
              - { name: lateral, policy: buffer, service_level: 95%, sourcing: { widget@dc: store } }
              - { name: direct, policy: buffer, service_level: 95% }
            """)), options);
        Assert.Equal("dc", both.Scenario.Stocked[0].StockPointId);
        foreach (var m in Enum.GetValues<Metric>())
        {
            Assert.True(alone.Strategies[0][m].Mean.Equals(both.Strategy("direct")[m].Mean), $"{m}: {alone.Strategies[0][m].Mean} alone, {both.Strategy("direct")[m].Mean} beside the lateral strategy");
        }
    }
}
