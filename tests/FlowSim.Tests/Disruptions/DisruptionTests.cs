using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Disruptions;

/// <summary>What disruptions do to a chain, trial by trial.</summary>
public class DisruptionTests
{
    /// <summary>A store buying from an overseas supplier over a port lane; constant demand unless told otherwise.</summary>
    private static string Chain(string disruptions, string demand = "10/day", string leadTime = "10d", int trials = 8, string strategy = "{ name: buffer, policy: buffer, rule: base-stock, order_up_to: 250 }") => $$"""
        name: chain
        horizon: 400d
        trials: {{trials}}
        seed: 5
        items:
          - { id: widget, unit_cost: 10, price: 25 }
        suppliers:
          - { id: overseas, lead_time: {{leadTime}} }
        stock_points:
          - id: store
        lanes:
          - { from: overseas, to: store }
        demand:
          - { item: widget, at: store, daily: {{demand}}, patience: 0d }
        costs:
          ordering_cost: 5
        strategies:
          - {{strategy}}
        {{disruptions}}
        """;

    [Fact]
    public void A_disruption_of_zero_duration_changes_nothing_trial_by_trial()
    {
        var disrupted = Chain("""
            disruptions:
              - { id: blip, kind: supplier_outage, supplier: overseas, at: 100d, duration: 0d }
              - { id: shut, kind: lane_closure, lane: overseas->store, at: 150d, duration: 0d }
              - { id: spike, kind: demand_shock, at: 200d, duration: 0d, factor: 5 }
            """, demand: "{ dist: poisson, mean: 10/day }", leadTime: "{ dist: uniform, min: 6d, max: 14d }", trials: 30);
        var plain = Experiment.Run(TestScenarios.Load(Chain("", demand: "{ dist: poisson, mean: 10/day }", leadTime: "{ dist: uniform, min: 6d, max: 14d }", trials: 30)), new RunOptions(Threads: 2));
        var hit = Experiment.Run(TestScenarios.Load(disrupted), new RunOptions(Threads: 2));
        for (var k = 0; k < plain.Trials; k++)
        {
            foreach (var m in Metrics.All.Where(m => m is not (Metric.TimeToSurviveDays or Metric.TimeToRecoverDays)))
            {
                Assert.Equal(plain.Strategies[0].Outcome(k, m), hit.Strategies[0].Outcome(k, m));
            }
        }
    }

    [Fact]
    public void An_outage_longer_than_the_cover_is_survived_for_stock_on_hand_over_daily_demand()
    {
        // Order-up-to 250 with 10 a day and a 10-day lead time: 100 units in the pipeline and 150
        // on hand after each day's demand. The outage starts on day 100, just as the order placed on
        // day 90 completes its lead time, so that one lands: 160 units on hand, and nothing more
        // for 60 days. The store survives 16 days: the stock it holds over what it sells a day.
        var r = Experiment.Run(TestScenarios.Load(Chain("""
            disruptions:
              - { id: strike, kind: supplier_outage, supplier: overseas, at: 100d, duration: 60d }
            """)), new RunOptions(Threads: 1)).Strategies[0];
        Assert.Equal(160.0 / 10, r[Metric.TimeToSurviveDays].Mean, 1e-9);
        Assert.Equal(1, r.Disruptions[0][DisruptionMetric.Occurrences].Mean);

        // It recovers once the pipeline refills: orders resume at the end and take a lead time.
        Assert.InRange(r[Metric.TimeToRecoverDays].Mean, 0, 10 + 7);
        Assert.True(r[Metric.LostUnits].Mean > 0);
    }

    [Fact]
    public void A_lane_closure_stops_goods_already_in_transit_for_the_overlap()
    {
        // Daily orders of 10 with a 10-day transit; the port is closed from day 50 to day 57.
        var model = Model.Compile(TestScenarios.Load(Chain("""
            disruptions:
              - { id: port, kind: lane_closure, lane: overseas->store, at: 50d, duration: 7d }
            """, trials: 1)));
        var receipts = new List<double>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt) { receipts.Add(e.Time); } } };
        sim.Run(0, 0, 5, new double[sim.Layout.Length]);

        // The day-40 order completes its transit as the port closes and lands on day 50. Orders
        // placed on days 41-49 were at sea: they arrive 7 days late, on days 58-66, and nothing
        // arrives while the port is closed.
        Assert.Contains(50.0, receipts);
        Assert.DoesNotContain(receipts, t => t > 50 && t < 58);
        Assert.Equal([58.0, 59, 60, 61, 62, 63, 64, 65, 66], receipts.Where(t => t >= 57 && t <= 66).Distinct());
        // Orders placed while it was closed leave when it reopens: all on day 67.
        Assert.Equal(8, receipts.Count(t => t == 67));
    }

    [Fact]
    public void A_demand_shock_multiplies_demand_in_its_window_only()
    {
        var plain = Experiment.Run(TestScenarios.Load(Chain("")), new RunOptions(Threads: 1)).Strategies[0];
        var shocked = Experiment.Run(TestScenarios.Load(Chain("""
            disruptions:
              - { id: viral, kind: demand_shock, at: 100d, duration: 10d, factor: 3 }
            """)), new RunOptions(Threads: 1)).Strategies[0];
        Assert.Equal(plain[Metric.DemandedUnits].Mean + (10 * 10 * 2), shocked[Metric.DemandedUnits].Mean);
    }

    [Fact]
    public void Random_disruptions_are_the_same_for_every_strategy_in_a_trial()
    {
        var scenario = TestScenarios.Load(Chain("""
            disruptions:
              - id: typhoon
                kind: supplier_outage
                supplier: overseas
                every: { dist: exponential, mean: 120d }
                duration: { dist: uniform, min: 5d, max: 30d }
            """, trials: 40, strategy: "{ name: lean, policy: buffer, rule: base-stock, order_up_to: 160 }\n  - { name: deep, policy: buffer, rule: base-stock, order_up_to: 400 }"));
        var r = Experiment.Run(scenario, new RunOptions(Threads: 2));
        var lean = r.Strategies[0].Disruptions[0];
        var deep = r.Strategies[1].Disruptions[0];
        Assert.Equal(lean[DisruptionMetric.Occurrences], deep[DisruptionMetric.Occurrences]);
        Assert.True(lean[DisruptionMetric.Occurrences].Std > 0, "the number of occurrences varies between trials");
        // The deeper buffer survives longer.
        Assert.True(deep[DisruptionMetric.TimeToSurviveDays].Mean > lean[DisruptionMetric.TimeToSurviveDays].Mean);
    }
}
