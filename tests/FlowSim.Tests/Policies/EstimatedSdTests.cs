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
    [InlineData("{ window: 26w }")]
    [InlineData("{ smoothing: 0.01 }")]
    public void With_independent_days_the_estimated_sd_safety_stock_converges_to_the_known_sd_one(string forecast)
    {
        // Over a long window: the square root of an unbiased variance estimate is low by about
        // 1/(4 x the days it spans), a third of a unit on this safety stock for a 4-week window.
        // Daily review on a 2-day lead time: S_t = 2 F_t + SS_t is reached at every review, so the
        // net stock after day t's demand is S_(t-2) less two days' demand, and its mean is the mean
        // safety stock (the forecast is unbiased). With the sd known that is z sigma sqrt(2) =
        // 1.645 x 10 x 1.414; estimated, it must come to the same.
        var r = Run(forecast);
        var safety = System.Math.Sqrt(2) * 10 * FlowSim.Stochastic.StandardNormal.Quantile(0.95);
        foreach (var st in r.Strategies)
        {
            var net = Enumerable.Range(0, Trials).Select(k => st.Outcome(k, Metric.AvgOnHandUnits) - st.Outcome(k, Metric.AvgBackorders)).ToArray();
            var mean = net.Average();
            var se = Math.Sqrt(net.Sum(x => (x - mean) * (x - mean)) / (Trials - 1) / Trials);
            Assert.True(Math.Abs(mean - safety) <= 3 * se, $"{st.Name}: mean net stock {mean:F3}, safety stock {safety:F3} ± {3 * se:F3}");
        }
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

    [Theory]
    [InlineData("safety_stock: 40")]
    [InlineData("fill_rate: 95%")]
    public void An_estimated_sd_beside_a_given_safety_stock_or_fill_rate_is_refused(string sizing)
    {
        var key = sizing[..sizing.IndexOf(':', StringComparison.Ordinal)];
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(
            strategies: $"  - name: buffer\n    policy: buffer\n    {sizing}\n    forecast: {{ window: 4w, sd: estimated }}\n"));
        Assert.Contains(errors, e => e.Contains($"strategies[0].{key}") && e.Contains($"remove {key}"));
    }
}
