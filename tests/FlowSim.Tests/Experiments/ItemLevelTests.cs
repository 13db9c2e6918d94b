using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Experiments;

/// <summary>Results per item-location, item and stock point add up to the chain's, trial by trial and on average.</summary>
public class ItemLevelTests
{
    private static Scenario Bundled(string name) => ScenarioLoader.Load(RepoFiles.Path($"scenarios/{name}")).Scenario!;

    // Item-location figures and the chain figure they add up to.
    private static readonly (ItemLocationMetric Part, Metric Whole)[] Additive =
    [
        (ItemLocationMetric.DemandedUnits, Metric.DemandedUnits),
        (ItemLocationMetric.FilledUnits, Metric.FilledUnits),
        (ItemLocationMetric.BackorderedUnits, Metric.BackorderedUnits),
        (ItemLocationMetric.LostUnits, Metric.LostUnits),
        (ItemLocationMetric.OrdersPlaced, Metric.OrdersPlaced),
        (ItemLocationMetric.OrderedUnits, Metric.OrderedUnits),
        (ItemLocationMetric.ReplenishmentCycles, Metric.ReplenishmentCycles),
        (ItemLocationMetric.StockoutCycles, Metric.StockoutCycles),
        (ItemLocationMetric.AvgOnHandUnits, Metric.AvgOnHandUnits),
        (ItemLocationMetric.AvgInventoryValue, Metric.AvgInventoryValue),
        (ItemLocationMetric.AvgBackorders, Metric.AvgBackorders),
        (ItemLocationMetric.AvgCustomerBackorders, Metric.AvgCustomerBackorders),
        (ItemLocationMetric.ExpiredUnits, Metric.ExpiredUnits),
        (ItemLocationMetric.ScrappedUnits, Metric.ScrappedUnits),
        (ItemLocationMetric.PurchaseCost, Metric.PurchaseCost),
        (ItemLocationMetric.HoldingCost, Metric.HoldingCost),
        (ItemLocationMetric.OrderingCost, Metric.OrderingCost),
        (ItemLocationMetric.ShortageCost, Metric.ShortageCost),
        (ItemLocationMetric.ObsolescenceCost, Metric.ObsolescenceCost),
        (ItemLocationMetric.Revenue, Metric.Revenue),
    ];

    [Theory]
    [InlineData("quickstart.yaml")]
    [InlineData("port-closure.yaml")]
    [InlineData("meio-plant-dcs-branches.yaml")]
    [InlineData("kimchi-annual-batch.yaml")]
    [InlineData("electronics-quality-hold.yaml")]
    public void Item_location_units_and_money_add_up_to_the_chain_in_every_trial(string file)
    {
        var model = Model.Compile(Bundled(file));
        var sim = new Simulation(model);
        var chain = new double[sim.Layout.Length];
        var width = ItemLocationMetrics.Count;
        for (var s = 0; s < model.Strategies.Length; s++)
        {
            for (var trial = 0; trial < 3; trial++)
            {
                sim.Run(s, trial, 5, chain);
                var parts = sim.ItemLocationOutcomes;
                Assert.Equal(model.Slots.Length * width, parts.Length);
                foreach (var (part, whole) in Additive)
                {
                    double sum = 0;
                    for (var i = 0; i < model.Slots.Length; i++)
                    {
                        sum += parts[(i * width) + (int)part];
                    }

                    var expected = chain[(int)whole];
                    Assert.True(Math.Abs(sum - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                        $"{file} strategy {s} trial {trial}: {part} sums to {sum}, chain {whole} is {expected}");
                }
            }
        }
    }

    [Fact]
    public void Items_and_stock_points_are_their_item_locations_together()
    {
        var result = Experiment.Run(Bundled("meio-plant-dcs-branches.yaml"), new RunOptions(Trials: 6, Threads: 2));
        foreach (var strategy in result.Strategies)
        {
            Assert.NotEmpty(strategy.ItemLocations);
            foreach (var m in new[] { ItemLocationMetric.DemandedUnits, ItemLocationMetric.HoldingCost, ItemLocationMetric.AvgOnHandUnits })
            {
                var byLocation = strategy.ItemLocations.Sum(il => il[m].Mean);
                Assert.Equal(byLocation, strategy.Items.Sum(it => it[m].Mean), 6);
                Assert.Equal(byLocation, strategy.StockPoints.Sum(sp => sp.ItemMetrics[(int)m].Mean), 6);
            }

            // The chain's demanded units are the item-locations' together.
            Assert.Equal(strategy[Metric.DemandedUnits].Mean, strategy.Items.Sum(it => it[ItemLocationMetric.DemandedUnits].Mean), 6);

            // An item's fill rate is its filled over demanded units, all its locations and trials together.
            foreach (var item in strategy.Items.Where(it => it[ItemLocationMetric.DemandedUnits].Mean > 0))
            {
                Assert.Equal(item[ItemLocationMetric.FilledUnits].Mean / item[ItemLocationMetric.DemandedUnits].Mean, item[ItemLocationMetric.FillRate].Mean, 9);
            }
        }
    }

    [Fact]
    public void Item_level_statistics_do_not_depend_on_the_thread_count_or_the_block_size()
    {
        var scenario = Bundled("quickstart.yaml");
        var one = Experiment.Run(scenario, new RunOptions(Trials: 9, Threads: 1));
        var two = Experiment.RunWithStorage(scenario, new RunOptions(Trials: 9, Threads: 2), new OutcomeStorage(2, 64L << 20));
        for (var s = 0; s < one.Strategies.Length; s++)
        {
            Assert.Equal(one.Strategies[s].ItemLocations.SelectMany(il => il.Metrics), two.Strategies[s].ItemLocations.SelectMany(il => il.Metrics));
            Assert.Equal(one.Strategies[s].Items.SelectMany(il => il.Metrics), two.Strategies[s].Items.SelectMany(il => il.Metrics));
        }
    }
}
