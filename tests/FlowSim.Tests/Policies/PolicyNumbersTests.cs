using FlowSim.Experiments;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Policies;

/// <summary>
/// Each item-location's policy gives its derived numbers as numbers beside its one-line summary,
/// and the safety stock both report is what the levels hold. Demand is Poisson(20) a day from a
/// supplier 5 days away, so the expected demand over an order's protection period
/// P = L + R - 1 is 20 x P.
/// </summary>
public class PolicyNumbersTests
{
    private static ItemLocationPolicy Sized(string strategy, string demand = "{ dist: poisson, mean: 20/day }", string item = "unit_cost: 4\n    price: 10\n    holding_rate: 20%/year")
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(demand: demand, leadTime: "5d", horizon: "20d", item: item, trials: 1, strategies: strategy));
        var result = Experiment.Run(scenario, new RunOptions(Threads: 1, MeasureDisruptionCost: false));
        return Assert.Single(result.Strategies[0].PolicyDetails);
    }

    public class A_given_order_up_to_level
    {
        [Fact]
        public void Holds_the_level_minus_the_expected_demand_over_review_and_lead_time_even_when_negative()
        {
            // R = 7, L = 5: P = 11 days, 220 units expected; S = 180 holds 40 units less than that.
            var p = Sized("  - name: lean\n    policy: buffer\n    rule: R-S\n    review: 7d\n    order_up_to: 180\n");

            Assert.Equal(180, p.Numbers.OrderUpTo);
            Assert.Equal(11, p.Numbers.ProtectionDays);
            Assert.Equal(220, p.Numbers.ExpectedProtectionDemand!.Value, 9);
            Assert.Equal(-40, p.Numbers.SafetyStock!.Value, 9);
            Assert.Equal("(R,S) R=1w S=180 (safety stock -40: S is below the expected demand over review period + lead time)", p.Summary);
        }

        [Fact]
        public void Prints_what_it_holds_not_the_safety_stock_of_the_unused_service_level()
        {
            // The 95% default would size 1.645 x sqrt(5 x 20) = 16.4 units; S = 130 holds 130 - 100.
            var p = Sized("  - name: buffer\n    policy: buffer\n    rule: base-stock\n    order_up_to: 130\n");

            Assert.Equal("base-stock S=130 (safety stock 30)", p.Summary);
            Assert.Equal(30, p.Numbers.SafetyStock!.Value, 9);
            Assert.Null(p.Numbers.ServiceLevel);
        }

        [Fact]
        public void Of_an_s_S_rule_leaves_the_safety_stock_in_the_derived_reorder_point()
        {
            var p = Sized("  - name: buffer\n    policy: buffer\n    rule: s-S\n    order_up_to: 400\n");
            var sized = StandardNormal.Quantile(0.95) * Math.Sqrt(5 * 20.0);

            Assert.Equal(400, p.Numbers.OrderUpTo);
            Assert.Equal(Math.Ceiling(100 + sized), p.Numbers.ReorderPoint);
            Assert.Equal(sized, p.Numbers.SafetyStock!.Value, 9);
            Assert.Equal(0.95, p.Numbers.ServiceLevel);
        }
    }

    public class A_given_reorder_point
    {
        [Fact]
        public void Holds_the_reorder_point_minus_the_expected_demand_over_the_lead_time_whatever_safety_stock_is_written()
        {
            var p = Sized("  - name: buffer\n    policy: buffer\n    rule: s-Q\n    reorder_point: 90\n    order_quantity: 50\n    safety_stock: 25\n");

            Assert.Equal(BufferRule.ReorderPoint, p.Numbers.Rule);
            Assert.Equal((90.0, 50.0), (p.Numbers.ReorderPoint!.Value, p.Numbers.OrderQuantity!.Value));
            Assert.Null(p.Numbers.OrderUpTo);
            Assert.Equal(-10, p.Numbers.SafetyStock!.Value, 9);
            Assert.Equal("(s,Q) s=90 Q=50 (safety stock -10: s is below the expected demand over lead time)", p.Summary);
        }
    }

    public class Derived_levels
    {
        [Fact]
        public void Are_the_expected_demand_plus_the_safety_stock_sized_to_the_service_level_rounded_up()
        {
            var p = Sized("  - name: buffer\n    policy: buffer\n    rule: base-stock\n    service_level: 95%\n");
            var sized = StandardNormal.Quantile(0.95) * Math.Sqrt(5 * 20.0);

            Assert.Equal(sized, p.Numbers.SafetyStock!.Value, 9);
            Assert.Equal(Math.Ceiling(100 + sized), p.Numbers.OrderUpTo);
            Assert.Equal((0.95, 1.0), (p.Numbers.ServiceLevel!.Value, p.Numbers.ReviewDays!.Value));
            Assert.Null(p.Numbers.ReorderPoint);
            Assert.Null(p.Numbers.CriticalFractile);
            Assert.Equal($"base-stock S={Math.Ceiling(100 + sized)} (safety stock 16.4)", p.Summary);
        }
    }

    public class A_speculative_policy
    {
        [Fact]
        public void Gives_its_critical_fractile_and_newsvendor_batches_and_no_buffer_levels()
        {
            // Price 10, cost 4, salvage 2: the critical fractile is (10 - 4) / (10 - 2) = 0.75.
            var p = Sized(
                "  - name: season\n    policy: speculative\n    batches: [{ at: 0d, quantity: newsvendor }, { at: 10d, quantity: 120 }]\n",
                item: "unit_cost: 4\n    price: 10\n    salvage_value: 2\n    holding_rate: 0%/year");

            Assert.Equal("speculative", p.Family);
            Assert.Equal(0.75, p.Numbers.CriticalFractile!.Value, 12);
            Assert.Equal(2, p.Numbers.Batches.Length);
            Assert.True(p.Numbers.Batches[0].Newsvendor);
            Assert.Equal(new BatchNumbers(10, 120, 20, Newsvendor: false), p.Numbers.Batches[1]);
            Assert.Equal(p.Numbers.Batches[0].Quantity, p.Numbers.NewsvendorQuantity);
            Assert.Null(p.Numbers.OrderUpTo);
            Assert.Null(p.Numbers.SafetyStock);
            Assert.Null(p.Numbers.ReviewDays);
        }
    }

    public class A_demand_responsive_policy
    {
        [Fact]
        public void Gives_its_minimum_batch_and_review_period()
        {
            var p = Sized("  - name: mto\n    policy: demand-responsive\n    min_batch: 40\n    review: 2d\n");

            Assert.Equal("demand-responsive", p.Family);
            Assert.Equal((40.0, 2.0), (p.Numbers.MinBatch!.Value, p.Numbers.ReviewDays!.Value));
            Assert.Null(p.Numbers.SafetyStock);
            Assert.Null(p.Numbers.Rule);
        }
    }

    public class Policy_details
    {
        [Fact]
        public void List_every_item_location_in_the_order_of_the_policy_lines()
        {
            var scenario = ScenarioLoader.Load(RepoFiles.Path("scenarios/quickstart.yaml")).Scenario!;
            var result = Experiment.Run(scenario, new RunOptions(Trials: 1, Threads: 1, MeasureDisruptionCost: false));

            foreach (var strategy in result.Strategies)
            {
                Assert.Equal(scenario.Stocked.Length, strategy.PolicyDetails.Length);
                Assert.Equal(strategy.Policies, strategy.PolicyDetails.Select(p => $"{p.Item}@{p.Location}: {p.Summary}"));
                Assert.Equal(scenario.Stocked.Select(s => (s.ItemId, s.StockPointId)), strategy.PolicyDetails.Select(p => (p.Item, p.Location)));
            }
        }
    }
}
