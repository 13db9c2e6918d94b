using System.Collections.Immutable;
using FlowSim.Stochastic;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MN = MathNet.Numerics.Distributions;

namespace FlowSim.History;

/// <summary>What a series of observations measures, which decides the candidate families.</summary>
public enum FitTarget
{
    /// <summary>Units demanded per day: poisson, negative_binomial, normal, gamma, lognormal, and empirical for whole units without seasonality.</summary>
    DailyDemand,

    /// <summary>Lead times in days: normal, lognormal, gamma, uniform.</summary>
    LeadTime,
}

/// <summary>One candidate family fitted by maximum likelihood, with its goodness of fit.</summary>
/// <param name="Distribution">The fitted distribution, in the scenario format's parameters.</param>
/// <param name="Parameters">Number of fitted parameters.</param>
/// <param name="LogLikelihood">Maximised log-likelihood of the observations.</param>
/// <param name="Aic">Akaike information criterion, 2k - 2 log L: lower is better.</param>
/// <param name="KsDistance">
/// Kolmogorov-Smirnov distance between the observations' probability integral transforms
/// (randomised within the interval for whole numbers) and the uniform distribution: 0 is a perfect fit.
/// </param>
public sealed record FitCandidate(Distribution Distribution, int Parameters, double LogLikelihood, double Aic, double KsDistance)
{
    /// <summary>
    /// Whether the candidate's mean, at the observations' average scale, is within
    /// <see cref="DistributionFitter.MeanToleranceStandardErrors"/> standard errors of the observed mean.
    /// </summary>
    public bool ReproducesMean { get; init; } = true;
}

/// <summary>Every candidate family fitted to one series, the chosen one first.</summary>
/// <param name="Observations">Number of observations fitted.</param>
/// <param name="Candidates">
/// The fitted candidates in order of preference: those that reproduce the observed mean first;
/// for whole-unit demand, the whole-unit families (Poisson, negative binomial, empirical) before the
/// continuous ones, the empirical first only when its BIC is below every counting family's (else
/// after them); then lowest AIC.
/// </param>
public sealed record DistributionFit(int Observations, ImmutableArray<FitCandidate> Candidates)
{
    /// <summary>The chosen candidate: the first in order of preference.</summary>
    public FitCandidate Best => Candidates[0];
}

/// <summary>
/// Fits the distribution families the scenario format accepts to observed values by maximum
/// likelihood and ranks them by AIC.
/// </summary>
/// <remarks>
/// Each observation may carry a scale (a seasonal factor): the model is then the one the engine
/// simulates, a count with its mean multiplied by the scale (poisson, negative binomial) or a
/// continuous value multiplied by it. Whole-number observations (counts, lead times in whole days)
/// are fitted by the probability of the interval [x - 0.5, x + 0.5] under continuous families,
/// so their likelihoods compare with those of the counting families. The normal is truncated
/// at 0, as the engine draws it.
/// </remarks>
public static class DistributionFitter
{
    /// <summary>Fits every candidate family for <paramref name="target"/> to the values.</summary>
    /// <param name="values">Observations, zero or more, finite; at least two.</param>
    /// <param name="target">What the values measure.</param>
    /// <param name="scales">A positive scale per value (seasonal factor), or null for 1 throughout.</param>
    public static DistributionFit Fit(IReadOnlyList<double> values, FitTarget target, IReadOnlyList<double>? scales = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (scales is not null && scales.Count != values.Count)
        {
            throw new ArgumentException("needs one scale per value", nameof(scales));
        }

        var x = new List<double>(values.Count);
        var s = new List<double>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var scale = scales?[i] ?? 1;
            if (values[i] < 0 || !double.IsFinite(values[i]) || !(scale >= 0) || !double.IsFinite(scale))
            {
                throw new ArgumentException($"values must be zero or more and scales positive; got {values[i]} at scale {scale}", nameof(values));
            }

            // A day whose factor is zero carries no information about the level.
            if (scale > 1e-12)
            {
                x.Add(values[i]);
                s.Add(scale);
            }
        }

        if (x.Count < 2)
        {
            throw new ArgumentException("needs at least two observations", nameof(values));
        }

        var data = new Sample([.. x], [.. s]);
        if (data.Y.All(y => y == data.Y[0]) && s.All(v => v == s[0]))
        {
            // No spread at all: only a constant has a finite likelihood.
            return new DistributionFit(x.Count, [new FitCandidate(Distribution.Constant(data.Y[0]), 1, 0, 2, 0)]);
        }

        var families = target == FitTarget.DailyDemand
            ? (data.Whole ? [Family.Poisson, Family.NegativeBinomial, Family.Normal, Family.Gamma, Family.LogNormal] : new[] { Family.Normal, Family.Gamma, Family.LogNormal })
            : [Family.Normal, Family.LogNormal, Family.Gamma, Family.Uniform];
        var tolerance = MeanToleranceStandardErrors * Math.Sqrt(Variance(data.X) / data.X.Length);
        var observedMean = data.X.Average();
        var averageScale = data.S.Average();

        // Demand in whole units is counts: a continuous family that wins on AIC by a hair still
        // simulates fractions and, for slow and lumpy items, a mean far from the history's.
        var countsFirst = target == FitTarget.DailyDemand && data.Whole;
        var fitted = families.Select(f => Fitted(f, data)).OfType<FitCandidate>().ToList();
        if (countsFirst && s.All(v => v == 1) && Empirical(data) is { } empirical)
        {
            fitted.Add(empirical);
        }

        // A counting family is preferred to the history itself unless the history is far more likely:
        // the empirical has a parameter per distinct value, so it is charged log n / 2 for each (BIC),
        // not 1 (AIC), and wins only on lumps no counting family follows (a case of 12 now and then).
        var n = data.X.Length;
        var counting = fitted.Where(c => c.Distribution.IsDiscrete && double.IsFinite(c.Aic)).Select(c => Bic(c, n)).DefaultIfEmpty(double.PositiveInfinity).Min();
        var candidates = fitted
            .Where(c => double.IsFinite(c.Aic))
            .Select(c => c with { ReproducesMean = Math.Abs((c.Distribution.Mean * averageScale) - observedMean) <= Math.Max(tolerance, 1e-9 * observedMean) })
            .OrderBy(c => c.ReproducesMean ? 0 : 1)
            .ThenBy(c => countsFirst && !c.Distribution.DrawsWholeUnits ? 1 : 0)
            .ThenBy(c => c.Distribution.Kind != DistributionKind.Empirical ? 0 : Bic(c, n) < counting ? -1 : 1)
            .ThenBy(c => c.Aic)
            .ToImmutableArray();
        return new DistributionFit(x.Count, candidates);
    }

    private static double Bic(FitCandidate c, int n) => (c.Parameters * Math.Log(n)) - (2 * c.LogLikelihood);

    /// <summary>
    /// The observed days themselves, drawn each equally likely: a categorical distribution fitted by
    /// maximum likelihood, one parameter per distinct value but one. Its mean is the history's.
    /// </summary>
    private static FitCandidate? Empirical(Sample d)
    {
        var counts = d.X.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        if (counts.Count < 2)
        {
            return null;
        }

        var n = (double)d.X.Length;
        var ll = d.X.Sum(x => Math.Log(counts[x] / n));
        var k = counts.Count - 1;
        var sorted = d.X.Order().ToArray();
        var u = new double[sorted.Length];
        for (var i = 0; i < u.Length; i++)
        {
            var x = d.X[i];
            var below = LowerBound(sorted, x) / n;
            var upTo = LowerBound(sorted, x + 0.5) / n;
            u[i] = below + (Jitter(i) * (upTo - below));
        }

        // Each distinct day's quantity weighted by how often it was seen: the same draws as the days themselves, written short.
        var distinct = counts.Keys.Order().ToArray();
        return new FitCandidate(Distribution.Empirical(distinct, [.. distinct.Select(v => (double)counts[v])]), k, ll, (2 * k) - (2 * ll), Distance(u));
    }

    /// <summary>How many of the sorted values are below <paramref name="x"/>.</summary>
    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = sorted[mid] < x ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>
    /// How many standard errors of the observed mean a candidate's mean may be away from it and
    /// still count as reproducing the history (3: a correct model fails about 0.3% of the time).
    /// </summary>
    public const double MeanToleranceStandardErrors = 3;

    private enum Family
    {
        Poisson,
        NegativeBinomial,
        Normal,
        LogNormal,
        Gamma,
        Uniform,
    }

    /// <summary>Observations <c>X</c>, their scales <c>S</c>, and <c>Y = X / S</c>.</summary>
    private sealed class Sample
    {
        public Sample(double[] x, double[] s)
        {
            X = x;
            S = s;
            Y = [.. x.Select((v, i) => v / s[i])];
            Whole = x.All(v => v == Math.Floor(v));
            Mean = x.Sum() / s.Sum();
            Variance = DistributionFitter.Variance(Y);
        }

        public double[] X { get; }

        public double[] S { get; }

        public double[] Y { get; }

        public bool Whole { get; }

        /// <summary>The maximum-likelihood level of a scaled Poisson, a start for the others.</summary>
        public double Mean { get; }

        public double Variance { get; }
    }

    private const double LogFloor = -700;

    private static FitCandidate? Fitted(Family family, Sample d)
    {
        double[]? theta = family switch
        {
            Family.Poisson => [d.Mean],
            Family.NegativeBinomial => Overdispersed(d) ? Maximise(family, d, [Math.Log(d.Mean), Math.Log(Math.Max(d.Mean * d.Mean / Math.Max(d.Variance - d.Mean, 1e-6), 1e-3))]) : null,
            Family.Normal => Maximise(family, d, [Math.Log(Math.Max(d.Y.Average(), 1e-6)), Math.Log(Math.Sqrt(d.Variance))]),
            Family.LogNormal => PositiveStart(d) is { } p ? Maximise(family, d, LogMoments(p)) : null,
            Family.Gamma => PositiveStart(d) is { } q ? Maximise(family, d, [Math.Log(q.Average() * q.Average() / Variance(q)), Math.Log(q.Average() / Variance(q))]) : null,
            Family.Uniform => d.Whole ? [Math.Max(0, d.X.Min() - 0.5), d.X.Max() + 0.5] : [d.X.Min(), d.X.Max()],
            _ => null,
        };
        if (theta is null || (family == Family.Uniform && !(theta[1] > theta[0])) || (family == Family.Poisson && d.Mean <= 0))
        {
            return null;
        }

        var ll = LogLikelihood(family, theta, d);
        var k = family == Family.Poisson ? 1 : 2;
        return new FitCandidate(ToDistribution(family, theta), k, ll, (2 * k) - (2 * ll), KsDistance(family, theta, d));
    }

    private static bool Overdispersed(Sample d)
    {
        double squares = 0, means = 0;
        for (var i = 0; i < d.X.Length; i++)
        {
            var m = d.Mean * d.S[i];
            squares += (d.X[i] - m) * (d.X[i] - m);
            means += m;
        }

        return d.Mean > 0 && squares > means;
    }

    // Lognormal and gamma need positive values; whole-number zeros fall in [0, 0.5], started at 0.25.
    private static double[]? PositiveStart(Sample d) =>
        d.Y.All(y => y > 0) ? d.Y : d.Whole ? [.. d.X.Select((x, i) => Math.Max(x, 0.25) / d.S[i])] : null;

    private static double[] LogMoments(double[] y)
    {
        var logs = y.Select(v => Math.Log(v)).ToArray();
        return [logs.Average(), Math.Log(Math.Max(Math.Sqrt(Variance(logs)), 1e-3))];
    }

    private static double Variance(double[] v)
    {
        var m = v.Average();
        return Math.Max(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1), 1e-12);
    }

    private static double[] Maximise(Family family, Sample d, double[] start)
    {
        var objective = ObjectiveFunction.Value(t => -LogLikelihood(family, [t[0], t[1]], d));
        var perturbation = Vector<double>.Build.Dense([0.1, 0.1]);
        try
        {
            var result = NelderMeadSimplex.Minimum(objective, Vector<double>.Build.Dense(start), perturbation, 1e-10, 5000);
            return [.. result.MinimizingPoint];
        }
        catch (MaximumIterationsException)
        {
            // The moment estimates are consistent, if not efficient: a usable answer.
            return start;
        }
    }

    private static double LogLikelihood(Family family, double[] t, Sample d)
    {
        if (family == Family.Uniform)
        {
            // Every observation lies inside the fitted bounds, each with density (or interval mass) 1 / (max - min).
            return -d.X.Length * Math.Log(t[1] - t[0]);
        }

        double sum = 0;
        for (var i = 0; i < d.X.Length; i++)
        {
            sum += Math.Max(LogProbability(family, t, d.X[i], d.S[i], d.Whole), LogFloor);
        }

        return sum;
    }

    private static double LogProbability(Family family, double[] t, double x, double s, bool whole)
    {
        switch (family)
        {
            case Family.Poisson:
                return MN.Poisson.PMFLn(t[0] * s, (int)x);
            case Family.NegativeBinomial:
            {
                var (m, k) = (Math.Exp(t[0]) * s, Math.Exp(t[1]));
                return MN.NegativeBinomial.PMFLn(k, k / (k + m), (int)x);
            }

            default:
                if (whole)
                {
                    var (lo, hi) = (Math.Max(x - 0.5, 0), x + 0.5);
                    return Math.Log(Math.Max(Cdf(family, t, hi / s) - Cdf(family, t, lo / s), 0));
                }

                return LogDensity(family, t, x / s) - Math.Log(s);
        }
    }

    private static double Cdf(Family family, double[] t, double y) => family switch
    {
        Family.Normal => y <= 0 ? 0 : (MN.Normal.CDF(Math.Exp(t[0]), Math.Exp(t[1]), y) - NormalBelowZero(t)) / (1 - NormalBelowZero(t)),
        Family.LogNormal => y <= 0 ? 0 : MN.LogNormal.CDF(t[0], Math.Exp(t[1]), y),
        Family.Gamma => y <= 0 ? 0 : MN.Gamma.CDF(Math.Exp(t[0]), Math.Exp(t[1]), y),
        Family.Uniform => Math.Clamp((y - t[0]) / (t[1] - t[0]), 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    private static double NormalBelowZero(double[] t) => MN.Normal.CDF(Math.Exp(t[0]), Math.Exp(t[1]), 0);

    private static double LogDensity(Family family, double[] t, double y) => family switch
    {
        Family.Normal => MN.Normal.PDFLn(Math.Exp(t[0]), Math.Exp(t[1]), y) - Math.Log(1 - NormalBelowZero(t)),
        Family.LogNormal => y <= 0 ? double.NegativeInfinity : MN.LogNormal.PDFLn(t[0], Math.Exp(t[1]), y),
        Family.Gamma => y <= 0 ? double.NegativeInfinity : MN.Gamma.PDFLn(Math.Exp(t[0]), Math.Exp(t[1]), y),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    /// <summary>
    /// The distance of the randomised probability integral transforms from uniform: for a whole
    /// number x, u = F(x-) + v (F(x+) - F(x-)) with v uniform, which is exactly uniform when the
    /// model is right. v comes from a fixed-seed sequence, so the distance is reproducible.
    /// </summary>
    private static double KsDistance(Family family, double[] t, Sample d)
    {
        var u = new double[d.X.Length];
        for (var i = 0; i < u.Length; i++)
        {
            var (x, s) = (d.X[i], d.S[i]);
            var (below, upTo) = family switch
            {
                Family.Poisson or Family.NegativeBinomial => (Discrete(family, t, x - 1, s), Discrete(family, t, x, s)),
                _ when d.Whole => (Cdf(family, t, Math.Max(x - 0.5, 0) / s), Cdf(family, t, (x + 0.5) / s)),
                _ => (Cdf(family, t, x / s), Cdf(family, t, x / s)),
            };
            u[i] = below + (Jitter(i) * (upTo - below));
        }

        return Distance(u);
    }

    /// <summary>The KS distance of probability integral transforms from uniform.</summary>
    private static double Distance(double[] u)
    {
        Array.Sort(u);
        double distance = 0;
        for (var i = 0; i < u.Length; i++)
        {
            distance = Math.Max(distance, Math.Max(((i + 1.0) / u.Length) - u[i], u[i] - ((double)i / u.Length)));
        }

        return distance;
    }

    /// <summary>A uniform number in (0, 1) for observation <paramref name="i"/> (SplitMix64 finaliser).</summary>
    private static double Jitter(int i)
    {
        var z = (ulong)(i + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((z >> 11) + 0.5) / (1UL << 53);
    }

    private static double Discrete(Family family, double[] t, double x, double s)
    {
        if (x < 0)
        {
            return 0;
        }

        if (family == Family.Poisson)
        {
            return MN.Poisson.CDF(t[0] * s, x);
        }

        var (m, k) = (Math.Exp(t[0]) * s, Math.Exp(t[1]));
        return MN.NegativeBinomial.CDF(k, k / (k + m), x);
    }

    private static Distribution ToDistribution(Family family, double[] t)
    {
        switch (family)
        {
            case Family.Poisson:
                return Distribution.Poisson(t[0]);
            case Family.NegativeBinomial:
                var (m, k) = (Math.Exp(t[0]), Math.Exp(t[1]));
                return Distribution.NegativeBinomial(m, Math.Sqrt(m + (m * m / k)));
            case Family.Normal:
                return Distribution.Normal(Math.Exp(t[0]), Math.Exp(t[1]));
            case Family.LogNormal:
                var sigma2 = Math.Exp(2 * t[1]);
                var mean = Math.Exp(t[0] + (sigma2 / 2));
                return Distribution.LogNormal(mean, mean * Math.Sqrt(Math.Exp(sigma2) - 1));
            case Family.Gamma:
                var (shape, rate) = (Math.Exp(t[0]), Math.Exp(t[1]));
                return Distribution.Gamma(shape / rate, Math.Sqrt(shape) / rate);
            default:
                return Distribution.Uniform(t[0], t[1]);
        }
    }
}
