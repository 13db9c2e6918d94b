namespace FlowSim.Stochastic;

/// <summary>Standard normal variates by the Marsaglia polar method.</summary>
internal static class NormalSampler
{
    /// <summary>Two independent standard normal variates.</summary>
    /// <remarks>
    /// The method yields values in pairs. Callers use both or drop one; nothing is
    /// cached, so distributions stay immutable and safe to share between threads.
    /// </remarks>
    internal static void NextPair(ref RandomStream rng, out double z1, out double z2)
    {
        double u;
        double v;
        double s;
        do
        {
            u = (2 * rng.NextDouble()) - 1;
            v = (2 * rng.NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        z1 = u * factor;
        z2 = v * factor;
    }
}
