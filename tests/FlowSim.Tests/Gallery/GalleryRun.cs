using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Gallery;

/// <summary>
/// Runs a gallery scenario as shipped (its own seed) with few trials, and compares strategies
/// trial by trial: every strategy in a trial meets the same demand and disruptions, so the
/// paired difference has a much smaller standard error than the two means.
/// </summary>
internal sealed class GalleryRun
{
    /// <summary>Standard errors a stated direction must clear: about a 1-in-1000 chance of a false alarm.</summary>
    public const double Margin = 3.3;

    private readonly ExperimentResult _result;

    public GalleryRun(string file, int trials)
    {
        var load = ScenarioLoader.Load(RepoFiles.Path($"scenarios/{file}"));
        Assert.True(load.Scenario is not null, string.Join("\n", load.Findings));
        Assert.Empty(load.Findings);
        _result = Experiment.Run(load.Scenario!, new RunOptions(Trials: trials, Threads: 2));
    }

    public StrategyResult this[string strategy] => _result.Strategies.Single(s => s.Name == strategy);

    /// <summary>Per-trial values of <paramref name="metric"/> for <paramref name="strategy"/>.</summary>
    public double[] Values(string strategy, Metric metric) => this[strategy].Values(metric);

    /// <summary>Mean and standard error of (a - b) over trials.</summary>
    public static (double Mean, double StandardError) Paired(double[] a, double[] b)
    {
        var d = PairedTrials.Difference(a, b);
        return (d.Mean, d.Std / Math.Sqrt(d.N));
    }

    /// <summary>Asserts that <paramref name="higher"/> beats <paramref name="lower"/> on the metric by more than <see cref="Margin"/> standard errors of the paired difference.</summary>
    public void AssertHigher(Metric metric, string higher, string lower) =>
        AssertHigher(metric.Key(), Values(higher, metric), Values(lower, metric), higher, lower);

    /// <summary>As <see cref="AssertHigher(Metric, string, string)"/>, for per-trial values derived from several metrics.</summary>
    public static void AssertHigher(string what, double[] higher, double[] lower, string higherName, string lowerName)
    {
        var (mean, se) = Paired(higher, lower);
        Assert.True(mean > Margin * se, $"{what}: {higherName} - {lowerName} = {mean:G4} (standard error {se:G3}); expected above {Margin} standard errors");
    }
}
