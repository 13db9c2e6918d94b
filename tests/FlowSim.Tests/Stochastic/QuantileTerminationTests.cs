using FlowSim.Engine;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Stochastic;

/// <summary>
/// Every quantile search ends, whatever the size of the distribution: beyond 2^53 whole numbers are no
/// longer all representable, and a bisection that waits for a gap of one unit would spin for ever.
/// </summary>
public class QuantileTerminationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static Task<double> Bounded(Func<double> search) => Task.Run(search).WaitAsync(Limit);

    [Theory]
    [InlineData(9.5e15, 0.5)]
    [InlineData(9.5e15, 0.999999)]
    [InlineData(1e17, 0.1)]
    [InlineData(3.6e21, 0.9)]
    [InlineData(1e300, 0.7)]
    public async Task A_poisson_quantile_beyond_two_to_the_53_ends_near_the_mean(double mean, double p)
    {
        var q = await Bounded(() => Distribution.Poisson(mean).Quantile(p));

        // The spread (sqrt(mean)) is below the spacing of doubles there, so the quantile is the mean to double precision.
        var sd = Math.Sqrt(mean);
        Assert.InRange(q, mean - (6 * sd) - (mean * 1e-15), mean + (6 * sd) + (mean * 1e-15));
    }

    [Theory]
    [InlineData(9.5e15, 2e8, 0.95)]
    [InlineData(1e18, 1e12, 0.5)]
    public async Task A_negative_binomial_quantile_beyond_two_to_the_53_ends_near_its_normal_approximation(double mean, double sd, double p)
    {
        var q = await Bounded(() => Distribution.NegativeBinomial(mean, sd).Quantile(p));

        var normal = mean + (sd * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p));
        Assert.InRange(q, normal - (0.05 * sd) - (mean * 1e-15), normal + (0.05 * sd) + (mean * 1e-15));
    }

    [Theory]
    [InlineData("1000000000000/day", "26y", "")]
    [InlineData("1000/day", "45y", "\n    seasonality: { trend: 100%/year }")]
    public async Task A_speculative_batch_whose_window_demand_exceeds_two_to_the_53_is_sized_without_hanging(string mean, string horizon, string seasonality)
    {
        var yaml = TestScenarios.SingleItem(
            demand: $"{{ dist: poisson, mean: {mean} }}",
            leadTime: "1d",
            horizon: horizon,
            patience: "0d" + seasonality,
            item: "unit_cost: 4\n    price: 10\n    salvage_value: 1",
            trials: 1,
            strategies: "  - name: speculative\n    policy: speculative\n    batches: [{ at: 0d }]\n");

        var model = await Task.Run(() => Model.Compile(TestScenarios.Load(yaml))).WaitAsync(Limit);

        var batch = model.Strategies[0].Policies[0].Season.Batches[0];
        Assert.True(batch.Quantity > 9007199254740992, $"batch of {batch.Quantity}");
    }
}
