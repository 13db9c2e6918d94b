using FlowSim.Stochastic;

namespace FlowSim.Tests.Stochastic;

public class RandomStreamTests
{
    public class Create
    {
        [Fact]
        public void A_seed_gives_the_same_numbers_in_every_version()
        {
            // Reference values from an independent implementation of SplitMix64 seeding
            // and xoshiro256** (which gives 11520, 0, 1509978240 from state {1, 2, 3, 4}).
            // If they change, every saved scenario result changes with them.
            var rng = RandomStream.Create(42);

            Assert.Equal(1546998764402558742UL, rng.NextUInt64());
            Assert.Equal(6990951692964543102UL, rng.NextUInt64());
            Assert.Equal(12544586762248559009UL, rng.NextUInt64());
        }

        [Fact]
        public void The_same_seed_gives_the_same_sequence()
        {
            var a = RandomStream.Create(2024);
            var b = RandomStream.Create(2024);

            for (var i = 0; i < 1000; i++)
            {
                Assert.Equal(a.NextUInt64(), b.NextUInt64());
            }
        }

        [Fact]
        public void Neighbouring_seeds_give_different_sequences()
        {
            var a = RandomStream.Create(2024);
            var b = RandomStream.Create(2025);

            var same = 0;
            for (var i = 0; i < 1000; i++)
            {
                same += a.NextUInt64() == b.NextUInt64() ? 1 : 0;
            }

            Assert.Equal(0, same);
        }
    }

    public class DeriveSeed
    {
        [Fact]
        public void Is_fixed_for_a_given_seed_trial_and_source()
        {
            // Same independent reference implementation as above.
            Assert.Equal(15367043355747436275UL, RandomStream.DeriveSeed(42, 7, 3));
        }

        [Fact]
        public void Every_trial_and_source_gets_its_own_stream()
        {
            var seeds = new HashSet<ulong>();
            var firstDraws = new HashSet<ulong>();
            for (long trial = 0; trial < 300; trial++)
            {
                for (var source = 0; source < 100; source++)
                {
                    var seed = RandomStream.DeriveSeed(7, trial, source);
                    var rng = RandomStream.Create(seed);
                    if (!seeds.Add(seed) || !firstDraws.Add(rng.NextUInt64()))
                    {
                        Assert.Fail($"trial {trial}, source {source} repeats the seed or first draw of another stream");
                    }
                }
            }
        }

        [Fact]
        public void Swapping_trial_and_source_gives_a_different_stream()
        {
            Assert.NotEqual(RandomStream.DeriveSeed(1, 2, 3), RandomStream.DeriveSeed(1, 3, 2));
            Assert.NotEqual(RandomStream.DeriveSeed(1, 2, 3), RandomStream.DeriveSeed(2, 1, 3));
        }

        [Fact]
        public void First_draws_of_neighbouring_sources_are_uniform_and_uncorrelated()
        {
            const int n = 10_000;
            var draws = new double[n];
            for (var source = 0; source < n; source++)
            {
                var rng = RandomStream.Create(RandomStream.DeriveSeed(42, 0, source));
                draws[source] = rng.NextDouble();
            }

            AssertUniformAndUncorrelated(draws);
        }

        [Fact]
        public void First_draws_of_neighbouring_trials_are_uniform_and_uncorrelated()
        {
            const int n = 10_000;
            var draws = new double[n];
            for (var trial = 0; trial < n; trial++)
            {
                var rng = RandomStream.Create(RandomStream.DeriveSeed(42, trial, 0));
                draws[trial] = rng.NextDouble();
            }

            AssertUniformAndUncorrelated(draws);
        }

        private static void AssertUniformAndUncorrelated(double[] draws)
        {
            var n = draws.Length;

            // Uniform(0, 1): mean 1/2, sd sqrt(1/12).
            var moments = SampleStatistics.MomentsOf(draws);
            Assert.InRange(moments.Mean, 0.5 - (4 * moments.StandardErrorOfMean(Math.Sqrt(1.0 / 12))), 0.5 + (4 * moments.StandardErrorOfMean(Math.Sqrt(1.0 / 12))));

            // Lag-1 correlation of independent draws has standard error about 1/sqrt(n).
            var covariance = 0.0;
            for (var i = 1; i < n; i++)
            {
                covariance += (draws[i] - 0.5) * (draws[i - 1] - 0.5);
            }

            var correlation = covariance / (n - 1) / (1.0 / 12);
            Assert.InRange(correlation, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n));

            Assert.True(SampleStatistics.KolmogorovSmirnov(draws, x => x) < SampleStatistics.KolmogorovSmirnovCritical);
        }
    }

    public class NextDouble
    {
        [Fact]
        public void Maps_the_extreme_bit_patterns_into_zero_inclusive_one_exclusive()
        {
            Assert.Equal(0.0, RandomStream.ToUnitDouble(0));
            Assert.Equal(1 - Math.Pow(2, -53), RandomStream.ToUnitDouble(ulong.MaxValue));
        }

        [Fact]
        public void Stays_in_zero_inclusive_one_exclusive()
        {
            var rng = RandomStream.Create(1);
            var outside = 0;
            for (var i = 0; i < 100_000; i++)
            {
                outside += rng.NextDouble() is >= 0 and < 1 ? 0 : 1;
            }

            Assert.Equal(0, outside);
        }
    }

    public class NextOpenDouble
    {
        [Fact]
        public void Maps_the_extreme_bit_patterns_strictly_inside_zero_and_one()
        {
            Assert.True(RandomStream.ToOpenUnitDouble(0) > 0);
            Assert.True(RandomStream.ToOpenUnitDouble(ulong.MaxValue) < 1);
            Assert.True(double.IsFinite(Math.Log(RandomStream.ToOpenUnitDouble(0))));
        }

        [Fact]
        public void Stays_strictly_between_zero_and_one()
        {
            var rng = RandomStream.Create(1);
            var outside = 0;
            for (var i = 0; i < 100_000; i++)
            {
                outside += rng.NextOpenDouble() is > 0 and < 1 ? 0 : 1;
            }

            Assert.Equal(0, outside);
        }
    }

    public class NextIndex
    {
        [Fact]
        public void Draws_every_index_equally_often()
        {
            const int count = 7;
            var rng = RandomStream.Create(3);
            var draws = new double[70_000];
            for (var i = 0; i < draws.Length; i++)
            {
                draws[i] = rng.NextIndex(count);
            }

            Assert.InRange(draws.Max(), 0, count - 1);

            var (statistic, critical) = SampleStatistics.ChiSquare(draws, k => k < count ? 1.0 / count : 0);
            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
        }
    }
}
