using FlowSim.History;
using FlowSim.Stochastic;
using FlowSim.Tests.Stochastic;

namespace FlowSim.Tests.History;

public class DistributionFitterTests
{
    private static double[] Draw(Distribution distribution, int n, ulong seed)
    {
        var rng = RandomStream.Create(seed);
        var xs = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = distribution.Sample(ref rng);
        }

        return xs;
    }

    /// <summary>Four standard errors of the sample mean and (delta method) of the sample sd.</summary>
    private static (double Mean, double Sd) Tolerances(double[] xs)
    {
        var m = SampleStatistics.MomentsOf(xs);
        var sd = Math.Sqrt(m.Variance);
        return (4 * m.StandardErrorOfMean(sd), 4 * m.StandardErrorOfVariance / (2 * sd));
    }

    private static FitCandidate Candidate(DistributionFit fit, DistributionKind kind) => fit.Candidates.Single(c => c.Distribution.Kind == kind);

    [Trait(TestCategory.Name, TestCategory.Slow)]
    public class Recovers_parameters
    {
        [Fact]
        public void Poisson_demand_mean_within_four_standard_errors()
        {
            var xs = Draw(Distribution.Poisson(6), 2000, seed: 101);
            var fitted = Candidate(DistributionFitter.Fit(xs, FitTarget.DailyDemand), DistributionKind.Poisson).Distribution;
            Assert.InRange(fitted.Mean, 6 - (4 * Math.Sqrt(6.0 / 2000)), 6 + (4 * Math.Sqrt(6.0 / 2000)));
        }

        [Theory]
        [InlineData(DistributionKind.NegativeBinomial, 5.0, 6.0, FitTarget.DailyDemand)]
        [InlineData(DistributionKind.Normal, 30.0, 4.0, FitTarget.LeadTime)]
        [InlineData(DistributionKind.LogNormal, 20.0, 8.0, FitTarget.LeadTime)]
        [InlineData(DistributionKind.Gamma, 12.0, 6.0, FitTarget.LeadTime)]
        public void Mean_and_sd_within_four_standard_errors(DistributionKind kind, double mean, double sd, FitTarget target)
        {
            var truth = kind switch
            {
                DistributionKind.NegativeBinomial => Distribution.NegativeBinomial(mean, sd),
                DistributionKind.Normal => Distribution.Normal(mean, sd),
                DistributionKind.LogNormal => Distribution.LogNormal(mean, sd),
                _ => Distribution.Gamma(mean, sd),
            };
            var xs = Draw(truth, 3000, seed: 202);
            var (meanTolerance, sdTolerance) = Tolerances(xs);

            var fitted = Candidate(DistributionFitter.Fit(xs, target), kind).Distribution;

            Assert.InRange(fitted.Mean, mean - meanTolerance, mean + meanTolerance);
            Assert.InRange(fitted.StandardDeviation, sd - sdTolerance, sd + sdTolerance);
        }

        [Fact]
        public void Uniform_lead_time_bounds_within_the_expected_gap_to_the_extremes()
        {
            // The maximum-likelihood bounds are the sample extremes, which miss the true bounds by
            // (max - min) / (n + 1) on average; 8 times that is a 1 - e^-8 bound.
            var xs = Draw(Distribution.Uniform(20, 40), 1000, seed: 303);
            var fitted = DistributionFitter.Fit(xs, FitTarget.LeadTime).Best.Distribution;
            Assert.Equal(DistributionKind.Uniform, fitted.Kind);
            Assert.InRange(fitted.Minimum, 20, 20 + (8 * 20.0 / 1001));
            Assert.InRange(fitted.Maximum, 40 - (8 * 20.0 / 1001), 40);
        }

        [Fact]
        public void Seasonal_scales_are_divided_out_of_the_level()
        {
            // A Poisson whose mean follows a known factor: the level is the mean before the factor.
            var rng = RandomStream.Create(404);
            var scales = Enumerable.Range(0, 3000).Select(i => 0.5 + (i % 7 / 4.0)).ToArray();
            var xs = scales.Select(s => Distribution.Poisson(8).Sample(ref rng, s)).ToArray();
            var fitted = Candidate(DistributionFitter.Fit(xs, FitTarget.DailyDemand, scales), DistributionKind.Poisson).Distribution;

            // Var(sum x) = 8 sum s, so the level sum x / sum s has standard error sqrt(8 / sum s).
            var se = Math.Sqrt(8 / scales.Sum());
            Assert.InRange(fitted.Mean, 8 - (4 * se), 8 + (4 * se));
        }
    }

    [Trait(TestCategory.Name, TestCategory.Slow)]
    public class Picks_the_family
    {
        [Fact]
        public void Overdispersed_counts_are_negative_binomial_by_a_wide_margin()
        {
            var xs = Draw(Distribution.NegativeBinomial(5, 5), 1500, seed: 505);
            var fit = DistributionFitter.Fit(xs, FitTarget.DailyDemand);
            Assert.Equal(DistributionKind.NegativeBinomial, fit.Best.Distribution.Kind);
            Assert.True(Candidate(fit, DistributionKind.Poisson).Aic - fit.Best.Aic > 10);
        }

        [Fact]
        public void Poisson_counts_are_poisson_within_what_aic_can_tell_from_its_overdispersed_relative()
        {
            // The negative binomial contains the Poisson, so it can at best tie (its extra
            // parameter costs 2 AIC and can win back up to that by chance); no other family comes close.
            var xs = Draw(Distribution.Poisson(3), 1500, seed: 606);
            var fit = DistributionFitter.Fit(xs, FitTarget.DailyDemand);
            var poisson = Candidate(fit, DistributionKind.Poisson);
            Assert.True(poisson.Aic - fit.Best.Aic <= 2, $"poisson AIC {poisson.Aic}, best {fit.Best}");
            Assert.All(fit.Candidates.Where(c => !c.Distribution.IsDiscrete), c => Assert.True(c.Aic > poisson.Aic, $"{c} against poisson {poisson.Aic}"));
        }

        [Fact]
        public void Skewed_lead_times_are_lognormal_not_normal_or_gamma()
        {
            var xs = Draw(Distribution.LogNormal(30, 15), 2000, seed: 707);
            var fit = DistributionFitter.Fit(xs, FitTarget.LeadTime);
            Assert.Equal(DistributionKind.LogNormal, fit.Best.Distribution.Kind);
            Assert.True(Candidate(fit, DistributionKind.Normal).Aic - fit.Best.Aic > 10);
        }

        [Fact]
        public void Lead_times_in_whole_days_are_fitted_by_interval_and_keep_their_family()
        {
            var xs = Draw(Distribution.Gamma(10, 5), 2000, seed: 808).Select(x => Math.Round(x)).ToArray();
            var fit = DistributionFitter.Fit(xs, FitTarget.LeadTime);
            Assert.Equal(DistributionKind.Gamma, fit.Best.Distribution.Kind);
            var (meanTolerance, _) = Tolerances(xs);
            Assert.InRange(fit.Best.Distribution.Mean, 10 - meanTolerance, 10 + meanTolerance);
        }

        [Fact]
        public void The_chosen_fit_is_close_to_its_data_and_a_wrong_one_is_not()
        {
            // The KS distance of a right model is about 1/sqrt(n); 1.95/sqrt(n) is its 0.1% critical value.
            var xs = Draw(Distribution.NegativeBinomial(5, 5), 1500, seed: 909);
            var fit = DistributionFitter.Fit(xs, FitTarget.DailyDemand);
            Assert.True(fit.Best.KsDistance < SampleStatistics.KolmogorovSmirnovCritical / Math.Sqrt(xs.Length), fit.Best.ToString());
            Assert.True(Candidate(fit, DistributionKind.Poisson).KsDistance > SampleStatistics.KolmogorovSmirnovCritical / Math.Sqrt(xs.Length));
        }
    }

    [Trait(TestCategory.Name, TestCategory.Slow)]
    public class Whole_unit_demand
    {
        [Theory]
        [InlineData(0.3, 0.6)]
        [InlineData(1.4, 1.3)]
        [InlineData(0.8, 2.0)]
        public void Slow_and_lumpy_items_get_a_counting_family_that_reproduces_the_mean(double mean, double sd)
        {
            // Three years of daily sales, twenty histories each: a continuous family that edges
            // ahead on AIC in any of them would simulate fractions at a mean of its own.
            for (ulong seed = 1; seed <= 20; seed++)
            {
                var xs = Draw(mean * mean < sd * sd - mean ? Distribution.NegativeBinomial(mean, sd) : Distribution.Poisson(mean), 1096, seed);
                var fit = DistributionFitter.Fit(xs, FitTarget.DailyDemand);

                Assert.True(fit.Best.Distribution.IsDiscrete, $"seed {seed}: {fit.Best}");
                Assert.True(fit.Best.ReproducesMean, $"seed {seed}: {fit.Best}");
                var tolerance = DistributionFitter.MeanToleranceStandardErrors * Math.Sqrt(SampleStatistics.MomentsOf(xs).Variance / xs.Length);
                Assert.InRange(fit.Best.Distribution.Mean, xs.Average() - tolerance, xs.Average() + tolerance);
            }
        }

        [Fact]
        public void A_continuous_family_whose_mean_misses_the_history_is_marked_and_not_chosen()
        {
            // Poisson sales of 0.3 a day: a lognormal through the intervals [0, 0.5] and [0.5, 1.5]
            // puts its mean well above 0.3, more than three standard errors (0.05) away.
            var xs = Draw(Distribution.Poisson(0.3), 1096, seed: 1212);
            var fit = DistributionFitter.Fit(xs, FitTarget.DailyDemand);

            var lognormal = Candidate(fit, DistributionKind.LogNormal);
            Assert.False(lognormal.ReproducesMean, lognormal.ToString());
            Assert.NotEqual(DistributionKind.LogNormal, fit.Best.Distribution.Kind);
            Assert.All(fit.Candidates.TakeWhile(c => c.ReproducesMean), c => Assert.True(c.ReproducesMean));
            Assert.True(fit.Candidates.SkipWhile(c => c.ReproducesMean).All(c => !c.ReproducesMean), "candidates that reproduce the mean come first");
        }

        /// <summary>Mostly days without sales, now and then a case of 12 or two: the lumps of a slow item sold by the case.</summary>
        private static double[] CaseSales(int days, ulong seed)
        {
            var rng = RandomStream.Create(seed);
            var xs = new double[days];
            for (var i = 0; i < days; i++)
            {
                var u = rng.NextDouble();
                xs[i] = u < 0.01 ? 24 : u < 0.06 ? 12 : 0;
            }

            return xs;
        }

        [Fact]
        public void Lumpy_case_sales_no_counting_family_follows_are_drawn_from_the_history_at_its_mean()
        {
            var xs = CaseSales(1096, seed: 1913);
            var fit = DistributionFitter.Fit(xs, FitTarget.DailyDemand);

            // A negative binomial spreads its mass over 1 to 11 units, which never sell: the history is
            // more likely by far more than the empirical's two extra parameters cost at log n / 2 each.
            var negativeBinomial = Candidate(fit, DistributionKind.NegativeBinomial);
            Assert.True(fit.Best.LogLikelihood - negativeBinomial.LogLikelihood > Math.Log(xs.Length), negativeBinomial.ToString());
            Assert.Equal(DistributionKind.Empirical, fit.Best.Distribution.Kind);
            Assert.True(fit.Best.ReproducesMean);
            var tolerance = DistributionFitter.MeanToleranceStandardErrors * Math.Sqrt(SampleStatistics.MomentsOf(xs).Variance / xs.Length);
            Assert.InRange(fit.Best.Distribution.Mean, xs.Average() - tolerance, xs.Average() + tolerance);
            Assert.True(fit.Best.Distribution.DrawsWholeUnits);
        }

        [Fact]
        public void The_empirical_candidate_counts_one_parameter_per_distinct_value_but_one()
        {
            var fit = DistributionFitter.Fit(CaseSales(1096, seed: 1913), FitTarget.DailyDemand);
            Assert.Equal(2, Candidate(fit, DistributionKind.Empirical).Parameters);
        }

        [Fact]
        public void Seasonal_demand_and_lead_times_get_no_empirical_candidate()
        {
            // Drawing the history's days would repeat its season on top of the fitted factors.
            var xs = Draw(Distribution.Poisson(2), 400, seed: 77);
            var scales = xs.Select((_, i) => i % 7 == 5 ? 1.5 : 0.9).ToArray();
            Assert.DoesNotContain(DistributionFitter.Fit(xs, FitTarget.DailyDemand, scales).Candidates, c => c.Distribution.Kind == DistributionKind.Empirical);
            Assert.DoesNotContain(DistributionFitter.Fit(xs.Select(x => x + 20).ToArray(), FitTarget.LeadTime).Candidates, c => c.Distribution.Kind == DistributionKind.Empirical);
            Assert.Contains(DistributionFitter.Fit(xs, FitTarget.DailyDemand).Candidates, c => c.Distribution.Kind == DistributionKind.Empirical);
        }
    }
}

