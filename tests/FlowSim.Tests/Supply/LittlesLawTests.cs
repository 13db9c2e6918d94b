using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>Little's law on a lane: units in transit on average = throughput x mean lead time.</summary>
public class LittlesLawTests
{
    [Fact]
    public void Average_in_transit_is_throughput_times_mean_lead_time()
    {
        const double meanLeadTime = 8;
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: poisson, mean: 12/day }",
            leadTime: "{ dist: uniform, min: 4d, max: 12d }",
            horizon: "1500d",
            warmup: "50d",
            trials: 20,
            item: "unit_cost: 1\n    price: 3",
            strategies: "  - name: buffer\n    policy: buffer\n    rule: s-Q\n    reorder_point: 120\n    order_quantity: 60\n"));
        var r = Experiment.Run(scenario, new RunOptions(Threads: 2)).Strategies[0];

        var days = scenario.HorizonDays - scenario.WarmupDays;
        for (var k = 0; k < r.Trials; k++)
        {
            // Unit cost 1: the purchase cost is the units ordered.
            var throughput = r.Outcome(k, Metric.PurchaseCost) / days;
            var inTransit = r.Outcome(k, Metric.AvgInTransitUnits);
            // Orders in flight at the start and the end of the measured period blur the edges by
            // about one order each: 2 x 60 units x 8 days over 1450 days, well under 1 unit.
            Assert.InRange(inTransit, (throughput * meanLeadTime) - 6, (throughput * meanLeadTime) + 6);
        }

        Assert.Equal(12 * meanLeadTime, r[Metric.AvgInTransitUnits].Mean, 1.5);
    }
}
