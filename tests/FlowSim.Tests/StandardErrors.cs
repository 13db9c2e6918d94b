using FlowSim.Experiments;

namespace FlowSim.Tests;

/// <summary>Statistical assertions: a simulated mean against a closed form, within 3 standard errors.</summary>
internal static class StandardErrors
{
    /// <summary>Fails unless the mean of <paramref name="actual"/> is within 3 standard errors (from its 95% CI) of <paramref name="expected"/>.</summary>
    public static void Near(double expected, Statistics actual, string what)
    {
        var standardError = actual.HalfWidth / 1.96;
        Assert.True(Math.Abs(actual.Mean - expected) <= 3 * standardError, $"{what}: {actual.Mean:F4}, closed form {expected:F4} ± {3 * standardError:F4}");
    }
}
