using MathNet.Numerics.Distributions;

namespace FlowSim.Stochastic;

/// <summary>
/// The standard normal distribution's quantile and distribution function: the one place they are
/// computed. Safety stocks (z for a service level) read them here; confidence intervals read them
/// through <c>Experiments.Statistics</c>, which sits above and delegates.
/// </summary>
public static class StandardNormal
{
    /// <summary>z such that P(Z &lt;= z) = <paramref name="p"/>.</summary>
    public static double Quantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>P(Z &lt;= <paramref name="z"/>).</summary>
    public static double Probability(double z) => Normal.CDF(0, 1, z);
}
