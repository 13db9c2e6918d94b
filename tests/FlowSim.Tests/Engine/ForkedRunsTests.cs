using FlowSim.Engine;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Engine;

/// <summary>
/// A run without disruptions may start from a copy of the run with them, made before any
/// disruption changed anything: its outcome is exactly that of a run from day 0.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public class ForkedRunsTests
{
    public static TheoryData<string> ScenariosWithDisruptions() =>
        [.. RepoFiles.Scenarios().Where(f => File.ReadAllText(RepoFiles.Path(f)).Contains("\ndisruptions:"))];

    /// <summary>Runs each trial with disruptions and then without, forked and from day 0; returns the forked runs' start days.</summary>
    private static List<double> AssertSameAsFromDayZero(Model model, int trials)
    {
        var forked = new Simulation(model, shareDraws: true, forkRuns: true);
        var whole = new Simulation(model);
        var a = new double[forked.Layout.Length];
        var b = new double[forked.Layout.Length];
        var starts = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            for (var strategy = 0; strategy < model.Strategies.Length; strategy++)
            {
                forked.Run(strategy, trial, 11, a);
                whole.Run(strategy, trial, 11, b);
                Assert.Equal(b, a);
                forked.Run(strategy, trial, 11, a, disruptions: false);
                whole.Run(strategy, trial, 11, b, disruptions: false);
                starts.Add(forked.StartDay);
                var diff = string.Join("; ", Enumerable.Range(0, a.Length).Where(k => !a[k].Equals(b[k])).Take(6).Select(k => $"{k}: {a[k]:R} vs {b[k]:R}"));
                Assert.True(b.SequenceEqual(a), $"trial {trial}, strategy {strategy}, forked on day {forked.StartDay}: outcomes differ: {diff}");
            }
        }

        return starts;
    }

    [Theory]
    [MemberData(nameof(ScenariosWithDisruptions))]
    public void Give_the_run_without_disruptions_the_outcome_it_has_from_day_zero(string file)
    {
        var model = Model.Compile(ScenarioLoader.Load(RepoFiles.Path(file)).Scenario!);
        AssertSameAsFromDayZero(model, trials: 6);
    }

    /// <summary>
    /// Every kind of disruption at random times, on a chain with production, capacity at a
    /// supplier and a line, a backup lane, expediting, perishable stock, impatient customers and
    /// a forecasting policy: each kind has to mark the run as changed the moment it acts.
    /// </summary>
    private const string EveryKind = """
        name: every kind of disruption
        horizon: 400d
        warmup: 30d
        items:
          - { id: kit, unit_cost: 40, price: 90, shelf_life: 60d }
          - { id: part, unit_cost: 8, price: 0 }
          - { id: spare, unit_cost: 15, price: 30 }
        suppliers:
          - { id: far, lead_time: { dist: pert, min: 20d, mode: 30d, max: 45d }, capacity: 60/day }
          - { id: near, lead_time: { dist: uniform, min: 4d, max: 8d } }
          - { id: other, lead_time: { dist: gamma, mean: 12d, cv: 30% } }
        stock_points:
          - { id: plant, kind: plant }
          - { id: dc, kind: dc }
          - { id: shop-a, kind: store }
          - { id: shop-b, kind: store }
        lanes:
          - { from: far, to: plant, items: [part] }
          - { from: near, to: plant, items: [part], cost_premium: 20%, backup: { when: down, delay: 3d } }
          - { from: other, to: dc, items: [spare], expedite: { lead_time: 3d, premium: 2, below: 5d } }
          - { from: plant, to: dc, lead_time: 3d, items: [kit] }
          - { from: dc, to: shop-a, lead_time: 1d, items: [kit] }
          - { from: dc, to: shop-b, lead_time: { dist: uniform, min: 1d, max: 3d }, items: [kit] }
        production:
          - { item: kit, at: plant, components: { part: 2 }, lead_time: 2d, capacity: 30/day }
        demand:
          - { item: kit, at: shop-a, daily: { dist: poisson, mean: 6 }, patience: 2d }
          - { item: kit, at: shop-b, daily: { dist: negative_binomial, mean: 4, cv: 80% } }
          - { item: spare, at: dc, daily: { dist: poisson, mean: 2 }, patience: 1d }
        strategies:
          - { name: base, policy: buffer, rule: base-stock, service_level: 95% }
          - { name: forecast, policy: buffer, rule: base-stock, service_level: 90%, forecast: { window: 14d }, backups: off }
        disruptions:
          - { id: outage, kind: supplier_outage, supplier: far, every: { dist: exponential, mean: 300d }, duration: 20d, cancel_open_orders: true }
          - { id: closure, kind: lane_closure, lane: plant->dc, every: { dist: exponential, mean: 400d }, duration: 10d }
          - { id: slow, kind: capacity_loss, supplier: far, every: { dist: exponential, mean: 400d }, duration: 30d, capacity: 50% }
          - { id: line, kind: capacity_loss, plant: plant, every: { dist: exponential, mean: 400d }, duration: 15d, capacity: 0% }
          - { id: surge, kind: lead_time_surge, lane: dc->shop-b, every: { dist: exponential, mean: 400d }, duration: 20d, factor: 3 }
          - { id: hold, kind: quality_hold, stock_point: dc, every: { dist: exponential, mean: 400d }, duration: 15d, hold: 5d, scrap: 10% }
          - { id: rush, kind: demand_shock, stock_point: shop-a, every: { dist: exponential, mean: 400d }, duration: 10d, factor: 2 }
          - { id: blind, kind: information_delay, stock_point: shop-a, every: { dist: exponential, mean: 400d }, duration: 20d, delay: 4d }
          - { id: gone, kind: supplier_loss, supplier: other, every: { dist: exponential, mean: 1500d } }
        """;

    [Fact]
    public void Give_the_run_without_disruptions_its_outcome_from_day_zero_whatever_kind_acts_first()
    {
        var starts = AssertSameAsFromDayZero(Model.Compile(TestScenarios.Load(EveryKind)), trials: 40);

        // And the runs did fork, at many different days.
        Assert.True(starts.Count(d => d > 0) > starts.Count / 2);
        Assert.True(starts.Distinct().Count() > 10);
    }

    /// <summary>One shop ordering every 30 days from a supplier 2 days away, so goods are rarely on their way.</summary>
    private static string MonthlyShop(string lanes, string disruption, string far = "{ id: far, lead_time: 2d }") => $$"""
        name: monthly shop
        horizon: 500d
        items:
          - { id: part, unit_cost: 8, price: 20 }
        suppliers:
          - {{far}}
          - { id: near, lead_time: 4d }
        stock_points:
          - { id: shop }
        lanes:
        {{lanes}}
        demand:
          - { item: part, at: shop, daily: { dist: poisson, mean: 5 } }
        strategies:
          - { name: monthly, policy: buffer, rule: R-S, review: 30d, service_level: 95% }
        disruptions:
          - {{disruption}}
        """;

    [Theory]
    [InlineData(
        "  - { from: far, to: shop }",
        "{ id: blind, kind: information_delay, stock_point: shop, every: { dist: exponential, mean: 200d }, duration: 40d, delay: 10d }")]
    [InlineData(
        "  - { from: far, to: shop }\n  - { from: near, to: shop, cost_premium: 20%, backup: { when: down, delay: 0d } }",
        "{ id: outage, kind: supplier_outage, supplier: far, every: { dist: exponential, mean: 200d }, duration: 25d }")]
    public void Fork_before_a_disruption_that_changes_only_a_decision(string lanes, string disruption)
    {
        // A stale inventory position, or a switch to the backup the moment the primary goes down
        // (no switch-over delay): the first change is an order, not a late arrival.
        AssertSameAsFromDayZero(Model.Compile(TestScenarios.Load(MonthlyShop(lanes, disruption))), trials: 40);
    }

    [Theory]
    [InlineData("{ id: far, lead_time: 2d }", "{ id: fire, kind: supplier_outage, supplier: far, at: 31d, duration: 0d, cancel_open_orders: true }")]
    [InlineData("{ id: far, lead_time: 2d, capacity: 10/day }", "{ id: fire, kind: supplier_outage, supplier: far, at: 35d, duration: 1d, cancel_open_orders: true }")]
    public void Fork_before_an_outage_that_cancels_an_order_whose_arrival_it_does_not_move(string far, string disruption)
    {
        // An outage of no length, or one while the order still waits for the supplier's capacity,
        // stops no lead-time clock, but it cancels the open order all the same.
        var model = Model.Compile(TestScenarios.Load(MonthlyShop("  - { from: far, to: shop }", disruption, far)));
        var result = AssertSameAsFromDayZero(model, trials: 10);
        Assert.All(result, d => Assert.True(d <= 31, $"forked on day {d}, after the cancellation"));
    }

    [Fact]
    public void Start_the_run_without_disruptions_near_the_horizon_when_none_occurs()
    {
        // Nothing happens within the horizon: the run without disruptions is the same run, so it
        // starts on the last day.
        var yaml = EveryKind.Replace("horizon: 400d", "horizon: 100d")
            .Replace("every: { dist: exponential, mean: 300d }", "at: 200d")
            .Replace("every: { dist: exponential, mean: 400d }", "at: 200d")
            .Replace("every: { dist: exponential, mean: 1500d }", "at: 200d");
        var starts = AssertSameAsFromDayZero(Model.Compile(TestScenarios.Load(yaml)), trials: 2);
        Assert.All(starts, d => Assert.Equal(99, d));
    }
}
