using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>Perishable stock is issued first in, first out, and written off when its shelf life runs out.</summary>
public class ShelfLifeTests
{
    private static StrategyResult Run(string shelfLife, double demandPerDay) => Experiment.Run(
        TestScenarios.Load(TestScenarios.SingleItem(
            demand: $"{demandPerDay}/day",
            leadTime: "2d",
            horizon: "200d",
            trials: 1,
            item: $"unit_cost: 4\n    price: 10\n    shelf_life: {shelfLife}",
            strategies: "  - name: s\n    policy: speculative\n    batches: [{ at: 0d, quantity: 300 }]\n    leftovers: carry\n")),
        new RunOptions(Threads: 1)).Strategies[0];

    [Fact]
    public void Units_not_sold_within_their_shelf_life_expire()
    {
        // 300 units arrive on day 2 and keep until day 32. They fill the 10 units backordered on
        // days 0-1, then sell 5 a day on days 2-31: 160 sold, the oldest first, and 140 expire.
        var r = Run("30d", 5);
        Assert.Equal(140, r[Metric.ExpiredUnits].Mean, 1e-9);
    }

    [Fact]
    public void Nothing_expires_when_stock_sells_in_time()
    {
        Assert.Equal(0, Run("100d", 5)[Metric.ExpiredUnits].Mean);
    }
}
