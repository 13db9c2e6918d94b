using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Policies;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Policies;

/// <summary>
/// The single-period newsvendor: with price p, cost c and salvage v the optimal quantity is the
/// (p - c) / (p - v) quantile of demand, and its expected profit has a closed form.
/// </summary>
public class NewsvendorTests
{
    // p = 10, c = 4, v = 2: critical fractile (10 - 4) / (10 - 2) = 0.75.
    private const double Price = 10, Cost = 4, Salvage = 2, Mean = 100, Sd = 20;

    // Committed on day 0 with no lead time, the batch sells from day 1 (orders are placed after the
    // day's demand); the horizon ends after day 1, when leftovers are salvaged. Day 0's demand is
    // lost (patience 0) and so does not touch profit.
    private static string Scenario(int trials) => TestScenarios.SingleItem(
        demand: $"{{ dist: normal, mean: {Mean}/day, sd: {Sd}/day }}",
        leadTime: "0d",
        horizon: "2d",
        patience: "0d",
        item: $"unit_cost: {Cost}\n    price: {Price}\n    salvage_value: {Salvage}\n    holding_rate: 0%/year",
        costs: "ordering_cost: 0",
        trials: trials,
        strategies: "  - name: speculative\n    policy: speculative\n    batches: [{ at: 0d, quantity: newsvendor }]\n");

    [Fact]
    public void Critical_fractile_is_underage_over_underage_plus_overage()
    {
        Assert.Equal(0.75, PolicySizing.CriticalFractile(Price - Cost, Cost, Salvage), 12);
    }

    [Fact]
    public void Quantity_is_the_critical_fractile_quantile_of_season_demand()
    {
        var result = Experiment.Run(TestScenarios.Load(Scenario(1)), new RunOptions(Threads: 1));
        var expected = Mean + (Sd * Normal.InvCDF(0, 1, 0.75));

        // The one batch is the only purchase. Demand is a normal truncated at 0, five sd below the
        // mean, which moves the 0.75 quantile by less than 1e-5 units.
        var quantity = result.Strategies[0][Metric.PurchaseCost].Mean / Cost;
        Assert.Equal(expected, quantity, 1e-4);
    }

    [Fact]
    public void Simulated_expected_profit_matches_the_closed_form_within_three_standard_errors()
    {
        const int trials = 20_000;
        var result = Experiment.Run(TestScenarios.Load(Scenario(trials)), new RunOptions(Threads: 2));
        var z = Normal.InvCDF(0, 1, 0.75);
        var q = Mean + (Sd * z);
        // E[min(D, q)] = mu - sigma * L(z), with L(z) = phi(z) - z (1 - Phi(z)) the standard loss function.
        var expectedSales = Mean - (Sd * (Normal.PDF(0, 1, z) - (z * (1 - Normal.CDF(0, 1, z)))));
        var closedForm = (Price * expectedSales) + (Salvage * (q - expectedSales)) - (Cost * q);

        var profit = result.Strategies[0][Metric.Profit];
        var standardError = profit.Std / Math.Sqrt(trials);
        Assert.InRange(profit.Mean, closedForm - (3 * standardError), closedForm + (3 * standardError));
    }
}
