using FlowSim.Reports.Html;

namespace FlowSim.Tests.Reports;

/// <summary>Tail risk and paired differences as the report computes them.</summary>
public class ReportMathTests
{
    public class ConditionalValueAtRisk
    {
        [Fact]
        public void Is_the_mean_of_the_worst_five_percent()
        {
            var values = Enumerable.Range(1, 100).Select(v => (double)v).Reverse().ToArray();
            Assert.Equal((96 + 97 + 98 + 99 + 100) / 5.0, ReportMath.ConditionalValueAtRisk(values), 12);
        }

        [Fact]
        public void Takes_at_least_the_single_worst_trial()
        {
            Assert.Equal(7, ReportMath.ConditionalValueAtRisk([1, 7, 3]));
        }

        [Fact]
        public void Ignores_undefined_trials_and_is_undefined_without_any()
        {
            Assert.Equal(5, ReportMath.ConditionalValueAtRisk([double.NaN, 5, 2]));
            Assert.True(double.IsNaN(ReportMath.ConditionalValueAtRisk([double.NaN])));
        }
    }

    public class PairedDifference
    {
        [Fact]
        public void Removes_the_noise_both_strategies_share()
        {
            // Common random numbers: a constant gap under noisy trials is known exactly.
            var noise = new[] { 10.0, 250, 40, 3_000, 7 };
            var d = ReportMath.PairedDifference(noise.Select(v => v + 5).ToArray(), noise);
            Assert.Equal(5, d.Mean, 9);
            Assert.Equal(5, d.Ci95Low, 9);
            Assert.Equal(5, d.Ci95High, 9);
        }

        [Fact]
        public void Has_the_t_interval_of_the_differences()
        {
            // Differences 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.302653.
            var d = ReportMath.PairedDifference([2, 4, 6], [1, 2, 3]);
            Assert.Equal(2, d.Mean, 12);
            Assert.Equal(4.302653 / Math.Sqrt(3), d.HalfWidth, 5);
        }
    }
}
