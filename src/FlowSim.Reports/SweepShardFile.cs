using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Planning;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// A <c>.flowsim</c> shard file of a sweep (<c>flowsim sweep ... --shard I/N --out FILE</c>): one
/// slice of the trials of every point of the sweep's grid, with the provenance that decides whether
/// shards belong together. Its layout (<see cref="FormatVersion"/>, little-endian) is documented in
/// docs/scaling.md; like every shard file it ends with a SHA-256 of its content.
/// </summary>
/// <param name="FlowSimVersion">FlowSim version that ran the shard.</param>
/// <param name="ScenarioPath">Scenario path as given on the command line; merge reloads it from there.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes, lower-case hex.</param>
/// <param name="Command">The recorded command without <c>--shard</c>: the command of the whole sweep, whose <c>--vary</c>, <c>--baseline</c> and <c>--set</c> the merge plans the grid from again.</param>
/// <param name="Sweep">The slice's outcomes, every point of the grid.</param>
public sealed record SweepShardFile(string FlowSimVersion, string ScenarioPath, string ScenarioSha256, IReadOnlyList<string> Command, SweepShard Sweep)
    : StudyShardFile(FlowSimVersion, ScenarioPath, ScenarioSha256, Command)
{
    /// <summary>The format version of sweep shard files this FlowSim writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Every point's slice, in grid order.</summary>
    public override ImmutableArray<ShardOutcomes> Runs => Sweep.Points;

    private protected override ShardKind Kind => ShardKind.Sweep;

    /// <summary>The shard file of a sweep slice run by this FlowSim.</summary>
    public static SweepShardFile Of(Scenario scenario, SweepShard sweep, IReadOnlyList<string> command)
    {
        var frame = ShardFraming.FrameOf(scenario, sweep.Points[0]);
        return new(frame.FlowSimVersion, frame.ScenarioPath, frame.ScenarioSha256, command, sweep);
    }

    private protected override void WriteContent(Stream hashed)
    {
        ShardFraming.Flag(hashed, Runs[0].Attribute);
        ShardFraming.Texts(hashed, Command);
        ShardFraming.Texts(hashed, Runs[0].Strategies);
        ShardFraming.Int32(hashed, Sweep.Axes.Length);
        foreach (var axis in Sweep.Axes)
        {
            ShardFraming.Text(hashed, axis.Path);
            ShardFraming.WriteDoubles(hashed, [axis.Range.From, axis.Range.To, axis.Range.Step]);
            ShardFraming.Text(hashed, axis.Range.Unit);
        }

        ShardFraming.Int32(hashed, Sweep.Baseline.Point);
        ShardFraming.Texts(hashed, [.. Sweep.Baseline.Sources.Select(s => s.Key())]);
        ShardFraming.WriteRuns(hashed, Runs);
    }

    /// <summary>Reads a sweep shard file.</summary>
    /// <exception cref="ShardFileException">The file is missing, not a sweep shard file, from another format version, truncated or damaged; the message names the file and the field.</exception>
    public static SweepShardFile Read(string path) => ShardFraming.Read(path, ShardKind.Sweep, (hashed, frame) => ReadContent(hashed, path, frame));

    /// <summary>Reads a sweep shard file's bytes; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ShardFileException">Not a readable sweep shard file of this format version.</exception>
    /// <exception cref="EndOfStreamException">The stream ends early.</exception>
    public static SweepShardFile Read(Stream stream, string name) => ShardFraming.Read(stream, name, ShardKind.Sweep, (hashed, frame) => ReadContent(hashed, name, frame));

    private static SweepShardFile ReadContent(ShardFraming.HashingStream hashed, string name, ShardFrame frame)
    {
        var attribute = ShardFraming.Flag(hashed, name, "attribute");
        var command = ShardFraming.Texts(hashed, name, "command");
        var strategies = ShardFraming.Texts(hashed, name, "strategies");
        var axes = new SweepAxis[ShardFraming.Count(hashed, name, "axes")];
        Span<double> range = stackalloc double[3];
        for (var a = 0; a < axes.Length; a++)
        {
            var path = ShardFraming.Text(hashed, name, $"axes[{a}].path");
            ShardFraming.ReadDoubles(hashed, range);
            var unit = ShardFraming.Text(hashed, name, $"axes[{a}].unit");
            if (!(range[2] > 0) || !double.IsFinite(range[0]) || !(range[1] >= range[0]) || !double.IsFinite(range[1])
                || (range[1] - range[0]) / range[2] >= ParameterRange.MaxValues)
            {
                throw new ShardFileException($"{name}: axes[{a}]: not a range of values; the file is damaged");
            }

            axes[a] = new SweepAxis(path, new ParameterRange(range[0], range[1], range[2], unit));
        }

        var baseline = ShardFraming.Int32(hashed);
        var sources = ShardFraming.Texts(hashed, name, "baseline.sources").Select(key => SourceOf(key, name)).ToImmutableArray();
        if (axes.Length == 0 || sources.Length != axes.Length || baseline < 0)
        {
            throw new ShardFileException($"{name}: {(axes.Length == 0 ? "axes: none" : $"baseline: point {baseline} with {sources.Length} sources for {axes.Length} settings")}; the file is damaged");
        }

        var points = ShardFraming.ReadRuns(hashed, name, frame, strategies, attribute);
        if (baseline >= points.Length)
        {
            throw new ShardFileException($"{name}: baseline: point {baseline} of {points.Length} points; the file is damaged");
        }

        return new SweepShardFile(frame.FlowSimVersion, frame.ScenarioPath, frame.ScenarioSha256, command,
            new SweepShard([.. axes], new SweepBaseline(baseline, sources), points));
    }

    private static SweepBaselineSource SourceOf(string key, string name)
    {
        foreach (var source in Enum.GetValues<SweepBaselineSource>())
        {
            if (source.Key() == key)
            {
                return source;
            }
        }

        throw new ShardFileException($"{name}: baseline.sources: '{key}' is not scenario, first_value or chosen; the file is damaged");
    }
}
