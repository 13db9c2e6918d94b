using System.Text;
using CsCheck;
using FlowSim.Experiments;
using FlowSim.Fuzz;
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
