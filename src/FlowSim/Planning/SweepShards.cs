using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>
/// One slice of a sweep's trials (see <see cref="Shard"/>): for every point of the grid, in grid
/// order (the baseline point among them), that point's outcomes for the slice's trials.
/// </summary>
/// <param name="Axes">The varied settings, as the sweep's plan has them.</param>
/// <param name="Baseline">The point every point is compared with, as the sweep's plan chose it.</param>
/// <param name="Points">Each point's outcomes for the slice (trial outcome vectors only).</param>
public sealed record SweepShard(ImmutableArray<SweepAxis> Axes, SweepBaseline Baseline, ImmutableArray<ShardOutcomes> Points)
{
    /// <summary>Which slice of the trials this is.</summary>
    public Shard Shard => Points[0].Shard;

    /// <summary>Trials of the whole sweep, per point.</summary>
    public int TotalTrials => Points[0].TotalTrials;

    /// <summary>Master seed.</summary>
    public ulong Seed => Points[0].Seed;

    /// <summary>Events the engine processed for this slice, every point together.</summary>
    public long Events => Points.Sum(r => r.Events);
}

/// <summary>
/// A sweep cut into shards and merged again. Every point draws trial k from the same random
/// streams in a shard as in the whole sweep, and the merge computes every figure with the same
/// code from the same outcomes, so merged shards give exactly the whole sweep's results.
/// </summary>
public static class SweepSharding
{
    /// <summary>
    /// Why the sweep's trials cannot be cut into slices, or null when they can: every point must run
    /// the same trials with the same seed, which a grid that varies <c>trials</c> or <c>seed</c>
    /// without <c>--trials</c> and <c>--seed</c> does not.
    /// </summary>
    public static string? Problem(SweepPlan plan, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Precision is not null)
        {
            return "adaptive precision decides the trials as it goes, so they cannot be cut into slices in advance";
        }

        var first = plan.Points[0].Scenario;
        return plan.Points.Any(p => (options.Trials ?? p.Scenario.Trials) != (options.Trials ?? first.Trials) || (options.Seed ?? p.Scenario.Seed) != (options.Seed ?? first.Seed))
            ? "the points run different trials or seeds; give --trials and --seed so that every point runs the same trials"
            : null;
    }

    /// <summary>Runs one slice of the trials of every point of the sweep.</summary>
    /// <param name="plan">A plan whose <see cref="SweepPlan.IsValid"/> is true.</param>
    /// <param name="options">Trials, seed, threads and attribution, as for <see cref="Sweep.Run"/>; no adaptive precision.</param>
    /// <param name="shard">Which slice to run; the shard count must not exceed the trials.</param>
    /// <param name="progress">Told the trials completed so far, every point together.</param>
    /// <param name="cancellation">Stops between trials.</param>
    /// <exception cref="ArgumentException">The plan has errors, or <see cref="Problem"/> says why it cannot be sharded.</exception>
    public static SweepShard Run(SweepPlan plan, RunOptions options, Shard shard, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsValid)
        {
            throw new ArgumentException("the sweep plan has errors", nameof(plan));
        }

        if (Problem(plan, options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var outcomes = VariantRuns.Run(plan.Points.Length, options, progress,
            (p, o, trials) => Sharding.RunOutcomesOnly(plan.Points[p].Scenario, o, shard, trials, cancellation), cancellation);
        return new SweepShard(plan.Axes, plan.Baseline, [.. outcomes]);
    }

    /// <summary>The grid a sweep shard ran, planned again from the scenario, with the shard's settings and the baseline the sweep chose.</summary>
    /// <param name="source">The scenario the shard ran.</param>
    /// <param name="baseOverrides">The overrides the sweep applied at every point (its <c>--set</c>).</param>
    /// <param name="shard">Any shard of the sweep.</param>
    public static SweepPlan PlanOf(ScenarioInput source, ImmutableArray<ScenarioOverride> baseOverrides, SweepShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return Sweep.Plan(source, shard.Axes, baseOverrides) with { Baseline = shard.Baseline };
    }

    /// <summary>
    /// Merges every shard of one sweep, in any order, into the result the whole sweep gives with the
    /// same settings and options.
    /// </summary>
    /// <param name="plan">The plan the shards ran (see <see cref="PlanOf"/>; the caller checks it is made from the same file).</param>
    /// <param name="options">The sweep's attribution and rank (its trials and seed are the shards').</param>
    /// <param name="shards">Every shard exactly once.</param>
    /// <exception cref="ArgumentException">The shards are not one complete sweep of this plan.</exception>
    public static SweepResult Merge(SweepPlan plan, RunOptions options, IReadOnlyList<SweepShard> shards)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shards);
        var ordered = StudyShards.InOrder(shards, "sweep", s => s.Shard, (s, first) =>
            s.TotalTrials == first.TotalTrials && s.Seed == first.Seed && s.Points.Length == first.Points.Length && SameGrid(s.Axes, s.Baseline, first.Axes, first.Baseline));
        var first = ordered[0];
        if (!plan.IsValid || !SameGrid(plan.Axes, plan.Baseline, first.Axes, first.Baseline))
        {
            throw new ArgumentException("the shards sweep other settings or another baseline than this plan", nameof(plan));
        }

        if (plan.Points.Length != first.Points.Length)
        {
            throw new ArgumentException($"the shards hold {first.Points.Length} points, but this sweep's grid has {plan.Points.Length}", nameof(shards));
        }

        var merged = options with { Trials = first.TotalTrials, Seed = first.Seed, Precision = null };
        var results = plan.Points.Select((point, p) => (point, Sharding.AssembleOutcomesOnly(point.Scenario, merged, [.. ordered.Select(s => s.Points[p])])));
        return new SweepResult(plan.Axes, [.. results]) { Baseline = plan.Baseline };
    }

    private static bool SameGrid(ImmutableArray<SweepAxis> axes, SweepBaseline baseline, ImmutableArray<SweepAxis> otherAxes, SweepBaseline otherBaseline) =>
        axes.SequenceEqual(otherAxes) && baseline.Point == otherBaseline.Point && baseline.Sources.SequenceEqual(otherBaseline.Sources);
}

/// <summary>Puts the shards of one study (an audit, a sweep) in slice order.</summary>
internal static class StudyShards
{
    /// <summary>The shards, slice 0 first; refused unless every slice of one plan is there exactly once.</summary>
    /// <param name="shards">The shards, in any order.</param>
    /// <param name="study">What the shards are of, for messages: audit, sweep.</param>
    /// <param name="shardOf">Which slice a shard holds.</param>
    /// <param name="sameStudy">Given a shard and the first, true when both are of one study (trials, seed, runs).</param>
    /// <exception cref="ArgumentException">No shards, another study's shard among them, a slice twice or a slice missing.</exception>
    public static T[] InOrder<T>(IReadOnlyList<T> shards, string study, Func<T, Shard> shardOf, Func<T, T, bool> sameStudy)
        where T : class
    {
        if (shards.Count == 0)
        {
            throw new ArgumentException("no shards to merge", nameof(shards));
        }

        var first = shards[0];
        var plan = shardOf(first);
        var ordered = new T?[plan.Count];
        foreach (var s in shards)
        {
            var shard = shardOf(s);
            if (shard.Count != plan.Count || !sameStudy(s, first))
            {
                throw new ArgumentException($"shard {shard} is from another {study} than shard {plan}", nameof(shards));
            }

            if (ordered[shard.Index] is not null)
            {
                throw new ArgumentException($"shard {shard} is given twice", nameof(shards));
            }

            ordered[shard.Index] = s;
        }

        var missing = Array.FindIndex(ordered, s => s is null);
        return missing >= 0
            ? throw new ArgumentException($"shard {missing}/{plan.Count} is missing", nameof(shards))
            : [.. ordered.Select(s => s!)];
    }
}
