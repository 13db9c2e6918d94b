namespace FlowSim.Stochastic;

/// <summary>
/// Gamma variates with unit scale for one fixed shape, by the Marsaglia–Tsang
/// method (2000), with the U^(1/shape) boost for shapes below 1.
/// </summary>
internal readonly struct GammaSampler
{
    private readonly double _d;
    private readonly double _c;
    private readonly double _inverseShape;
    private readonly bool _boost;

    /// <summary>Precomputes the constants for <paramref name="shape"/> (positive).</summary>
    internal GammaSampler(double shape)
    {
        // Marsaglia–Tsang needs shape >= 1; Gamma(a) = Gamma(a + 1) * U^(1/a) covers a < 1.
        _boost = shape < 1;
        var a = _boost ? shape + 1 : shape;
        _d = a - (1.0 / 3.0);
        _c = 1 / Math.Sqrt(9 * _d);
        _inverseShape = 1 / shape;
    }

    /// <summary>One Gamma(shape, scale 1) variate.</summary>
    internal double Sample(ref RandomStream rng)
    {
        var g = SampleShapeAtLeastOne(ref rng);
        return _boost ? g * Math.Pow(rng.NextOpenDouble(), _inverseShape) : g;
    }

    private double SampleShapeAtLeastOne(ref RandomStream rng)
    {
        while (true)
        {
            NormalSampler.NextPair(ref rng, out var z1, out var z2);
            if (TryAccept(ref rng, z1, out var g) || TryAccept(ref rng, z2, out g))
            {
                return g;
            }
        }
    }

    private bool TryAccept(ref RandomStream rng, double x, out double value)
    {
        var v = 1 + (_c * x);
        if (v <= 0)
        {
            value = 0;
            return false;
        }

        v = v * v * v;
        value = _d * v;
        var u = rng.NextOpenDouble();
        var x2 = x * x;

        // The cheap squeeze decides most candidates without taking a logarithm.
        return u < 1 - (0.0331 * x2 * x2)
            || Math.Log(u) < (0.5 * x2) + (_d * (1 - v + Math.Log(v)));
    }
}
