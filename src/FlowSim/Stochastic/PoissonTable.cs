using System.Numerics;
using MathNet.Numerics;

namespace FlowSim.Stochastic;

/// <summary>
/// Poisson variates for one fixed mean by table lookup: a precomputed CDF with a
/// guide table, so a draw costs one uniform and a few comparisons, whatever the mean.
/// </summary>
/// <remarks>
/// For demand streams with a constant mean. Immutable once built, so one table can
/// be shared by every thread. The table stops where less than 1e-15 of the
/// probability remains; that tail is drawn exactly by sequential search.
/// </remarks>
internal sealed class PoissonTable
{
    /// <summary>The largest mean a table is built for; above it the table would hold thousands of entries.</summary>
    internal const double MaximumMean = 1000;

    private const double UntabulatedMass = 1e-15;

    private const int GuideEntriesPerValue = 4;

    private readonly double _mean;

    // _cdf[k] = P(X <= k) for k = 0 .. LastTabulated.
    private readonly double[] _cdf;

    // _guide[j] = smallest k with _cdf[k] > j / _guide.Length: where to start searching for u.
    // Several entries per value make the search almost always stop at once, so its branch is
    // predictable. The length is a power of two, 2^(64 - _guideShift), so the entry for u is the
    // top bits of the random word u is made from: no arithmetic on u before the lookup.
    private readonly int[] _guide;
    private readonly int _guideShift;

    // _cdf[LastTabulated]: at or above it a draw goes to the tail.
    private readonly double _tabulatedMass;

    // P(X = LastTabulated + 1), the first term of the tail.
    private readonly double _firstTailProbability;

    private PoissonTable(double mean)
    {
        _mean = mean;
        var probabilities = Probabilities(mean);
        var last = probabilities.Length - 1;

        _cdf = new double[probabilities.Length];
        var sum = 0.0;
        for (var k = 0; k <= last; k++)
        {
            // Ascending k adds the small left tail before the large central terms.
            sum += probabilities[k];
            _cdf[k] = sum;
        }

        _guide = new int[(int)BitOperations.RoundUpToPowerOf2((uint)(GuideEntriesPerValue * _cdf.Length))];
        _guideShift = 64 - BitOperations.Log2((uint)_guide.Length);
        _tabulatedMass = _cdf[last];
        var i = 0;
        for (var j = 0; j < _guide.Length; j++)
        {
            var threshold = (double)j / _guide.Length;
            while (i < last && _cdf[i] <= threshold)
            {
                i++;
            }

            _guide[j] = i;
        }

        _firstTailProbability = probabilities[last] * mean / (last + 1);

        // P(X > last) = P(Gamma(last + 1) <= mean), accurate where 1 - _cdf[last] is not.
        TailProbability = mean == 0 ? 0 : SpecialFunctions.GammaLowerRegularized(last + 1, mean);
    }

    /// <summary>The largest value held in the table; larger values come from the tail search.</summary>
    internal int LastTabulated => _cdf.Length - 1;

    /// <summary>P(X &gt; <see cref="LastTabulated"/>).</summary>
    internal double TailProbability { get; }

    /// <summary>A table for <paramref name="mean"/>, or null when the mean is negative, not finite, or above <see cref="MaximumMean"/>.</summary>
    internal static PoissonTable? TryCreate(double mean) =>
        mean is >= 0 and <= MaximumMean ? new PoissonTable(mean) : null;

    /// <summary>One Poisson variate, a whole number stored in a double.</summary>
    internal double Sample(ref RandomStream rng)
    {
        // A copy the JIT keeps in registers: updating the state through the reference costs a
        // chain of loads and stores per draw.
        var local = rng;
        var bits = local.NextUInt64();
        rng = local;

        // u is what rng.NextDouble() gives; its guide entry, floor(u * _guide.Length), is the top
        // bits of the same word.
        var u = RandomStream.ToUnitDouble(bits);
        if (u >= _tabulatedMass)
        {
            return SampleTail(ref rng);
        }

        // The result is the smallest k with u < cdf[k]; the guide entry is a lower bound for it.
        var cdf = _cdf;
        var k = _guide[(int)(bits >> _guideShift)];
        while (u >= cdf[k])
        {
            k++;
        }

        return k;
    }

    /// <summary>A draw from the distribution conditional on exceeding <see cref="LastTabulated"/>.</summary>
    internal double SampleTail(ref RandomStream rng)
    {
        // A fresh uniform: the one that chose the tail cannot resolve probabilities this small.
        var target = rng.NextDouble() * TailProbability;
        double k = _cdf.Length;
        var p = _firstTailProbability;
        var sum = p;
        while (target >= sum && p > 0)
        {
            k++;
            p *= _mean / k;
            sum += p;
        }

        return k;
    }

    // P(X = k) for k = 0 up to the first k at or above the mode whose tail is below
    // UntabulatedMass. Computed outward from the mode by the ratio p(k+1)/p(k) = mean/(k+1),
    // which keeps full relative precision where exp(-mean) alone would underflow.
    private static double[] Probabilities(double mean)
    {
        if (mean == 0)
        {
            return [1.0];
        }

        var mode = Math.Floor(mean);
        var atMode = Math.Exp(-mean + (mode * Math.Log(mean)) - SpecialFunctions.GammaLn(mode + 1));

        var upper = new List<double> { atMode };
        var k = mode;
        var p = atMode;
        while (true)
        {
            // For k >= mode the terms after k shrink at least geometrically with ratio mean/(k+2),
            // so p(k+1) / (1 - mean/(k+2)) bounds the untabulated tail.
            var next = p * mean / (k + 1);
            if (next / (1 - (mean / (k + 2))) < UntabulatedMass)
            {
                break;
            }

            upper.Add(next);
            p = next;
            k++;
        }

        var modeIndex = (int)mode;
        var probabilities = new double[modeIndex + upper.Count];
        upper.CopyTo(probabilities, modeIndex);
        p = atMode;
        for (var j = modeIndex; j > 0; j--)
        {
            p *= j / mean;
            probabilities[j - 1] = p;
        }

        return probabilities;
    }
}
