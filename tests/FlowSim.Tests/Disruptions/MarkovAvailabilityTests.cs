using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Disruptions;

/// <summary><c>markov: { fail, recover }</c>: an outage as a two-state chain evaluated at the start of each day.</summary>
public class MarkovAvailabilityTests
{
    private static string Scenario(string markov, string horizon = "3000d", string warmup = "365d", int trials = 40) => $$"""
        name: markov supplier
        horizon: {{horizon}}
        warmup: {{warmup}}
        trials: {{trials}}
        seed: 11
        items:
          - { id: widget, unit_cost: 4, price: 10, holding_rate: 20%/year }
        suppliers:
          - { id: vendor, lead_time: 3d }
        stock_points:
          - id: shop
        lanes:
          - { from: vendor, to: shop }
        demand:
          - { item: widget, at: shop, daily: { dist: constant, value: 5 } }
        disruptions:
          - { id: flaky, kind: supplier_outage, supplier: vendor, markov: {{markov}} }
        strategies:
          - { name: buffer, policy: buffer, order_up_to: 40 }
        """;

    [Theory]
    [InlineData(0.02, 0.2)]
    [InlineData(0.1, 0.5)]
    public void The_supplier_is_up_recover_over_fail_plus_recover_of_the_days(double fail, double recover)
    {
        var markov = FormattableString.Invariant($"{{ fail: {fail}, recover: {recover} }}");
        var result = Experiment.Run(TestScenarios.Load(Scenario(markov)), new RunOptions(Threads: 2));
        var availability = result.Strategies[0].Suppliers[0].Metrics[(int)SupplyMetric.Availability];
        var standardError = availability.HalfWidth / 1.96;
        var stationary = recover / (fail + recover);
        Assert.True(standardError is > 0 and < 0.01, $"standard error {standardError}");
        Assert.True(Math.Abs(availability.Mean - stationary) <= 3 * standardError,
            $"availability {availability.Mean:F4}, stationary {stationary:F4} ± {3 * standardError:F4}");
    }

    [Fact]
    public void A_supplier_whose_capacity_is_lost_entirely_counts_as_down_in_its_availability()
    {
        // The same chain as a capacity loss to 0 of a supplier with a capacity: it makes nothing
        // on those days, so it is up recover / (fail + recover) of them, as for an outage.
        var yaml = Scenario("{ fail: 0.1, recover: 0.5 }")
            .Replace("lead_time: 3d }", "lead_time: 3d, capacity: 10/day }", StringComparison.Ordinal)
            .Replace("kind: supplier_outage, supplier: vendor", "kind: capacity_loss, supplier: vendor, capacity: 0", StringComparison.Ordinal);
        Assert.Contains("capacity_loss", yaml, StringComparison.Ordinal);
        var availability = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 2)).Strategies[0].Suppliers[0].Metrics[(int)SupplyMetric.Availability];
        var standardError = availability.HalfWidth / 1.96;
        Assert.True(Math.Abs(availability.Mean - (0.5 / 0.6)) <= 3 * standardError, $"availability {availability.Mean:F4}, stationary {0.5 / 0.6:F4} ± {3 * standardError:F4}");

        // A loss of part of the capacity leaves the supplier up: it still makes something.
        var partial = Experiment.Run(TestScenarios.Load(yaml.Replace("capacity: 0,", "capacity: 50%,", StringComparison.Ordinal)), new RunOptions(Threads: 2));
        Assert.Equal(1, partial.Strategies[0].Suppliers[0].Metrics[(int)SupplyMetric.Availability].Mean);
    }

    [Fact]
    public void A_base_stock_under_a_Markov_supplier_holds_and_owes_what_the_down_spells_say()
    {
        // One unit a day, a lead time of 0, base-stock S = 2: on an up day the order placed after
        // the demand comes at once, so the day runs with S on hand; an order placed while the
        // supplier is down waits for it, so on the j-th day of a spell S - j are on hand (or
        // j - S owed). The stationary chance of being on that day is pi_up f (1 - r)^(j-1).
        const double f = 0.1, r = 0.3, s = 2, holding = 4 * 0.2 / 365, penalty = 0.5;
        var yaml = Scenario(FormattableString.Invariant($"{{ fail: {f}, recover: {r} }}"), horizon: "4000d", warmup: "100d", trials: 200)
            .Replace("lead_time: 3d", "lead_time: 0d", StringComparison.Ordinal)
            .Replace("daily: { dist: constant, value: 5 }", "daily: 1", StringComparison.Ordinal)
            .Replace("order_up_to: 40", "order_up_to: 2", StringComparison.Ordinal)
            .Replace("disruptions:", "costs:\n  backorder_penalty: 0.5/day\ndisruptions:", StringComparison.Ordinal);
        var strategy = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 2)).Strategies[0];
        var shop = strategy.ItemLocations[0];
        var up = r / (f + r);
        double Spell(int j) => up * f * Math.Pow(1 - r, j - 1);
        var onHand = (up * s) + Enumerable.Range(1, 2).Sum(j => Spell(j) * (s - j));
        var owed = up * f * Math.Pow(1 - r, s) / (r * r);
        StandardErrors.Near(onHand, shop[ItemLocationMetric.AvgOnHandUnits], "average on hand");
        StandardErrors.Near(owed, shop[ItemLocationMetric.AvgBackorders], "average backorders");
        StandardErrors.Near(1 - (up * f * Math.Pow(1 - r, s) / r), shop[ItemLocationMetric.FillRate], "fill rate");

        // The cost a day follows: holding on what is on hand and the penalty on what is owed.
        var cost = Enumerable.Range(0, strategy.Trials).Select(t => strategy.Outcome(t, Metric.HoldingCost) + strategy.Outcome(t, Metric.BackorderPenaltyCost)).ToArray();
        var mean = cost.Average();
        var standardError = Math.Sqrt(cost.Sum(c => (c - mean) * (c - mean)) / (cost.Length - 1) / cost.Length);
        var expected = 3900 * ((holding * onHand) + (penalty * owed));
        Assert.True(Math.Abs(mean - expected) <= 3 * standardError, $"cost {mean:F3}, closed form {expected:F3} ± {3 * standardError:F3}");
    }

    [Fact]
    public void Outages_start_and_end_at_the_start_of_a_day()
    {
        // Whole days down, so every trial's up days are a whole number.
        var model = Model.Compile(TestScenarios.Load(Scenario("{ fail: 5%, recover: 30% }")));
        var sim = new Simulation(model);
        var chain = new double[sim.Layout.Length];
        var downSomeTrial = false;
        for (var trial = 0; trial < 12; trial++)
        {
            sim.Run(0, trial, 11, chain);
            var up = sim.SupplyOutcomes[(int)SupplyMetric.UpDays];
            Assert.Equal(Math.Round(up), up, 9);
            downSomeTrial |= up < sim.SupplyOutcomes[(int)SupplyMetric.MeasuredDays];
        }

        Assert.True(downSomeTrial, "the chain takes the supplier down");
    }

    [Theory]
    [InlineData("{ fail: 0, recover: 20% }", "disruptions[0].markov.fail", "must be above 0 and at most 100%")]
    [InlineData("{ fail: 2% }", "disruptions[0].markov.recover", "")]
    [InlineData("{ fail: 2%, recover: 20%, mttr: 5d }", "disruptions[0].markov.mttr", "unknown key")]
    public void A_chain_without_two_probabilities_is_refused_at_its_place(string markov, string path, string message)
    {
        var errors = TestScenarios.Errors(Scenario(markov));
        Assert.Contains(errors, e => e.Contains(path) && e.Contains(message));
    }

    [Fact]
    public void A_chain_beside_a_schedule_or_on_a_demand_shock_is_refused()
    {
        var withAt = TestScenarios.Errors(Scenario("{ fail: 2%, recover: 20% }, at: 10d"));
        Assert.Contains(withAt, e => e.Contains("disruptions[0].at") && e.Contains("remove at, every and duration"));

        var shock = TestScenarios.Errors(Scenario("{ fail: 2%, recover: 20% }").Replace("kind: supplier_outage, supplier: vendor", "kind: demand_shock, factor: 2"));
        Assert.Contains(shock, e => e.Contains("disruptions[0].markov") && e.Contains("applies to outages"));

        // Nor can a demand shock take the chain's timing through a shared event.
        var shared = TestScenarios.Errors(Scenario("{ fail: 2%, recover: 20% }, event: storm }\n  - { id: rush, kind: demand_shock, factor: 2, event: storm"));
        Assert.Contains(shared, e => e.Contains("disruptions[1]") && e.Contains("follows the day-by-day chain of 'flaky'"));
    }
}
