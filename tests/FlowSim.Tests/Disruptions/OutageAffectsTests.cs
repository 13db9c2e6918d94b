using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Disruptions;

/// <summary>
/// <c>affects</c> on a supplier outage: <c>all_orders</c> (the default) stops the lead-time clock of
/// orders under way; <c>new_orders</c> leaves them alone and holds only the orders placed while
/// the supplier is down, which then take their whole lead time from its recovery.
/// </summary>
public class OutageAffectsTests
{
    /// <summary>A store ordering 10 a day (order-up-to 150) from a supplier 10 days away, down from day 100 to day 120.</summary>
    private static string Store(string affects, string patience = "0d") => $$"""
        name: affects
        horizon: 200d
        trials: 1
        seed: 8
        items:
          - { id: widget, unit_cost: 10, price: 25 }
        suppliers:
          - { id: maker, lead_time: 10d }
        stock_points:
          - id: store
        lanes:
          - { from: maker, to: store }
        demand:
          - { item: widget, at: store, daily: 10/day, patience: {{patience}} }
        strategies:
          - { name: s, policy: buffer, rule: base-stock, order_up_to: 150 }
        disruptions:
          - { id: fire, kind: supplier_outage, supplier: maker, at: 100d, duration: 20d{{affects}} }
        """;

    private static List<double> Receipts(string yaml)
    {
        var model = Model.Compile(TestScenarios.Load(yaml));
        var receipts = new List<double>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt) { receipts.Add(e.Time); } } };
        sim.Run(0, 0, 8, new double[sim.Layout.Length]);
        return receipts;
    }

    [Fact]
    public void With_new_orders_the_orders_under_way_arrive_on_time_and_those_placed_while_down_at_recovery_plus_the_lead_time()
    {
        // Backordered demand: the store orders 10 every day, whatever it has.
        var receipts = Receipts(Store(", affects: new_orders", patience: "unlimited"));

        // Orders of days 91-99 were under way when the supplier went down: they land on days 101-109.
        for (var day = 101; day <= 109; day++)
        {
            Assert.Equal(1, receipts.Count(t => t == day));
        }

        // Orders of days 100-119 wait for day 120 and take ten days from there; day 120's order
        // starts at once: 21 receipts on day 130, and nothing between.
        Assert.DoesNotContain(receipts, t => t > 109 && t < 130);
        Assert.Equal(21, receipts.Count(t => t == 130));
        Assert.Equal(1, receipts.Count(t => t == 131));
    }

    [Fact]
    public void With_new_orders_a_supplier_of_limited_capacity_works_off_the_held_orders_at_its_capacity_not_all_at_once()
    {
        // 12 a day of capacity against orders of 10: after the outage the 20 held orders start one
        // after another, as when the supplier's capacity is lost for the same days.
        var limited = Store(", affects: new_orders", patience: "unlimited").Replace("lead_time: 10d }", "lead_time: 10d, capacity: 12/day }", StringComparison.Ordinal);
        var lost = limited.Replace("kind: supplier_outage, supplier: maker, at: 100d, duration: 20d, affects: new_orders", "kind: capacity_loss, supplier: maker, at: 100d, duration: 20d, capacity: 0", StringComparison.Ordinal);
        Assert.Contains("capacity: 12/day", limited, StringComparison.Ordinal);
        Assert.Contains("capacity_loss", lost, StringComparison.Ordinal);
        var receipts = Receipts(limited);
        var asLostCapacity = Receipts(lost);

        Assert.Equal(asLostCapacity, receipts);
        Assert.True(receipts.GroupBy(t => t).Max(g => g.Count()) <= 2, "a day's 12 units finish at most two orders of 10");

        // Nothing lands between the orders under way and the first held one; then not 21 at once on day 130.
        Assert.DoesNotContain(receipts, t => t > 109 && t < 130);
        Assert.Equal(1, receipts.Count(t => t == 130));
    }

    [Fact]
    public void A_supplier_of_limited_capacity_reports_the_orders_its_outage_or_lost_capacity_held_as_delayed()
    {
        // The 20 orders placed while it is down (new orders) or stopped (all orders) arrive late, and
        // so do the orders behind them in its queue: at least 20 delayed shipments either way.
        foreach (var affects in new[] { ", affects: new_orders", "" })
        {
            var yaml = Store(affects, patience: "unlimited").Replace("lead_time: 10d }", "lead_time: 10d, capacity: 12/day }", StringComparison.Ordinal);
            var supplier = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0].Suppliers[0];
            Assert.True(supplier.Metrics[(int)SupplyMetric.DelayedShipments].Mean >= 20, $"{affects}: {supplier.Metrics[(int)SupplyMetric.DelayedShipments].Mean} delayed");
        }

        // Capacity lost for the same days holds the same orders: they are delayed too.
        var lost = Store("", patience: "unlimited")
            .Replace("lead_time: 10d }", "lead_time: 10d, capacity: 12/day }", StringComparison.Ordinal)
            .Replace("kind: supplier_outage, supplier: maker, at: 100d, duration: 20d", "kind: capacity_loss, supplier: maker, at: 100d, duration: 20d, capacity: 0", StringComparison.Ordinal);
        Assert.Contains("capacity_loss", lost, StringComparison.Ordinal);
        var held = Experiment.Run(TestScenarios.Load(lost), new RunOptions(Threads: 1)).Strategies[0].Suppliers[0];
        Assert.True(held.Metrics[(int)SupplyMetric.DelayedShipments].Mean >= 20, $"lost capacity: {held.Metrics[(int)SupplyMetric.DelayedShipments].Mean} delayed");
    }

    [Fact]
    public void With_new_orders_an_order_a_supplier_of_limited_capacity_took_before_the_outage_is_not_held()
    {
        // 300 units ordered on day 0 from 10 a day of capacity: the last starts on day 29, after
        // the outage of days 5 to 15, and lands on day 31 as if nothing had happened.
        const string yaml = """
            name: batch
            horizon: 60d
            trials: 1
            seed: 8
            items:
              - { id: widget, unit_cost: 10, price: 25 }
            suppliers:
              - { id: maker, lead_time: 2d, capacity: 10/day }
            stock_points:
              - id: store
            lanes:
              - { from: maker, to: store }
            demand:
              - { item: widget, at: store, daily: 5/day }
            strategies:
              - { name: s, policy: speculative, batches: [{ at: 0d, quantity: 300 }] }
            disruptions:
              - { id: fire, kind: supplier_outage, supplier: maker, at: 5d, duration: 10d, affects: new_orders }
            """;
        Assert.Equal([31.0], Receipts(yaml));
    }

    [Fact]
    public void All_orders_is_the_default_and_stops_the_clock_of_the_orders_under_way()
    {
        var byDefault = Receipts(Store("", patience: "unlimited"));

        // Day 91's order had one day left when the clock stopped on day 100: it lands on day 121.
        Assert.Equal(byDefault, Receipts(Store(", affects: all_orders", patience: "unlimited")));
        Assert.DoesNotContain(byDefault, t => t > 100 && t < 121);
        Assert.Contains(121.0, byDefault);
    }

    [Fact]
    public void With_new_orders_a_store_selling_from_stock_runs_dry_when_the_orders_under_way_are_used_up()
    {
        static double Lost(string yaml) => Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0][Metric.LostUnits].Mean;

        // The store holds 50 after day 99's demand (150 less 100 on order). Days 100-109 receive the
        // orders of days 90-99 on time, 10 a day against 10 a day of demand; the 50 last to day 114,
        // days 115-129 are lost, and the orders of days 100-114 all land on day 130: 150 units lost.
        Assert.Equal(150, Lost(Store(", affects: new_orders")), 9);
    }

    [Theory]
    [InlineData(", affects: new_order", "did you mean 'new_orders'")]
    [InlineData(", affects: new_orders, cancel_open_orders: true", "give one of them")]
    public void A_wrong_affects_is_refused_at_its_place(string extra, string message)
    {
        var errors = TestScenarios.Errors(Store(extra));
        Assert.Contains(errors, e => e.Contains("disruptions[0].affects") && e.Contains(message));
    }

    [Fact]
    public void Affects_is_refused_on_anything_but_a_supplier_outage()
    {
        var errors = TestScenarios.Errors(Store(", affects: new_orders").Replace("kind: supplier_outage, supplier: maker", "kind: lane_closure, lane: maker->store"));
        Assert.Contains(errors, e => e.Contains("disruptions[0].affects") && e.Contains("only to a supplier_outage"));
    }
}
