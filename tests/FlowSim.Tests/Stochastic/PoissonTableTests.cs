using FlowSim.Stochastic;
using MathNet.Numerics;
using MN = MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Stochastic;

public class PoissonTableTests
{
    public class TryCreate
    {
        [Theory]
        [InlineData(1000.5)]
        [InlineData(1e6)]
        [InlineData(-1)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void Gives_no_table_for_means_outside_zero_to_one_thousand(double mean)
        {
            Assert.Null(PoissonTable.TryCreate(mean));
        }

        [Theory]
        [InlineData(0.01)]
        [InlineData(3.5)]
        [InlineData(250)]
        [InlineData(1000)]
        public void Tabulates_all_but_one_in_ten_to_the_fifteen_of_the_probability(double mean)
        {
            var table = PoissonTable.TryCreate(mean)!;

            Assert.InRange(table.TailProbability, 0, 1e-15);
            Assert.Equal(table.TailProbability, 1 - MN.Poisson.CDF(mean, table.LastTabulated), 1e-15);
        }
    }

    public class Sample
    {
        [Theory]
        [InlineData(0.01)]
        [InlineData(3.5)]
        [InlineData(20)]
        [InlineData(250)]
        [InlineData(1000)]
        public void Follows_the_poisson_probabilities(double mean)
        {
            var table = PoissonTable.TryCreate(mean)!;
            var rng = RandomStream.Create(73);
            var xs = new double[100_000];
            for (var i = 0; i < xs.Length; i++)
            {
                xs[i] = table.Sample(ref rng);
            }

            var (statistic, critical) = SampleStatistics.ChiSquare(xs, k => MN.Poisson.PMF(mean, k));

            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
        }

        [Fact]
        public void A_mean_of_zero_always_gives_zero()
        {
            var table = PoissonTable.TryCreate(0)!;
            var rng = RandomStream.Create(79);

            for (var i = 0; i < 1000; i++)
            {
                Assert.Equal(0, table.Sample(ref rng));
            }
        }

        [Fact]
        public void Allocates_nothing()
        {
            var table = PoissonTable.TryCreate(20)!;
            var rng = RandomStream.Create(83);
            var sink = 0.0;
            var allocated = Allocations.InSteadyState(() =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    sink += table.Sample(ref rng);
                }
            });

            Assert.Equal(0, allocated);
            Assert.True(sink > 0);
        }
    }

    public class SampleTail
    {
        [Theory]
        [InlineData(3.5)]
        [InlineData(250)]
        public void Follows_the_poisson_probabilities_beyond_the_table(double mean)
        {
            var table = PoissonTable.TryCreate(mean)!;
            var last = table.LastTabulated;
            var rng = RandomStream.Create(89);
            var xs = new double[20_000];
            for (var i = 0; i < xs.Length; i++)
            {
                // Counted from the first value beyond the table; a draw inside it would be negative.
                xs[i] = table.SampleTail(ref rng) - last - 1;
            }

            // P(X = last + 1 + j | X > last), with P(X > last) = P(Gamma(last + 1) <= mean).
            var tail = SpecialFunctions.GammaLowerRegularized(last + 1, mean);
            var (statistic, critical) = SampleStatistics.ChiSquare(xs, j => MN.Poisson.PMF(mean, last + 1 + j) / tail);

            Assert.True(statistic < critical, $"chi-square {statistic:F1} >= {critical:F1}");
        }
    }
}
