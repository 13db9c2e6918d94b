using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Planning;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// A <c>.flowsim</c> shard file of an audit (<c>flowsim audit ... --shard I/N --out FILE</c>): one
/// slice of the trials of every run of the audit, with the provenance that decides whether shards
/// belong together. Its layout (<see cref="FormatVersion"/>, little-endian) is documented in
/// docs/scaling.md; like a run's shard file it ends with a SHA-256 of its content.
/// </summary>
/// <param name="FlowSimVersion">FlowSim version that ran the shard.</param>
/// <param name="ScenarioPath">Scenario path as given on the command line; merge reloads it from there.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes, lower-case hex.</param>
/// <param name="Command">The recorded command without <c>--shard</c>: the command of the whole audit.</param>
/// <param name="Audit">The slice's outcomes, every run of the audit.</param>
public sealed record AuditShardFile(string FlowSimVersion, string ScenarioPath, string ScenarioSha256, IReadOnlyList<string> Command, AuditShard Audit)
    : StudyShardFile(FlowSimVersion, ScenarioPath, ScenarioSha256, Command)
{
    /// <summary>The format version of audit shard files this FlowSim writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The first eight bytes of every audit shard file.</summary>
    public static ReadOnlySpan<byte> Magic => "FLOWAUDT"u8;

    /// <summary>The baseline's slice, then every outage's, in the order of the audit's runs.</summary>
    public override ImmutableArray<ShardOutcomes> Runs => Audit.Runs;

    private protected override ShardKind Kind => ShardKind.Audit;

    /// <summary>The shard file of an audit slice run by this FlowSim.</summary>
    public static AuditShardFile Of(Scenario scenario, AuditShard audit, IReadOnlyList<string> command)
    {
        var frame = ShardFraming.FrameOf(scenario, audit.Runs[0]);
        return new(frame.FlowSimVersion, frame.ScenarioPath, frame.ScenarioSha256, command, audit);
    }

    private protected override void WriteContent(Stream hashed)
    {
        ShardFraming.Int32(hashed, Audit.Durations.Length);
        ShardFraming.WriteDoubles(hashed, Audit.Durations.AsSpan());
        ShardFraming.Texts(hashed, Command);
        ShardFraming.Texts(hashed, Runs[0].Strategies);
        ShardFraming.WriteRuns(hashed, Runs);
    }

    /// <summary>Reads an audit shard file.</summary>
    /// <exception cref="ShardFileException">The file is missing, not an audit shard file, from another format version, truncated or damaged; the message names the file and the field.</exception>
    public static AuditShardFile Read(string path) => ShardFraming.Read(path, ShardKind.Audit, (hashed, frame) => ReadContent(hashed, path, frame));

    /// <summary>Reads an audit shard file's bytes; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ShardFileException">Not a readable audit shard file of this format version.</exception>
    /// <exception cref="EndOfStreamException">The stream ends early.</exception>
    public static AuditShardFile Read(Stream stream, string name) => ShardFraming.Read(stream, name, ShardKind.Audit, (hashed, frame) => ReadContent(hashed, name, frame));

    private static AuditShardFile ReadContent(ShardFraming.HashingStream hashed, string name, ShardFrame frame)
    {
        var durations = new double[ShardFraming.Count(hashed, name, "durations")];
        ShardFraming.ReadDoubles(hashed, durations);
        if (durations.Length == 0 || durations.Any(d => !(d > 0) || !double.IsFinite(d)))
        {
            throw new ShardFileException($"{name}: durations: not a list of positive durations; the file is damaged");
        }

        var command = ShardFraming.Texts(hashed, name, "command");
        var strategies = ShardFraming.Texts(hashed, name, "strategies");
        var runs = ShardFraming.ReadRuns(hashed, name, frame, strategies, attribute: false);
        return new AuditShardFile(frame.FlowSimVersion, frame.ScenarioPath, frame.ScenarioSha256, command, new AuditShard([.. durations], runs));
    }
}
