using FlowSim.Experiments;
using FlowSim.Outcomes;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Policies;

/// <summary><c>every</c> on a speculative policy: one season's batches repeated each period, each season a newsvendor of its own.</summary>
public class RepeatingSeasonTests
{
    // A yearly newsvendor: Poisson 2 a day, committed on the first day of each year with no lead
    // time, unsold units salvaged when the next year's batch is committed; a lost sale is lost.
    private static string Scenario(string horizon, string every, int trials) => TestScenarios.SingleItem(
        demand: "{ dist: poisson, mean: 2/day }",
        leadTime: "0d",
        horizon: horizon,
        patience: "0d",
        item: "unit_cost: 4\n    price: 10\n    salvage_value: 2\n    holding_rate: 0%/year",
        costs: "ordering_cost: 0",
        trials: trials,
        strategies: $"  - name: yearly\n    policy: speculative\n    batches: [{{ at: 0d, quantity: newsvendor }}]\n{every}");

    [Fact]
    public void Ten_repeated_seasons_each_commit_the_single_season_newsvendor_quantity()
    {
        var once = Experiment.Run(TestScenarios.Load(Scenario("1y", "", 1)), new RunOptions(Threads: 1));
        var repeated = Experiment.Run(TestScenarios.Load(Scenario("10y", "    every: 1y\n", 1)), new RunOptions(Threads: 1));
        var q = once.Strategies[0].PolicyDetails.Single().Numbers.Batches.Single().Quantity;
        var batches = repeated.Strategies[0].PolicyDetails.Single().Numbers.Batches;
        Assert.Equal(10, batches.Length);
        Assert.All(batches, b => Assert.Equal(q, b.Quantity));
        Assert.Equal(Enumerable.Range(0, 10).Select(k => 365.0 * k), batches.Select(b => b.AtDays));
        Assert.Equal(365, repeated.Strategies[0].PolicyDetails.Single().Numbers.EveryDays);
        Assert.Equal(10 * q * 4, repeated.Strategies[0][Metric.PurchaseCost].Mean, 9);
    }

    [Fact]
    public void Each_repeated_season_sells_the_newsvendor_closed_form_within_three_standard_errors()
    {
        const int trials = 400;
        var result = Experiment.Run(TestScenarios.Load(Scenario("10y", "    every: 1y\n", trials)), new RunOptions(Threads: 2));
        var st = result.Strategies[0];
        var q = st.PolicyDetails.Single().Numbers.Batches[0].Quantity;

        // A batch committed after day 365k's demand sells on days 365k + 1 to 365k + 364: Poisson(728) demand.
        var season = new Poisson(2 * 364.0);
        var expectedSales = 0.0;
        for (var d = 0; d < 4 * 728; d++)
        {
            expectedSales += Math.Min(d, q) * season.Probability(d);
        }

        var filled = st[Metric.FilledUnits];
        var standardError = filled.Std / Math.Sqrt(trials);
        Assert.True(Math.Abs(filled.Mean - (10 * expectedSales)) <= 3 * standardError,
            $"filled {filled.Mean:F1} over ten seasons, closed form {10 * expectedSales:F1} ± {3 * standardError:F1} (Q = {q})");
    }

    [Fact]
    public void A_batch_outside_the_first_period_is_refused_with_its_place()
    {
        var yaml = TestScenarios.SingleItem(strategies: "  - name: s\n    policy: speculative\n    batches: [{ at: 0d }, { at: 400d }]\n    every: 1y\n");
        var error = Assert.Single(TestScenarios.Parse(yaml, "bad.yaml").Errors);
        Assert.Equal("strategies[0].every", error.FieldPath);
        Assert.Contains("strategies[0].batches[1].at is 400d", error.Message);
    }

    [Fact]
    public void A_period_under_a_day_is_refused()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(strategies: "  - name: s\n    policy: speculative\n    batches: [{ at: 0d }]\n    every: 12h\n"));
        Assert.Contains(errors, e => e.Contains("strategies[0].every") && e.Contains("must be at least 1d"));
    }
}
