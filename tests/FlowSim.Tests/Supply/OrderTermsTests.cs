using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>
/// What real orders cost: a lane's ordering cost, minimum orders and container multiples, joint
/// ordering costs shared by the items of one purchase order, and storage charged by volume. Demand
/// and lead times are constant, so every figure follows from a hand calculation.
/// </summary>
public class OrderTermsTests
{
    // 400 days with 50 of warm-up: 350 measured days, each with one review after its demand.
    private const double MeasuredDays = 350;

    /// <summary>Items (one YAML line each, under items:), lanes and demand, with a daily order-up-to review.</summary>
    private static string Scenario(string lanes, string items = "  - { id: widget, unit_cost: 10, price: 30, holding_rate: 0, ordering_cost: 3 }",
        string demand = "  - { item: widget, at: shop, daily: 7/day }", string stockPoints = "  - { id: shop }", string? strategy = null) => $"""
        name: order terms
        horizon: 400d
        warmup: 50d
        trials: 2
        items:
        {items}
        suppliers:
          - {"{"} id: vendor, lead_time: 2d {"}"}
        stock_points:
        {stockPoints}
        lanes:
        {lanes}
        demand:
        {demand}
        strategies:
        {strategy ?? "  - { name: base, policy: buffer, order_up_to: 40, review: 1d }"}
        """;

    private static StrategyResult Run(string yaml) => Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0];

    [Fact]
    public void An_order_multiple_makes_every_order_whole_containers_and_each_costs_the_lanes_ordering_cost()
    {
        // Up to 40 each day with demand 7: the deficit (7 at most) is rounded up to one container
        // of 50, so the position stays in [40, 90) and the orders bring in what is sold: 7 x 350 =
        // 2450 units give 2450 / 50 = 49 orders, one more or fewer with the position's phase.
        // Each costs the lane's 25, not the item's 3. Without the multiple, 350 orders of 7.
        var r = Run(Scenario("  - { from: vendor, to: shop, ordering_cost: 25, order_multiple: 50 }"));
        var orders = r[Metric.OrdersPlaced].Mean;
        var units = r[Metric.OrderedUnits].Mean;
        Assert.InRange(orders, 48, 50);
        Assert.Equal(50 * orders, units, 9);
        Assert.Equal(0, Math.IEEERemainder(units, 50), 9);
        Assert.Equal(25 * orders, r[Metric.OrderingCost].Mean, 9);
        Assert.Equal(25 * orders, r[CostComponent.Ordering].Mean, 9);
    }

    [Fact]
    public void A_minimum_order_raises_small_orders_and_the_stock_they_leave()
    {
        // Demand 10/day, up to 40, lead time 2d, minimum 50. After a day's demand the position is
        // 30, so 50 are ordered: 80, then 70, 60, 50, 40 (no order), 30: an order of 50 every 5
        // days, 70 orders and 3500 units in 350 days. The position averages 60 (80..40), one order
        // of 50 is open 2 days in 5 (20 units on order on average), so on hand averages 40.
        // Without the minimum: 350 orders of 10, position 40, 20 on order, 20 on hand.
        var yaml = Scenario("  - { from: vendor, to: shop, min_order: 50 }", demand: "  - { item: widget, at: shop, daily: 10/day }");
        var r = Run(yaml);
        Assert.Equal(70, r[Metric.OrdersPlaced].Mean, 9);
        Assert.Equal(3500, r[Metric.OrderedUnits].Mean, 9);
        Assert.Equal(40, r[Metric.AvgOnHandUnits].Mean, 9);
        var without = Run(yaml.Replace(", min_order: 50", ""));
        Assert.Equal(350, without[Metric.OrdersPlaced].Mean, 9);
        Assert.Equal(20, without[Metric.AvgOnHandUnits].Mean, 9);
    }

    private const string TwoItems = """
          - { id: cup, unit_cost: 10, price: 30, holding_rate: 0 }
          - { id: plate, unit_cost: 10, price: 30, holding_rate: 0 }
        """;

    private const string TwoDemands = """
          - { item: cup, at: shop, daily: 7/day }
          - { item: plate, at: shop, daily: 5/day }
        """;

    [Theory]
    [InlineData("  - { from: vendor, to: shop, joint_ordering_cost: 100 }")]
    [InlineData("  - { from: vendor, to: shop, items: [cup], joint_ordering_cost: 100 }\n  - { from: vendor, to: shop, items: [plate] }")]
    public void A_joint_ordering_cost_is_charged_once_a_day_and_shared_by_the_items_ordered(string lanes)
    {
        // Both items order every day (their daily demand), from one supplier to one stock point:
        // one purchase order a day, 100 a day, 350 x 100 = 35000, 50 a day each; not 200 a day.
        var r = Run(Scenario(lanes, items: TwoItems.TrimEnd(), demand: TwoDemands.TrimEnd()));
        Assert.Equal(2 * MeasuredDays, r[Metric.OrdersPlaced].Mean, 9);
        Assert.Equal(100 * MeasuredDays, r[Metric.OrderingCost].Mean, 9);
        Assert.All(r.ItemLocations, il => Assert.Equal(50 * MeasuredDays, il[ItemLocationMetric.OrderingCost].Mean, 9));
    }

    [Fact]
    public void Each_lane_carries_the_cost_of_the_orders_placed_on_it_and_the_lanes_add_up_to_the_total()
    {
        // Cup comes over a lane with a joint cost of 100 a day, plate over a lane of its own at 40
        // an order, and the shop's cup from the dc over a transfer lane at the item's 3: each
        // ordering every day. The vendor's lanes into dc share one purchase order (100 a day,
        // 50 each) on top of each order's own cost, so dc's cup lane carries 3 + 50 a day,
        // plate's 40 + 50, the transfer lane 3 and the vendor's lane into the shop 3.
        var r = Run(Scenario(
            "  - { from: vendor, to: dc, items: [cup], joint_ordering_cost: 100 }\n  - { from: vendor, to: dc, items: [plate], ordering_cost: 40 }\n  - { from: dc, to: shop, lead_time: 1d, items: [cup] }\n  - { from: vendor, to: shop, items: [plate] }",
            items: TwoItems.TrimEnd().Replace("holding_rate: 0 }", "holding_rate: 0, ordering_cost: 3 }", StringComparison.Ordinal),
            demand: TwoDemands.TrimEnd() + "\n  - { item: plate, at: dc, daily: 2/day }",
            stockPoints: "  - { id: dc }\n  - { id: shop }"));
        double Lane(int k) => r.Lanes[k][SupplyMetric.OrderingCost].Mean;
        Assert.Equal(53 * MeasuredDays, Lane(0), 9);
        Assert.Equal(90 * MeasuredDays, Lane(1), 9);
        Assert.Equal(3 * MeasuredDays, Lane(2), 9);
        Assert.Equal(3 * MeasuredDays, Lane(3), 9);
        Assert.Equal(r[Metric.OrderingCost].Mean, Lane(0) + Lane(1) + Lane(2) + Lane(3), 6);
        Assert.Equal(Lane(0) + Lane(1) + Lane(3), r.Suppliers.Single()[SupplyMetric.OrderingCost].Mean, 6);
    }

    [Fact]
    public void Storage_by_volume_costs_volume_times_rate_times_the_units_held_each_day()
    {
        // Demand 10/day, up to 40, lead time 2d: 20 units on order, so 20 on hand on average
        // (Little). Volume 0.5 at 2 per unit of volume per day, plus 0.1 per unit per day:
        // (0.5 x 2 + 0.1) x 20 x 350 = 7700.
        var r = Run(Scenario("  - { from: vendor, to: shop }",
            items: "  - { id: widget, unit_cost: 10, price: 30, holding_rate: 0, volume: 0.5 }",
            demand: "  - { item: widget, at: shop, daily: 10/day }",
            stockPoints: "  - { id: shop, storage_cost: 0.1/day, storage_cost_per_volume: 2/day }"));
        Assert.Equal(20, r[Metric.AvgOnHandUnits].Mean, 9);
        Assert.Equal(((0.5 * 2) + 0.1) * 20 * MeasuredDays, r[Metric.StorageCost].Mean, 6);
        Assert.Equal(r[Metric.StorageCost].Mean, r[CostComponent.Storage].Mean, 9);
    }

    [Fact]
    public void A_lanes_ordering_cost_replaces_the_items_on_that_lane_only()
    {
        // The same item at two shops, each ordering every day: the lane into north charges 40 an
        // order, the lane into south none of its own, so south pays the item's 3.
        var r = Run(Scenario(
            "  - { from: vendor, to: north, ordering_cost: 40 }\n  - { from: vendor, to: south }",
            demand: "  - { item: widget, at: north, daily: 7/day }\n  - { item: widget, at: south, daily: 7/day }",
            stockPoints: "  - { id: north }\n  - { id: south }"));
        var north = r.ItemLocations.Single(il => il.Location == "north");
        var south = r.ItemLocations.Single(il => il.Location == "south");
        Assert.Equal(MeasuredDays, north[ItemLocationMetric.OrdersPlaced].Mean, 9);
        Assert.Equal(40 * MeasuredDays, north[ItemLocationMetric.OrderingCost].Mean, 9);
        Assert.Equal(3 * MeasuredDays, south[ItemLocationMetric.OrderingCost].Mean, 9);
        Assert.Equal(43 * MeasuredDays, r[Metric.OrderingCost].Mean, 9);
    }

    [Fact]
    public void Transfers_between_stock_points_come_in_whole_multiples_too()
    {
        // The shop orders from the dc over a lane with a multiple of 50: its orders are 50 each.
        var r = Run(Scenario(
            "  - { from: vendor, to: dc }\n  - { from: dc, to: shop, lead_time: 1d, order_multiple: 50, ordering_cost: 4 }",
            stockPoints: "  - { id: dc }\n  - { id: shop }"));
        var shop = r.ItemLocations.Single(il => il.Location == "shop");
        var orders = shop[ItemLocationMetric.OrdersPlaced].Mean;
        Assert.InRange(orders, 48, 50);
        Assert.Equal(50 * orders, shop[ItemLocationMetric.OrderedUnits].Mean, 9);
        Assert.Equal(4 * orders, shop[ItemLocationMetric.OrderingCost].Mean, 9);
    }

    [Theory]
    [InlineData("  - { name: made to order, policy: demand-responsive, review: 1d }")]
    [InlineData("  - { name: season, policy: speculative, batches: [{ at: 60d, quantity: 120 }, { at: 200d, quantity: 30 }], leftovers: carry }")]
    public void Every_policy_orders_whole_multiples(string strategy)
    {
        // Demand-responsive: each day's 7 units owed are ordered as one container of 50 until
        // stock covers them. Speculative: batches of 120 and 30 become 150 and 50.
        var r = Run(Scenario("  - { from: vendor, to: shop, order_multiple: 50 }", strategy: strategy));
        var orders = r[Metric.OrdersPlaced].Mean;
        if (strategy.Contains("speculative", StringComparison.Ordinal))
        {
            Assert.Equal(2, orders, 9);
            Assert.Equal(150 + 50, r[Metric.OrderedUnits].Mean, 9);
        }
        else
        {
            // 7 x 350 = 2450 units owed over the period: 49 containers, one more or fewer with the phase.
            Assert.InRange(orders, 48, 50);
            Assert.Equal(50 * orders, r[Metric.OrderedUnits].Mean, 9);
        }
    }

    [Fact]
    public void A_run_without_disruptions_forked_from_one_with_them_books_joint_costs_as_from_day_zero()
    {
        // The joint ordering days still open are part of the copied state: a fork that lost them
        // would charge a different ordering cost than the same run from day 0.
        var yaml = Scenario("  - { from: vendor, to: shop, joint_ordering_cost: 60, ordering_cost: 5, min_order: 12, order_multiple: 4 }",
            items: TwoItems.TrimEnd(),
            demand: "  - { item: cup, at: shop, daily: { dist: poisson, mean: 7 } }\n  - { item: plate, at: shop, daily: { dist: poisson, mean: 2 } }",
            strategy: "  - { name: base, policy: buffer, rule: base-stock, service_level: 95% }")
            + "\ndisruptions:\n  - { id: out, kind: supplier_outage, supplier: vendor, every: { dist: exponential, mean: 120d }, duration: 10d }\n";
        var model = Model.Compile(TestScenarios.Load(yaml));
        var forked = new Simulation(model, shareDraws: true, forkRuns: true);
        var whole = new Simulation(model);
        var a = new double[forked.Layout.Length];
        var b = new double[forked.Layout.Length];
        var forks = 0;
        for (var trial = 0; trial < 20; trial++)
        {
            forked.Run(0, trial, 11, a);
            whole.Run(0, trial, 11, b);
            forked.Run(0, trial, 11, a, disruptions: false);
            whole.Run(0, trial, 11, b, disruptions: false);
            forks += forked.StartDay > 0 ? 1 : 0;
            Assert.Equal(b, a);
        }

        Assert.True(forks > 5, $"{forks} forked runs");
    }

    [Fact]
    public void The_economic_order_quantity_is_sized_with_the_lanes_ordering_cost()
    {
        // EOQ = sqrt(2 K 365 x 7 / (10 x 25%)): K = 50 gives 319.7 units, K = 3 gives 78.3. A lane
        // cost of 50 over an item cost of 3 sizes the orders as an item cost of 50 does.
        const string Rule = "  - { name: eoq, policy: buffer, rule: s-Q, reorder_point: 20, order_quantity: eoq }";
        const string Item = "  - { id: widget, unit_cost: 10, price: 30, holding_rate: 25%, ordering_cost: COST }";
        var lane = Run(Scenario("  - { from: vendor, to: shop, ordering_cost: 50 }", items: Item.Replace("COST", "3"), strategy: Rule));
        var item = Run(Scenario("  - { from: vendor, to: shop }", items: Item.Replace("COST", "50"), strategy: Rule));
        var cheap = Run(Scenario("  - { from: vendor, to: shop }", items: Item.Replace("COST", "3"), strategy: Rule));
        Assert.Equal(item[Metric.AvgOrderSize].Mean, lane[Metric.AvgOrderSize].Mean, 9);
        Assert.InRange(lane[Metric.AvgOrderSize].Mean, 310, 330);
        Assert.InRange(cheap[Metric.AvgOrderSize].Mean, 75, 85);
    }

    // Line 12 is the lane; the column is the value's.
    [Theory]
    [InlineData("ordering_cost: -1", "bad.yaml:12:46 lanes[0].ordering_cost: must not be negative")]
    [InlineData("min_order: -5", "bad.yaml:12:42 lanes[0].min_order: must not be negative")]
    [InlineData("order_multiple: 0", "bad.yaml:12:47 lanes[0].order_multiple: must be at least 0.000001")]
    [InlineData("order_multiple: 1e-320", "bad.yaml:12:47 lanes[0].order_multiple: must be at least 0.000001")]
    [InlineData("order_multiple: .nan", "lanes[0].order_multiple: ")]
    [InlineData("joint_ordering_cost: -10", "lanes[0].joint_ordering_cost: must not be negative")]
    public void A_bad_order_term_is_refused_at_its_key(string term, string expected)
    {
        var error = Assert.Single(TestScenarios.Errors(Scenario($"  - {{ from: vendor, to: shop, {term} }}")));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Lanes_between_the_same_places_with_different_joint_costs_are_refused()
    {
        var yaml = Scenario("  - { from: vendor, to: shop, items: [cup], joint_ordering_cost: 100 }\n  - { from: vendor, to: shop, items: [plate], joint_ordering_cost: 80 }",
            items: TwoItems.TrimEnd(), demand: TwoDemands.TrimEnd());
        var error = Assert.Single(TestScenarios.Errors(yaml));
        Assert.Contains("lanes[1].joint_ordering_cost: lanes from 'vendor' to 'shop' share one joint ordering cost, and lanes[0].joint_ordering_cost gives 100", error);
    }

    [Fact]
    public void An_item_held_where_storage_is_charged_by_volume_needs_a_volume()
    {
        var error = Assert.Single(TestScenarios.Errors(Scenario("  - { from: vendor, to: shop }",
            stockPoints: "  - { id: shop, storage_cost_per_volume: 2/day }")));
        Assert.Contains("items[0].volume: item 'widget' is held at 'shop', which charges storage_cost_per_volume", error);
    }

    [Fact]
    public void A_negative_volume_is_refused()
    {
        var error = Assert.Single(TestScenarios.Errors(Scenario("  - { from: vendor, to: shop }",
            items: "  - { id: widget, unit_cost: 10, price: 30, volume: -0.2 }")));
        Assert.Contains("items[0].volume: must not be negative", error);
    }
}
