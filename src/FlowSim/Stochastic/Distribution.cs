using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MN = MathNet.Numerics.Distributions;

namespace FlowSim.Stochastic;

/// <summary>
/// An immutable description of a random quantity that is never negative, such as
/// a lead time in days or a day's demand in units.
/// </summary>
/// <remarks>
/// Create instances with the static factories, which check their arguments.
/// Parameters that do not apply to a <see cref="Kind"/> are 0 (or an empty
/// <see cref="Values"/>). Two distributions are equal when they have the same
/// kind and the same parameters; for <see cref="DistributionKind.Empirical"/>
/// that means the same values in the same order.
/// </remarks>
public sealed record Distribution
{
    private readonly double[] _values;
    private readonly double[] _sortedValues;

    // Kind-specific constants, derived from the parameters once.
    private readonly GammaSampler _gammaA;
    private readonly GammaSampler _gammaB;
    private readonly PoissonSampler _poisson;
    private readonly double _c1;
    private readonly double _c2;

    private Distribution(
        DistributionKind kind,
        double value = 0,
        double minimum = 0,
        double mode = 0,
        double maximum = 0,
        double specifiedMean = 0,
        double specifiedStandardDeviation = 0,
        double[]? values = null)
    {
        Kind = kind;
        Value = value;
        Minimum = minimum;
        Mode = mode;
        Maximum = maximum;
        SpecifiedMean = specifiedMean;
        SpecifiedStandardDeviation = specifiedStandardDeviation;
        _values = values ?? [];
        _sortedValues = [];
        Values = ImmutableCollectionsMarshal.AsImmutableArray(_values);

        var m = specifiedMean;
        var sd = specifiedStandardDeviation;
        switch (kind)
        {
            case DistributionKind.Constant:
                Mean = value;
                Variance = 0;
                break;

            case DistributionKind.Uniform:
                Mean = (minimum + maximum) / 2;
                Variance = (maximum - minimum) * (maximum - minimum) / 12;
                break;

            case DistributionKind.Triangular:
                Mean = (minimum + mode + maximum) / 3;
                Variance = ((minimum * minimum) + (mode * mode) + (maximum * maximum)
                    - (minimum * mode) - (minimum * maximum) - (mode * maximum)) / 18;
                break;

            case DistributionKind.Pert:
            {
                // Beta(alpha, beta) on [min, max] with the usual weight of 4 on the mode, so alpha + beta = 6.
                var range = maximum - minimum;
                var alpha = 1 + (4 * (mode - minimum) / range);
                var beta = 1 + (4 * (maximum - mode) / range);
                _c1 = alpha;
                _c2 = beta;
                _gammaA = new GammaSampler(alpha);
                _gammaB = new GammaSampler(beta);
                Mean = minimum + (range * alpha / (alpha + beta));
                Variance = range * range * alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1));
                break;
            }

            case DistributionKind.Normal:
                if (sd == 0)
                {
                    Mean = m;
                    Variance = 0;
                    break;
                }

                {
                    // Truncation at zero keeps the part above alpha = -m/sd of a standard normal.
                    var beta = m / sd;
                    var keptMass = MN.Normal.CDF(0, 1, beta);
                    var hazard = MN.Normal.PDF(0, 1, beta) / keptMass;
                    _c1 = MN.Normal.CDF(0, 1, -beta);
                    _c2 = keptMass;
                    Mean = m + (sd * hazard);
                    Variance = sd * sd * (1 - (beta * hazard) - (hazard * hazard));
                }

                break;

            case DistributionKind.LogNormal:
            {
                // The mean and sd given are of the variable itself; mu and sigma are of its logarithm.
                var sigma2 = Math.Log(1 + (sd * sd / (m * m)));
                _c1 = Math.Log(m) - (sigma2 / 2);
                _c2 = Math.Sqrt(sigma2);
                Mean = m;
                Variance = sd * sd;
                break;
            }

            case DistributionKind.Gamma:
                // shape = mean^2 / sd^2 and scale = sd^2 / mean.
                _gammaA = new GammaSampler(m * m / (sd * sd));
                _c1 = m * m / (sd * sd);
                _c2 = sd * sd / m;
                Mean = m;
                Variance = sd * sd;
                break;

            case DistributionKind.Exponential:
                Mean = m;
                Variance = m * m;
                break;

            case DistributionKind.Empirical:
            {
                _sortedValues = (double[])_values.Clone();
                Array.Sort(_sortedValues);
                var sum = 0.0;
                foreach (var x in _values)
                {
                    sum += x;
                }

                var mean = sum / _values.Length;
                var squares = 0.0;
                foreach (var x in _values)
                {
                    squares += (x - mean) * (x - mean);
                }

                // Bootstrap draws come from the values themselves, so this is the population variance.
                Mean = mean;
                Variance = squares / _values.Length;
                break;
            }

            case DistributionKind.Poisson:
                _poisson = new PoissonSampler(m);
                Mean = m;
                Variance = m;
                break;

            case DistributionKind.NegativeBinomial:
            {
                // Poisson(lambda) with lambda ~ Gamma(shape r, scale theta): r * theta = mean and
                // mean + r * theta^2 = sd^2, so theta = (sd^2 - mean) / mean and r = mean / theta.
                var theta = ((sd * sd) - m) / m;
                var r = m / theta;
                _gammaA = new GammaSampler(r);
                _c1 = r;
                _c2 = theta;
                Mean = m;
                Variance = sd * sd;
                break;
            }

            default:
                throw new UnreachableException();
        }
    }

    /// <summary>The family of this distribution.</summary>
    public DistributionKind Kind { get; }

    /// <summary>The value of a <see cref="DistributionKind.Constant"/>; 0 for other kinds.</summary>
    public double Value { get; }

    /// <summary>The smallest possible value of a uniform, triangular or PERT distribution; 0 for other kinds.</summary>
    public double Minimum { get; }

    /// <summary>The most likely value of a triangular or PERT distribution; 0 for other kinds.</summary>
    public double Mode { get; }

    /// <summary>The largest possible value of a uniform, triangular or PERT distribution; 0 for other kinds.</summary>
    public double Maximum { get; }

    /// <summary>
    /// The mean given to the factory of a normal, log-normal, gamma, exponential,
    /// Poisson or negative binomial distribution; 0 for other kinds.
    /// </summary>
    /// <remarks>
    /// For <see cref="DistributionKind.Normal"/> this is the mean before truncation at
    /// zero, so <see cref="Mean"/> is larger; for the other kinds the two are equal.
    /// </remarks>
    public double SpecifiedMean { get; }

    /// <summary>
    /// The standard deviation given to the factory of a normal, log-normal, gamma or
    /// negative binomial distribution; 0 for other kinds.
    /// </summary>
    /// <remarks>
    /// For <see cref="DistributionKind.Normal"/> this is before truncation at zero, so
    /// <see cref="StandardDeviation"/> is smaller.
    /// </remarks>
    public double SpecifiedStandardDeviation { get; }

    /// <summary>The observed values of an <see cref="DistributionKind.Empirical"/> distribution, in the order given; empty for other kinds.</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>True when every draw is a whole number of units (counts, or whole-numbered values).</summary>
    public bool DrawsWholeUnits => Kind switch
    {
        DistributionKind.Poisson or DistributionKind.NegativeBinomial => true,
        DistributionKind.Empirical => Values.All(v => v == Math.Floor(v)),
        DistributionKind.Constant => Mean == Math.Floor(Mean),
        _ => false,
    };

    /// <summary>The expected value of a sample.</summary>
    public double Mean { get; }

    /// <summary>The variance of a sample.</summary>
    public double Variance { get; }

    /// <summary>The standard deviation of a sample.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>True for the counting distributions (Poisson, negative binomial), whose samples are whole numbers.</summary>
    public bool IsDiscrete => Kind is DistributionKind.Poisson or DistributionKind.NegativeBinomial;

    /// <summary>Always <paramref name="value"/>.</summary>
    /// <param name="value">The value, zero or more.</param>
    public static Distribution Constant(double value)
    {
        RequireZeroOrMore(value, nameof(value));
        return new Distribution(DistributionKind.Constant, value: value);
    }

    /// <summary>Every value from <paramref name="min"/> to <paramref name="max"/> equally likely.</summary>
    /// <param name="min">The smallest value, zero or more.</param>
    /// <param name="max">The largest value, at least <paramref name="min"/>.</param>
    public static Distribution Uniform(double min, double max)
    {
        RequireZeroOrMore(min, nameof(min));
        RequireFinite(max, nameof(max));
        if (max < min)
        {
            throw OutOfRange(nameof(max), $"must be at least min ({Format(min)}), got {Format(max)}");
        }

        return new Distribution(DistributionKind.Uniform, minimum: min, maximum: max);
    }

    /// <summary>A triangular distribution: density rising linearly from <paramref name="min"/> to <paramref name="mode"/>, then falling to <paramref name="max"/>.</summary>
    /// <param name="min">The smallest value, zero or more.</param>
    /// <param name="mode">The most likely value, from <paramref name="min"/> to <paramref name="max"/>.</param>
    /// <param name="max">The largest value, greater than <paramref name="min"/>.</param>
    public static Distribution Triangular(double min, double mode, double max)
    {
        RequireRange(min, mode, max);
        return new Distribution(DistributionKind.Triangular, minimum: min, mode: mode, maximum: max);
    }

    /// <summary>
    /// A PERT distribution: a beta distribution on [<paramref name="min"/>, <paramref name="max"/>]
    /// with mean (min + 4 mode + max) / 6, smoother in the tails than a triangular one.
    /// </summary>
    /// <param name="min">The smallest value, zero or more.</param>
    /// <param name="mode">The most likely value, from <paramref name="min"/> to <paramref name="max"/>.</param>
    /// <param name="max">The largest value, greater than <paramref name="min"/>.</param>
    public static Distribution Pert(double min, double mode, double max)
    {
        RequireRange(min, mode, max);
        return new Distribution(DistributionKind.Pert, minimum: min, mode: mode, maximum: max);
    }

    /// <summary>
    /// A normal distribution truncated at zero: negative draws are redrawn, not set to
    /// zero, so <see cref="Mean"/> is above <paramref name="mean"/> when the spread is wide.
    /// </summary>
    /// <param name="mean">The mean before truncation, zero or more.</param>
    /// <param name="sd">The standard deviation before truncation, zero or more.</param>
    public static Distribution Normal(double mean, double sd)
    {
        RequireZeroOrMore(mean, nameof(mean));
        RequireZeroOrMore(sd, nameof(sd));
        return new Distribution(DistributionKind.Normal, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

    /// <summary>A log-normal distribution with the given mean and standard deviation (of the value, not of its logarithm).</summary>
    /// <param name="mean">The mean, positive.</param>
    /// <param name="sd">The standard deviation, zero or more.</param>
    public static Distribution LogNormal(double mean, double sd)
    {
        RequirePositive(mean, nameof(mean));
        RequireZeroOrMore(sd, nameof(sd));
        return new Distribution(DistributionKind.LogNormal, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

    /// <summary>A gamma distribution with the given mean and standard deviation.</summary>
    /// <param name="mean">The mean, positive.</param>
    /// <param name="sd">The standard deviation, positive.</param>
    public static Distribution Gamma(double mean, double sd)
    {
        RequirePositive(mean, nameof(mean));
        RequirePositive(sd, nameof(sd));
        return new Distribution(DistributionKind.Gamma, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

    /// <summary>An exponential distribution with the given mean.</summary>
    /// <param name="mean">The mean, positive.</param>
    public static Distribution Exponential(double mean)
    {
        RequirePositive(mean, nameof(mean));
        return new Distribution(DistributionKind.Exponential, specifiedMean: mean);
    }

    /// <summary>Draws one of <paramref name="values"/>, each equally likely (a bootstrap of observed data).</summary>
    /// <param name="values">The observed values: at least one, each zero or more. They are copied.</param>
    public static Distribution Empirical(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw OutOfRange(nameof(values), "must contain at least one value");
        }

        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var x = values[i];
            if (!(x >= 0) || double.IsPositiveInfinity(x))
            {
                throw OutOfRange(nameof(values), $"value {i} must be a finite number, zero or more, got {Format(x)}");
            }

            copy[i] = x;
        }

        return new Distribution(DistributionKind.Empirical, values: copy);
    }

    /// <summary>A Poisson distribution: whole-number counts with variance equal to the mean.</summary>
    /// <param name="mean">The mean, zero or more; a mean of 0 always gives 0.</param>
    public static Distribution Poisson(double mean)
    {
        RequireZeroOrMore(mean, nameof(mean));
        return new Distribution(DistributionKind.Poisson, specifiedMean: mean);
    }

    /// <summary>
    /// A negative binomial distribution: whole-number counts more variable than Poisson,
    /// drawn as a Poisson whose mean is itself gamma distributed.
    /// </summary>
    /// <param name="mean">The mean, positive.</param>
    /// <param name="sd">The standard deviation; its square must exceed <paramref name="mean"/>.</param>
    public static Distribution NegativeBinomial(double mean, double sd)
    {
        RequirePositive(mean, nameof(mean));
        RequirePositive(sd, nameof(sd));
        if (!(sd * sd > mean))
        {
            throw OutOfRange(
                nameof(sd),
                $"must have a square above the mean ({Format(mean)}) for a negative binomial, got {Format(sd)}; use a Poisson when the variance equals the mean");
        }

        return new Distribution(DistributionKind.NegativeBinomial, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

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

    /// <summary>The kind and parameters in a form like <c>poisson(mean=20)</c>.</summary>
    public override string ToString() => Kind switch
    {
        DistributionKind.Constant => $"constant(value={Format(Value)})",
        DistributionKind.Uniform => $"uniform(min={Format(Minimum)}, max={Format(Maximum)})",
        DistributionKind.Triangular => $"triangular(min={Format(Minimum)}, mode={Format(Mode)}, max={Format(Maximum)})",
        DistributionKind.Pert => $"pert(min={Format(Minimum)}, mode={Format(Mode)}, max={Format(Maximum)})",
        DistributionKind.Normal => $"normal(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        DistributionKind.LogNormal => $"lognormal(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        DistributionKind.Gamma => $"gamma(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        DistributionKind.Exponential => $"exponential(mean={Format(SpecifiedMean)})",
        DistributionKind.Empirical => FormatEmpirical(),
        DistributionKind.Poisson => $"poisson(mean={Format(SpecifiedMean)})",
        DistributionKind.NegativeBinomial => $"negative_binomial(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        _ => throw new UnreachableException(),
    };

    /// <summary>True when <paramref name="other"/> has the same kind and the same parameters.</summary>
    /// <param name="other">The distribution to compare with.</param>
    public bool Equals(Distribution? other) =>
        other is not null
        && Kind == other.Kind
        && Value.Equals(other.Value)
        && Minimum.Equals(other.Minimum)
        && Mode.Equals(other.Mode)
        && Maximum.Equals(other.Maximum)
        && SpecifiedMean.Equals(other.SpecifiedMean)
        && SpecifiedStandardDeviation.Equals(other.SpecifiedStandardDeviation)
        && _values.AsSpan().SequenceEqual(other._values);

    /// <summary>A hash code consistent with <see cref="Equals(Distribution)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Kind);
        hash.Add(Value);
        hash.Add(Minimum);
        hash.Add(Mode);
        hash.Add(Maximum);
        hash.Add(SpecifiedMean);
        hash.Add(SpecifiedStandardDeviation);
        foreach (var x in _values)
        {
            hash.Add(x);
        }

        return hash.ToHashCode();
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

        var z = MN.Normal.InvCDF(0, 1, p);
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
        var z = MN.Normal.InvCDF(0, 1, p);
        var v = 1 / (9 * shape);
        var cube = 1 - v + (z * Math.Sqrt(v));
        return shape * scale * cube * cube * cube;
    }

    private string FormatEmpirical()
    {
        const int Shown = 8;
        var text = new StringBuilder("empirical(values=[");
        for (var i = 0; i < _values.Length && i < Shown; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(Format(_values[i]));
        }

        if (_values.Length > Shown)
        {
            text.Append(CultureInfo.InvariantCulture, $", ... ({_values.Length} values)");
        }

        return text.Append("])").ToString();
    }

    private static string Format(double x) => x.ToString(CultureInfo.InvariantCulture);

    private static ArgumentOutOfRangeException OutOfRange(string paramName, string message) =>
        new(paramName, message);

    private static void RequireFinite(double x, string paramName)
    {
        if (!double.IsFinite(x))
        {
            throw OutOfRange(paramName, $"must be a finite number, got {Format(x)}");
        }
    }

    private static void RequireZeroOrMore(double x, string paramName)
    {
        RequireFinite(x, paramName);
        if (x < 0)
        {
            throw OutOfRange(paramName, $"must be zero or more, got {Format(x)}");
        }
    }

    private static void RequirePositive(double x, string paramName)
    {
        RequireFinite(x, paramName);
        if (x <= 0)
        {
            throw OutOfRange(paramName, $"must be positive, got {Format(x)}");
        }
    }

    private static void RequireRange(double min, double mode, double max)
    {
        RequireZeroOrMore(min, nameof(min));
        RequireFinite(mode, nameof(mode));
        RequireFinite(max, nameof(max));
        if (!(max > min))
        {
            throw OutOfRange(nameof(max), $"must be greater than min ({Format(min)}), got {Format(max)}");
        }

        if (mode < min || mode > max)
        {
            throw OutOfRange(nameof(mode), $"must be from min ({Format(min)}) to max ({Format(max)}), got {Format(mode)}");
        }
    }
}
