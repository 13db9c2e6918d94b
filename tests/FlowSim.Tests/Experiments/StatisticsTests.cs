using FlowSim.Experiments;
using FlowSim.Stochastic;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Experiments;

/// <summary>The summary statistics every metric gets: tail risk and confidence intervals.</summary>
public sealed class StatisticsTests
{
    private const int N = 200_000;

    private static double[] Sample(Func<System.Random, double> draw, int seed, int n = N)
    {
        var rng = new System.Random(seed);
        var values = new double[n];
        for (var k = 0; k < n; k++)
        {
            values[k] = draw(rng);
        }

        return values;
    }

    public sealed class TailRisk
    {
        [Fact]
        public void Given_exponential_costs_When_summarised_Then_VaR95_is_ln20_and_CVaR95_is_one_more()
        {
            // Exp(1): the 95th percentile is ln 20; memorylessness makes the mean beyond it ln 20 + 1.
            var s = Statistics.Of(Sample(r => Exponential.Sample(r, 1.0), 11));
            var var95 = Math.Log(20);

            // Standard errors: quantile sqrt(p(1-p)) / (f(q) sqrt n) with f(q) = 0.05; tail mean
            // sqrt((Var(X | X > q) + (1-p)(CVaR - q)^2) / (n (1-p))) with conditional variance 1.
            var varSe = Math.Sqrt(0.95 * 0.05) / (0.05 * Math.Sqrt(N));
            var cvarSe = Math.Sqrt((1 + (0.95 * 1)) / (N * 0.05));
            Assert.InRange(s.Var95, var95 - (4 * varSe), var95 + (4 * varSe));
            Assert.InRange(s.Cvar95, var95 + 1 - (4 * cvarSe), var95 + 1 + (4 * cvarSe));
        }

        [Fact]
        public void Given_normal_costs_When_summarised_Then_CVaR95_is_mean_plus_sigma_times_phi_z_over_5_percent()
        {
            const double mu = 1000, sigma = 150;
            var s = Statistics.Of(Sample(r => Normal.Sample(r, mu, sigma), 12));
            var z = Normal.InvCDF(0, 1, 0.95);
            var cvar = mu + (sigma * Normal.PDF(0, 1, z) / 0.05);
            var var95 = mu + (sigma * z);
            var tailVariance = sigma * sigma * (1 + (z * (cvar - mu) / sigma) - Math.Pow((cvar - mu) / sigma, 2));
            var cvarSe = Math.Sqrt((tailVariance + (0.95 * Math.Pow(cvar - var95, 2))) / (N * 0.05));
            var varSe = Math.Sqrt(0.95 * 0.05) / (Normal.PDF(mu, sigma, var95) * Math.Sqrt(N));
            Assert.InRange(s.Var95, var95 - (4 * varSe), var95 + (4 * varSe));
            Assert.InRange(s.Cvar95, cvar - (4 * cvarSe), cvar + (4 * cvarSe));
        }

        [Fact]
        public void Given_twenty_trials_When_summarised_Then_CVaR95_is_the_single_worst_trial()
        {
            var values = Enumerable.Range(1, 20).Select(v => (double)v).ToArray();
            Assert.Equal(20, Statistics.Of(values).Cvar95);
        }

        [Fact]
        public void Given_any_sample_Then_CVaR95_is_at_least_VaR95()
        {
            var s = Statistics.Of(Sample(r => LogNormal.Sample(r, 0, 1), 13, 1000));
            Assert.True(s.Cvar95 >= s.Var95);
        }
    }

    public sealed class ConfidenceInterval
    {
        [Fact]
        public void Given_one_trial_Then_there_is_no_interval_and_no_verdict()
        {
            var one = Statistics.Of([42.0]);
            Assert.Equal(42, one.Mean);
            Assert.True(double.IsNaN(one.Std) && double.IsNaN(one.HalfWidth), "one value says nothing about spread");

            var pair = new PairedComparison("a", "b", Statistics.Of([-100.0]), Statistics.Of([0.0]), 1, 1, Statistics.Of([100.0]));
            Assert.Equal(CostVerdict.NotDistinguishable, pair.Verdict);
            Assert.Equal(PairVerdict.NotDistinguishable, pair.VerdictOn(RankMeasure.Profit));
            Assert.Equal("a and b are not distinguishable on total cost at 1 trial", pair.Describe("EUR"));
            Assert.Equal("a and b are not distinguishable on profit at 1 trial", pair.Describe("EUR", RankMeasure.Profit));
        }

        [Fact]
        public void Given_200_small_runs_of_a_known_mean_Then_the_95_percent_CI_covers_it_in_90_to_99_percent()
        {
            // Each run: 30 gamma(shape 2, scale 5) values, mean 10, from its own stream of a fixed sequence.
            var covered = 0;
            for (var run = 0; run < 200; run++)
            {
                var rng = RandomStream.Create(RandomStream.DeriveSeed(2026, run, 0));
                var gamma = new GammaSampler(2);
                var values = new double[30];
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] = 5 * gamma.Sample(ref rng);
                }

                var s = Statistics.Of(values);
                covered += s.Ci95Low <= 10 && 10 <= s.Ci95High ? 1 : 0;
            }

            Assert.InRange(covered, 180, 198);
        }
    }
}
