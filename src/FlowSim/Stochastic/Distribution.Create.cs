namespace FlowSim.Stochastic;

// Construction: the factories, each checking its arguments.
public sealed partial record Distribution
{
    /// <summary>Always <paramref name="value"/>.</summary>
    /// <param name="value">The value, zero or more.</param>
    public static Distribution Constant(double value)
    {
        RequireZeroOrMore(value, nameof(value));
        return new Distribution(DistributionKind.Constant, value: value);
    }

    /// <summary>Every value from <paramref name="min"/> to <paramref name="max"/> equally likely.</summary>
    /// <param name="min">The smallest value, zero or more.</param>
    /// <param name="max">The largest value, at least <paramref name="min"/>.</param>
    public static Distribution Uniform(double min, double max)
    {
        RequireZeroOrMore(min, nameof(min));
        RequireFinite(max, nameof(max));
        if (max < min)
        {
            throw OutOfRange(nameof(max), $"must be at least min ({Format(min)}), got {Format(max)}");
        }

        return new Distribution(DistributionKind.Uniform, minimum: min, maximum: max);
    }

    /// <summary>A triangular distribution: density rising linearly from <paramref name="min"/> to <paramref name="mode"/>, then falling to <paramref name="max"/>.</summary>
    /// <param name="min">The smallest value, zero or more.</param>
    /// <param name="mode">The most likely value, from <paramref name="min"/> to <paramref name="max"/>.</param>
    /// <param name="max">The largest value, greater than <paramref name="min"/>.</param>
    public static Distribution Triangular(double min, double mode, double max)
    {
        RequireRange(min, mode, max);
        return new Distribution(DistributionKind.Triangular, minimum: min, mode: mode, maximum: max);
    }

    /// <summary>
    /// A PERT distribution: a beta distribution on [<paramref name="min"/>, <paramref name="max"/>]
    /// with mean (min + 4 mode + max) / 6, smoother in the tails than a triangular one.
    /// </summary>
    /// <param name="min">The smallest value, zero or more.</param>
    /// <param name="mode">The most likely value, from <paramref name="min"/> to <paramref name="max"/>.</param>
    /// <param name="max">The largest value, greater than <paramref name="min"/>.</param>
    public static Distribution Pert(double min, double mode, double max)
    {
        RequireRange(min, mode, max);
        return new Distribution(DistributionKind.Pert, minimum: min, mode: mode, maximum: max);
    }

    /// <summary>
    /// A normal distribution truncated at zero: negative draws are redrawn, not set to
    /// zero, so <see cref="Mean"/> is above <paramref name="mean"/> when the spread is wide.
    /// </summary>
    /// <param name="mean">The mean before truncation, zero or more.</param>
    /// <param name="sd">The standard deviation before truncation, zero or more.</param>
    public static Distribution Normal(double mean, double sd)
    {
        RequireZeroOrMore(mean, nameof(mean));
        RequireZeroOrMore(sd, nameof(sd));
        return new Distribution(DistributionKind.Normal, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

    /// <summary>A log-normal distribution with the given mean and standard deviation (of the value, not of its logarithm).</summary>
    /// <param name="mean">The mean, positive.</param>
    /// <param name="sd">The standard deviation, zero or more.</param>
    public static Distribution LogNormal(double mean, double sd)
    {
        RequirePositive(mean, nameof(mean));
        RequireZeroOrMore(sd, nameof(sd));
        return new Distribution(DistributionKind.LogNormal, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

    /// <summary>A gamma distribution with the given mean and standard deviation.</summary>
    /// <param name="mean">The mean, positive.</param>
    /// <param name="sd">The standard deviation, positive.</param>
    public static Distribution Gamma(double mean, double sd)
    {
        RequirePositive(mean, nameof(mean));
        RequirePositive(sd, nameof(sd));
        return new Distribution(DistributionKind.Gamma, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

    /// <summary>An exponential distribution with the given mean.</summary>
    /// <param name="mean">The mean, positive.</param>
    public static Distribution Exponential(double mean)
    {
        RequirePositive(mean, nameof(mean));
        return new Distribution(DistributionKind.Exponential, specifiedMean: mean);
    }

    /// <summary>Draws one of <paramref name="values"/>, each equally likely (a bootstrap of observed data).</summary>
    /// <param name="values">The observed values: at least one, each zero or more. They are copied.</param>
    public static Distribution Empirical(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw OutOfRange(nameof(values), "must contain at least one value");
        }

        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var x = values[i];
            if (!(x >= 0) || double.IsPositiveInfinity(x))
            {
                throw OutOfRange(nameof(values), $"value {i} must be a finite number, zero or more, got {Format(x)}");
            }

            copy[i] = x;
        }

        return new Distribution(DistributionKind.Empirical, values: copy);
    }

    /// <summary>Draws one of <paramref name="values"/> with probability proportional to its weight (a probability mass function written directly).</summary>
    /// <param name="values">The values: at least one, each zero or more. They are copied.</param>
    /// <param name="weights">One weight per value, each zero or more and finite, not all zero. They are copied.</param>
    public static Distribution Empirical(IReadOnlyList<double> values, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var plain = Empirical(values);
        if (weights.Count != values.Count)
        {
            throw OutOfRange(nameof(weights), $"must give one weight per value: {values.Count} values, {weights.Count} weights");
        }

        var copy = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < copy.Length; i++)
        {
            var w = weights[i];
            if (!(w >= 0) || double.IsPositiveInfinity(w))
            {
                throw OutOfRange(nameof(weights), $"weight {i} must be a finite number, zero or more, got {Format(w)}");
            }

            copy[i] = w;
            total += w;
        }

        if (!(total > 0) || double.IsPositiveInfinity(total))
        {
            throw OutOfRange(nameof(weights), "must have a positive, finite sum");
        }

        return new Distribution(DistributionKind.Empirical, values: [.. plain.Values], weights: copy);
    }

    /// <summary>A Poisson distribution: whole-number counts with variance equal to the mean.</summary>
    /// <param name="mean">The mean, zero or more; a mean of 0 always gives 0.</param>
    public static Distribution Poisson(double mean)
    {
        RequireZeroOrMore(mean, nameof(mean));
        return new Distribution(DistributionKind.Poisson, specifiedMean: mean);
    }

    /// <summary>
    /// A negative binomial distribution: whole-number counts more variable than Poisson,
    /// drawn as a Poisson whose mean is itself gamma distributed.
    /// </summary>
    /// <param name="mean">The mean, positive.</param>
    /// <param name="sd">The standard deviation; its square must exceed <paramref name="mean"/>.</param>
    public static Distribution NegativeBinomial(double mean, double sd)
    {
        RequirePositive(mean, nameof(mean));
        RequirePositive(sd, nameof(sd));
        if (!(sd * sd > mean))
        {
            throw OutOfRange(
                nameof(sd),
                $"must have a square above the mean ({Format(mean)}) for a negative binomial, got {Format(sd)}; use a Poisson when the variance equals the mean");
        }

        return new Distribution(DistributionKind.NegativeBinomial, specifiedMean: mean, specifiedStandardDeviation: sd);
    }

    private static ArgumentOutOfRangeException OutOfRange(string paramName, string message) =>
        new(paramName, message);

    private static void RequireFinite(double x, string paramName)
    {
        if (!double.IsFinite(x))
        {
            throw OutOfRange(paramName, $"must be a finite number, got {Format(x)}");
        }
    }

    private static void RequireZeroOrMore(double x, string paramName)
    {
        RequireFinite(x, paramName);
        if (x < 0)
        {
            throw OutOfRange(paramName, $"must be zero or more, got {Format(x)}");
        }
    }

    private static void RequirePositive(double x, string paramName)
    {
        RequireFinite(x, paramName);
        if (x <= 0)
        {
            throw OutOfRange(paramName, $"must be positive, got {Format(x)}");
        }
    }

    private static void RequireRange(double min, double mode, double max)
    {
        RequireZeroOrMore(min, nameof(min));
        RequireFinite(mode, nameof(mode));
        RequireFinite(max, nameof(max));
        if (!(max > min))
        {
            throw OutOfRange(nameof(max), $"must be greater than min ({Format(min)}), got {Format(max)}");
        }

        if (mode < min || mode > max)
        {
            throw OutOfRange(nameof(mode), $"must be from min ({Format(min)}) to max ({Format(max)}), got {Format(mode)}");
        }
    }
}
