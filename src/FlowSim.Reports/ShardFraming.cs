using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>What a shard file holds a slice of (a run, an audit, a sweep): its magic, format version and the command that writes it.</summary>
public sealed class ShardKind
{
    private ShardKind(string magic, int formatVersion, string command) => (Magic, FormatVersion, Command) = (magic, formatVersion, command);

    /// <summary>A run's shard (<c>flowsim run --shard</c>, <see cref="ShardFile"/>).</summary>
    public static readonly ShardKind Run = new("FLOWSHRD", ShardFile.FormatVersion, "run");

    /// <summary>An audit's shard (<c>flowsim audit --shard</c>, <see cref="AuditShardFile"/>).</summary>
    public static readonly ShardKind Audit = new("FLOWAUDT", AuditShardFile.FormatVersion, "audit");

    /// <summary>A sweep's shard (<c>flowsim sweep --shard</c>, <see cref="SweepShardFile"/>).</summary>
    public static readonly ShardKind Sweep = new("FLOWSWEP", SweepShardFile.FormatVersion, "sweep");

    private static readonly ShardKind[] All = [Run, Audit, Sweep];

    /// <summary>The file's first eight bytes, ASCII.</summary>
    public string Magic { get; }

    /// <summary>The version of its layout this FlowSim writes and reads.</summary>
    public int FormatVersion { get; }

    /// <summary>The <c>flowsim</c> command whose <c>--shard</c> writes it: run, audit or sweep.</summary>
    public string Command { get; }

    /// <summary>"shard", "audit shard", "sweep shard": the file's name in messages.</summary>
    public string Noun => this == Run ? "shard" : $"{Command} shard";

    /// <summary>"a run", "an audit", "a sweep".</summary>
    public string Study => this == Audit ? "an audit" : $"a {Command}";

    /// <summary>The kind a file's magic names; null when it names none (or the file cannot be read).</summary>
    public static ShardKind? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[8];
            if (file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length)
            {
                return null;
            }

            foreach (var kind in All)
            {
                if (magic.SequenceEqual(Encoding.ASCII.GetBytes(kind.Magic)))
                {
                    return kind;
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// What every shard file says first: who wrote it, which scenario and seed it ran, and which slice of
/// the trials it holds.
/// </summary>
/// <param name="FlowSimVersion">FlowSim version that ran the shard.</param>
/// <param name="ScenarioPath">Scenario path as given on the command line, <c>/</c> separators.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes, lower-case hex.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="TotalTrials">Trials of the whole study.</param>
/// <param name="Shard">Which slice the file holds.</param>
internal readonly record struct ShardFrame(string FlowSimVersion, string ScenarioPath, string ScenarioSha256, ulong Seed, int TotalTrials, Shard Shard)
{
    public int FirstTrial => Shard.FirstTrial(TotalTrials);

    public int EndTrial => Shard.EndTrial(TotalTrials);
}

/// <summary>
/// The framing every shard file shares (run, audit, sweep; docs/scaling.md): magic, format version,
/// FlowSim version, scenario path and hash, seed and trial slice, then the study's own content, then
/// a SHA-256 of every byte before it, so a damaged copy is refused rather than merged. Also the
/// little-endian numbers and strings the contents are written in.
/// </summary>
internal static class ShardFraming
{
    // Far above any real value; stops a damaged length from allocating gigabytes before the checksum is reached.
    private const int MaxStringBytes = 1 << 20;
    private const int MaxCount = 1 << 20;

    /// <summary>The frame of a slice this FlowSim ran of <paramref name="scenario"/>, cut as <paramref name="slice"/> is.</summary>
    public static ShardFrame FrameOf(Scenario scenario, ShardOutcomes slice)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(slice);
        return new(Provenance.Version, scenario.Source.Path.Replace('\\', '/'), scenario.Source.Sha256, slice.Seed, slice.TotalTrials, slice.Shard);
    }

    /// <summary>Writes the frame around the content <paramref name="body"/> writes.</summary>
    public static void Write(Stream stream, ShardKind kind, ShardFrame frame, Action<HashingStream> body)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hashed = new HashingStream(stream);
        hashed.Write(Encoding.ASCII.GetBytes(kind.Magic));
        Int32(hashed, kind.FormatVersion);
        Text(hashed, frame.FlowSimVersion);
        Text(hashed, frame.ScenarioPath);
        Text(hashed, frame.ScenarioSha256);
        UInt64(hashed, frame.Seed);
        Int32(hashed, frame.TotalTrials);
        Int32(hashed, frame.Shard.Index);
        Int32(hashed, frame.Shard.Count);
        Int32(hashed, frame.FirstTrial);
        Int32(hashed, frame.EndTrial);
        body(hashed);
        stream.Write(hashed.Hash());
    }

    /// <summary>Reads the shard file at <paramref name="path"/> through <see cref="Read{T}(Stream, string, ShardKind, Func{HashingStream, ShardFrame, T})"/>.</summary>
    /// <exception cref="ShardFileException">The file is missing, unreadable, not of this kind or format version, truncated or damaged.</exception>
    public static T Read<T>(string path, ShardKind kind, Func<HashingStream, ShardFrame, T> body)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShardFileException($"{path}: file not found");
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(file, path, kind, body);
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

    /// <summary>
    /// Reads and checks the frame (the slice must be one the trial plan makes), lets
    /// <paramref name="body"/> read the content, then checks the checksum and that nothing follows it.
    /// </summary>
    /// <exception cref="ShardFileException">Not a readable shard file of this kind and format version; the message names <paramref name="name"/> and the field.</exception>
    /// <exception cref="EndOfStreamException">The stream ends early.</exception>
    public static T Read<T>(Stream stream, string name, ShardKind kind, Func<HashingStream, ShardFrame, T> body)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hashed = new HashingStream(stream);
        Span<byte> magic = stackalloc byte[8];
        var got = hashed.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (got < magic.Length || !magic.SequenceEqual(Encoding.ASCII.GetBytes(kind.Magic)))
        {
            throw new ShardFileException($"{name}: not a FlowSim {kind.Noun} file (it should start with '{kind.Magic}'; write {kind.Noun}s with 'flowsim {kind.Command} SCENARIO --shard I/N --out FILE')");
        }

        var format = Int32(hashed);
        if (format != kind.FormatVersion)
        {
            throw new ShardFileException($"{name}: format_version: {format}, but this FlowSim reads {kind.Noun} format {kind.FormatVersion}; merge with the FlowSim version that wrote the shards");
        }

        var version = Text(hashed, name, "flowsim_version");
        var path = Text(hashed, name, "scenario.path");
        var sha = Text(hashed, name, "scenario.sha256");
        var seed = UInt64(hashed);
        var total = Int32(hashed);
        var index = Int32(hashed);
        var count = Int32(hashed);
        var first = Int32(hashed);
        var end = Int32(hashed);

        // The slice must be what the plan says before its size is trusted for an allocation.
        if (total < 1 || count < 1 || count > total || index < 0 || index >= count)
        {
            throw new ShardFileException($"{name}: shard: {index}/{count} of {total} trials is not a shard; the file is damaged");
        }

        if (total > ScenarioLoader.MaxTrials)
        {
            throw new ShardFileException($"{name}: trials: {total} is more than FlowSim runs in one study ({ScenarioLoader.MaxTrials}); the file is damaged");
        }

        var shard = new Shard(index, count);
        if (first != shard.FirstTrial(total) || end != shard.EndTrial(total))
        {
            throw new ShardFileException($"{name}: trials: holds trials [{first}, {end}), but shard {shard} of {total} trials is [{shard.FirstTrial(total)}, {shard.EndTrial(total)})");
        }

        var result = body(hashed, new ShardFrame(version, path, sha, seed, total, shard));
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

        return result;
    }

    /// <summary>
    /// The runs of a study (an audit's baseline and outages, a sweep's points): their count, then per
    /// run its outcome layout, its events and its outcome vectors, strategy after strategy.
    /// </summary>
    public static void WriteRuns(Stream s, IReadOnlyList<ShardOutcomes> runs)
    {
        Int32(s, runs.Count);
        foreach (var run in runs)
        {
            Int32(s, run.StockPoints);
            Int32(s, run.Disruptions);
            Int32(s, run.OutcomeWidth);
            Int64(s, run.Events);
            foreach (var values in run.Outcomes)
            {
                WriteDoubles(s, values.AsSpan());
            }
        }
    }

    /// <summary>Reads what <see cref="WriteRuns"/> wrote: each run's slice of outcome vectors (no item-level rows).</summary>
    public static ImmutableArray<ShardOutcomes> ReadRuns(HashingStream s, string name, ShardFrame frame, string[] strategies, bool attribute)
    {
        var count = Count(s, name, "runs");
        if (strategies.Length == 0 || count == 0)
        {
            throw new ShardFileException($"{name}: {(strategies.Length == 0 ? "strategies" : "runs")}: none; the file is damaged");
        }

        var trials = frame.EndTrial - frame.FirstTrial;
        var runs = ImmutableArray.CreateBuilder<ShardOutcomes>(count);
        for (var r = 0; r < count; r++)
        {
            var stockPoints = Int32(s);
            var disruptions = Int32(s);
            var width = Int32(s);
            var events = Int64(s);
            if (stockPoints is < 0 or > MaxCount || disruptions is < 0 or > MaxCount || events < 0)
            {
                throw new ShardFileException($"{name}: runs[{r}]: {stockPoints} stock points, {disruptions} disruptions, {events} events; the file is damaged");
            }

            if (width != ShardOutcomes.WidthOf(stockPoints, disruptions))
            {
                throw new ShardFileException($"{name}: runs[{r}].outcome_width: {width} numbers per trial, but this FlowSim lays out {ShardOutcomes.WidthOf(stockPoints, disruptions)}; merge with the FlowSim version that wrote the shards");
            }

            // A damaged header must not make us allocate what the file cannot hold.
            var numbers = (long)trials * width;
            if (numbers > Array.MaxLength || s.BytesLeft < (numbers * strategies.Length * sizeof(double)) + 32)
            {
                throw new EndOfStreamException();
            }

            var outcomes = ImmutableArray.CreateBuilder<ImmutableArray<double>>(strategies.Length);
            for (var k = 0; k < strategies.Length; k++)
            {
                var values = new double[numbers];
                ReadDoubles(s, values);
                outcomes.Add(ImmutableCollectionsMarshal.AsImmutableArray(values));
            }

            runs.Add(new ShardOutcomes(frame.Seed, frame.TotalTrials, frame.Shard, attribute, stockPoints, disruptions, [.. strategies], outcomes.MoveToImmutable(), events, 0, 0,
                [.. strategies.Select(_ => ImmutableArray<double>.Empty)]));
        }

        return runs.MoveToImmutable();
    }

    /// <summary>
    /// A study's shard as a run's shard header: the first run's layout and strategies and every
    /// run's events, so that <see cref="ShardMerge.Problems"/> checks it as it checks a run's shards.
    /// </summary>
    public static ShardHeader HeaderOf(string flowSimVersion, string scenarioPath, string scenarioSha256, IReadOnlyList<string> command, ImmutableArray<ShardOutcomes> runs)
    {
        var b = runs[0];
        return new(flowSimVersion, scenarioPath, scenarioSha256, command, b.Seed, b.TotalTrials, b.Shard, b.Attribute, b.StockPoints, b.Disruptions, b.Strategies, runs.Sum(r => r.Events));
    }

    public static void Int32(Stream s, int value) => WriteInteger(s, value);

    public static int Int32(Stream s) => ReadInteger<int>(s, sizeof(int));

    public static void Int64(Stream s, long value) => WriteInteger(s, value);

    public static long Int64(Stream s) => ReadInteger<long>(s, sizeof(long));

    private static void UInt64(Stream s, ulong value) => WriteInteger(s, value);

    private static ulong UInt64(Stream s) => ReadInteger<ulong>(s, sizeof(ulong));

    private static void WriteInteger<T>(Stream s, T value)
        where T : IBinaryInteger<T>
    {
        Span<byte> bytes = stackalloc byte[8];
        s.Write(bytes[..value.WriteLittleEndian(bytes)]);
    }

    private static T ReadInteger<T>(Stream s, int size)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        Span<byte> bytes = stackalloc byte[size];
        s.ReadExactly(bytes);
        return T.ReadLittleEndian(bytes, isUnsigned: T.MinValue == T.Zero);
    }

    /// <summary>A 0 or 1 byte.</summary>
    public static void Flag(Stream s, bool value) => s.WriteByte(value ? (byte)1 : (byte)0);

    public static bool Flag(Stream s, string name, string field) => s.ReadByte() switch
    {
        0 => false,
        1 => true,
        -1 => throw new EndOfStreamException(),
        var b => throw new ShardFileException($"{name}: {field}: expected 0 or 1, got {b}; the file is damaged"),
    };

    public static int Count(Stream s, string name, string field)
    {
        var n = Int32(s);
        return n is >= 0 and <= MaxCount ? n : throw new ShardFileException($"{name}: {field}: count {n} is out of range; the file is damaged");
    }

    // A string is its UTF-8 byte count (int32) and the bytes.
    public static void Text(Stream s, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Int32(s, bytes.Length);
        s.Write(bytes);
    }

    public static string Text(Stream s, string name, string field)
    {
        var n = Int32(s);
        if (n is < 0 or > MaxStringBytes)
        {
            throw new ShardFileException($"{name}: {field}: length {n} is out of range; the file is damaged");
        }

        var bytes = new byte[n];
        s.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A list of strings: its count (int32), then each string.</summary>
    public static void Texts(Stream s, IReadOnlyList<string> values)
    {
        Int32(s, values.Count);
        foreach (var v in values)
        {
            Text(s, v);
        }
    }

    public static string[] Texts(Stream s, string name, string field)
    {
        var values = new string[Count(s, name, field)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Text(s, name, $"{field}[{i}]");
        }

        return values;
    }

    public static void WriteDoubles(Stream s, ReadOnlySpan<double> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            s.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> eight = stackalloc byte[8];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(eight, v);
            s.Write(eight);
        }
    }

    public static void ReadDoubles(Stream s, Span<double> values)
    {
        s.ReadExactly(MemoryMarshal.AsBytes(values));
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToInt64Bits(values[i])));
            }
        }
    }

    /// <summary>Passes bytes through to another stream and hashes them on the way.</summary>
    internal sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public byte[] Hash() => _hash.GetHashAndReset();

        /// <summary>Bytes left in the stream read from, when it knows; a damaged header must not make us allocate what the file cannot hold.</summary>
        public long? BytesLeft => inner.CanSeek ? inner.Length - inner.Position : null;

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // The inner stream belongs to the caller.
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
