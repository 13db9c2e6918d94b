using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Experiments;

/// <summary>
/// Production lines as queues (<c>servers</c>, <c>unit_time</c>): make-to-stock checked against the
/// M/M/1 closed forms, and the first-come-first-served servers checked event by event.
/// </summary>
public class ProductionQueueTests
{
    private static string Plant(string line, string widgetPolicy, string demand, int trials = 40, string horizon = "2000d") => $"""
        name: plant
        horizon: {horizon}
        warmup: 100d
        trials: {trials}
        seed: 7
        items:
          - id: widget
            unit_cost: 4
            price: 10
          - id: raw
            unit_cost: 1
            price: 2
        suppliers:
          - id: vendor
            lead_time: 1d
        stock_points:
          - id: plant
        lanes:
          - from: vendor
            to: plant
            items: [raw]
        production:
          - item: widget
            at: plant
            components: {"{ raw: 1 }"}
        {line}
        demand:
          - item: widget
            at: plant
            {demand}
        strategies:
          - name: mts
            items:
              widget: {widgetPolicy}
              raw: {"{ policy: buffer, order_up_to: 50 }"}
        """;

    [Fact]
    public void Units_in_production_on_one_server_are_its_utilisation()
    {
        // Little's law on the server alone: 0.5 units a day made in 1 day each keep rho = 0.5 units
        // in production on average (waiting for the server is not production).
        const int Trials = 40;
        var yaml = Plant("    servers: 1\n    unit_time: { dist: exponential, mean: 1d }", "{ policy: buffer, order_up_to: 3, review: continuous }", "customers: { rate: 0.5/day }", trials: Trials);
        var wip = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 2)).Strategies[0][Metric.AvgInProductionUnits];
        var se = wip.Std / Math.Sqrt(Trials);

        Assert.InRange(0.5, wip.Mean - (3 * se), wip.Mean + (3 * se));
    }

    [Fact]
    public void Make_to_stock_on_one_exponential_server_fills_one_minus_rho_to_the_S()
    {
        // Poisson demand 0.5 a day, one server making a unit in 1 day on average (rho = 0.5),
        // base-stock S = 3 reviewed at each order: the M/M/1 make-to-stock queue. The orders in
        // production are geometric: P(N >= S) = rho^S, E[(N - S)+] = rho^(S+1) / (1 - rho).
        const double rho = 0.5;
        const int s = 3;
        var yaml = Plant("    servers: 1\n    unit_time: { dist: exponential, mean: 1d }", "{ policy: buffer, order_up_to: 3, review: continuous }", "customers: { rate: 0.5/day }");
        var widget = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0].ItemLocations.Single(l => l.ItemId == "widget");
        StandardErrors.Near(1 - Math.Pow(rho, s), widget[ItemLocationMetric.FillRate], "fill rate");
        StandardErrors.Near(Math.Pow(rho, s + 1) / (1 - rho), widget[ItemLocationMetric.AvgBackorders], "average backorders");
        StandardErrors.Near(s - (rho / (1 - rho)) + (Math.Pow(rho, s + 1) / (1 - rho)), widget[ItemLocationMetric.AvgOnHandUnits], "average on hand");
    }

    [Fact]
    public void Orders_wait_first_come_first_served_for_a_free_server_and_make_their_units_one_by_one()
    {
        // Demand of 2 a day reviewed daily: each day an order of 2 units is released; two servers,
        // a constant 0.75 days a unit, so an order takes 1.5 days on one server and the two servers
        // together keep up with 2 units a day with each order starting as soon as it is released.
        var yaml = Plant("    servers: 2\n    unit_time: 18h\n    lead_time: 1d", "{ policy: buffer, order_up_to: 20 }", "daily: 2", trials: 1, horizon: "200d");
        var model = Model.Compile(TestScenarios.Load(yaml));
        var widget = Array.FindIndex(model.Slots, s => s.ItemId == "widget");
        var receipts = new List<(double Time, double Quantity)>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt && e.Slot == widget) { receipts.Add((e.Time, e.Quantity)); } } };
        sim.Run(0, 0, 7, new double[sim.Layout.Length]);

        // The order of day 0 finishes at 1.5 and is received a day later, at 2.5; each later one
        // a day after the one before.
        Assert.True(receipts.Count >= 20);
        for (var k = 0; k < 20; k++)
        {
            Assert.Equal(2.5 + k, receipts[k].Time, 9);
            Assert.Equal(2, receipts[k].Quantity);
        }

        // One server alone would fall behind by half a day each day.
        var one = Model.Compile(TestScenarios.Load(yaml.Replace("servers: 2", "servers: 1", StringComparison.Ordinal)));
        var late = new List<double>();
        var single = new Simulation(one) { Trace = e => { if (e.Kind == EventKind.Receipt && e.Slot == widget) { late.Add(e.Time); } } };
        single.Run(0, 0, 7, new double[single.Layout.Length]);
        for (var k = 0; k < 10; k++)
        {
            Assert.Equal(2.5 + (1.5 * k), late[k], 9);
        }
    }

    [Fact]
    public void A_huge_order_costs_one_draw_of_its_work_not_one_per_unit()
    {
        // A trillion units of constant unit time: the work is exact, and the run ends at once.
        var yaml = Plant("    servers: 1\n    unit_time: 1h\n    min_batch: 1e12", "{ policy: buffer, order_up_to: 3 }", "daily: 1", trials: 1, horizon: "200d");
        var model = Model.Compile(TestScenarios.Load(yaml));
        var widget = Array.FindIndex(model.Slots, s => s.ItemId == "widget");
        var receipts = new List<double>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt && e.Slot == widget) { receipts.Add(e.Time); } } };
        sim.Run(0, 0, 7, new double[sim.Layout.Length]);
        Assert.DoesNotContain(receipts, t => t < 200);
    }

    [Theory]
    [InlineData("    servers: 2\n    lead_time: 1d", "production[0].unit_time", "time a server takes")]
    [InlineData("    servers: 1.5\n    unit_time: 1h", "production[0].servers", "whole number of servers")]
    [InlineData("    servers: 1e9\n    unit_time: 1h", "production[0].servers", "from 1 to 10000")]
    [InlineData("    unit_time: 1h\n    capacity: 400/week", "production[0].capacity", "remove capacity")]
    [InlineData("    min_batch: 1", "production[0].lead_time", "servers and unit_time")]
    public void A_line_of_servers_that_is_not_complete_is_refused_at_its_place(string line, string path, string message)
    {
        var errors = TestScenarios.Errors(Plant(line, "{ policy: buffer, order_up_to: 3 }", "daily: 1"));
        Assert.Contains(errors, e => e.Contains(path, StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }
}
