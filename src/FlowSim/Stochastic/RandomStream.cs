using System.Runtime.CompilerServices;

namespace FlowSim.Stochastic;

/// <summary>
/// A xoshiro256** pseudo-random generator, seeded through SplitMix64.
/// </summary>
/// <remarks>
/// A mutable struct: pass it by <c>ref</c>, never by value, or two copies will
/// replay the same numbers. It never allocates. The engine keeps one stream per
/// stochastic source per trial (see <see cref="DeriveSeed"/>).
/// </remarks>
internal struct RandomStream
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private const double TwoToMinus53 = 1.0 / (1UL << 53);
    private const double TwoToMinus52 = 1.0 / (1UL << 52);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a stream whose whole sequence is determined by <paramref name="seed"/>.</summary>
    internal static RandomStream Create(ulong seed)
    {
        // Four consecutive SplitMix64 outputs: SplitMix64 is a bijection of its
        // counter, so at most one output is zero and the state is never all zero,
        // which is the one state xoshiro cannot leave.
        var x = seed;
        RandomStream stream;
        stream._s0 = SplitMix64(ref x);
        stream._s1 = SplitMix64(ref x);
        stream._s2 = SplitMix64(ref x);
        stream._s3 = SplitMix64(ref x);
        return stream;
    }

    /// <summary>
    /// The seed of the stream for one stochastic source in one trial.
    /// </summary>
    /// <remarks>
    /// One stream per stochastic source (a demand stream, a lane's lead times, a
    /// disruption) per trial, so every policy compared in trial <paramref name="trial"/>
    /// sees the same demand and the same disruptions (common random numbers), and
    /// results do not depend on thread count or on the order trials run in.
    /// For a fixed seed, distinct trials of one source, and distinct sources of one
    /// trial, always get distinct seeds: each mixing step is a bijection.
    /// </remarks>
    internal static ulong DeriveSeed(ulong seed, long trial, int source)
    {
        var h = Mix(seed + GoldenGamma);
        h = Mix(h ^ Mix((ulong)trial + unchecked(2 * GoldenGamma)));
        h = Mix(h ^ Mix((uint)source + unchecked(3 * GoldenGamma)));
        return h;
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): 0 is possible, 1 is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double NextDouble() => ToUnitDouble(NextUInt64());

    /// <summary>A uniform double in (0, 1): never 0, so its logarithm is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double NextOpenDouble() => ToOpenUnitDouble(NextUInt64());

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int NextIndex(int count)
    {
        // floor(bits * count / 2^64): unbiased to within count / 2^64.
        return (int)Math.BigMul(NextUInt64(), (ulong)count, out _);
    }

    /// <summary>The top 53 bits as a multiple of 2^-53 in [0, 1).</summary>
    internal static double ToUnitDouble(ulong bits) => (bits >> 11) * TwoToMinus53;

    /// <summary>The top 52 bits plus one half, times 2^-52: a value in (0, 1).</summary>
    internal static double ToOpenUnitDouble(ulong bits) => ((bits >> 12) + 0.5) * TwoToMinus52;

    private static ulong SplitMix64(ref ulong x)
    {
        x += GoldenGamma;
        return Mix(x);
    }

    // The SplitMix64 finaliser: a bijection on 64-bit values with good avalanche.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
