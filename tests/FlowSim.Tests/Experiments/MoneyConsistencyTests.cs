using System.Text;
using CsCheck;
using FlowSim.Experiments;
using FlowSim.Fuzz;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using FlowSim.Tests.Scenarios;

namespace FlowSim.Tests.Experiments;

/// <summary>
/// Total cost and profit rank strategies the same way: total cost is the revenue of the units asked
/// for minus profit, so for strategies facing the same demand their differences are mirror images.
/// </summary>
public sealed class MoneyConsistencyTests
{
    // A distributor's item: the price is below twice the unit cost, where charging a lost sale only
    // its margin made losing sales look cheap.
    private static string Distributor(string lostSaleCost = "") => TestScenarios.SingleItem(
        demand: "{ dist: poisson, mean: 8/day }",
        leadTime: "{ dist: gamma, mean: 6d, cv: 30% }",
        patience: "0d",
        warmup: "30d",
        horizon: "395d",
        item: "unit_cost: 10\n    price: 15\n    holding_rate: 25%/year",
        costs: "backorder_penalty: 0.5/day" + lostSaleCost,
        strategies: string.Join(string.Empty, new[] { "80%", "90%", "95%", "99%" }.Select(level =>
            $"  - name: s{level.TrimEnd('%')}\n    policy: buffer\n    rule: base-stock\n    service_level: {level}\n")),
        trials: 60);

    public sealed class Given_one_item_with_lost_sales
    {
        [Fact]
        public void Then_total_cost_plus_profit_is_the_revenue_of_the_units_asked_for_in_every_trial()
        {
            var result = Experiment.Run(TestScenarios.Load(Distributor()), new RunOptions(Trials: 30, Threads: 2));
            foreach (var s in result.Strategies)
            {
                for (var k = 0; k < result.Trials; k++)
                {
                    var demandValue = 15 * s.Outcome(k, Metric.DemandedUnits);
                    var sum = s.Outcome(k, Metric.TotalCost) + s.Outcome(k, Metric.Profit);
                    Assert.True(Math.Abs(sum - demandValue) <= 1e-9 * demandValue, $"{s.Name} trial {k}: total cost + profit {sum}, demand at price {demandValue}");
                }
            }
        }

        [Fact]
        public void Then_the_order_by_total_cost_is_the_order_by_profit_reversed()
        {
            var result = Experiment.Run(TestScenarios.Load(Distributor()), new RunOptions(Trials: 60, Threads: 2));
            var byCost = result.Strategies.OrderBy(s => s[Metric.TotalCost].Mean).Select(s => s.Name).ToArray();
            var byProfit = result.Strategies.OrderByDescending(s => s[Metric.Profit].Mean).Select(s => s.Name).ToArray();

            Assert.Equal(byProfit, byCost);

            // And lost sales cost more than they save: the leanest service is not the cheapest.
            Assert.NotEqual("s80", byCost[0]);
        }

        [Fact]
        public void Then_a_lost_sale_cost_below_the_margin_never_makes_a_lost_sale_earn_anything()
        {
            // Margin 5: a lost-sale cost of 2 sizes nothing here, and must not credit profit for lost units.
            var plain = Experiment.Run(TestScenarios.Load(Distributor()), new RunOptions(Trials: 8, Threads: 1));
            var lower = Experiment.Run(TestScenarios.Load(Distributor("\n  lost_sale_cost: 2")), new RunOptions(Trials: 8, Threads: 1));
            for (var i = 0; i < plain.Strategies.Length; i++)
            {
                Assert.True(plain.Strategies[i].Values(Metric.LostUnits).Sum() > 0, "the lean strategies lose sales, or this checks nothing");
                Assert.Equal(plain.Strategies[i].Values(Metric.Profit), lower.Strategies[i].Values(Metric.Profit));
                Assert.Equal(plain.Strategies[i].Values(Metric.TotalCost), lower.Strategies[i].Values(Metric.TotalCost));
            }
        }

        [Fact]
        public void Then_a_lost_sale_cost_given_beyond_the_margin_is_charged_to_profit_too()
        {
            // Margin 5; a given lost-sale cost of 8 adds 3 of goodwill per lost unit to both measures.
            var plain = Experiment.Run(TestScenarios.Load(Distributor()), new RunOptions(Trials: 10, Threads: 1));
            var goodwill = Experiment.Run(TestScenarios.Load(Distributor("\n  lost_sale_cost: 8")), new RunOptions(Trials: 10, Threads: 1));
            for (var i = 0; i < plain.Strategies.Length; i++)
            {
                for (var k = 0; k < plain.Trials; k++)
                {
                    var lost = plain.Strategies[i].Outcome(k, Metric.LostUnits);
                    Assert.Equal(lost, goodwill.Strategies[i].Outcome(k, Metric.LostUnits));
                    Assert.Equal(plain.Strategies[i].Outcome(k, Metric.Profit) - (3 * lost), goodwill.Strategies[i].Outcome(k, Metric.Profit), 6);
                    Assert.Equal(plain.Strategies[i].Outcome(k, Metric.TotalCost) + (3 * lost), goodwill.Strategies[i].Outcome(k, Metric.TotalCost), 6);
                }
            }
        }
    }

    public sealed class Given_a_demand_shock
    {
        [Fact]
        public void Then_disruption_cost_is_the_profit_the_disruptions_take_trial_by_trial_and_its_parts_add_up()
        {
            // The shock changes what customers ask for, so total cost with and without it values
            // different demand: disruption cost takes that change out and is exactly the profit lost.
            var scenario = ScenarioLoader.Load(RepoFiles.Path("scenarios/apparel-bullwhip.yaml")).Scenario!;
            Assert.Contains(scenario.Disruptions, d => d.Kind == DisruptionKind.DemandShock);
            var options = new RunOptions(Trials: 10, Threads: 2);
            var with = Experiment.Run(scenario, options);
            var without = Experiment.Run(scenario with { Disruptions = [] }, options);
            var demandChanged = false;
            for (var i = 0; i < with.Strategies.Length; i++)
            {
                var on = with.Strategies[i];
                var off = without.Strategies[i];
                for (var k = 0; k < with.Trials; k++)
                {
                    var lost = off.Outcome(k, Metric.Profit) - on.Outcome(k, Metric.Profit);
                    var cost = on.Outcome(k, Metric.DisruptionCost);
                    Assert.True(Math.Abs(cost - lost) <= 1e-6 * (1 + Math.Abs(on.Outcome(k, Metric.Profit))), $"{on.Name} trial {k}: disruption cost {cost}, profit lost {lost}");
                    var parts = CostComponents.All.Sum(c => on.DisruptionPart(k, c)) + on.DisruptionDemandPartIn(k);
                    Assert.Equal(cost, parts, 6);
                    demandChanged |= on.Outcome(k, Metric.DemandValue) != off.Outcome(k, Metric.DemandValue);
                }
            }

            Assert.True(demandChanged, "the shock changes demand in some trial, or this checks nothing");
        }
    }

    public sealed class Given_random_scenarios
    {
        [Fact]
        public void Then_the_paired_difference_in_total_cost_is_minus_the_paired_difference_in_profit_trial_by_trial()
        {
            var pairsChecked = 0;
            ScenarioMutations.Plausible.Sample(yaml =>
            {
                var scenario = FuzzTarget.LoadScenario(Encoding.UTF8.GetBytes(yaml)).Scenario;
                if (scenario is null || scenario.Strategies.Length < 2 || scenario.HorizonDays * scenario.Stocked.Length > 20_000)
                {
                    return;
                }

                var run = Experiment.Run(scenario, new RunOptions(Trials: 3, Threads: 1));
                for (var a = 0; a < run.Strategies.Length; a++)
                {
                    for (var b = a + 1; b < run.Strategies.Length; b++)
                    {
                        for (var k = 0; k < run.Trials; k++)
                        {
                            var sa = run.Strategies[a];
                            var sb = run.Strategies[b];
                            if (sa.Outcome(k, Metric.DemandedUnits) != sb.Outcome(k, Metric.DemandedUnits))
                            {
                                continue;
                            }

                            // Total cost + profit is the demand at price, the same for every strategy.
                            Assert.Equal(sa.Outcome(k, Metric.DemandValue), sa.Outcome(k, Metric.TotalCost) + sa.Outcome(k, Metric.Profit), 1e-9 * (1 + sa.Outcome(k, Metric.DemandValue)));
                            var cost = sa.Outcome(k, Metric.TotalCost) - sb.Outcome(k, Metric.TotalCost);
                            var profit = sa.Outcome(k, Metric.Profit) - sb.Outcome(k, Metric.Profit);
                            var scale = 1 + Math.Abs(sa.Outcome(k, Metric.TotalCost)) + Math.Abs(sa.Outcome(k, Metric.Profit)) + Math.Abs(sa.Outcome(k, Metric.Revenue));
                            Assert.True(Math.Abs(cost + profit) <= 1e-9 * scale, $"{scenario.Name}, {sa.Name} vs {sb.Name}, trial {k}: total cost differs by {cost}, profit by {profit}");
                            pairsChecked++;
                        }
                    }
                }
            }, seed: "fpbN9Xzylz61", iter: 120, threads: 1);

            // The generator must keep producing comparable strategy pairs, or this test would check nothing.
            Assert.True(pairsChecked >= 100, $"only {pairsChecked} strategy pairs were compared");
        }
    }
}
