using System.Collections.Immutable;
using FlowSim.Experiments;

namespace FlowSim.Reports;

/// <summary>
/// What the shard files of a study of many runs of one scenario (<see cref="AuditShardFile"/>,
/// <see cref="SweepShardFile"/>) share: the provenance that decides whether shards belong together,
/// every run's slice of the trials, and the frame of every shard file around the study's own content.
/// </summary>
/// <param name="FlowSimVersion">FlowSim version that ran the shard.</param>
/// <param name="ScenarioPath">Scenario path as given on the command line; merge reloads it from there.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes, lower-case hex.</param>
/// <param name="Command">The recorded command without <c>--shard</c>: the command of the whole study.</param>
public abstract record StudyShardFile(string FlowSimVersion, string ScenarioPath, string ScenarioSha256, IReadOnlyList<string> Command)
{
    /// <summary>Every run's slice of the trials, the study's first run (its baseline or first point) first.</summary>
    public abstract ImmutableArray<ShardOutcomes> Runs { get; }

    /// <summary>
    /// What the file says about itself, as a run's shard header: the first run's layout and
    /// strategies and every run's events, so that <see cref="ShardMerge.Problems"/> checks the
    /// shards of a study as it checks a run's.
    /// </summary>
    public ShardHeader Header => ShardFraming.HeaderOf(FlowSimVersion, ScenarioPath, ScenarioSha256, Command, Runs);

    private protected abstract ShardKind Kind { get; }

    /// <summary>Writes the file's bytes (use <see cref="AtomicFile"/> for a file on disk).</summary>
    public void Write(Stream stream)
    {
        var first = Runs[0];
        ShardFraming.Write(stream, Kind, new ShardFrame(FlowSimVersion, ScenarioPath, ScenarioSha256, first.Seed, first.TotalTrials, first.Shard), WriteContent);
    }

    /// <summary>The study's own content, between the frame's header and its checksum.</summary>
    private protected abstract void WriteContent(Stream hashed);
}
