using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>
/// <c>forecast: { ..., sd: estimated }</c>: the safety stock follows the sd of the forecast's own
/// one-step errors instead of the known demand sd.
/// </summary>
public class EstimatedSdTests
{
    private const int Trials = 24;

    private static ExperimentResult Run(string forecast, string horizon = "2000d") => Experiment.Run(
        TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 100/day, sd: 10/day }",
            leadTime: "2d",
            horizon: horizon,
            warmup: "60d",
            trials: Trials,
            strategies: $"""
                  - name: known
                    policy: buffer
                    service_level: 95%
                    forecast: {forecast}
                  - name: estimated
                    policy: buffer
                    service_level: 95%
                    forecast: {forecast.Replace(" }", ", sd: estimated }", StringComparison.Ordinal)}

                """)),
        new RunOptions(Threads: 2));

    [Theory]
    [InlineData("{ window: 4d }")]
    [InlineData("{ smoothing: 0.3 }")]
    public void An_estimated_variance_amplifies_orders_more_than_a_known_one(string forecast)
    {
        // Chen, Drezner, Ryan and Simchi-Levi (2000): with the variance known the safety stock is a
        // constant and the bullwhip ratio is that of the forecast alone; estimated, it moves with
        // the forecast errors and adds its own swings to the orders: the ratio is larger.
        var r = Run(forecast);
        var known = r.Strategies[0].StockPoints[0][StockPointMetric.BullwhipRatio];
        var estimated = r.Strategies[1].StockPoints[0][StockPointMetric.BullwhipRatio];
        var se = Math.Sqrt(((known.Std * known.Std) + (estimated.Std * estimated.Std)) / Trials);

        Assert.True(estimated.Mean - known.Mean > 3 * se, $"estimated {estimated.Mean} against known {known.Mean} (se {se})");
        Assert.Contains("safety stock on the sd of forecast errors", r.Strategies[1].Policies[0]);
    }

    [Theory]
    [InlineData("{ window: 4w, sd: guessed }", "strategies[0].forecast.sd", "expected known")]
    [InlineData("{ window: 4w, sd: estimatd }", "strategies[0].forecast.sd", "did you mean 'estimated'")]
    public void A_wrong_sd_is_refused_at_its_place(string forecast, string path, string message)
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(
            strategies: $"  - name: buffer\n    policy: buffer\n    forecast: {forecast}\n"));
        Assert.Contains(errors, e => e.Contains(path) && e.Contains(message));
    }

    [Fact]
    public void An_estimated_sd_beside_a_given_safety_stock_is_refused()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(
            strategies: "  - name: buffer\n    policy: buffer\n    safety_stock: 40\n    forecast: { window: 4w, sd: estimated }\n"));
        Assert.Contains(errors, e => e.Contains("strategies[0].safety_stock") && e.Contains("remove safety_stock"));
    }
}
