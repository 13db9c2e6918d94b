using FlowSim.Stochastic;
using MathNet.Numerics;

namespace FlowSim.Tests.Stochastic;

public class PoissonSamplerTests
{
    public class LogFactorial
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(9)]
        [InlineData(10)]
        [InlineData(11)]
        [InlineData(57)]
        [InlineData(1000)]
        [InlineData(123456789)]
        public void Matches_log_gamma_of_k_plus_one(double k)
        {
            var expected = SpecialFunctions.GammaLn(k + 1);

            Assert.True(
                Math.Abs(PoissonSampler.LogFactorial(k) - expected) <= 1e-12 * Math.Max(1, expected),
                $"ln({k}!) = {expected}, got {PoissonSampler.LogFactorial(k)}");
        }
    }
}
