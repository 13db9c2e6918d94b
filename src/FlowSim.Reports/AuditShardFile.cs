using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
{
    /// <summary>The format version of audit shard files this FlowSim writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The first eight bytes of every audit shard file.</summary>
    public static ReadOnlySpan<byte> Magic => "FLOWAUDT"u8;

    private const int MaxCount = 1 << 20;

    /// <summary>The shard file of an audit slice run by this FlowSim.</summary>
    public static AuditShardFile Of(Scenario scenario, AuditShard audit, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new(Provenance.Version, scenario.Source.Path.Replace('\\', '/'), scenario.Source.Sha256, command, audit);
    }

    /// <summary>True when the file starts as an audit shard file does (it may still be damaged).</summary>
    public static bool IsAuditShard(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[8];
            return file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length && magic.SequenceEqual(Magic);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// What the file says about itself, as a run's shard header: the baseline's layout and
    /// strategies, so that <see cref="ShardMerge.Problems"/> checks audit shards as it checks run shards.
    /// </summary>
    public ShardHeader Header
    {
        get
        {
            var b = Audit.Runs[0];
            return new(FlowSimVersion, ScenarioPath, ScenarioSha256, Command, b.Seed, b.TotalTrials, b.Shard, false, b.StockPoints, b.Disruptions, b.Strategies, Audit.Events);
        }
    }

    /// <summary>Writes the file's bytes (use <see cref="AtomicFile"/> for a file on disk).</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hashed = new ShardFile.HashingStream(stream);
        var b = Audit.Runs[0];
        hashed.Write(Magic);
        ShardFile.Int32(hashed, FormatVersion);
        ShardFile.Text(hashed, FlowSimVersion);
        ShardFile.Text(hashed, ScenarioPath);
        ShardFile.Text(hashed, ScenarioSha256);
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(eight, b.Seed);
        hashed.Write(eight);
        ShardFile.Int32(hashed, b.TotalTrials);
        ShardFile.Int32(hashed, b.Shard.Index);
        ShardFile.Int32(hashed, b.Shard.Count);
        ShardFile.Int32(hashed, b.FirstTrial);
        ShardFile.Int32(hashed, b.EndTrial);
        ShardFile.Int32(hashed, Audit.Durations.Length);
        ShardFile.WriteDoubles(hashed, Audit.Durations.AsSpan());
        ShardFile.Int32(hashed, Command.Count);
        foreach (var arg in Command)
        {
            ShardFile.Text(hashed, arg);
        }

        ShardFile.Int32(hashed, b.Strategies.Length);
        foreach (var name in b.Strategies)
        {
            ShardFile.Text(hashed, name);
        }

        ShardFile.Int32(hashed, Audit.Runs.Length);
        foreach (var run in Audit.Runs)
        {
            ShardFile.Int32(hashed, run.StockPoints);
            ShardFile.Int32(hashed, run.Disruptions);
            ShardFile.Int32(hashed, run.OutcomeWidth);
            BinaryPrimitives.WriteInt64LittleEndian(eight, run.Events);
            hashed.Write(eight);
            foreach (var values in run.Outcomes)
            {
                ShardFile.WriteDoubles(hashed, values.AsSpan());
            }
        }

        stream.Write(hashed.Hash());
    }

    /// <summary>Reads an audit shard file.</summary>
    /// <exception cref="ShardFileException">The file is missing, not an audit shard file, from another format version, truncated or damaged; the message names the file and the field.</exception>
    public static AuditShardFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShardFileException($"{path}: file not found");
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(file, path);
        }
        catch (EndOfStreamException)
        {
            throw new ShardFileException($"{path}: the file ends early (truncated copy?); run the shard again");
        }
        catch (IOException e)
        {
            throw new ShardFileException($"{path}: cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ShardFileException($"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>Reads an audit shard file's bytes; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ShardFileException">Not a readable audit shard file of this format version.</exception>
    /// <exception cref="EndOfStreamException">The stream ends early.</exception>
    public static AuditShardFile Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hashed = new ShardFile.HashingStream(stream);
        Span<byte> magic = stackalloc byte[8];
        if (hashed.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new ShardFileException($"{name}: not a FlowSim audit shard file (it should start with 'FLOWAUDT'; write them with 'flowsim audit SCENARIO --shard I/N --out FILE')");
        }

        var format = ShardFile.Int32(hashed);
        if (format != FormatVersion)
        {
            throw new ShardFileException($"{name}: format_version: {format}, but this FlowSim reads audit shard format {FormatVersion}; merge with the FlowSim version that wrote the shards");
        }

        var version = ShardFile.Text(hashed, name, "flowsim_version");
        var path = ShardFile.Text(hashed, name, "scenario.path");
        var sha = ShardFile.Text(hashed, name, "scenario.sha256");
        Span<byte> eight = stackalloc byte[8];
        hashed.ReadExactly(eight);
        var seed = BinaryPrimitives.ReadUInt64LittleEndian(eight);
        var total = ShardFile.Int32(hashed);
        var index = ShardFile.Int32(hashed);
        var count = ShardFile.Int32(hashed);
        var first = ShardFile.Int32(hashed);
        var end = ShardFile.Int32(hashed);
        if (total < 1 || total > ScenarioLoader.MaxTrials || count < 1 || count > total || index < 0 || index >= count)
        {
            throw new ShardFileException($"{name}: shard: {index}/{count} of {total} trials is not a shard; the file is damaged");
        }

        var shard = new Shard(index, count);
        if (first != shard.FirstTrial(total) || end != shard.EndTrial(total))
        {
            throw new ShardFileException($"{name}: trials: holds trials [{first}, {end}), but shard {shard} of {total} trials is [{shard.FirstTrial(total)}, {shard.EndTrial(total)})");
        }

        var durations = new double[ShardFile.Count(hashed, name, "durations")];
        ShardFile.ReadDoubles(hashed, durations);
        if (durations.Length == 0 || durations.Any(d => !(d > 0) || !double.IsFinite(d)))
        {
            throw new ShardFileException($"{name}: durations: not a list of positive durations; the file is damaged");
        }

        var command = new string[ShardFile.Count(hashed, name, "command")];
        for (var i = 0; i < command.Length; i++)
        {
            command[i] = ShardFile.Text(hashed, name, $"command[{i}]");
        }

        var strategies = new string[ShardFile.Count(hashed, name, "strategies")];
        for (var i = 0; i < strategies.Length; i++)
        {
            strategies[i] = ShardFile.Text(hashed, name, $"strategies[{i}]");
        }

        var runCount = ShardFile.Count(hashed, name, "runs");
        if (strategies.Length == 0 || runCount == 0)
        {
            throw new ShardFileException($"{name}: {(strategies.Length == 0 ? "strategies" : "runs")}: none; the file is damaged");
        }

        var runs = ImmutableArray.CreateBuilder<ShardOutcomes>(runCount);
        for (var r = 0; r < runCount; r++)
        {
            var stockPoints = ShardFile.Int32(hashed);
            var disruptions = ShardFile.Int32(hashed);
            var width = ShardFile.Int32(hashed);
            hashed.ReadExactly(eight);
            var events = BinaryPrimitives.ReadInt64LittleEndian(eight);
            if (stockPoints is < 0 or > MaxCount || disruptions is < 0 or > MaxCount || events < 0)
            {
                throw new ShardFileException($"{name}: runs[{r}]: {stockPoints} stock points, {disruptions} disruptions, {events} events; the file is damaged");
            }

            if (width != ShardOutcomes.WidthOf(stockPoints, disruptions))
            {
                throw new ShardFileException($"{name}: runs[{r}].outcome_width: {width} numbers per trial, but this FlowSim lays out {ShardOutcomes.WidthOf(stockPoints, disruptions)}; merge with the FlowSim version that wrote the shards");
            }

            // A damaged header must not make us allocate what the file cannot hold.
            var numbers = (long)(end - first) * width;
            if (numbers > Array.MaxLength || (stream.CanSeek && stream.Length - stream.Position < (numbers * strategies.Length * sizeof(double)) + 32))
            {
                throw new EndOfStreamException();
            }

            var outcomes = ImmutableArray.CreateBuilder<ImmutableArray<double>>(strategies.Length);
            for (var s = 0; s < strategies.Length; s++)
            {
                var values = new double[numbers];
                ShardFile.ReadDoubles(hashed, values);
                outcomes.Add(ImmutableCollectionsMarshal.AsImmutableArray(values));
            }

            runs.Add(new ShardOutcomes(seed, total, shard, false, stockPoints, disruptions, [.. strategies], outcomes.MoveToImmutable(), events, 0, 0,
                [.. strategies.Select(_ => ImmutableArray<double>.Empty)]));
        }

        var expected = hashed.Hash();
        Span<byte> stored = stackalloc byte[32];
        stream.ReadExactly(stored);
        if (!stored.SequenceEqual(expected))
        {
            throw new ShardFileException($"{name}: checksum: the content does not match its SHA-256; the file is damaged, run the shard again");
        }

        if (stream.ReadByte() != -1)
        {
            throw new ShardFileException($"{name}: checksum: bytes after the end of the shard; the file is damaged");
        }

        return new AuditShardFile(version, path, sha, command, new AuditShard([.. durations], runs.MoveToImmutable()));
    }
}
