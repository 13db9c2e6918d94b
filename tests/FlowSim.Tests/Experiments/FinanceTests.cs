using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Experiments;

/// <summary>Total cost of flow, disruption cost and paired comparisons.</summary>
public sealed class FinanceTests
{
    private static Scenario Bundled(string name) => ScenarioLoader.Load(RepoFiles.Path($"scenarios/{name}")).Scenario!;

    public sealed class CostBreakdown
    {
        [Theory]
        [InlineData("quickstart.yaml")]
        [InlineData("port-closure.yaml")]
        [InlineData("footwear-sole-buffer.yaml")]
        public void Given_a_bundled_scenario_Then_the_components_add_up_to_total_cost_in_every_trial(string file)
        {
            var result = Experiment.Run(Bundled(file), new RunOptions(Trials: 12, Threads: 2));
            foreach (var s in result.Strategies)
            {
                for (var k = 0; k < result.Trials; k++)
                {
                    var total = s.Outcome(k, Metric.TotalCost);
                    var sum = CostComponents.All.Sum(c => c.ValueIn(m => s.Outcome(k, m)));
                    Assert.True(Math.Abs(sum - total) <= 1e-9 * Math.Abs(total), $"{s.Name} trial {k}: components {sum} vs total {total}");
                }
            }
        }

        [Theory]
        [InlineData("quickstart.yaml")]
        [InlineData("kimchi-annual-batch.yaml")]
        [InlineData("ceramics-preorder.yaml")]
        public void Without_price_premiums_the_goods_used_are_the_cost_of_goods_sold_whatever_was_bought_in_the_warm_up(string file)
        {
            // Goods owned at the start + bought - owned at the end = sold + written off, all at unit
            // cost: so a batch committed during the warm-up is paid for, and stock left at the end
            // is not, for every policy, speculative batches included.
            var result = Experiment.Run(Bundled(file), new RunOptions(Trials: 10, Threads: 2));
            foreach (var s in result.Strategies)
            {
                for (var k = 0; k < result.Trials; k++)
                {
                    var used = CostComponent.Purchase.ValueIn(m => s.Outcome(k, m));
                    var sold = s.Outcome(k, Metric.CostOfGoodsSold);
                    Assert.True(Math.Abs(used - sold) <= 1e-6 * Math.Max(1, sold), $"{s.Name} trial {k}: goods used {used} vs sold {sold}");
                }
            }
        }

        [Fact]
        public void Holding_is_capital_plus_storage_and_shortage_is_penalties_plus_lost_sales()
        {
            var result = Experiment.Run(Bundled("port-closure.yaml"), new RunOptions(Trials: 6, Threads: 1));
            foreach (var s in result.Strategies)
            {
                for (var k = 0; k < result.Trials; k++)
                {
                    Assert.Equal(s.Outcome(k, Metric.HoldingCost), s.Outcome(k, Metric.CapitalCost) + s.Outcome(k, Metric.StorageCost), 6);
                    Assert.Equal(s.Outcome(k, Metric.ShortageCost), s.Outcome(k, Metric.BackorderPenaltyCost) + s.Outcome(k, Metric.LostSalesCost), 6);
                }
            }
        }

        [Fact]
        public void Storage_cost_and_storage_carbon_accrue_per_unit_day_on_hand()
        {
            // Constant demand of 10 a day and a fixed 5-day lead time under order-up-to 80: the
            // stock on hand is the same every day, so storage is exactly on-hand unit-days x rate.
            var yaml = """
                name: storage
                horizon: 100d
                trials: 2
                seed: 3
                items:
                  - { id: widget, unit_cost: 10, price: 20, holding_rate: 0%/year }
                suppliers:
                  - { id: vendor, lead_time: 5d }
                stock_points:
                  - { id: shop, storage_cost: 0.05/day, storage_carbon: 0.2kg/day }
                lanes:
                  - { from: vendor, to: shop }
                demand:
                  - { item: widget, at: shop, daily: 10/day }
                costs:
                  carbon_price: 0.1
                strategies:
                  - { name: buffer, policy: buffer, rule: base-stock, order_up_to: 80 }
                """;
            var r = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Strategies[0];
            var unitDays = r[Metric.AvgOnHandUnits].Mean * 100;
            Assert.Equal(unitDays * 0.05, r[Metric.StorageCost].Mean, 6);
            Assert.Equal(0, r[Metric.CapitalCost].Mean);
            Assert.Equal(unitDays * 0.2, r[Metric.CarbonKg].Mean, 6);
            Assert.Equal(unitDays * 0.2 * 0.1, r[Metric.CarbonCost].Mean, 6);
        }
    }

    public sealed class WorkingCapital
    {
        [Fact]
        public void Turns_times_days_of_supply_is_a_year_and_the_peak_is_at_least_the_average()
        {
            var result = Experiment.Run(Bundled("quickstart.yaml"), new RunOptions(Trials: 8, Threads: 2));
            var buffer = result.Strategy("buffer");
            for (var k = 0; k < result.Trials; k++)
            {
                Assert.Equal(365, buffer.Outcome(k, Metric.InventoryTurns) * buffer.Outcome(k, Metric.DaysOfSupply), 6);
                Assert.True(buffer.Outcome(k, Metric.PeakInventoryValue) >= buffer.Outcome(k, Metric.AvgInventoryValue));
                Assert.Equal(buffer.Outcome(k, Metric.AvgInventoryValue) - buffer.Outcome(k, Metric.AvgDepositsHeld), buffer.Outcome(k, Metric.AvgCashTiedUp), 6);
            }
        }

        [Fact]
        public void Make_to_order_without_stock_has_no_turns_and_deposits_make_cash_tied_up_negative()
        {
            var result = Experiment.Run(Bundled("quickstart.yaml"), new RunOptions(Trials: 8, Threads: 2));
            var mto = result.Strategy("demand-responsive");
            Assert.Equal(0, mto[Metric.InventoryTurns].N);
            Assert.True(mto[Metric.AvgCashTiedUp].Mean < 0, "customers' deposits exceed the stock a make-to-order studio holds");
        }
    }

    public sealed class DisruptionCost
    {
        [Fact]
        public void Given_no_disruptions_Then_a_run_with_disruptions_off_is_identical_trial_by_trial()
        {
            var model = Model.Compile(Bundled("quickstart.yaml"));
            var sim = new Simulation(model);
            var on = new double[sim.Layout.Length];
            var off = new double[sim.Layout.Length];
            for (var s = 0; s < model.Strategies.Length; s++)
            {
                for (var k = 0; k < 5; k++)
                {
                    sim.Run(s, k, 99, on);
                    sim.Run(s, k, 99, off, disruptions: false);
                    Assert.Equal(on[(int)Metric.TotalCost], off[(int)Metric.TotalCost]);
                }
            }

            var result = Experiment.Run(Bundled("quickstart.yaml"), new RunOptions(Trials: 10, Threads: 2));
            Assert.All(result.Strategies, st => Assert.All(st.Values(Metric.DisruptionCost), v => Assert.Equal(0, v)));
        }

        /// <summary>Two items, each with its own supplier and its own outage: independent by construction.</summary>
        private const string TwoIndependentOutages = """
            name: two outages
            horizon: 730d
            warmup: 30d
            trials: 40
            seed: 21
            items:
              - { id: left, unit_cost: 10, price: 30 }
              - { id: right, unit_cost: 20, price: 50 }
            suppliers:
              - { id: west, lead_time: { dist: uniform, min: 4d, max: 8d } }
              - { id: east, lead_time: { dist: uniform, min: 6d, max: 12d } }
            stock_points:
              - id: shop
            lanes:
              - { from: west, to: shop, items: [left] }
              - { from: east, to: shop, items: [right] }
            demand:
              - { item: left, at: shop, daily: { dist: poisson, mean: 8/day }, patience: 0d }
              - { item: right, at: shop, daily: { dist: poisson, mean: 5/day }, patience: 0d }
            costs:
              ordering_cost: 15
            strategies:
              - { name: lean, policy: buffer, rule: base-stock, service_level: 90% }
              - { name: deep, policy: buffer, rule: base-stock, safety_stock: 25d }
            disruptions:
              - { id: west-fire, kind: supplier_outage, supplier: west, every: { dist: exponential, mean: 200d }, duration: { dist: uniform, min: 10d, max: 30d } }
              - { id: east-flood, kind: supplier_outage, supplier: east, every: { dist: exponential, mean: 250d }, duration: { dist: uniform, min: 15d, max: 40d } }
            """;

        [Fact]
        public void Given_independent_disruptions_Then_their_attributed_costs_add_up_to_the_disruption_cost_in_every_trial()
        {
            var result = Experiment.Run(TestScenarios.Load(TwoIndependentOutages), new RunOptions(Threads: 2, Attribute: true));
            Assert.True(result.Attributed);
            foreach (var s in result.Strategies)
            {
                Assert.True(s[Metric.DisruptionCost].Mean > 0, "outages cost lost sales");
                for (var k = 0; k < result.Trials; k++)
                {
                    var total = s.Outcome(k, Metric.DisruptionCost);
                    var parts = s.Outcome(k, 0, DisruptionMetric.AttributedCost) + s.Outcome(k, 1, DisruptionMetric.AttributedCost);
                    Assert.True(Math.Abs(parts - total) <= 1e-6 * (1 + Math.Abs(total)), $"{s.Name} trial {k}: parts {parts} vs total {total}");
                }
            }
        }

        [Fact]
        public void Switching_one_disruption_off_leaves_the_others_occurrences_unchanged()
        {
            // With the east flood off, the west fire's cost is the cost of a run with only the west fire.
            var both = Experiment.Run(TestScenarios.Load(TwoIndependentOutages), new RunOptions(Trials: 10, Threads: 1, Attribute: true));
            var westOnly = TestScenarios.Load(TwoIndependentOutages.Replace("  - { id: east-flood", "  # - { id: east-flood", StringComparison.Ordinal));
            var alone = Experiment.Run(westOnly, new RunOptions(Trials: 10, Threads: 1));
            for (var k = 0; k < 10; k++)
            {
                Assert.Equal(alone.Strategies[0].Outcome(k, Metric.DisruptionCost), both.Strategies[0].Outcome(k, 0, DisruptionMetric.AttributedCost), 6);
            }
        }

        [Fact]
        public void A_deeper_buffer_avoids_disruption_cost_and_its_resilience_return_adds_up()
        {
            var result = Experiment.Run(TestScenarios.Load(TwoIndependentOutages), new RunOptions(Threads: 2));
            var r = Assert.Single(result.ResilienceReturns);
            Assert.Equal("deep", r.Strategy);
            Assert.Equal("lean", r.Leanest);
            Assert.True(r.DisruptionCostAvoidedPerYear.Ci95Low > 0, "the deep buffer rides out more of each outage");
            Assert.Equal(r.DisruptionCostAvoidedPerYear.Mean - r.ExtraCarryingCostPerYear.Mean + r.EverydayServiceGainPerYear.Mean + r.EverydayOtherSavingsPerYear.Mean,
                r.NetBenefitPerYear.Mean, 6);
            Assert.True(r.ExtraInventoryValue.Mean > 0);

            // The net benefit is the verdict's difference: the parts count every paired difference.
            var verdict = result.Compare("lean", "deep").TotalCostDifference.Times(result.PerYear);
            Assert.Equal(verdict.Mean, r.NetBenefitPerYear.Mean, 6);
            Assert.Equal(verdict.Ci95Low, r.NetBenefitPerYear.Ci95Low, 6);
        }

        [Fact]
        public void The_disruption_cost_parts_add_up_to_the_disruption_cost_in_every_trial()
        {
            var result = Experiment.Run(TestScenarios.Load(TwoIndependentOutages), new RunOptions(Trials: 20, Threads: 2));
            foreach (var s in result.Strategies)
            {
                for (var k = 0; k < result.Trials; k++)
                {
                    var parts = CostComponents.All.Sum(c => s.DisruptionPart(k, c));
                    Assert.Equal(s.Outcome(k, Metric.DisruptionCost), parts, 6);
                }

                // Outages make customers wait or leave: lost sales and penalties are part of the cost.
                Assert.True(s.DisruptionCostParts[(int)CostComponent.LostSales].Mean + s.DisruptionCostParts[(int)CostComponent.BackorderPenalty].Mean > 0);
            }
        }

        [Fact]
        public void A_negative_disruption_cost_is_explained_by_the_parts_that_fell()
        {
            // Port closure: the DC buffers ride the closure out and carry less stock while drawn down.
            var result = Experiment.Run(Bundled("port-closure.yaml"), new RunOptions(Trials: 20, Threads: 2));
            var dc = result.Strategy("dc-buffers");
            Assert.True(dc[Metric.DisruptionCost].Mean < 0, "the DC buffers' disruption cost is negative in this scenario");
            var why = DisruptionCostParts.Explain(dc, result.PerYear, result.Scenario.Currency)!;
            Assert.StartsWith("Disruptions lower the total cost of dc-buffers by ", why, StringComparison.Ordinal);
            Assert.Contains("capital holding -EUR ", why, StringComparison.Ordinal);
            Assert.Contains("stock drawn down during a disruption costs less to carry", why, StringComparison.Ordinal);
        }
    }

    public sealed class PairedComparisons
    {
        private static string TwoCloseBuffers(int trials) => TestScenarios.SingleItem(
            demand: "{ dist: poisson, mean: 20/day }",
            leadTime: "{ dist: uniform, min: 3d, max: 9d }",
            patience: "0d",
            horizon: "365d",
            trials: trials,
            strategies: """
                  - { name: ninety-five, policy: buffer, rule: base-stock, service_level: 95% }
                  - { name: ninety-six, policy: buffer, rule: base-stock, service_level: 96% }
                """);

        [Fact]
        public void Given_strategies_that_differ_slightly_Then_the_paired_CI_is_narrower_than_the_unpaired_one()
        {
            var result = Experiment.Run(TestScenarios.Load(TwoCloseBuffers(200)), new RunOptions(Threads: 2));
            var pair = Assert.Single(result.Comparisons);
            var a = result.Strategies[0][Metric.TotalCost];
            var b = result.Strategies[1][Metric.TotalCost];

            // Welch's unpaired interval from the same outcomes, with the same t quantile.
            var n = result.Trials;
            var t = Statistics.StudentTQuantile(0.975, n - 1);
            var unpaired = t * Math.Sqrt((a.Std * a.Std / n) + (b.Std * b.Std / n));
            Assert.True(pair.TotalCostDifference.HalfWidth < unpaired / 2,
                $"paired half-width {pair.TotalCostDifference.HalfWidth} should be well under unpaired {unpaired}");
            Assert.Equal(a.Mean - b.Mean, pair.TotalCostDifference.Mean, 6);
        }

        [Fact]
        public void The_verdict_follows_the_interval_of_the_difference()
        {
            var result = Experiment.Run(TestScenarios.Load(TwoCloseBuffers(200)), new RunOptions(Threads: 2));
            var pair = result.Comparisons[0];
            var text = pair.Describe("EUR");
            switch (pair.Verdict)
            {
                case CostVerdict.ACheaper:
                    Assert.True(pair.TotalCostDifference.Ci95High < 0);
                    Assert.StartsWith("ninety-five is cheaper than ninety-six by EUR ", text);
                    break;
                case CostVerdict.BCheaper:
                    Assert.True(pair.TotalCostDifference.Ci95Low > 0);
                    Assert.StartsWith("ninety-six is cheaper than ninety-five by EUR ", text);
                    break;
                default:
                    Assert.Contains("not distinguishable", text);
                    break;
            }

            if (pair.Verdict != CostVerdict.NotDistinguishable)
            {
                Assert.Contains(" a year, 95% CI [EUR ", text);
            }
        }

        [Fact]
        public void A_strategy_compared_with_itself_is_not_distinguishable()
        {
            var yaml = TestScenarios.SingleItem(strategies: """
                  - { name: a, policy: buffer, order_up_to: 20 }
                  - { name: b, policy: buffer, order_up_to: 20 }
                """);
            var pair = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1)).Comparisons[0];
            Assert.Equal(CostVerdict.NotDistinguishable, pair.Verdict);
            Assert.Equal(0, pair.ACheaperShare);
            Assert.Equal("a and b are not distinguishable on total cost at 20 trials", pair.Describe("EUR"));
        }
    }

    [Trait(TestCategory.Name, TestCategory.Slow)]
    public sealed class Precision
    {
        [Fact]
        public void Given_a_target_Then_the_run_stops_within_it_with_the_same_trials_on_any_thread_count()
        {
            var scenario = Bundled("quickstart.yaml");
            var one = Experiment.Run(scenario, new RunOptions(Trials: 20, Threads: 1, Precision: 0.005));
            var two = Experiment.Run(scenario, new RunOptions(Trials: 20, Threads: 2, Precision: 0.005));
            Assert.True(one.PrecisionMet);
            Assert.True(one.Trials > 20, "0.5% needs more than the first batch");
            Assert.Equal(0, one.Trials % 20);
            foreach (var s in one.Strategies)
            {
                Assert.True(s[Metric.TotalCost].HalfWidth <= 0.005 * s[Metric.TotalCost].Mean, $"{s.Name} half-width {s[Metric.TotalCost].HalfWidth}");
            }

            Assert.Equal(one.Trials, two.Trials);
            Assert.Equal(one.Strategies.Select(s => s[Metric.TotalCost].Mean), two.Strategies.Select(s => s[Metric.TotalCost].Mean));
        }

        [Fact]
        public void Given_a_first_batch_of_one_trial_Then_precision_is_not_claimed_and_the_run_goes_on()
        {
            var result = Experiment.Run(Bundled("quickstart.yaml"), new RunOptions(Trials: 1, Threads: 2, Precision: 0.01, MaxTrials: 2000));
            Assert.True(result.Trials > 1);
            Assert.True(result.PrecisionMet);
        }

        [Fact]
        public void A_small_first_batch_does_not_overshoot_what_a_large_one_needs()
        {
            // Planned with the normal quantile, a first batch of 2 lands near the trials a first
            // batch of 200 needs, not dozens of times more.
            var small = Experiment.Run(Bundled("quickstart.yaml"), new RunOptions(Trials: 2, Threads: 2, Precision: 0.01));
            var large = Experiment.Run(Bundled("quickstart.yaml"), new RunOptions(Trials: 200, Threads: 2, Precision: 0.01));
            Assert.True(small.Trials < 3 * large.Trials, $"{small.Trials} trials from a batch of 2 against {large.Trials} from 200");
        }

        [Fact]
        public void Given_a_target_out_of_reach_Then_the_run_stops_at_the_maximum_and_says_so()
        {
            var result = Experiment.Run(Bundled("quickstart.yaml"), new RunOptions(Trials: 10, Threads: 2, Precision: 0.0001, MaxTrials: 30));
            Assert.False(result.PrecisionMet);
            Assert.Equal(30, result.Trials);
        }
    }
}
