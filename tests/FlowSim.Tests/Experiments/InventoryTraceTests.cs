using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Experiments;

/// <summary>The daily inventory trace behind the report's fan charts.</summary>
public class InventoryTraceTests
{
    private static readonly string Steady = TestScenarios.SingleItem(
        demand: "{ dist: constant, value: 5 }", leadTime: "3d", horizon: "90d", trials: 30);

    [Fact]
    public void Is_the_same_on_one_thread_and_on_three()
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(horizon: "120d", trials: 40));
        var one = InventoryTrace.Collect(scenario, new RunOptions(Threads: 1));
        var three = InventoryTrace.Collect(scenario, new RunOptions(Threads: 3));
        Assert.Equal(one.SampledTrials, three.SampledTrials);
        Assert.Equal(one.Strategies[0].StockPoints[0].P5.ToArray(), three.Strategies[0].StockPoints[0].P5.ToArray());
        Assert.Equal(one.Strategies[0].StockPoints[0].P50.ToArray(), three.Strategies[0].StockPoints[0].P50.ToArray());
        Assert.Equal(one.Strategies[0].StockPoints[0].P95.ToArray(), three.Strategies[0].StockPoints[0].P95.ToArray());
    }

    [Fact]
    public void Samples_a_bounded_number_of_trials_and_one_band_value_per_day()
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(horizon: "30d", trials: 500));
        var trace = InventoryTrace.Collect(scenario, new RunOptions(Threads: 2));
        Assert.Equal(InventoryTrace.MaxSampledTrials, trace.SampledTrials);
        Assert.Equal(30, trace.Days);
        Assert.Equal(30, trace.Strategies[0].StockPoints[0].P50.Length);
    }

    [Fact]
    public void Without_randomness_every_trial_is_the_same_and_stock_stays_within_the_order_up_to_level()
    {
        var trace = InventoryTrace.Collect(TestScenarios.Load(Steady), new RunOptions(Threads: 2));
        var band = trace.Strategies[0].StockPoints[0];
        Assert.Equal(band.P5.ToArray(), band.P95.ToArray());
        Assert.All(band.P50, v => Assert.InRange(v, 0, 20));

        // Order-up-to 20 against 5 a day with a 3-day lead time: after the start, 20 - 5 x 3 = 5 at each day's end.
        Assert.Equal(5, band.P50[^1], 9);
    }

    [Fact]
    public void Value_is_units_at_unit_cost_and_the_chain_adds_up_its_stock_points()
    {
        // Steady: every trial the same, 5 units of an item costing 4 at each day's end.
        var trace = InventoryTrace.Collect(TestScenarios.Load(Steady), new RunOptions(Threads: 2));
        var strategy = trace.Strategies[0];
        var units = strategy.StockPoints[0].P50;
        var value = strategy.StockPointValues[0].P50;
        Assert.Equal(StrategyInventory.Chain, strategy.ChainValue.StockPoint);
        for (var d = 0; d < trace.Days; d++)
        {
            Assert.Equal(units[d] * 4, value[d], 6);
            Assert.Equal(value[d], strategy.ChainValue.P50[d], 6);
        }

        Assert.Equal(20, value[^1], 6);
    }

    [Fact]
    public void Value_of_unlike_items_is_each_at_its_own_unit_cost()
    {
        // Four items at one stock point: the value is not the unit total times one price.
        var scenario = FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/quickstart.yaml")).Scenario!;
        var trace = InventoryTrace.Collect(scenario, new RunOptions(Trials: 3, Threads: 2));
        var strategy = trace.Strategies[0];
        var costs = scenario.Items.Select(i => i.UnitCost).ToArray();
        var day = trace.Days - 1;
        Assert.InRange(strategy.StockPointValues[0].P50[day], strategy.StockPoints[0].P50[day] * costs.Min(), strategy.StockPoints[0].P50[day] * costs.Max());
        Assert.NotEqual(strategy.StockPoints[0].P50[day], strategy.StockPointValues[0].P50[day]);
    }

    [Fact]
    public void A_scheduled_disruption_has_one_window_seen_in_every_sampled_trial()
    {
        var trace = InventoryTrace.Collect(FlowSim.Tests.Reports.HtmlReportTests.ScenarioWithDisruption(), new RunOptions(Threads: 2));
        var window = Assert.Single(trace.Disruptions);
        Assert.Equal(("strike", 100.0, 120.0, trace.SampledTrials), (window.Disruption, window.StartDays, window.EndDays, window.Trials));
    }

    [Fact]
    public void The_trace_does_not_change_the_trial_it_watches()
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(horizon: "120d", trials: 5));
        var plain = Experiment.Run(scenario, new RunOptions(Threads: 1));
        var model = FlowSim.Engine.Model.Compile(scenario);
        var sim = new FlowSim.Engine.Simulation(model);
        var outcome = new double[sim.Layout.Length];
        sim.RunTraced(0, 3, scenario.Seed, outcome, new float[120]);
        Assert.Equal(plain.Strategies[0].Outcome(3, Metric.TotalCost), outcome[(int)Metric.TotalCost]);
        Assert.Equal(plain.Strategies[0].Outcome(3, Metric.FillRate), outcome[(int)Metric.FillRate]);
    }

    [Fact]
    public void Random_disruptions_give_windows_that_differ_between_trials_and_stay_within_the_horizon()
    {
        var yaml = TestScenarios.SingleItem(horizon: "400d", trials: 60) + """

            disruptions:
              - id: flaky
                kind: supplier_outage
                supplier: vendor
                every: { dist: exponential, mean: 60d }
                duration: { dist: uniform, min: 5d, max: 15d }
            """;
        var trace = InventoryTrace.Collect(TestScenarios.Load(yaml), new RunOptions(Threads: 2));
        Assert.NotEmpty(trace.Disruptions);
        Assert.All(trace.Disruptions, w =>
        {
            Assert.Equal("flaky", w.Disruption);
            Assert.InRange(w.StartDays, 0, 400);
            Assert.InRange(w.EndDays, w.StartDays, 400);
        });

        // Drawn per trial: no window is shared by every trial, and about 400 / (60 + 10) occurrences fall in each.
        Assert.All(trace.Disruptions, w => Assert.True(w.Trials < trace.SampledTrials));
        var perTrial = trace.Disruptions.Sum(w => w.Trials) / (double)trace.SampledTrials;
        Assert.InRange(perTrial, 3, 9);
    }
}
