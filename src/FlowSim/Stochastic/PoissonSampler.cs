namespace FlowSim.Stochastic;

/// <summary>
/// Poisson variates for one fixed mean: inversion by sequential search for small
/// means, the PTRS transformed rejection method (Hörmann 1993) for larger ones.
/// </summary>
internal readonly struct PoissonSampler
{
    // PTRS is valid from a mean of 10; below 12 sequential search takes few steps.
    private const double InversionLimit = 12;
    private const double HalfLogTwoPi = 0.91893853320467274178;

    private static readonly double[] SmallLogFactorials =
    [
        0,
        0,
        Math.Log(2),
        Math.Log(6),
        Math.Log(24),
        Math.Log(120),
        Math.Log(720),
        Math.Log(5040),
        Math.Log(40320),
        Math.Log(362880),
    ];

    private readonly double _mean;
    private readonly double _expMinusMean;
    private readonly double _logMean;
    private readonly double _a;
    private readonly double _b;
    private readonly double _logInverseAlpha;
    private readonly double _vr;

    /// <summary>Precomputes the constants for <paramref name="mean"/> (zero or more, finite).</summary>
    internal PoissonSampler(double mean)
    {
        _mean = mean;
        if (mean < InversionLimit)
        {
            _expMinusMean = Math.Exp(-mean);
            return;
        }

        _logMean = Math.Log(mean);
        _b = 0.931 + (2.53 * Math.Sqrt(mean));
        _a = -0.059 + (0.02483 * _b);
        _logInverseAlpha = Math.Log(1.1239 + (1.1328 / (_b - 3.4)));
        _vr = 0.9277 - (3.6224 / (_b - 2));
    }

    /// <summary>One Poisson variate with the given mean (zero or more, finite).</summary>
    internal static double Sample(ref RandomStream rng, double mean) => new PoissonSampler(mean).Sample(ref rng);

    /// <summary>One Poisson variate, a whole number stored in a double.</summary>
    internal double Sample(ref RandomStream rng) =>
        _mean < InversionLimit ? SampleByInversion(ref rng) : SampleByTransformedRejection(ref rng);

    /// <summary>ln(k!) for a whole number k &gt;= 0, to about 1e-13 relative: ample for an acceptance test.</summary>
    internal static double LogFactorial(double k)
    {
        if (k < SmallLogFactorials.Length)
        {
            return SmallLogFactorials[(int)k];
        }

        // Stirling series for ln Gamma(x), x = k + 1 >= 11; the first omitted term is below 4e-13.
        var x = k + 1;
        var r = 1 / x;
        var r2 = r * r;
        var series = r * ((1.0 / 12) - (r2 * ((1.0 / 360) - (r2 * ((1.0 / 1260) - (r2 / 1680))))));
        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + series;
    }

    private double SampleByInversion(ref RandomStream rng)
    {
        var u = rng.NextDouble();
        var p = _expMinusMean;
        var cdf = p;
        var k = 0.0;

        // p > 0 stops the search if rounding leaves the summed CDF just below u.
        while (u >= cdf && p > 0)
        {
            k++;
            p *= _mean / k;
            cdf += p;
        }

        return k;
    }

    private double SampleByTransformedRejection(ref RandomStream rng)
    {
        while (true)
        {
            var u = rng.NextDouble() - 0.5;
            var v = rng.NextDouble();
            var us = 0.5 - Math.Abs(u);

            // Kept in double: when us is 0 the candidate is -infinity and is rejected below.
            var k = Math.Floor((((2 * _a / us) + _b) * u) + _mean + 0.43);
            if (us >= 0.07 && v <= _vr)
            {
                return k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + _logInverseAlpha - Math.Log((_a / (us * us)) + _b)
                <= -_mean + (k * _logMean) - LogFactorial(k))
            {
                return k;
            }
        }
    }
}
