using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>Speculative batches: committed ahead, leftovers cleared, replenished in season only when asked.</summary>
public class SpeculativeTests
{
    private static string Scenario(string replenish) => TestScenarios.SingleItem(
        demand: "5/day",
        leadTime: "5d",
        horizon: "100d",
        patience: "0d",
        item: "unit_cost: 4\n    price: 10\n    salvage_value: 1",
        trials: 1,
        strategies: $"  - name: speculative\n    policy: speculative\n    batches: [{{ at: 0d, quantity: 200 }}]\n{replenish}");

    [Fact]
    public void Without_replenishment_only_the_batch_is_bought_and_leftovers_are_salvaged()
    {
        var r = Experiment.Run(TestScenarios.Load(Scenario("")), new RunOptions(Threads: 1)).Strategies[0];
        Assert.Equal(200 * 4, r[Metric.PurchaseCost].Mean);
        // Days 0-4 are lost before the batch arrives; 200 units then last 40 days, and the rest of demand is lost.
        Assert.Equal(500 - 200, r[Metric.LostUnits].Mean);
        Assert.Equal(0, r[Metric.SalvageIncome].Mean);
    }

    [Fact]
    public void In_season_replenishment_keeps_selling_and_stops_when_an_order_could_not_arrive_in_time()
    {
        var yaml = Scenario("    replenish: { reorder_point: 30, order_quantity: 50 }\n");
        var model = Model.Compile(TestScenarios.Load(yaml));
        var receipts = new List<double>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt) { receipts.Add(e.Time); } } };
        var outcome = new double[sim.Layout.Length];
        sim.Run(0, 0, 1, outcome);

        Assert.True(receipts.Count > 2, "replenishment orders arrived");
        Assert.True(receipts.Max() < 100, "every in-season order arrived before the window closed");
        // Only the first five days (before the batch) go unserved.
        Assert.Equal(25, outcome[(int)Metric.LostUnits]);
    }
}
