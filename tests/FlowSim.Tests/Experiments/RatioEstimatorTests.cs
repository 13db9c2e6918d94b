using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Experiments;

/// <summary>
/// Service ratios are estimated as ratios of totals over all trials. The check is Erlang's loss
/// formula: a one-for-one (S-1, S) stock point with Poisson demand, a fixed lead time and lost
/// sales is an Erlang loss system with S servers, so its fill rate is 1 - B(S, a) with a the demand
/// over the time a sold unit is out. Trials here are short and demand sparse (two units a trial on
/// average, none in one trial of seven), where the mean of per-trial ratios is biased upwards.
/// </summary>
public class RatioEstimatorTests
{
    // One demand in 500 days, and a unit sold is back on the shelf 1,000 demand-days later (an
    // order placed after day t's demand arrives before day t + 1001's): offered load a = 2.
    private const double Lambda = 0.002;
    private const int LeadTime = 1001;
    private const int S = 2;
    private const int Trials = 4000;

    private static ExperimentResult Run() => Experiment.Run(
        TestScenarios.Load(TestScenarios.SingleItem(
            demand: $"{{ dist: poisson, mean: {Lambda}/day }}",
            leadTime: $"{LeadTime}d",
            horizon: "2000d",
            warmup: "1000d",
            patience: "0d",
            trials: Trials,
            strategies: $"  - name: buffer\n    policy: buffer\n    rule: base-stock\n    order_up_to: {S}\n")),
        new RunOptions(Threads: 2));

    /// <summary>Erlang's loss formula B(c, a) by its stable recursion.</summary>
    private static double ErlangB(int c, double a)
    {
        var b = 1.0;
        for (var k = 1; k <= c; k++)
        {
            b = a * b / (k + (a * b));
        }

        return b;
    }

    [Fact]
    [Trait("Category", TestCategory.Slow)]
    public void Fill_rate_is_the_ratio_of_totals_and_matches_Erlang_where_the_mean_of_ratios_is_biased()
    {
        var result = Run();
        var strategy = result.Strategies[0];
        var exact = 1 - ErlangB(S, Lambda * (LeadTime - 1));
        var fill = strategy[Metric.FillRate];

        // The reported mean is filled units over demanded units, all trials together.
        var filled = strategy.Values(Metric.FilledUnits).Sum();
        var demanded = strategy.Values(Metric.DemandedUnits).Sum();
        Assert.Equal(filled / demanded, fill.Mean, 12);

        // Within 3 standard errors of Erlang's formula; the interval's half-width is 1.96 of them.
        var se = fill.HalfWidth / 1.96;
        Assert.InRange(fill.Mean, exact - (3 * se), exact + (3 * se));

        // The mean of per-trial ratios, what FlowSim reported before, is far off: a trial without
        // demand counts as a perfect one however rare demand is.
        var perTrial = strategy.Values(Metric.FillRate).Average();
        Assert.True(perTrial - exact > 4 * se, $"mean of ratios {perTrial:F4} vs Erlang {exact:F4}, standard error {se:F4}");
    }

    [Fact]
    public void The_ratio_of_totals_interval_is_the_delta_method_over_trials()
    {
        // Three trials: 9 of 10, 1 of 2 and 0 of 0 units filled. Ratio of totals 10/12.
        double[] x = [9, 1, 0], y = [10, 2, 0], perTrial = [0.9, 0.5, 1];
        var s = Statistics.OfRatio(x, y, perTrial, scale: 1, complement: false, scratch: null);
        var r = 10.0 / 12;
        var meanY = 4.0;
        double squares = 0;
        for (var k = 0; k < 3; k++)
        {
            squares += Math.Pow(x[k] - (r * y[k]), 2);
        }

        var half = Statistics.StudentTQuantile(0.975, 2) * Math.Sqrt(squares / 2 / 3) / meanY;
        Assert.Equal(r, s.Mean, 12);
        Assert.Equal(r - half, s.Ci95Low, 12);
        Assert.Equal(r + half, s.Ci95High, 12);

        // Spread and percentiles stay those of the per-trial ratios.
        Assert.Equal(Statistics.Of(perTrial).Std, s.Std, 12);
        Assert.Equal(0.9, s.P50, 12);

        var complement = Statistics.OfRatio(x, y, perTrial, scale: 1, complement: true, scratch: null);
        Assert.Equal(1 - r, complement.Mean, 12);
        Assert.Equal(s.HalfWidth, complement.HalfWidth, 12);
    }
}
