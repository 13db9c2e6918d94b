using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>
/// One slice of an audit's trials (see <see cref="Shard"/>): for every run of the audit, in the
/// order of <see cref="Audit.Runs"/> (the scenario as it is, then each node out for each duration,
/// shortest first), that run's outcomes for the slice's trials.
/// </summary>
/// <param name="Durations">The audited outage durations in days, shortest first.</param>
/// <param name="Runs">Each run's outcomes for the slice (trial outcome vectors only).</param>
public sealed record AuditShard(ImmutableArray<double> Durations, ImmutableArray<ShardOutcomes> Runs)
{
    /// <summary>Which slice of the trials this is.</summary>
    public Shard Shard => Runs[0].Shard;

    /// <summary>Trials of the whole audit, per run.</summary>
    public int TotalTrials => Runs[0].TotalTrials;

    /// <summary>Master seed.</summary>
    public ulong Seed => Runs[0].Seed;

    /// <summary>Events the engine processed for this slice, every run together.</summary>
    public long Events => Runs.Sum(r => r.Events);
}

/// <summary>
/// An audit cut into shards and merged again. Every run of the audit draws trial k from the same
/// random streams in a shard as in the whole audit, and the merge computes every figure with the
/// same code from the same outcomes, so merged shards give exactly the whole audit's results.
/// </summary>
public static class AuditSharding
{
    /// <summary>Runs one slice of the trials of every run of the audit.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="durations">Outage durations in days (positive).</param>
    /// <param name="options">Trials, seed and threads; the shard count must not exceed the trials.</param>
    /// <param name="shard">Which slice to run.</param>
    /// <param name="progress">Told the trials completed so far, every run together.</param>
    /// <param name="cancellation">Stops between trials.</param>
    public static AuditShard Run(Scenario scenario, ImmutableArray<double> durations, RunOptions options, Shard shard, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        var (sorted, start, plain) = Audit.Prepare(scenario, durations, options);
        var trials = plain.Trials ?? scenario.Trials;
        if (shard.Count < 1 || shard.Count > trials || shard.Index < 0 || shard.Index >= shard.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), $"shard {shard} does not cut {trials} trials into slices");
        }

        var runs = Audit.Variants(scenario, sorted, start);
        var outcomes = VariantRuns.Run(runs.Length, plain, progress, (v, o, p) => Sharding.RunOutcomesOnly(runs[v].Scenario, o, shard, p, cancellation), cancellation);
        return new AuditShard(sorted, [.. outcomes]);
    }

    /// <summary>
    /// Merges every shard of one audit, in any order, into the result the whole audit gives with the
    /// same durations, trials and seed.
    /// </summary>
    /// <param name="scenario">The scenario the shards ran (the caller checks it is the same file).</param>
    /// <param name="shards">Every shard exactly once.</param>
    /// <exception cref="ArgumentException">The shards are not one complete audit of this scenario.</exception>
    public static AuditResult Merge(Scenario scenario, IReadOnlyList<AuditShard> shards)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(shards);
        var ordered = StudyShards.InOrder(shards, "audit", s => s.Shard, (s, first) =>
            s.TotalTrials == first.TotalTrials && s.Seed == first.Seed && s.Runs.Length == first.Runs.Length);
        var first = ordered[0];
        if (ordered.FirstOrDefault(s => !s.Durations.SequenceEqual(first.Durations)) is { } other)
        {
            throw new ArgumentException($"shard {other.Shard} audits outages of {Days(other.Durations)}, shard {first.Shard} of {Days(first.Durations)}", nameof(shards));
        }

        var (sorted, start, plain) = Audit.Prepare(scenario, first.Durations, new RunOptions(first.TotalTrials, first.Seed));
        var runs = Audit.Variants(scenario, sorted, start);
        if (runs.Length != first.Runs.Length)
        {
            throw new ArgumentException($"the shards hold {first.Runs.Length} runs, but an audit of this scenario makes {runs.Length}", nameof(shards));
        }

        ExperimentResult Result(int run) => Sharding.AssembleOutcomesOnly(runs[run].Scenario, plain, [.. ordered.Select(s => s.Runs[run])]);
        var baseline = Result(0);

        // One run at a time: only its figures are kept.
        var outages = new AuditOutage[runs.Length - 1];
        for (var v = 1; v < runs.Length; v++)
        {
            outages[v - 1] = Audit.OutageOf(scenario, baseline, runs[v], Result(v));
        }

        return Audit.Rank(baseline, sorted, start, outages);
    }

    private static string Days(ImmutableArray<double> durations) => string.Join(", ", durations.Select(d => Units.FormatDays(d)));
}
