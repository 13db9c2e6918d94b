using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>One varied setting of a sweep: a scenario path and the values it takes.</summary>
/// <param name="Path">The setting, addressed as in <see cref="ScenarioOverride.Path"/>.</param>
/// <param name="Range">The values.</param>
public sealed record SweepAxis(string Path, ParameterRange Range);

/// <summary>One point of a sweep's grid: the settings it changes and the scenario they give.</summary>
/// <param name="Settings">One override per axis, in axis order.</param>
/// <param name="Scenario">The checked scenario with those settings (and any base overrides) applied.</param>
public sealed record SweepPoint(ImmutableArray<ScenarioOverride> Settings, Scenario Scenario);

/// <summary>A sweep ready to run: every grid point loaded and checked.</summary>
/// <param name="Axes">The varied settings.</param>
/// <param name="Points">The grid, the last axis varying fastest.</param>
/// <param name="Findings">Problems found while loading the points; the plan runs only without errors.</param>
public sealed record SweepPlan(ImmutableArray<SweepAxis> Axes, ImmutableArray<SweepPoint> Points, ImmutableArray<ScenarioError> Findings)
{
    /// <summary>True when every point loaded.</summary>
    public bool IsValid => !Findings.Any(f => f.Severity == Severity.Error) && Points.Length > 0;

    /// <summary>The point every point is compared with, trial by trial.</summary>
    public SweepBaseline Baseline { get; init; } = new(0, []);
}

/// <summary>A sweep's results: one experiment per grid point, all on the same trials.</summary>
/// <param name="Axes">The varied settings.</param>
/// <param name="Points">Each point's settings and results, in grid order.</param>
public sealed record SweepResult(ImmutableArray<SweepAxis> Axes, ImmutableArray<(SweepPoint Point, ExperimentResult Result)> Points)
{
    /// <summary>The point every point is compared with, trial by trial.</summary>
    public SweepBaseline Baseline { get; init; } = new(0, []);

    /// <summary>
    /// Strategy <paramref name="strategy"/> at point <paramref name="point"/> minus the same strategy
    /// at the baseline point, trial by trial: exactly zero at the baseline itself.
    /// </summary>
    public BaselineDifference VsBaseline(int point, int strategy) =>
        BaselineDifference.Of(Points[point].Result.Strategies[strategy], Points[Baseline.Point].Result.Strategies[strategy]);
}

/// <summary>
/// Parameter sweeps: the same scenario run at every point of a grid of settings. Every point
/// uses the same seed, so trial k sees the same demand, lead times and disruptions at every
/// point (common random numbers) and differences between points are the settings' doing.
/// </summary>
public static class Sweep
{
    /// <summary>Most grid points one sweep may have.</summary>
    public const int MaxPoints = 10_000;

    /// <summary>Loads and checks every grid point, reporting every problem before anything runs.</summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="axes">The settings to vary.</param>
    /// <param name="baseOverrides">Overrides applied at every point, before the axes' values.</param>
    /// <param name="baseline">
    /// The baseline point's values, one per axis in axis order; empty for each setting's value in
    /// the scenario when it is one of the swept values, else its first value.
    /// </param>
    public static SweepPlan Plan(string path, ImmutableArray<SweepAxis> axes, ImmutableArray<ScenarioOverride> baseOverrides, ImmutableArray<string> baseline = default) =>
        Plan(ScenarioInput.FromFile(path), axes, baseOverrides, baseline);

    /// <summary>Loads and checks every grid point from a scenario read once (standard input) or from its file.</summary>
    /// <param name="source">The scenario.</param>
    /// <param name="axes">The settings to vary.</param>
    /// <param name="baseOverrides">Overrides applied at every point, before the axes' values.</param>
    /// <param name="baseline">As for <see cref="Plan(string, ImmutableArray{SweepAxis}, ImmutableArray{ScenarioOverride}, ImmutableArray{string})"/>.</param>
    public static SweepPlan Plan(ScenarioInput source, ImmutableArray<SweepAxis> axes, ImmutableArray<ScenarioOverride> baseOverrides, ImmutableArray<string> baseline = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = source.Name;
        // Stop multiplying once past the limit: many axes would overflow a long.
        var size = axes.IsDefaultOrEmpty ? 0L : axes.Aggregate(1L, (n, a) => Math.Min(n * a.Range.Values.Length, MaxPoints + 1L));
        if (axes.IsDefaultOrEmpty || size > MaxPoints)
        {
            var why = axes.IsDefaultOrEmpty ? "nothing to vary: give at least one PATH=FROM..TO:STEP" : $"the grid has more than {MaxPoints:N0} points, the most allowed";
            return new SweepPlan(axes, [], [new ScenarioError(path, 0, 0, "", why)]);
        }

        var points = ImmutableArray.CreateBuilder<SweepPoint>();
        var findings = new List<ScenarioError>();
        foreach (var settings in Grid(axes))
        {
            var loaded = source.Load([.. baseOverrides, .. settings]);
            foreach (var f in loaded.Findings.Where(f => !findings.Contains(f)))
            {
                findings.Add(f);
            }

            if (loaded.Scenario is { } scenario)
            {
                points.Add(new SweepPoint(settings, scenario));
            }
        }

        var chosen = SweepBaselines.Choose(source, axes, baseOverrides, baseline, findings);
        return new SweepPlan(axes, points.ToImmutable(), [.. findings]) { Baseline = chosen };
    }

    /// <summary>Runs every point of a valid plan with the same options and seed.</summary>
    /// <param name="plan">A plan whose <see cref="SweepPlan.IsValid"/> is true.</param>
    /// <param name="options">Trials, seed, threads, precision, attribution: the same at every point.</param>
    /// <param name="progress">Told the trials completed so far, every point together (points x trials in all, without --precision).</param>
    /// <param name="cancellation">Stops between trials.</param>
    public static SweepResult Run(SweepPlan plan, RunOptions options, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsValid)
        {
            throw new ArgumentException("the sweep plan has errors", nameof(plan));
        }

        // The points run side by side; each result lands in its point's slot.
        var results = VariantRuns.Run(plan.Points.Length, options, progress, (p, o, trials) => Experiment.Run(plan.Points[p].Scenario, o, trials, cancellation), cancellation);
        return new SweepResult(plan.Axes, [.. plan.Points.Select((point, p) => (point, results[p]))]) { Baseline = plan.Baseline };
    }

    private static IEnumerable<ImmutableArray<ScenarioOverride>> Grid(ImmutableArray<SweepAxis> axes)
    {
        IEnumerable<ImmutableArray<ScenarioOverride>> grid = [[]];
        foreach (var axis in axes)
        {
            var values = axis.Range.Values;
            grid = grid.SelectMany(prefix => values.Select(v => prefix.Add(new ScenarioOverride(axis.Path, v) { Origin = "--vary" })));
        }

        return grid;
    }
}
