using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
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
public sealed partial record Distribution
{
    private readonly double[] _values;
    private readonly double[] _sortedValues;

    // A weighted empirical distribution: the weights as given, the running share of each value in
    // the order given (for draws) and in sorted order (for quantiles). Empty when values are equally likely.
    private readonly double[] _weights;
    private readonly double[] _cumulative;
    private readonly double[] _sortedCumulative;

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
        double[]? values = null,
        double[]? weights = null)
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
        _weights = weights ?? [];
        _cumulative = [];
        _sortedCumulative = [];
        Values = ImmutableCollectionsMarshal.AsImmutableArray(_values);
        Weights = ImmutableCollectionsMarshal.AsImmutableArray(_weights);

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
                    var keptMass = StandardNormal.Probability(beta);
                    var hazard = MN.Normal.PDF(0, 1, beta) / keptMass;
                    _c1 = StandardNormal.Probability(-beta);
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
                if (_weights.Length > 0)
                {
                    (Mean, Variance, _cumulative, _sortedValues, _sortedCumulative) = WeightedMoments(_values, _weights);
                    break;
                }

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

    /// <summary>
    /// The weight of each of <see cref="Values"/>, in the same order, as given (a probability
    /// mass function up to a factor); empty when every value is equally likely.
    /// </summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>True when every draw is a whole number of units (counts, or whole-numbered values).</summary>
    public bool DrawsWholeUnits => Kind switch
    {
        DistributionKind.Poisson or DistributionKind.NegativeBinomial => true,
        DistributionKind.Empirical => Values.Where((v, i) => Weights.IsEmpty || Weights[i] > 0).All(v => v == Math.Floor(v)),
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
        && _values.AsSpan().SequenceEqual(other._values)
        && _weights.AsSpan().SequenceEqual(other._weights);

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

        foreach (var w in _weights)
        {
            hash.Add(w);
        }

        return hash.ToHashCode();
    }

    // Mean and variance of a probability mass function, and its running shares in the order given and sorted by value.
    private static (double Mean, double Variance, double[] Cumulative, double[] Sorted, double[] SortedCumulative) WeightedMoments(double[] values, double[] weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var mean = 0.0;
        var cumulative = new double[values.Length];
        var running = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            mean += weights[i] / total * values[i];
            running += weights[i];
            cumulative[i] = running / total;
        }

        var variance = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            variance += weights[i] / total * (values[i] - mean) * (values[i] - mean);
        }

        // The last share is exactly 1, so a draw below 1 always finds a value.
        cumulative[^1] = 1;
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var sorted = order.Select(i => values[i]).ToArray();
        var sortedCumulative = new double[values.Length];
        running = 0;
        for (var k = 0; k < order.Length; k++)
        {
            running += weights[order[k]];
            sortedCumulative[k] = running / total;
        }

        sortedCumulative[^1] = 1;
        return (mean, variance, cumulative, sorted, sortedCumulative);
    }
}
