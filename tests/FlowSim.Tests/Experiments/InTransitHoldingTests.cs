using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Experiments;

/// <summary><c>costs.hold_in_transit</c>: capital cost on goods in transit, by Little's law the holding rate times the value of the mean pipeline.</summary>
public class InTransitHoldingTests
{
    // Unit cost 4 at 20% a year; 350 measured days.
    private const double CapitalPerUnitDay = 4 * 0.20 / 365;

    private static ExperimentResult Run(string demand, string leadTime, bool hold, int trials = 4) =>
        Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(
            demand: demand, leadTime: leadTime, horizon: "400d", warmup: "50d", trials: trials,
            strategies: "  - name: buffer\n    policy: buffer\n    order_up_to: 300\n",
            costs: $"backorder_penalty: 0.5/day\n  hold_in_transit: {(hold ? "true" : "false")}")), new RunOptions(Threads: 1));

    [Fact]
    public void Five_units_a_day_on_a_ten_day_lane_keep_fifty_in_transit_and_cost_their_capital_for_350_days()
    {
        var result = Run("{ dist: constant, value: 5 }", "10d", hold: true);
        var st = result.Strategies[0];
        Assert.Equal(50, st[Metric.AvgInTransitUnits].Mean, 9);
        Assert.Equal(50 * 350 * CapitalPerUnitDay, st[Metric.InTransitHoldingCost].Mean, 9);
        Assert.Equal(st[Metric.InTransitHoldingCost].Mean, st[CostComponent.InTransitHolding].Mean, 12);
    }

    [Fact]
    public void Random_lead_times_and_demand_cost_the_rate_times_demand_times_mean_lead_time()
    {
        // Little's law: 5 a day on lead times of 10 days on average keep 50 units in transit.
        var st = Run("{ dist: poisson, mean: 5/day }", "{ dist: uniform, min: 5d, max: 15d }", hold: true, trials: 60).Strategies[0];
        var cost = st[Metric.InTransitHoldingCost];
        var expected = 50 * 350 * CapitalPerUnitDay;
        var standardError = cost.HalfWidth / 1.96;
        Assert.True(Math.Abs(cost.Mean - expected) <= 3 * standardError, $"in-transit holding {cost.Mean:F3}, Little's law {expected:F3} ± {3 * standardError:F3}");
    }

    [Fact]
    public void Without_the_switch_nothing_is_charged_and_with_it_total_cost_rises_by_exactly_the_charge_in_every_trial()
    {
        var off = Run("{ dist: poisson, mean: 5/day }", "{ dist: uniform, min: 5d, max: 15d }", hold: false).Strategies[0];
        var on = Run("{ dist: poisson, mean: 5/day }", "{ dist: uniform, min: 5d, max: 15d }", hold: true).Strategies[0];
        Assert.Equal(0, off[Metric.InTransitHoldingCost].Mean);
        for (var trial = 0; trial < on.Trials; trial++)
        {
            var charge = on.Outcome(trial, Metric.InTransitHoldingCost);
            Assert.True(charge > 0);
            Assert.Equal(off.Outcome(trial, Metric.TotalCost) + charge, on.Outcome(trial, Metric.TotalCost), 9);
            Assert.Equal(off.Outcome(trial, Metric.Profit) - charge, on.Outcome(trial, Metric.Profit), 9);
            Assert.Equal(off.Outcome(trial, Metric.HoldingCost), on.Outcome(trial, Metric.HoldingCost));
        }
    }

    [Fact]
    public void A_switch_that_is_not_true_or_false_is_refused_at_its_place()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(costs: "hold_in_transit: yes please"));
        Assert.Contains(errors, e => e.Contains("costs.hold_in_transit") && e.Contains("expected true or false"));
    }
}
