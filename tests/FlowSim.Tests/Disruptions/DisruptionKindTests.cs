using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Disruptions;

/// <summary>Each kind of disruption does what its name says, on a chain simple enough to work out by hand.</summary>
public class DisruptionKindTests
{
    /// <summary>A store ordering 10 a day (order-up-to 150) from a supplier 10 days away.</summary>
    private static string Store(string disruptions, string supplier = "{ id: maker, lead_time: 10d }", string production = "", string lanes = "  - { from: maker, to: store }", string items = "", int trials = 1) => $$"""
        name: kinds
        horizon: 300d
        trials: {{trials}}
        seed: 8
        items:
          - { id: widget, unit_cost: 10, price: 25 }
        {{items}}
        suppliers:
          - {{supplier}}
        stock_points:
          - id: store
        lanes:
        {{lanes}}
        {{production}}
        demand:
          - { item: widget, at: store, daily: 10/day, patience: 0d }
        strategies:
          - { name: s, policy: buffer, rule: base-stock, order_up_to: 150 }
        {{disruptions}}
        """;

    private static StrategyResult Run(string yaml) => Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0];

    private static List<double> Receipts(string yaml)
    {
        var model = Model.Compile(TestScenarios.Load(yaml));
        var receipts = new List<double>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt) { receipts.Add(e.Time); } } };
        sim.Run(0, 0, 8, new double[sim.Layout.Length]);
        return receipts;
    }

    [Fact]
    public void Without_disruptions_the_chain_never_falls_short()
    {
        Assert.Equal(1.0, Run(Store(""))[Metric.FillRate].Mean);
    }

    [Fact]
    public void A_lead_time_surge_lengthens_orders_placed_during_it()
    {
        // Orders placed on days 100-109 take 20 days instead of 10: receipts pause from day 110 to 120.
        var receipts = Receipts(Store("disruptions:\n  - { id: congestion, kind: lead_time_surge, lane: maker->store, at: 100d, duration: 10d, factor: 2 }"));
        Assert.DoesNotContain(receipts, t => t >= 110 && t < 120);
        Assert.Contains(120.0, receipts);
    }

    [Fact]
    public void A_supplier_loss_is_for_good()
    {
        const string loss = "disruptions:\n  - { id: bankrupt, kind: supplier_loss, supplier: maker, at: 100d }";
        // The order landing on day 100 is the last: 60 units last six days, and every day after is lost.
        Assert.Equal(100.0, Receipts(Store(loss)).Max());
        Assert.Equal(10 * (300 - 106), Run(Store(loss))[Metric.LostUnits].Mean, 1e-9);
    }

    [Fact]
    public void A_supplier_lost_in_a_shared_event_is_lost_for_good_from_the_events_start()
    {
        // The storm closes the lane for ten days from day 100 and takes the supplier for good with it:
        // the same receipts and lost sales as the loss on its own (the closure changes nothing once
        // the supplier is gone), not an outage of the storm's ten days.
        const string storm = """
            disruptions:
              - { id: storm-port, kind: lane_closure, lane: maker->store, at: 100d, duration: 10d, event: storm }
              - { id: storm-bankrupt, kind: supplier_loss, supplier: maker, event: storm }
            """;
        Assert.Equal(100.0, Receipts(Store(storm)).Max());
        Assert.Equal(10 * (300 - 106), Run(Store(storm))[Metric.LostUnits].Mean, 1e-9);
    }

    [Fact]
    public void A_shared_event_led_by_a_supplier_loss_takes_only_other_losses()
    {
        // The closure would take the loss's endless occurrence and never reopen: refused at its event field.
        var errors = TestScenarios.Errors(Store("""
            disruptions:
              - { id: storm-bankrupt, kind: supplier_loss, supplier: maker, at: 100d, event: storm }
              - { id: storm-port, kind: lane_closure, lane: maker->store, event: storm }
            """));
        Assert.Contains(errors, e => e.Contains("disruptions[1].event") && e.Contains("takes its timing from supplier loss 'storm-bankrupt', which never ends"));

        // Listed the other way round, the closure leads and the loss starts with it.
        Assert.Empty(TestScenarios.Errors(Store("""
            disruptions:
              - { id: storm-port, kind: lane_closure, lane: maker->store, at: 100d, duration: 10d, event: storm }
              - { id: storm-bankrupt, kind: supplier_loss, supplier: maker, event: storm }
            """)));
    }

    [Fact]
    public void A_supplier_lost_in_a_recurring_shared_event_is_lost_at_its_first_occurrence()
    {
        // Storms recur; the supplier is lost in the first and nothing comes after it.
        const string storm = """
            disruptions:
              - id: storm-port
                kind: lane_closure
                lane: maker->store
                every: { dist: exponential, mean: 40d }
                duration: 3d
                event: storm
              - { id: storm-bankrupt, kind: supplier_loss, supplier: maker, event: storm }
            """;
        var model = Model.Compile(TestScenarios.Load(Store(storm)));
        var receipts = new List<double>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt) { receipts.Add(e.Time); } } };
        sim.Run(0, 0, 8, new double[sim.Layout.Length]);
        var result = Run(Store(storm));

        Assert.Equal(1.0, result.Disruptions[1][DisruptionMetric.Occurrences].Mean);
        Assert.True(result.Disruptions[0][DisruptionMetric.Occurrences].Mean > 1);
        // After the loss at most the orders already on their way land, all within one lead time.
        Assert.True(receipts.Max() < 300 - 10);
        Assert.True(result[Metric.LostUnits].Mean > 0);
    }

    [Fact]
    public void An_outage_that_cancels_open_orders_removes_them_and_refunds_them()
    {
        var waiting = Run(Store("disruptions:\n  - { id: fire, kind: supplier_outage, supplier: maker, at: 100d, duration: 20d }"));
        var cancelling = Run(Store("disruptions:\n  - { id: fire, kind: supplier_outage, supplier: maker, at: 100d, duration: 20d, cancel_open_orders: true }"));
        // Waiting, the nine orders in progress (days 91-99) resume on day 120 and land from day 121.
        // Cancelled, they are refunded and ordered again, but those orders only start on day 120 and
        // take the full ten days: the store goes without for longer.
        var extraLost = cancelling[Metric.LostUnits].Mean - waiting[Metric.LostUnits].Mean;
        Assert.True(extraLost > 0);
        // With lost sales an order-up-to rule buys back what it sells: the cancelled orders are
        // refunded and re-bought, and only the units never sold are never bought (at 10 each).
        Assert.Equal(waiting[Metric.PurchaseCost].Mean - (10 * extraLost), cancelling[Metric.PurchaseCost].Mean, 1e-6);
    }

    [Fact]
    public void Disruptions_of_one_shared_event_happen_together()
    {
        var yaml = Store("""
            disruptions:
              - id: storm-supplier
                kind: supplier_outage
                supplier: maker
                every: { dist: exponential, mean: 60d }
                duration: { dist: uniform, min: 2d, max: 6d }
                event: storm
              - { id: storm-port, kind: lane_closure, lane: maker->store, event: storm }
            """, trials: 20);
        var r = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 2)).Strategies[0];
        for (var k = 0; k < r.Trials; k++)
        {
            // Same count of occurrences in every trial, for both parts of the storm.
            Assert.Equal(r.Disruptions[0][DisruptionMetric.Occurrences].N, r.Disruptions[1][DisruptionMetric.Occurrences].N);
        }

        Assert.Equal(r.Disruptions[0][DisruptionMetric.Occurrences].Mean, r.Disruptions[1][DisruptionMetric.Occurrences].Mean);
        Assert.True(r.Disruptions[0][DisruptionMetric.Occurrences].Mean > 2);
    }

    [Fact]
    public void A_capacity_loss_slows_a_plant()
    {
        string Plant(string disruptions) => Store(
            disruptions,
            items: "  - { id: blank, unit_cost: 1, price: 0 }",
            lanes: "  - { from: maker, to: store, items: [blank] }",
            production: "production:\n  - { item: widget, at: store, components: { blank: 1 }, lead_time: 2d, capacity: 20/day }");
        var normal = Run(Plant(""));
        var halved = Run(Plant("disruptions:\n  - { id: kiln-crack, kind: capacity_loss, plant: store, at: 100d, duration: 40d, capacity: 25% }"));
        // A quarter of 20 a day is 5 a day against demand of 10 for 40 days: 200 units short, of
        // which the ~130 finished units on hand absorb most; about 70 are lost.
        Assert.Equal(1.0, normal[Metric.FillRate].Mean, 1e-9);
        Assert.InRange(halved[Metric.LostUnits].Mean, 50, 90);
    }

    [Fact]
    public void An_information_delay_makes_a_policy_order_on_stale_figures()
    {
        const string delay = "disruptions:\n  - { id: erp-upgrade, kind: information_delay, stock_point: store, at: 100d, duration: 30d, delay: 5d }";
        // The position five days ago already counted the orders placed then, so for its first
        // five days an order-up-to rule sees itself at its level and orders nothing: no receipts
        // on days 110-114. Then the stale position shows the shortfall but not the orders placed
        // since, so it orders the same shortfall again and again: orders overshoot demand (the
        // oscillation delayed information causes) until the true figures return on day 130.
        var model = Model.Compile(TestScenarios.Load(Store(delay)));
        var receipts = new List<(double Time, double Quantity)>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt) { receipts.Add((e.Time, e.Quantity)); } } };
        sim.Run(0, 0, 8, new double[sim.Layout.Length]);
        Assert.DoesNotContain(receipts, r => r.Time >= 110 && r.Time < 115);
        Assert.True(receipts.Where(r => r.Time >= 115 && r.Time < 140).Max(r => r.Quantity) > 10);
        Assert.All(receipts.Where(r => r.Time < 110 || r.Time > 150), r => Assert.Equal(10, r.Quantity));
    }
}
