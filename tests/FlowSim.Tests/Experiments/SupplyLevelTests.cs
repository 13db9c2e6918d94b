using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Experiments;

/// <summary>Results per supplier and lane: they add up to the chain's money, and outages show in availability and lateness as the calendar says.</summary>
public class SupplyLevelTests
{
    private static Scenario Bundled(string name) => ScenarioLoader.Load(RepoFiles.Path($"scenarios/{name}")).Scenario!;

    [Theory]
    [InlineData("quickstart.yaml")]
    [InlineData("port-closure.yaml")]
    [InlineData("meio-plant-dcs-branches.yaml")]
    [InlineData("electronics-quality-hold.yaml")]
    [InlineData("woodworking-three-streams.yaml")]
    public void Supplier_purchases_and_lane_transport_add_up_to_the_chain_in_every_trial(string file)
    {
        var model = Model.Compile(Bundled(file));
        var sim = new Simulation(model);
        var chain = new double[sim.Layout.Length];
        var width = SupplyMetrics.Count;
        var suppliers = model.SupplyRows - model.Lanes.Length;
        for (var s = 0; s < model.Strategies.Length; s++)
        {
            for (var trial = 0; trial < 3; trial++)
            {
                sim.Run(s, trial, 5, chain);
                var rows = sim.SupplyOutcomes;
                Assert.Equal(model.SupplyRows * width, rows.Length);
                double purchase = 0, lanePurchase = 0, transport = 0, supplierUnits = 0, supplierLaneUnits = 0;
                for (var r = 0; r < model.SupplyRows; r++)
                {
                    var v = rows.Slice(r * width, width);
                    if (r < suppliers)
                    {
                        purchase += v[(int)SupplyMetric.PurchaseCost];
                        supplierUnits += v[(int)SupplyMetric.ShippedUnits];
                    }
                    else
                    {
                        lanePurchase += v[(int)SupplyMetric.PurchaseCost];
                        transport += v[(int)SupplyMetric.TransportCost];
                        supplierLaneUnits += model.Lanes[r - suppliers].Spec.FromSupplier ? v[(int)SupplyMetric.ShippedUnits] : 0;
                    }
                }

                Close(chain[(int)Metric.PurchaseCost], purchase, $"{file} strategy {s} trial {trial}: suppliers' purchase cost");
                Close(chain[(int)Metric.PurchaseCost], lanePurchase, $"{file} strategy {s} trial {trial}: lanes' purchase cost");
                Close(chain[(int)Metric.TransportCost], transport, $"{file} strategy {s} trial {trial}: lanes' transport cost");
                Close(supplierLaneUnits, supplierUnits, $"{file} strategy {s} trial {trial}: a supplier ships what its lanes carry");
            }
        }
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: {actual}, expected {expected}");

    // One item, a 3-day lead time, 5 units a day of constant demand and a base-stock level that
    // reorders them every day: one shipment a day, 350 measured days.
    private static string FixedOutage(string disruption) => $$"""
        name: fixed outage
        horizon: 400d
        warmup: 50d
        trials: 4
        seed: 7
        items:
          - { id: widget, unit_cost: 4, price: 10, holding_rate: 20%/year }
        suppliers:
          - { id: vendor, lead_time: 3d }
        stock_points:
          - id: shop
        lanes:
          - { from: vendor, to: shop, transport_cost: 0.5 }
        demand:
          - { item: widget, at: shop, daily: { dist: constant, value: 5 } }
        costs:
          backorder_penalty: 0.5/day
        disruptions:
          - {{disruption}}
        strategies:
          - { name: buffer, policy: buffer, order_up_to: 40 }
        """;

    [Fact]
    public void A_ten_day_supplier_outage_takes_ten_of_350_measured_days_and_delays_the_orders_it_holds_by_the_overlap()
    {
        var result = Experiment.Run(TestScenarios.Load(FixedOutage("{ id: fire, kind: supplier_outage, supplier: vendor, at: 100d, duration: 10d }")), new RunOptions(Threads: 1));
        var vendor = Assert.Single(result.Strategies[0].Suppliers);
        var lane = Assert.Single(result.Strategies[0].Lanes);
        Assert.Equal(1 - (10.0 / 350), vendor.Metrics[(int)SupplyMetric.Availability].Mean, 12);
        Assert.Equal(1.0, lane.Metrics[(int)SupplyMetric.Availability].Mean);

        // The clock of the orders of days 98 and 99 stops for all 10 days (the order of day 97 arrives
        // on day 100, as the outage starts); the orders of days 100 to 109 start on day 110, late by
        // 10, 9, ..., 1 days. 12 shipments, 10 + 10 + 55 = 75 days.
        Assert.Equal(12, vendor.Metrics[(int)SupplyMetric.DelayedShipments].Mean, 12);
        Assert.Equal(75, vendor.Metrics[(int)SupplyMetric.DelayDays].Mean, 12);
        Assert.Equal(75.0 / 12, vendor.Metrics[(int)SupplyMetric.AvgDelayDays].Mean, 12);
        Assert.Equal(350, vendor.Metrics[(int)SupplyMetric.Shipments].Mean, 12);
        Assert.Equal(12.0 / 350, vendor.Metrics[(int)SupplyMetric.DelayedShare].Mean, 12);

        // The lane carries the same shipments and so the same lateness; its money is transport, the supplier's purchase.
        Assert.Equal(vendor.Metrics[(int)SupplyMetric.DelayDays].Mean, lane.Metrics[(int)SupplyMetric.DelayDays].Mean);
        Assert.Equal(350 * 5 * 0.5, lane.Metrics[(int)SupplyMetric.TransportCost].Mean, 9);
        Assert.Equal(350 * 5 * 4, vendor.Metrics[(int)SupplyMetric.PurchaseCost].Mean, 9);
    }

    [Fact]
    public void A_three_week_lane_closure_takes_21_of_350_measured_days_from_the_lane_and_none_from_the_supplier()
    {
        var result = Experiment.Run(TestScenarios.Load(FixedOutage("{ id: strike, kind: lane_closure, lane: vendor->shop, at: 100d, duration: 21d }")), new RunOptions(Threads: 1));
        var st = result.Strategies[0];
        Assert.Equal(1 - (21.0 / 350), st.Lanes[0].Metrics[(int)SupplyMetric.Availability].Mean, 12);
        Assert.Equal(1.0, st.Suppliers[0].Metrics[(int)SupplyMetric.Availability].Mean);
        Assert.True(st.Lanes[0].Metrics[(int)SupplyMetric.DelayedShipments].Mean > 0, "a closure delays the goods on the lane");
    }

    [Fact]
    public void An_outage_before_the_warm_up_ends_costs_no_measured_availability_or_delay()
    {
        var result = Experiment.Run(TestScenarios.Load(FixedOutage("{ id: fire, kind: supplier_outage, supplier: vendor, at: 10d, duration: 10d }")), new RunOptions(Threads: 1));
        var vendor = result.Strategies[0].Suppliers[0];
        Assert.Equal(1.0, vendor.Metrics[(int)SupplyMetric.Availability].Mean);
        Assert.Equal(0, vendor.Metrics[(int)SupplyMetric.DelayedShipments].Mean);
    }

    [Fact]
    public void Renewal_outages_leave_a_supplier_up_for_mean_up_over_mean_up_plus_mean_down_of_the_time()
    {
        // Alternating renewal: up for an exponential 200 days on average, down for an exponential 20:
        // the long-run share of time up is 200 / 220. A year of warm-up makes the start's phase forgotten.
        var yaml = FixedOutage("{ id: fire, kind: supplier_outage, supplier: vendor, every: { dist: exponential, mean: 200d }, duration: { dist: exponential, mean: 20d } }")
            .Replace("horizon: 400d", "horizon: 21y").Replace("warmup: 50d", "warmup: 1y");
        var result = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Trials: 400, Threads: 2));
        var availability = result.Strategies[0].Suppliers[0].Metrics[(int)SupplyMetric.Availability];
        var standardError = availability.HalfWidth / 1.96;
        Assert.True(standardError is > 0 and < 0.005, $"standard error {standardError}");
        Assert.True(Math.Abs(availability.Mean - (200.0 / 220)) <= 3 * standardError,
            $"availability {availability.Mean:F5}, theory {200.0 / 220:F5}, standard error {standardError:F5}");
    }

    [Fact]
    public void Supplier_and_lane_statistics_do_not_depend_on_the_thread_count()
    {
        var scenario = Bundled("port-closure.yaml");
        var one = Experiment.Run(scenario, new RunOptions(Trials: 9, Threads: 1));
        var two = Experiment.RunWithStorage(scenario, new RunOptions(Trials: 9, Threads: 2), new OutcomeStorage(2, 64L << 20));
        for (var s = 0; s < one.Strategies.Length; s++)
        {
            Assert.Equal(one.Strategies[s].Suppliers.SelectMany(x => x.Metrics), two.Strategies[s].Suppliers.SelectMany(x => x.Metrics));
            Assert.Equal(one.Strategies[s].Lanes.SelectMany(x => x.Metrics), two.Strategies[s].Lanes.SelectMany(x => x.Metrics));
        }
    }
}
