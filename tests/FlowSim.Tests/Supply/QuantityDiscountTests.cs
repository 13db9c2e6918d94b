using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>A supplier's price break: large orders pay less per unit, small ones the list price.</summary>
public class QuantityDiscountTests
{
    // Constant demand and lead time: every order of an (R,S) rule is exactly R days of demand.
    private static string Scenario(int reviewDays, string discount = "{ min_order: 100, discount: 20% }") => $$"""
        name: price break
        horizon: 400d
        warmup: 40d
        trials: 2
        items:
          - { id: widget, unit_cost: 10, price: 30, holding_rate: 0 }
        suppliers:
          - { id: vendor, lead_time: 3d }
        stock_points:
          - { id: shop }
        lanes:
          - { from: vendor, to: shop, quantity_discount: {{discount}} }
        demand:
          - { item: widget, at: shop, daily: 10/day }
        strategies:
          - { name: r, policy: buffer, rule: R-S, review: {{reviewDays}}d, safety_stock: 0 }
        """;

    private static double PurchaseCost(string yaml) =>
        Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0][Metric.PurchaseCost].Mean;

    [Fact]
    public void Orders_at_or_above_the_break_pay_the_discounted_price_on_every_unit()
    {
        // Every order is 10 days x 10 = 100 units, exactly the break: 8 a unit instead of 10.
        var discounted = PurchaseCost(Scenario(10));
        var listPrice = PurchaseCost(Scenario(10, "{ min_order: 101, discount: 20% }"));
        Assert.True(listPrice > 0);
        Assert.Equal(0.8 * listPrice, discounted, 6);
    }

    [Fact]
    public void Orders_below_the_break_pay_the_list_price()
    {
        // Orders of 90 units, below the break of 100: the same purchase cost as with no break at all.
        var withBreak = PurchaseCost(Scenario(9));
        var noBreak = PurchaseCost(Scenario(9).Replace(", quantity_discount: { min_order: 100, discount: 20% }", ""));
        Assert.Equal(noBreak, withBreak, 6);
    }

    [Theory]
    [InlineData("{ min_order: 0, discount: 15% }", "lanes[0].quantity_discount.min_order: ")]
    [InlineData("{ min_order: 500, discount: 100% }", "lanes[0].quantity_discount.discount: must be above 0 and below 100%")]
    [InlineData("{ min_order: 500 }", "lanes[0].quantity_discount.discount: ")]
    public void A_bad_price_break_is_refused_with_its_field_path(string discount, string expected)
    {
        var error = Assert.Single(TestScenarios.Errors(Scenario(10, discount)));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_price_break_between_stock_points_is_refused()
    {
        var yaml = Scenario(10).Replace("  - { id: shop }", "  - { id: dc }\n  - { id: shop }")
            .Replace("  - { from: vendor, to: shop, quantity_discount: { min_order: 100, discount: 20% } }",
                "  - { from: vendor, to: dc }\n  - { from: dc, to: shop, lead_time: 1d, quantity_discount: { min_order: 100, discount: 20% } }");
        var error = Assert.Single(TestScenarios.Errors(yaml));
        Assert.Contains("lanes[1].quantity_discount: a quantity discount needs a lane from a supplier", error);
    }
}
