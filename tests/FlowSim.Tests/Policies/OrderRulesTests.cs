using FlowSim.Policies;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Policies;

/// <summary>The order rules as textbooks state them, called without an engine.</summary>
public class OrderRulesTests
{
    [Theory]
    [InlineData(40, 100, 60)]
    [InlineData(-15, 100, 115)]
    [InlineData(100, 100, 0)]
    public void Base_stock_orders_what_brings_the_position_up_to_S(double position, double orderUpTo, double expected) =>
        Assert.Equal(expected, OrderRules.OrderUpTo(position, orderUpTo));

    [Fact]
    public void Base_stock_orders_nothing_when_the_position_is_above_S() =>
        Assert.True(OrderRules.OrderUpTo(position: 120, orderUpTo: 100) <= 0);

    [Theory]
    [InlineData(30, 80)]  // at s: up to S
    [InlineData(12, 98)]  // below s: up to S, however far below
    [InlineData(-5, 115)] // backorders count against the position
    public void Min_max_orders_up_to_S_when_the_position_is_at_or_below_s(double position, double expected) =>
        Assert.Equal(expected, OrderRules.MinMax(position, reorderPoint: 30, orderUpTo: 110));

    [Theory]
    [InlineData(30.5)]
    [InlineData(75)]
    [InlineData(109)]
    public void Min_max_orders_nothing_above_s(double position) =>
        Assert.Equal(0, OrderRules.MinMax(position, reorderPoint: 30, orderUpTo: 110));

    [Theory]
    [InlineData(20, 25)]  // at s: one Q lifts it above s
    [InlineData(0, 25)]   // 20 below s: one Q (25) lifts it to 25 > 20
    [InlineData(-5, 50)]  // 25 below s: one Q only reaches s, so two
    [InlineData(-40, 75)] // 60 below s: three Q
    public void Reorder_point_orders_the_fewest_whole_Q_that_lift_the_position_above_s(double position, double expected)
    {
        var q = OrderRules.ReorderPoint(position, reorderPoint: 20, orderQuantity: 25);
        Assert.Equal(expected, q);
        Assert.Equal(0, q % 25);
        Assert.True(position + q > 20);
        Assert.True(position + q - 25 <= 20);
    }

    [Fact]
    public void Reorder_point_orders_nothing_above_s() =>
        Assert.Equal(0, OrderRules.ReorderPoint(position: 20.01, reorderPoint: 20, orderQuantity: 25));

    [Fact]
    public void A_buffer_dispatches_on_its_rule()
    {
        // Same position and levels, four rules: (R,S) and base-stock order up to S even above s.
        Assert.Equal(60, OrderRules.Buffer(BufferRule.BaseStock, 40, 30, 100, 25));
        Assert.Equal(60, OrderRules.Buffer(BufferRule.PeriodicReview, 40, 30, 100, 25));
        Assert.Equal(0, OrderRules.Buffer(BufferRule.MinMax, 40, 30, 100, 25));
        Assert.Equal(0, OrderRules.Buffer(BufferRule.ReorderPoint, 40, 30, 100, 25));
        Assert.Equal(75, OrderRules.Buffer(BufferRule.MinMax, 25, 30, 100, 25));
    }

    [Fact]
    public void A_level_that_follows_demand_is_forecast_over_the_protection_period_plus_safety_stock() =>
        Assert.Equal((12.5 * 8) + 30, OrderRules.ForecastLevel(forecastPerDay: 12.5, protectionDays: 8, safetyStock: 30));

    [Theory]
    [InlineData(50, 10, 15, 5, 25)]   // owed beyond stock and open orders
    [InlineData(50, 10, 38, 5, 5)]    // a shortfall of 2 is released as the minimum batch
    [InlineData(50, 30, 20, 5, 0)]    // covered exactly: nothing
    [InlineData(0, 0, 0, 5, 0)]       // nothing owed: nothing, not even the minimum batch
    public void Make_to_order_releases_what_is_owed_and_not_covered_at_least_the_minimum_batch(double owed, double onHand, double onOrder, double minBatch, double expected) =>
        Assert.Equal(expected, OrderRules.DemandResponsive(owed, onHand, onOrder, minBatch));

    [Fact]
    public void In_season_replenishment_orders_only_while_an_order_can_still_arrive_before_the_window_closes()
    {
        var plan = new SeasonPlan
        {
            Batches = [new BatchPlan(AtDays: 0, Quantity: 500, SellUntilDays: 100)],
            ReplenishesInSeason = true,
            ReorderPoint = 40,
            OrderQuantity = 60,
            LeadTimeMeanDays = 10,
        };

        Assert.Equal(60, OrderRules.InSeason(plan, position: 30, day: 50));
        Assert.Equal(0, OrderRules.InSeason(plan, position: 50, day: 50));   // above s
        Assert.Equal(0, OrderRules.InSeason(plan, position: 30, day: 95));   // would arrive after day 100
        Assert.Equal(0, OrderRules.InSeason(plan, position: 30, day: 120));  // the window has closed
    }
}
