using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Stochastic;

/// <summary>Summaries and goodness-of-fit statistics for samples drawn in tests.</summary>
internal static class SampleStatistics
{
    /// <summary>The asymptotic 0.1% critical value of sqrt(n) * D in the Kolmogorov–Smirnov test.</summary>
    internal const double KolmogorovSmirnovCritical = 1.95;

    internal static Moments MomentsOf(ReadOnlySpan<double> xs)
    {
        var sum = 0.0;
        foreach (var x in xs)
        {
            sum += x;
        }

        var mean = sum / xs.Length;
        var m2 = 0.0;
        var m4 = 0.0;
        foreach (var x in xs)
        {
            var d = x - mean;
            var d2 = d * d;
            m2 += d2;
            m4 += d2 * d2;
        }

        return new Moments(xs.Length, mean, m2 / (xs.Length - 1), m4 / xs.Length);
    }

    /// <summary>sqrt(n) times the largest gap between the empirical CDF and <paramref name="cdf"/>.</summary>
    internal static double KolmogorovSmirnov(double[] xs, Func<double, double> cdf)
    {
        var sorted = (double[])xs.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }

        return d * Math.Sqrt(n);
    }

    /// <summary>
    /// Pearson's chi-square statistic of whole-number samples against <paramref name="pmf"/>,
    /// with neighbouring values pooled (left to right, the upper tail into the last cell)
    /// until every cell expects at least 5, and the 0.1% critical value for its degrees of freedom.
    /// </summary>
    internal static (double Statistic, double Critical) ChiSquare(double[] xs, Func<int, double> pmf)
    {
        var largest = 0;
        var notCounts = 0;
        foreach (var x in xs)
        {
            notCounts += x >= 0 && x == Math.Floor(x) ? 0 : 1;
            largest = Math.Max(largest, (int)x);
        }

        Assert.True(notCounts == 0, $"{notCounts} samples are not whole numbers of zero or more");

        var observed = new double[largest + 2];
        foreach (var x in xs)
        {
            observed[(int)x]++;
        }

        var n = (double)xs.Length;
        var expected = new double[largest + 2];
        var tabulated = 0.0;
        for (var k = 0; k <= largest; k++)
        {
            expected[k] = n * pmf(k);
            tabulated += expected[k];
        }

        expected[largest + 1] = Math.Max(0, n - tabulated);

        var cellsObserved = new List<double>();
        var cellsExpected = new List<double>();
        double o = 0;
        double e = 0;
        for (var k = 0; k < expected.Length; k++)
        {
            o += observed[k];
            e += expected[k];
            if (e >= 5)
            {
                cellsObserved.Add(o);
                cellsExpected.Add(e);
                o = 0;
                e = 0;
            }
        }

        cellsObserved[^1] += o;
        cellsExpected[^1] += e;

        var statistic = 0.0;
        for (var i = 0; i < cellsObserved.Count; i++)
        {
            var gap = cellsObserved[i] - cellsExpected[i];
            statistic += gap * gap / cellsExpected[i];
        }

        var degreesOfFreedom = cellsObserved.Count - 1;
        Assert.True(degreesOfFreedom >= 1, "too few cells for a chi-square test");
        return (statistic, ChiSquared.InvCDF(degreesOfFreedom, 0.999));
    }

    /// <summary>Sample mean, unbiased variance and fourth central moment.</summary>
    internal readonly record struct Moments(int Count, double Mean, double Variance, double FourthCentralMoment)
    {
        /// <summary>Standard error of the mean, from a known standard deviation.</summary>
        public double StandardErrorOfMean(double sd) => sd / Math.Sqrt(Count);


        /// <summary>
        /// Standard error of the sample variance, sqrt((mu4 - sigma^4) / n), with mu4 and
        /// sigma estimated from the sample itself (plug-in estimate).
        /// </summary>
        public double StandardErrorOfVariance => Math.Sqrt(Math.Max(0, FourthCentralMoment - (Variance * Variance)) / Count);
    }
}
