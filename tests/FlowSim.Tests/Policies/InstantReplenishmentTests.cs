using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>
/// Customers arriving one by one at a continuously reviewed buffer that is replenished at once (no
/// lead time): lead-time demand is zero, but a level of zero would backorder every customer. A
/// service target sizes the order-up-to level to one customer order, so every order is served from stock.
/// </summary>
public class InstantReplenishmentTests
{
    private static StrategyResult Run(string orderSize, string target) => Experiment.Run(TestScenarios.Load($$"""
        name: instant supply
        horizon: 400d
        trials: 10
        seed: 4
        items:
          - { id: widget, unit_cost: 10, price: 25 }
        suppliers:
          - { id: maker, lead_time: 0d }
        stock_points:
          - id: shop
        lanes:
          - { from: maker, to: shop }
        demand:
          - { item: widget, at: shop, customers: { rate: 5/day{{orderSize}} }, patience: unlimited }
        strategies:
          - { name: s, policy: buffer, rule: base-stock, {{target}}, review: continuous }
        """), new RunOptions(Threads: 1)).Strategies[0];

    [Theory]
    [InlineData("", "service_level: 95%", 1)]
    [InlineData(", order_size: 3", "service_level: 95%", 3)]
    [InlineData(", order_size: 3", "fill_rate: 95%", 3)]
    public void A_service_target_holds_one_customer_order_and_serves_every_order_from_stock(string orderSize, string target, double level)
    {
        var st = Run(orderSize, target);

        Assert.Equal(level, st.PolicyDetails[0].Numbers.OrderUpTo);
        Assert.Equal(1.0, st[Metric.FillRate].Mean);
        Assert.Equal(1.0, st[Metric.CycleServiceLevel].Mean);
    }
}
