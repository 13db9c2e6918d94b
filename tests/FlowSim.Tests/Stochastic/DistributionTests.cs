using FlowSim.Stochastic;
using MN = MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Stochastic;

public class DistributionTests
{
    // One case per kind, and per sampler branch where a kind has several:
    // Poisson below and above the PTRS threshold, gamma shape below and above 1,
    // normal with heavy and with negligible truncation.
    private static readonly Dictionary<string, Distribution> Cases = new()
    {
        ["constant"] = Distribution.Constant(3.5),
        ["uniform"] = Distribution.Uniform(2, 10),
        ["triangular"] = Distribution.Triangular(1, 2, 6),
        ["pert"] = Distribution.Pert(1, 2, 6),
        ["normal heavily truncated"] = Distribution.Normal(1, 1),
        ["half normal"] = Distribution.Normal(0, 2),
        ["normal barely truncated"] = Distribution.Normal(10, 2),
        ["lognormal"] = Distribution.LogNormal(5, 2),
        ["gamma shape above 1"] = Distribution.Gamma(4, 3),
        ["gamma shape below 1"] = Distribution.Gamma(1, 2),
        ["exponential"] = Distribution.Exponential(3),
        ["empirical"] = Distribution.Empirical([0, 1, 1, 2, 3, 5, 8, 13]),
        ["poisson zero"] = Distribution.Poisson(0),
        ["poisson small"] = Distribution.Poisson(3.5),
        ["poisson large"] = Distribution.Poisson(40),
        ["negative binomial small"] = Distribution.NegativeBinomial(3, 2),
        ["negative binomial large"] = Distribution.NegativeBinomial(50, 15),
    };

    public static TheoryData<string> AllCases => new(Cases.Keys);

    private static double[] Draw(Distribution distribution, int n, ulong seed, double scale = 1)
    {
        var rng = RandomStream.Create(seed);
        var xs = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = scale == 1 ? distribution.Sample(ref rng) : distribution.Sample(ref rng, scale);
        }

        return xs;
    }

    public class Factories
    {
        public static TheoryData<string> InvalidCalls => new(Invalid.Keys);

        private static readonly Dictionary<string, Func<Distribution>> Invalid = new()
        {
            ["constant(-1)"] = () => Distribution.Constant(-1),
            ["constant(NaN)"] = () => Distribution.Constant(double.NaN),
            ["constant(inf)"] = () => Distribution.Constant(double.PositiveInfinity),
            ["uniform(-1, 2)"] = () => Distribution.Uniform(-1, 2),
            ["uniform(3, 2)"] = () => Distribution.Uniform(3, 2),
            ["uniform(0, inf)"] = () => Distribution.Uniform(0, double.PositiveInfinity),
            ["uniform(NaN, 1)"] = () => Distribution.Uniform(double.NaN, 1),
            ["uniform(0, NaN)"] = () => Distribution.Uniform(0, double.NaN),
            ["triangular(2, 1, 3)"] = () => Distribution.Triangular(2, 1, 3),
            ["triangular(1, 4, 3)"] = () => Distribution.Triangular(1, 4, 3),
            ["triangular(1, 1, 1)"] = () => Distribution.Triangular(1, 1, 1),
            ["triangular(-1, 0, 1)"] = () => Distribution.Triangular(-1, 0, 1),
            ["triangular(0, NaN, 1)"] = () => Distribution.Triangular(0, double.NaN, 1),
            ["triangular(0, 1, inf)"] = () => Distribution.Triangular(0, 1, double.PositiveInfinity),
            ["pert(2, 1, 3)"] = () => Distribution.Pert(2, 1, 3),
            ["pert(1, 1, 1)"] = () => Distribution.Pert(1, 1, 1),
            ["pert(0, NaN, 1)"] = () => Distribution.Pert(0, double.NaN, 1),
            ["normal(-1, 1)"] = () => Distribution.Normal(-1, 1),
            ["normal(1, -1)"] = () => Distribution.Normal(1, -1),
            ["normal(NaN, 1)"] = () => Distribution.Normal(double.NaN, 1),
            ["normal(1, inf)"] = () => Distribution.Normal(1, double.PositiveInfinity),
            ["lognormal(0, 1)"] = () => Distribution.LogNormal(0, 1),
            ["lognormal(1, -1)"] = () => Distribution.LogNormal(1, -1),
            ["lognormal(NaN, 1)"] = () => Distribution.LogNormal(double.NaN, 1),
            ["gamma(1, 0)"] = () => Distribution.Gamma(1, 0),
            ["gamma(-1, 1)"] = () => Distribution.Gamma(-1, 1),
            ["gamma(inf, 1)"] = () => Distribution.Gamma(double.PositiveInfinity, 1),
            ["exponential(0)"] = () => Distribution.Exponential(0),
            ["exponential(NaN)"] = () => Distribution.Exponential(double.NaN),
            ["exponential(-inf)"] = () => Distribution.Exponential(double.NegativeInfinity),
            ["empirical([])"] = () => Distribution.Empirical([]),
            ["empirical([1, -1])"] = () => Distribution.Empirical([1, -1]),
            ["empirical([1, NaN])"] = () => Distribution.Empirical([1, double.NaN]),
            ["empirical([inf])"] = () => Distribution.Empirical([double.PositiveInfinity]),
            ["poisson(-1)"] = () => Distribution.Poisson(-1),
            ["poisson(NaN)"] = () => Distribution.Poisson(double.NaN),
            ["poisson(inf)"] = () => Distribution.Poisson(double.PositiveInfinity),
            ["negative_binomial(5, 2)"] = () => Distribution.NegativeBinomial(5, 2),
            ["negative_binomial(4, 2)"] = () => Distribution.NegativeBinomial(4, 2),
            ["negative_binomial(0, 1)"] = () => Distribution.NegativeBinomial(0, 1),
            ["negative_binomial(NaN, 3)"] = () => Distribution.NegativeBinomial(double.NaN, 3),
            ["negative_binomial(3, inf)"] = () => Distribution.NegativeBinomial(3, double.PositiveInfinity),
        };

        [Theory]
        [MemberData(nameof(InvalidCalls))]
        public void Reject_out_of_range_parameters(string call)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Invalid[call]());
        }

        [Fact]
        public void Name_the_parameter_and_the_value_in_the_message()
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Gamma(-3, 1));

            Assert.Equal("mean", error.ParamName);
            Assert.Contains("must be positive, got -3", error.Message);
        }

        [Fact]
        public void Accept_the_edges_of_the_valid_range()
        {
            Assert.Equal(0, Distribution.Constant(0).Mean);
            Assert.Equal(2, Distribution.Uniform(2, 2).Mean);
            Assert.Equal(0, Distribution.Normal(0, 0).Mean);
            Assert.Equal(0, Distribution.Poisson(0).Mean);
            Assert.Equal(5, Distribution.LogNormal(5, 0).Mean);
            Assert.Equal((1 + 1 + 3) / 3.0, Distribution.Triangular(1, 1, 3).Mean, 12);
            Assert.Equal((1 + (4 * 3) + 3) / 6.0, Distribution.Pert(1, 3, 3).Mean, 12);
        }

        [Fact]
        public void Empirical_keeps_its_own_copy_of_the_values()
        {
            double[] values = [1, 2, 3];
            var distribution = Distribution.Empirical(values);

            values[0] = 100;

            Assert.Equal(new[] { 1.0, 2, 3 }, distribution.Values);
            Assert.Equal(2, distribution.Mean);
        }
    }

    public class MeanAndVariance
    {
        [Theory]
        [MemberData(nameof(AllCases), MemberType = typeof(DistributionTests))]
        public void Match_the_sample_mean_and_variance(string name)
        {
            var distribution = Cases[name];
            var moments = SampleStatistics.MomentsOf(Draw(distribution, 200_000, seed: 11));

            // Plus 1e-12 relative for rounding in the sum, which matters only for the constant.
            var meanTolerance = (4 * moments.StandardErrorOfMean(distribution.StandardDeviation)) + (1e-12 * distribution.Mean);
            Assert.InRange(moments.Mean, distribution.Mean - meanTolerance, distribution.Mean + meanTolerance);

            // 5 rather than 4 standard errors: the standard error of the variance is itself estimated.
            var varianceTolerance = 5 * moments.StandardErrorOfVariance;
            Assert.InRange(moments.Variance, distribution.Variance - varianceTolerance, distribution.Variance + varianceTolerance);
        }

        [Fact]
        public void Truncated_normal_has_the_truncated_mean_and_variance()
        {
            // Normal(1, 1) kept above 0: mean = 1 + phi(1) / Phi(1), variance = 1 - lambda - lambda^2
            // with lambda = phi(1) / Phi(1), phi(1) = 0.24197072451914337, Phi(1) = 0.8413447460685429.
            var distribution = Distribution.Normal(1, 1);

            Assert.Equal(1.2875999709391783, distribution.Mean, 12);
            Assert.Equal(0.6296862857766055, distribution.Variance, 12);
            Assert.Equal(1, distribution.SpecifiedMean);
        }

        [Fact]
        public void Half_normal_has_mean_sd_times_root_two_over_pi()
        {
            var distribution = Distribution.Normal(0, 2);

            Assert.Equal(2 * Math.Sqrt(2 / Math.PI), distribution.Mean, 12);
            Assert.Equal(4 * (1 - (2 / Math.PI)), distribution.Variance, 12);
        }

        [Fact]
        public void Pert_has_mean_min_plus_four_modes_plus_max_over_six()
        {
            Assert.Equal((1 + (4 * 2) + 6) / 6.0, Distribution.Pert(1, 2, 6).Mean, 12);
        }

        [Fact]
        public void Empirical_has_the_population_moments_of_its_values()
        {
            var distribution = Distribution.Empirical([2, 4, 4, 4, 5, 5, 7, 9]);

            Assert.Equal(5, distribution.Mean, 12);
            Assert.Equal(4, distribution.Variance, 12);
            Assert.Equal(2, distribution.StandardDeviation, 12);
        }
    }

    public class Sample
    {
        public static TheoryData<string> ContinuousCases => new(Cdfs.Keys);

        // Reference CDFs from MathNet, with parameters worked out here from the factory arguments.
        private static readonly Dictionary<string, Func<double, double>> Cdfs = new()
        {
            ["uniform"] = x => MN.ContinuousUniform.CDF(2, 10, x),
            ["triangular"] = x => MN.Triangular.CDF(1, 6, 2, x),
            ["pert"] = x => MN.Beta.CDF(1 + (4 * 1 / 5.0), 1 + (4 * 4 / 5.0), (x - 1) / 5),
            ["normal heavily truncated"] = x => (MN.Normal.CDF(1, 1, x) - MN.Normal.CDF(1, 1, 0)) / (1 - MN.Normal.CDF(1, 1, 0)),
            ["half normal"] = x => (2 * MN.Normal.CDF(0, 2, x)) - 1,
            ["lognormal"] = x => MN.LogNormal.CDF(Math.Log(5) - (Math.Log(1 + (4 / 25.0)) / 2), Math.Sqrt(Math.Log(1 + (4 / 25.0))), x),
            ["gamma shape above 1"] = x => MN.Gamma.CDF(16 / 9.0, 4 / 9.0, x),
            ["gamma shape below 1"] = x => MN.Gamma.CDF(0.25, 0.25, x),
            ["exponential"] = x => MN.Exponential.CDF(1 / 3.0, x),
        };

        [Theory]
        [MemberData(nameof(ContinuousCases))]
        public void Continuous_samples_pass_a_kolmogorov_smirnov_test(string name)
        {
            var xs = Draw(Cases[name], 50_000, seed: 23);

            var statistic = SampleStatistics.KolmogorovSmirnov(xs, Cdfs[name]);

            Assert.True(statistic < SampleStatistics.KolmogorovSmirnovCritical, $"sqrt(n) D = {statistic:F3}");
        }

        [Theory]
        [InlineData(0.7)]
        [InlineData(3.5)]
        [InlineData(11.9)]
        [InlineData(12)]
        [InlineData(40)]
        [InlineData(2500)]
        public void Poisson_samples_follow_the_poisson_probabilities(double mean)
        {
            var xs = Draw(Distribution.Poisson(mean), 100_000, seed: 31);

            var (statistic, critical) = SampleStatistics.ChiSquare(xs, k => MN.Poisson.PMF(mean, k));

            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
        }

        [Theory]
        [InlineData(3, 2)]
        [InlineData(50, 15)]
        public void Negative_binomial_samples_follow_the_negative_binomial_probabilities(double mean, double sd)
        {
            var xs = Draw(Distribution.NegativeBinomial(mean, sd), 100_000, seed: 37);

            // r failures-before-success form: r = mean^2 / (sd^2 - mean), success probability mean / sd^2.
            var r = mean * mean / ((sd * sd) - mean);
            var p = mean / (sd * sd);
            var (statistic, critical) = SampleStatistics.ChiSquare(xs, k => MN.NegativeBinomial.PMF(r, p, k));

            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
        }

        [Fact]
        public void Empirical_draws_each_value_equally_often()
        {
            // 1 appears twice among eight values, so it is drawn a quarter of the time.
            var xs = Draw(Cases["empirical"], 80_000, seed: 41);

            var (statistic, critical) = SampleStatistics.ChiSquare(xs, k => k switch
            {
                1 => 2 / 8.0,
                0 or 2 or 3 or 5 or 8 or 13 => 1 / 8.0,
                _ => 0,
            });

            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
        }

        [Fact]
        public void Weighted_empirical_draws_each_value_in_proportion_to_its_weight()
        {
            // Weights 5, 3, 2 and a zero: shares 0.5, 0.3, 0.2 and never the 9.
            var xs = Draw(Distribution.Empirical([0, 1, 2, 9], [5, 3, 2, 0]), 80_000, seed: 53);

            var (statistic, critical) = SampleStatistics.ChiSquare(xs, k => k switch
            {
                0 => 0.5,
                1 => 0.3,
                2 => 0.2,
                _ => 0,
            });

            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
            Assert.DoesNotContain(9.0, xs);
        }

        [Fact]
        public void Weighted_empirical_has_the_moments_and_quantiles_of_its_mass_function()
        {
            // Values 10, 0, 20 in that order with shares 0.3, 0.5, 0.2: mean 7, E[X^2] = 30 + 80 = 110, variance 61.
            var d = Distribution.Empirical([10, 0, 20], [3, 5, 2]);
            Assert.Equal(7, d.Mean, 12);
            Assert.Equal(61, d.Variance, 12);

            // Sorted: 0 (0.5), 10 (0.8), 20 (1.0).
            Assert.Equal(0, d.Quantile(0.5));
            Assert.Equal(10, d.Quantile(0.5000001));
            Assert.Equal(10, d.Quantile(0.8));
            Assert.Equal(20, d.Quantile(0.81));
            Assert.True(d.DrawsWholeUnits);

            // Equal weights are the plain bootstrap's moments, and another weighting is another distribution.
            var equal = Distribution.Empirical([2, 4, 4, 4, 5, 5, 7, 9], [1, 1, 1, 1, 1, 1, 1, 1]);
            Assert.Equal(5, equal.Mean, 12);
            Assert.Equal(4, equal.Variance, 12);
            Assert.NotEqual(Distribution.Empirical([10, 0, 20]), d);
            Assert.Equal(Distribution.Empirical([10, 0, 20], [3, 5, 2]), d);
            Assert.Equal(Distribution.Empirical([10, 0, 20], [3, 5, 2]).GetHashCode(), d.GetHashCode());
        }

        [Theory]
        [InlineData(new double[] { 1, 1 }, "one weight per value")]
        [InlineData(new double[] { 1, -1, 1 }, "weight 1 must be a finite number, zero or more")]
        [InlineData(new double[] { 0, 0, 0 }, "positive, finite sum")]
        public void Weighted_empirical_refuses_weights_that_are_no_mass_function(double[] weights, string message)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => Distribution.Empirical([1, 2, 3], weights));
            Assert.Contains(message, e.Message);
        }

        [Fact]
        public void Truncated_normal_redraws_negatives_rather_than_clamping_them_to_zero()
        {
            // Normal(0.5, 2) puts 40% of its mass below zero; clamping would turn that into zeros.
            var xs = Draw(Distribution.Normal(0.5, 2), 100_000, seed: 43);

            Assert.True(xs.Min() > 0, $"smallest sample {xs.Min()}");
        }

        [Theory]
        [InlineData("poisson small")]
        [InlineData("poisson large")]
        [InlineData("negative binomial small")]
        [InlineData("negative binomial large")]
        public void Counting_distributions_give_whole_numbers(string name)
        {
            Assert.True(Cases[name].IsDiscrete);
            Assert.DoesNotContain(Draw(Cases[name], 10_000, seed: 47), x => x != Math.Floor(x));
        }

        [Fact]
        public void A_poisson_with_mean_zero_always_gives_zero()
        {
            Assert.DoesNotContain(Draw(Distribution.Poisson(0), 1000, seed: 53), x => x != 0);
        }

        [Theory]
        [MemberData(nameof(AllCases), MemberType = typeof(DistributionTests))]
        public void Allocates_nothing(string name)
        {
            var distribution = Cases[name];
            var rng = RandomStream.Create(59);
            var sink = 0.0;
            var allocated = Allocations.InSteadyState(() =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    sink += distribution.Sample(ref rng) + distribution.Sample(ref rng, 1.3);
                }
            });

            Assert.Equal(0, allocated);
            Assert.True(double.IsFinite(sink));
        }
    }

    public class ScaledSample
    {
        [Theory]
        [MemberData(nameof(AllCases), MemberType = typeof(DistributionTests))]
        public void Multiplies_the_mean_by_the_scale(string name)
        {
            const double scale = 1.7;
            var distribution = Cases[name];
            var moments = SampleStatistics.MomentsOf(Draw(distribution, 100_000, seed: 61, scale));

            // The scaled variance differs by kind, so the standard error uses the sample's own sd;
            // 1e-12 relative covers rounding in the sum, which matters only for the constant.
            var expected = distribution.Mean * scale;
            var tolerance = (4 * moments.StandardErrorOfMean(Math.Sqrt(moments.Variance))) + (1e-12 * expected);
            Assert.InRange(moments.Mean, expected - tolerance, expected + tolerance);
        }

        [Fact]
        public void A_scaled_poisson_is_still_poisson_with_variance_equal_to_its_mean()
        {
            // Poisson(5) at scale 2.5 is Poisson(12.5), not 2.5 times Poisson(5) (variance 31.25).
            var xs = Draw(Distribution.Poisson(5), 200_000, seed: 67, scale: 2.5);
            var moments = SampleStatistics.MomentsOf(xs);

            const double lambda = 12.5;
            var meanTolerance = 4 * moments.StandardErrorOfMean(Math.Sqrt(lambda));
            Assert.InRange(moments.Mean, lambda - meanTolerance, lambda + meanTolerance);

            // For a Poisson, mu4 - sigma^4 = lambda + 2 lambda^2.
            var varianceTolerance = 4 * Math.Sqrt((lambda + (2 * lambda * lambda)) / xs.Length);
            Assert.InRange(moments.Variance, lambda - varianceTolerance, lambda + varianceTolerance);

            var (statistic, critical) = SampleStatistics.ChiSquare(xs, k => MN.Poisson.PMF(lambda, k));
            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
        }

        [Fact]
        public void A_scaled_negative_binomial_scales_its_gamma_rate()
        {
            // NB(10, 5): r = 100 / 15, theta = 1.5. Scaling the rate by s gives mean 10 s and
            // variance 10 s + r (theta s)^2 = 10 s + 15 s^2.
            const double s = 2;
            var xs = Draw(Distribution.NegativeBinomial(10, 5), 200_000, seed: 71, scale: s);
            var moments = SampleStatistics.MomentsOf(xs);

            var variance = (10 * s) + (15 * s * s);
            var meanTolerance = 4 * moments.StandardErrorOfMean(Math.Sqrt(variance));
            Assert.InRange(moments.Mean, (10 * s) - meanTolerance, (10 * s) + meanTolerance);
            var varianceTolerance = 5 * moments.StandardErrorOfVariance;
            Assert.InRange(moments.Variance, variance - varianceTolerance, variance + varianceTolerance);
        }
    }

    public class Quantile
    {
        private static readonly double[] ProbabilityValues = [1e-6, 0.01, 0.1, 0.3, 0.5, 0.9, 0.99, 0.999999];

        public static TheoryData<double> Probabilities => new(ProbabilityValues);

        [Theory]
        [MemberData(nameof(Probabilities))]
        public void Matches_mathnet_for_the_continuous_kinds(double p)
        {
            var sigma2 = Math.Log(1 + (4 / 25.0));
            AssertClose(MN.LogNormal.InvCDF(Math.Log(5) - (sigma2 / 2), Math.Sqrt(sigma2), p), Distribution.LogNormal(5, 2).Quantile(p));
            AssertClose(MN.Gamma.InvCDF(16 / 9.0, 4 / 9.0, p), Distribution.Gamma(4, 3).Quantile(p));
            AssertClose(MN.Exponential.InvCDF(1 / 3.0, p), Distribution.Exponential(3).Quantile(p));
            AssertClose(MN.Triangular.InvCDF(1, 6, 2, p), Distribution.Triangular(1, 2, 6).Quantile(p));
            AssertClose(MN.ContinuousUniform.InvCDF(2, 10, p), Distribution.Uniform(2, 10).Quantile(p));
        }

        [Theory]
        [MemberData(nameof(Probabilities))]
        public void Pert_quantile_has_the_beta_probability_below_it(double p)
        {
            var x = Distribution.Pert(1, 2, 6).Quantile(p);

            Assert.Equal(p, MN.Beta.CDF(1.8, 4.2, (x - 1) / 5), 8);
        }

        [Theory]
        [MemberData(nameof(Probabilities))]
        public void Truncated_normal_quantile_has_the_truncated_probability_below_it(double p)
        {
            var x = Distribution.Normal(1, 1).Quantile(p);

            var below = (MN.Normal.CDF(1, 1, x) - MN.Normal.CDF(1, 1, 0)) / (1 - MN.Normal.CDF(1, 1, 0));
            Assert.True(x >= 0);
            Assert.Equal(p, below, 9);
        }

        [Theory]
        [InlineData(0.3)]
        [InlineData(3.5)]
        [InlineData(40)]
        [InlineData(1000)]
        [InlineData(1e6)]
        public void Poisson_quantile_is_the_smallest_count_with_cdf_at_least_p(double mean)
        {
            var distribution = Distribution.Poisson(mean);
            foreach (var p in ProbabilityValues)
            {
                var k = distribution.Quantile(p);

                Assert.Equal(Math.Floor(k), k);
                Assert.True(MN.Poisson.CDF(mean, k) >= p, $"CDF({k}) < {p}");
                Assert.True(k == 0 || MN.Poisson.CDF(mean, k - 1) < p, $"CDF({k - 1}) >= {p}");
            }
        }

        [Theory]
        [InlineData(3, 2)]
        [InlineData(50, 15)]
        [InlineData(5, 50)]
        public void Negative_binomial_quantile_is_the_smallest_count_with_cdf_at_least_p(double mean, double sd)
        {
            var distribution = Distribution.NegativeBinomial(mean, sd);
            var r = mean * mean / ((sd * sd) - mean);
            var success = mean / (sd * sd);
            foreach (var p in ProbabilityValues)
            {
                var k = distribution.Quantile(p);

                Assert.Equal(Math.Floor(k), k);
                Assert.True(MN.NegativeBinomial.CDF(r, success, k) >= p, $"CDF({k}) < {p}");
                Assert.True(k == 0 || MN.NegativeBinomial.CDF(r, success, k - 1) < p, $"CDF({k - 1}) >= {p}");
            }
        }

        [Fact]
        public void Poisson_with_mean_zero_has_every_quantile_zero()
        {
            Assert.Equal(0, Distribution.Poisson(0).Quantile(0.999));
        }

        [Theory]
        [InlineData(0.01, 1)]
        [InlineData(0.25, 1)]
        [InlineData(0.26, 2)]
        [InlineData(0.5, 2)]
        [InlineData(0.75, 3)]
        [InlineData(0.76, 4)]
        [InlineData(0.99, 4)]
        public void Empirical_quantile_is_the_smallest_value_with_that_share_at_or_below_it(double p, double expected)
        {
            Assert.Equal(expected, Distribution.Empirical([4, 2, 3, 1]).Quantile(p));
        }

        [Fact]
        public void Constant_has_every_quantile_equal_to_its_value()
        {
            Assert.Equal(7, Distribution.Constant(7).Quantile(0.2));
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(1.0)]
        [InlineData(-0.5)]
        [InlineData(double.NaN)]
        public void Rejects_probabilities_outside_zero_to_one(double p)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Poisson(3).Quantile(p));
        }

        private static void AssertClose(double expected, double actual)
        {
            Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
        }
    }

    public class Equality
    {
        [Fact]
        public void Empirical_distributions_with_the_same_values_are_equal()
        {
            var a = Distribution.Empirical([1, 2, 3]);
            var b = Distribution.Empirical(new List<double> { 1, 2, 3 });

            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.NotEqual(a, Distribution.Empirical([1, 2, 4]));
        }

        [Fact]
        public void Same_kind_and_parameters_are_equal_and_different_kinds_are_not()
        {
            Assert.Equal(Distribution.Poisson(20), Distribution.Poisson(20));
            Assert.True(Distribution.Gamma(4, 3) == Distribution.Gamma(4, 3));
            Assert.NotEqual(Distribution.Poisson(20), Distribution.Exponential(20));
            Assert.NotEqual(Distribution.Triangular(1, 2, 6), Distribution.Pert(1, 2, 6));
        }
    }

    public class Text
    {
        [Theory]
        [InlineData("poisson(mean=20)")]
        [InlineData("normal(mean=5, sd=1.5)")]
        [InlineData("triangular(min=1, mode=2, max=6)")]
        [InlineData("negative_binomial(mean=10, sd=5)")]
        [InlineData("empirical(values=[3, 1, 2])")]
        public void Names_the_kind_and_its_parameters(string expected)
        {
            var distribution = expected switch
            {
                "poisson(mean=20)" => Distribution.Poisson(20),
                "normal(mean=5, sd=1.5)" => Distribution.Normal(5, 1.5),
                "triangular(min=1, mode=2, max=6)" => Distribution.Triangular(1, 2, 6),
                "negative_binomial(mean=10, sd=5)" => Distribution.NegativeBinomial(10, 5),
                _ => Distribution.Empirical([3, 1, 2]),
            };

            Assert.Equal(expected, distribution.ToString());
        }

        [Fact]
        public void Long_empirical_lists_are_shortened()
        {
            var values = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();

            Assert.Equal("empirical(values=[1, 2, 3, 4, 5, 6, 7, 8, ... (20 values)])", Distribution.Empirical(values).ToString());
        }
    }
}
