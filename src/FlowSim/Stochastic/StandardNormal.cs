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

    /// <summary>
    /// The standard normal loss function E[(Z - z)+] = phi(z) - z (1 - Phi(z)): the units short,
    /// in standard deviations, of a level z standard deviations above the mean.
    /// </summary>
    public static double Loss(double z) => Normal.PDF(0, 1, z) - (z * (1 - Normal.CDF(0, 1, z)));

    /// <summary>
    /// The second-order loss E[((Z - z)+)²] / 2 = ((z² + 1)(1 - Phi(z)) - z phi(z)) / 2: the loss
    /// function integrated over the levels above z.
    /// </summary>
    public static double SecondLoss(double z) => (((z * z) + 1) * (1 - Normal.CDF(0, 1, z)) - (z * Normal.PDF(0, 1, z))) / 2;
}
