using System.Diagnostics;
using MN = MathNet.Numerics.Distributions;

namespace FlowSim.Stochastic;

// Sampling and quantiles: the hot path draws through Sample; Quantile serves sizing and checks.
public sealed partial record Distribution
{
    /// <summary>
    /// The value below which a sample falls with probability <paramref name="p"/>:
    /// the smallest x with P(X &lt;= x) &gt;= p.
    /// </summary>
    /// <param name="p">A probability strictly between 0 and 1.</param>
    public double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw OutOfRange(nameof(p), $"must be strictly between 0 and 1, got {Format(p)}");
        }

        switch (Kind)
        {
            case DistributionKind.Constant:
                return Value;
            case DistributionKind.Uniform:
                return MN.ContinuousUniform.InvCDF(Minimum, Maximum, p);
            case DistributionKind.Triangular:
                return MN.Triangular.InvCDF(Minimum, Maximum, Mode, p);
            case DistributionKind.Pert:
                return Minimum + ((Maximum - Minimum) * MN.Beta.InvCDF(_c1, _c2, p));
            case DistributionKind.Normal:
                // Map p from the kept part of the untruncated normal: P(X <= x) = (Phi(x) - Phi(0)) / (1 - Phi(0)).
                return SpecifiedStandardDeviation == 0
                    ? SpecifiedMean
                    : MN.Normal.InvCDF(SpecifiedMean, SpecifiedStandardDeviation, _c1 + (p * _c2));
            case DistributionKind.LogNormal:
                return MN.LogNormal.InvCDF(_c1, _c2, p);
            case DistributionKind.Gamma:
                // MathNet's root search does not converge for huge shapes (a cv near 0, or a long window's
                // sum); there the Wilson-Hilferty cube is accurate to about 1/shape.
                return _c1 > 1e6 ? GammaQuantileWilsonHilferty(_c1, _c2, p) : MN.Gamma.InvCDF(_c1, 1 / _c2, p);
            case DistributionKind.Exponential:
                return MN.Exponential.InvCDF(1 / SpecifiedMean, p);
            case DistributionKind.Empirical when _sortedCumulative.Length > 0:
                // The smallest value whose share of draws at or below it reaches p.
                return _sortedValues[Math.Min(FirstAtLeast(_sortedCumulative, p), _sortedValues.Length - 1)];
            case DistributionKind.Empirical:
            {
                var n = _sortedValues.Length;
                var index = (int)Math.Ceiling(p * n) - 1;
                return _sortedValues[Math.Clamp(index, 0, n - 1)];
            }

            case DistributionKind.Poisson:
            case DistributionKind.NegativeBinomial:
                return DiscreteQuantile(p);
            default:
                throw new UnreachableException();
        }
    }

    /// <summary>One sample.</summary>
    internal double Sample(ref RandomStream rng)
    {
        switch (Kind)
        {
            case DistributionKind.Constant:
                return Value;
            case DistributionKind.Uniform:
                return Minimum + ((Maximum - Minimum) * rng.NextDouble());
            case DistributionKind.Triangular:
                return SampleTriangular(rng.NextDouble());
            case DistributionKind.Pert:
            {
                var x = _gammaA.Sample(ref rng);
                var y = _gammaB.Sample(ref rng);
                return Minimum + ((Maximum - Minimum) * x / (x + y));
            }

            case DistributionKind.Normal:
                return SampleTruncatedNormal(ref rng);
            case DistributionKind.LogNormal:
                NormalSampler.NextPair(ref rng, out var z, out _);
                return Math.Exp(_c1 + (_c2 * z));
            case DistributionKind.Gamma:
                return _gammaA.Sample(ref rng) * _c2;
            case DistributionKind.Exponential:
                return -SpecifiedMean * Math.Log(rng.NextOpenDouble());
            case DistributionKind.Empirical when _cumulative.Length > 0:
                return _values[FirstAbove(_cumulative, rng.NextDouble())];
            case DistributionKind.Empirical:
                return _values[rng.NextIndex(_values.Length)];
            case DistributionKind.Poisson:
                return _poisson.Sample(ref rng);
            case DistributionKind.NegativeBinomial:
                return PoissonSampler.Sample(ref rng, _gammaA.Sample(ref rng) * _c2);
            default:
                throw new UnreachableException();
        }
    }

    /// <summary>
    /// One sample with the mean multiplied by <paramref name="scale"/> (zero or more, finite),
    /// as for seasonal demand.
    /// </summary>
    /// <remarks>
    /// Counting distributions stay counts: a Poisson keeps variance equal to its scaled
    /// mean, and a negative binomial scales its gamma-distributed rate. Every other
    /// kind has its sample multiplied by <paramref name="scale"/>; for the truncated
    /// normal that is the same as scaling its mean and standard deviation.
    /// </remarks>
    internal double Sample(ref RandomStream rng, double scale)
    {
        Debug.Assert(scale >= 0 && double.IsFinite(scale), "scale must be finite and zero or more");
        if (scale == 1)
        {
            return Sample(ref rng);
        }

        switch (Kind)
        {
            case DistributionKind.Poisson:
                return PoissonSampler.Sample(ref rng, SpecifiedMean * scale);
            case DistributionKind.NegativeBinomial:
                return PoissonSampler.Sample(ref rng, _gammaA.Sample(ref rng) * _c2 * scale);
            default:
                return Sample(ref rng) * scale;
        }
    }

    private double SampleTriangular(double u)
    {
        var range = Maximum - Minimum;
        var below = Mode - Minimum;
        return u * range < below
            ? Minimum + Math.Sqrt(u * range * below)
            : Maximum - Math.Sqrt((1 - u) * range * (Maximum - Mode));
    }

    private double SampleTruncatedNormal(ref RandomStream rng)
    {
        var mean = SpecifiedMean;
        var sd = SpecifiedStandardDeviation;
        if (sd == 0)
        {
            return mean;
        }

        // Rejection keeps the shape of the normal above zero; clamping would pile mass on zero.
        // The mean is never negative, so at least half of the draws are kept.
        while (true)
        {
            NormalSampler.NextPair(ref rng, out var z1, out var z2);
            var x = mean + (sd * z1);
            if (x >= 0)
            {
                return x;
            }

            x = mean + (sd * z2);
            if (x >= 0)
            {
                return x;
            }
        }
    }

    private double DiscreteCdf(double k)
    {
        if (Kind == DistributionKind.Poisson)
        {
            return MN.Poisson.CDF(SpecifiedMean, k);
        }

        // MathNet counts failures before r successes with success probability 1 / (1 + theta).
        return MN.NegativeBinomial.CDF(_c1, 1 / (1 + _c2), k);
    }

    private double DiscreteQuantile(double p)
    {
        if (Kind == DistributionKind.Poisson && SpecifiedMean == 0)
        {
            return 0;
        }

        var z = StandardNormal.Quantile(p);
        if (Mean >= TwoToThe53)
        {
            // Beyond 2^53 doubles no longer hold every whole number, so there is no count to search
            // for; at such means the normal approximation with its skewness term is accurate to a
            // small fraction of the spread (to the spacing of doubles for a Poisson).
            return CornishFisherQuantile(z);
        }

        // Bracket the answer around a normal approximation, then bisect, keeping
        // F(low) < p <= F(high); low = -1 stands for "below every count". Each loop is bounded:
        // doubling passes every double within about 1,100 steps, and bisection halves a gap of
        // at most 2^1024 each time.
        var guess = Math.Max(0, Math.Floor(Mean + (StandardDeviation * z)));
        double low;
        double high;
        double step = 1;
        var steps = 0;
        if (DiscreteCdf(guess) >= p)
        {
            high = guess;
            low = guess - step;
            while (low >= 0 && DiscreteCdf(low) >= p && ++steps < MaxSearchSteps)
            {
                high = low;
                step *= 2;
                low = guess - step;
            }

            low = Math.Max(low, -1);
        }
        else
        {
            low = guess;
            high = guess + step;
            while (DiscreteCdf(high) < p && ++steps < MaxSearchSteps)
            {
                low = high;
                step *= 2;
                high = guess + step;
            }
        }

        steps = 0;
        while (high - low > 1 && ++steps < MaxSearchSteps)
        {
            var middle = Math.Floor((low + high) / 2);
            if (middle <= low || middle >= high)
            {
                // No representable count lies between the two: the bracket is as narrow as doubles allow.
                break;
            }

            if (DiscreteCdf(middle) >= p)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    /// <summary>
    /// The quantile at standard normal <paramref name="z"/> corrected for skewness (first
    /// Cornish-Fisher term), for counts too large to search one by one.
    /// </summary>
    private double CornishFisherQuantile(double z)
    {
        var sd = StandardDeviation;

        // Third central moments: a Poisson has the mean; a gamma-mixed Poisson with shape r has
        // m + 3 m^2 / r + 2 m^3 / r^2, written with theta = m / r to stay finite.
        var m = Mean;
        var thirdMoment = Kind == DistributionKind.Poisson ? m : m * (1 + (3 * _c2) + (2 * _c2 * _c2));
        var skewness = thirdMoment / (sd * sd * sd);
        if (!double.IsFinite(skewness))
        {
            skewness = 0;
        }
        var x = m + (sd * (z + (skewness * ((z * z) - 1) / 6)));
        return Math.Max(0, Math.Floor(x));
    }

    private const double TwoToThe53 = 9007199254740992;

    // More than the doublings from 1 to the largest double (1,024) and the halvings of any bracket.
    private const int MaxSearchSteps = 2_200;

    private static double GammaQuantileWilsonHilferty(double shape, double scale, double p)
    {
        var z = StandardNormal.Quantile(p);
        var v = 1 / (9 * shape);
        var cube = 1 - v + (z * Math.Sqrt(v));
        return shape * scale * cube * cube * cube;
    }

    // The first index whose running share is at least p (binary search; shares never fall).
    private static int FirstAtLeast(double[] cumulative, double p)
    {
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= p)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    // The first index whose running share is above u in [0, 1): value i is drawn with its weight's share.
    private static int FirstAbove(double[] cumulative, double u)
    {
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
