namespace FlowSim.Stochastic;

/// <summary>The family a <see cref="Distribution"/> belongs to.</summary>
public enum DistributionKind
{
    /// <summary>Always the same value.</summary>
    Constant,

    /// <summary>Every value between a minimum and a maximum equally likely.</summary>
    Uniform,

    /// <summary>A minimum, a most likely value and a maximum, joined by straight lines.</summary>
    Triangular,

    /// <summary>A normal distribution truncated at zero: negative values are redrawn.</summary>
    Normal,

    /// <summary>A log-normal distribution, given by its own mean and standard deviation.</summary>
    LogNormal,

    /// <summary>A gamma distribution, given by its mean and standard deviation.</summary>
    Gamma,

    /// <summary>A PERT (scaled beta) distribution from a minimum, a most likely value and a maximum.</summary>
    Pert,

    /// <summary>Draws one of a list of observed values, each equally likely (bootstrap).</summary>
    Empirical,

    /// <summary>Counts of independent events at a constant rate.</summary>
    Poisson,

    /// <summary>Counts more variable than Poisson: a Poisson whose rate is gamma distributed.</summary>
    NegativeBinomial,

    /// <summary>An exponential distribution, given by its mean.</summary>
    Exponential,
}
