using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Engine;

/// <summary>
/// Demand-responsive customers order ahead and are promised a date: delivered by it is on time
/// (no stockout, no penalty), past it is late, and type 2 fill rate keeps its meaning.
/// </summary>
public class PromisedDeliveryTests
{
    // 10 units a day, every day; make to order with daily releases and a fixed 5-day lead time, so
    // each day's customers are served exactly 5 days after they order. No warm-up, 100 days: the
    // orders of days 0..95 fall due (promise 5d: dates 5..100), those of days 96..99 are still
    // within their promise at the horizon.
    private static string Scenario(string strategies, string disruptions = "") => $"""
        name: promised dates
        horizon: 100d
        trials: 2
        seed: 3
        items:
          - {"{"} id: widget, unit_cost: 10, price: 20, holding_rate: 0%/year {"}"}
        suppliers:
          - {"{"} id: vendor, lead_time: 5d {"}"}
        stock_points:
          - {"{"} id: shop {"}"}
        lanes:
          - {"{"} from: vendor, to: shop {"}"}
        demand:
          - {"{"} item: widget, at: shop, daily: 10/day {"}"}
        costs:
          backorder_penalty: 1/day
        {disruptions}
        strategies:
        {strategies}
        """;

    private static ExperimentResult Run(string yaml) => Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1));

    [Fact]
    public void Customers_served_exactly_on_the_promised_date_are_all_on_time_with_no_penalty_and_no_stockout()
    {
        var r = Run(Scenario("  - { name: mto, policy: demand-responsive, promise: 5d }")).Strategy("mto");

        Assert.Equal(1.0, r[Metric.OnTimeDelivery].Mean);
        Assert.Equal(960, r[Metric.DueUnits].Mean);
        Assert.Equal(960, r[Metric.OnTimeUnits].Mean);
        Assert.Equal(0.0, r[Metric.BackorderPenaltyCost].Mean);
        Assert.Equal(0.0, r[Metric.StockoutDays].Mean);
        Assert.Equal(1.0, r[Metric.CycleServiceLevel].Mean);

        // Type 2 fill rate is unchanged: nothing was shipped from stock on the day it was asked for.
        Assert.Equal(0.0, r[Metric.FillRate].Mean);
        Assert.Equal(1000, r[Metric.BackorderedUnits].Mean);
        var il = Assert.Single(r.ItemLocations);
        Assert.Equal(1.0, il[ItemLocationMetric.OnTimeDelivery].Mean);
        Assert.Equal(0.0, il[ItemLocationMetric.FillRate].Mean);
    }

    [Fact]
    public void A_promise_one_day_short_of_the_lead_time_makes_every_unit_late_by_one_day_and_charges_that_day_only()
    {
        var r = Run(Scenario("  - { name: mto, policy: demand-responsive, promise: 4d }")).Strategy("mto");

        // Dates 4..99 for the orders of days 0..95 pass in the period, each unserved by a day.
        Assert.Equal(0.0, r[Metric.OnTimeDelivery].Mean);
        Assert.Equal(960, r[Metric.DueUnits].Mean);
        Assert.Equal(960 * 1.0 * 1.0, r[Metric.BackorderPenaltyCost].Mean, 9);
        Assert.Equal(96, r[Metric.StockoutDays].Mean);
        Assert.Equal(0.0, r[Metric.FillRate].Mean);
    }

    [Fact]
    public void A_supplier_outage_makes_late_exactly_the_orders_it_holds_up()
    {
        // The vendor is out from day 20.5 to 30.5. Orders placed on days 16..20 were under way
        // (16's would have arrived at 21) and stop for the 10 days: each arrives 10 days late, at
        // day + 15. Orders of days 21..30 start when the vendor is back and all arrive at 35.5,
        // late by 30.5 - day (9.5 days for day 21 down to 0.5 for day 30). Day 15's arrives at 20,
        // before the outage, and day 31's at 36 as usual. So 15 days' orders, 150 of the 960
        // units due, are late: on time 810 / 960 = 0.84375, and the penalty (1 a unit-day) is
        // 10 units x (5 days x 10 + (9.5 + 8.5 + ... + 0.5)) = 10 x (50 + 50) = 1,000.
        var outage = "disruptions:\n  - { id: strike, kind: supplier_outage, supplier: vendor, at: 20.5d, duration: 10d }";
        var r = Run(Scenario("  - { name: mto, policy: demand-responsive, promise: 5d }", outage)).Strategy("mto");

        Assert.Equal(810.0 / 960.0, r[Metric.OnTimeDelivery].Mean, 12);
        Assert.Equal(810, r[Metric.OnTimeUnits].Mean);
        Assert.Equal(960, r[Metric.DueUnits].Mean);
        Assert.Equal(1000, r[Metric.BackorderPenaltyCost].Mean, 9);
        Assert.Equal(15, r[Metric.StockoutDays].Mean);
        Assert.Equal(0.0, r[Metric.FillRate].Mean);
    }

    [Fact]
    public void Without_a_promise_on_time_delivery_is_the_fill_rate()
    {
        var r = Run(Scenario("  - { name: buffer, policy: buffer, rule: base-stock, order_up_to: 45 }")).Strategy("buffer");
        Assert.Equal(r[Metric.FillRate].Mean, r[Metric.OnTimeDelivery].Mean);
        Assert.Equal(r[Metric.FilledUnits].Mean, r[Metric.OnTimeUnits].Mean);
        Assert.Equal(r[Metric.DemandedUnits].Mean, r[Metric.DueUnits].Mean);
    }

    [Fact]
    public void By_default_the_policy_promises_its_review_period_plus_the_lead_time_and_names_the_promise()
    {
        var r = Run(Scenario("  - { name: mto, policy: demand-responsive, review: 1w }")).Strategy("mto");
        Assert.Contains("promise 12d", Assert.Single(r.PolicyDetails).Summary);   // 7 days' review + a fixed 5-day lead time
        Assert.Equal(1.0, r[Metric.OnTimeDelivery].Mean);
        Assert.Equal(0.0, r[Metric.BackorderPenaltyCost].Mean);
    }

    [Fact]
    public void Released_as_orders_come_in_the_default_promise_is_the_lead_time_alone_and_is_kept()
    {
        var r = Run(Scenario("  - { name: mto, policy: demand-responsive, review: continuous }")).Strategy("mto");
        Assert.Contains("promise 5d", Assert.Single(r.PolicyDetails).Summary);
        Assert.Equal(1.0, r[Metric.OnTimeDelivery].Mean);
        Assert.Equal(0.0, r[Metric.BackorderPenaltyCost].Mean);
    }

    [Fact]
    public void The_results_json_has_on_time_delivery_for_the_chain_and_each_item_location()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-promise-");
        try
        {
            var path = Path.Combine(dir.FullName, "promise.yaml");
            File.WriteAllText(path, Scenario("  - { name: mto, policy: demand-responsive, promise: 5d }"));
            var outcome = CliRunner.Run("run", path, "--format", "json", "--quiet");
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
            using var json = JsonDocument.Parse(outcome.Stdout);
            var strategy = json.RootElement.GetProperty("strategies")[0];
            Assert.Equal(1.0, strategy.GetProperty("metrics").GetProperty("on_time_delivery").GetProperty("mean").GetDouble());
            Assert.Equal(960, strategy.GetProperty("metrics").GetProperty("due_units").GetProperty("mean").GetDouble());
            var il = strategy.GetProperty("item_locations")[0].GetProperty("metrics");
            Assert.Equal(1.0, il.GetProperty("on_time_delivery").GetProperty("mean").GetDouble());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_console_shows_on_time_delivery_where_a_promise_makes_it_differ_from_the_fill_rate()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-promise-");
        try
        {
            var promised = Path.Combine(dir.FullName, "promised.yaml");
            File.WriteAllText(promised, Scenario("  - { name: mto, policy: demand-responsive, promise: 5d }"));
            var table = CliRunner.Run("run", promised, "--quiet");
            Assert.True(table.ExitCode == 0, table.Stderr);
            Assert.Matches(@"On-time delivery \(to promise\)\s+100\.0+%", table.Stdout);
            Assert.Matches(@"Fill rate \(type 2\)\s+0\.0+%", table.Stdout);

            // Buffer only: the same figure as the fill rate, so no second row says it again.
            var stocked = Path.Combine(dir.FullName, "stocked.yaml");
            File.WriteAllText(stocked, Scenario("  - { name: buffer, policy: buffer, rule: base-stock, order_up_to: 45 }"));
            var plain = CliRunner.Run("run", stocked, "--quiet");
            Assert.True(plain.ExitCode == 0, plain.Stderr);
            Assert.DoesNotContain("On-time delivery", plain.Stdout);

            // Per item-location, an "On time" column beside the fill rate, likewise only where they differ.
            var byLocation = CliRunner.Run("run", promised, "--quiet", "--by", "item-location");
            Assert.Matches(@"Fill rate\s+On time", byLocation.Stdout);
            Assert.Matches(@"widget@shop\s+0\.0%\s+100\.0%", byLocation.Stdout);
            Assert.DoesNotContain("On time", CliRunner.Run("run", stocked, "--quiet", "--by", "item-location").Stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_negative_promise_is_refused_at_its_field()
    {
        var errors = TestScenarios.Errors(Scenario("  - { name: mto, policy: demand-responsive, promise: -2d }"));
        Assert.Contains(errors, e => e.Contains("strategies[0].promise"));
    }
}
