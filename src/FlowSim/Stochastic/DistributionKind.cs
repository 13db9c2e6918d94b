using System.Collections.Immutable;

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

/// <summary>
/// The names of <see cref="DistributionKind"/>s as a scenario writes them after <c>dist:</c>: the
/// loader reads them, and <c>fit</c> and <c>segment</c> write them, from this one table.
/// </summary>
public static class DistributionNames
{
    // In the order the scenario format lists them; messages that list every name keep this order.
    private static readonly (DistributionKind Kind, string Name)[] Table =
    [
        (DistributionKind.Constant, "constant"),
        (DistributionKind.Uniform, "uniform"),
        (DistributionKind.Triangular, "triangular"),
        (DistributionKind.Pert, "pert"),
        (DistributionKind.Normal, "normal"),
        (DistributionKind.LogNormal, "lognormal"),
        (DistributionKind.Gamma, "gamma"),
        (DistributionKind.NegativeBinomial, "negative_binomial"),
        (DistributionKind.Poisson, "poisson"),
        (DistributionKind.Exponential, "exponential"),
        (DistributionKind.Empirical, "empirical"),
    ];

    private static readonly string[] ByKind = Table.OrderBy(t => t.Kind).Select(t => t.Name).ToArray();

    /// <summary>Every kind, in the order the scenario format lists them.</summary>
    public static ImmutableArray<DistributionKind> Kinds { get; } = [.. Table.Select(t => t.Kind)];

    /// <summary>The name of <paramref name="kind"/> in a scenario, e.g. <c>negative_binomial</c>.</summary>
    public static string YamlName(this DistributionKind kind) => ByKind[(int)kind];

    /// <summary>The kind spelt exactly <paramref name="name"/>; false for any other text.</summary>
    public static bool TryParse(string name, out DistributionKind kind)
    {
        foreach (var (k, n) in Table)
        {
            if (n == name)
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
