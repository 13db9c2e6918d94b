using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>
/// The bullwhip effect (Chen, Drezner, Ryan and Simchi-Levi, 2000): an order-up-to policy whose
/// level follows a p-period moving average of i.i.d. demand, with lead time L, amplifies the
/// variance of demand by at least 1 + 2L/p + 2L^2/p^2 in the orders it places.
/// </summary>
public class BullwhipTests
{
    private const int Trials = 24;

    private static ExperimentResult Run(int leadTime, int window) => Experiment.Run(
        TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 100/day, sd: 10/day }",
            leadTime: $"{leadTime}d",
            horizon: "2000d",
            warmup: "60d",
            trials: Trials,
            strategies: $"  - name: buffer\n    policy: buffer\n    rule: base-stock\n    safety_stock: 40\n    forecast: {{ window: {window}d }}\n")),
        new RunOptions(Threads: 2));

    [Theory]
    [InlineData(2, 4)]
    [InlineData(3, 10)]
    public void A_moving_average_forecast_amplifies_demand_variance_by_the_textbook_bound(int leadTime, int window)
    {
        var bound = 1 + (2.0 * leadTime / window) + (2.0 * leadTime * leadTime / (window * window));
        var bullwhip = Run(leadTime, window).Strategies[0].StockPoints[0][StockPointMetric.BullwhipRatio];
        var se = bullwhip.Std / Math.Sqrt(Trials);

        // With a fixed safety stock the bound is met with equality: the ratio sits on it.
        Assert.InRange(bullwhip.Mean, bound - (3 * se), bound + (3 * se));
        Assert.True(bullwhip.Mean > 1.5, "the effect is there to see");
    }

    [Theory]
    [InlineData(2, 0.3)]
    [InlineData(3, 0.2)]
    public void Exponential_smoothing_amplifies_demand_variance_by_chen_ryan_and_simchi_levis_ratio(int leadTime, double alpha)
    {
        // Chen, Ryan and Simchi-Levi (2000): with S_t = L F_t + ss and F_t = alpha D_t + (1 - alpha) F_(t-1),
        // q_t = (1 + L alpha) D_t - L alpha F_(t-1), so Var(q) / Var(D) = 1 + 2 L alpha + 2 L^2 alpha^2 / (2 - alpha).
        var ratio = 1 + (2 * leadTime * alpha) + (2 * leadTime * leadTime * alpha * alpha / (2 - alpha));
        var r = Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 100/day, sd: 10/day }", leadTime: $"{leadTime}d", horizon: "2000d", warmup: "60d", trials: Trials,
            strategies: $"  - name: buffer\n    policy: buffer\n    rule: base-stock\n    safety_stock: 40\n    forecast: {{ smoothing: {alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)} }}\n")), new RunOptions(Threads: 2));
        var bullwhip = r.Strategies[0].StockPoints[0][StockPointMetric.BullwhipRatio];
        var se = bullwhip.Std / Math.Sqrt(Trials);

        Assert.InRange(bullwhip.Mean, ratio - (3 * se), ratio + (3 * se));
        Assert.Contains("exponential smoothing (alpha", r.Strategies[0].Policies[0]);
        Assert.Equal(alpha, r.Strategies[0].PolicyDetails[0].Numbers.ForecastSmoothing);
    }

    [Theory]
    [InlineData("{ smoothing: 0 }", "must be above 0 and at most 1")]
    [InlineData("{ smoothing: 1.5 }", "must be above 0 and at most 1")]
    [InlineData("{ smoothing: 0.2, window: 4w }", "not both")]
    public void A_smoothing_constant_outside_zero_to_one_or_beside_a_window_is_refused(string forecast, string message)
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(
            strategies: $"  - name: buffer\n    policy: buffer\n    rule: base-stock\n    safety_stock: 40\n    forecast: {forecast}\n"));
        Assert.Contains(errors, e => e.Contains("strategies[0].forecast") && e.Contains(message));
    }

    [Fact]
    public void Fixed_levels_pass_demand_on_without_amplifying_it()
    {
        var r = Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 100/day, sd: 10/day }", leadTime: "2d", horizon: "2000d", warmup: "60d", trials: Trials,
            strategies: "  - name: buffer\n    policy: buffer\n    rule: base-stock\n    order_up_to: 260\n")), new RunOptions(Threads: 2));
        Assert.Equal(1.0, r.Strategies[0].StockPoints[0][StockPointMetric.BullwhipRatio].Mean, 0.01);
    }
}
