using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// A <c>.flowsim</c> shard file: one slice of an experiment's trial outcomes with the provenance
/// that decides whether shards belong together. The layout (<see cref="FormatVersion"/>, little-endian) is
/// documented in docs/scaling.md; a SHA-256 of the content closes the file, so a damaged copy is
/// refused rather than merged.
/// </summary>
/// <param name="FlowSimVersion">FlowSim version that ran the shard.</param>
/// <param name="ScenarioPath">Scenario path as given on the command line; merge reloads it from there.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes, lower-case hex.</param>
/// <param name="Command">The recorded command (see <see cref="Provenance.ReproducibleCommand"/>) without <c>--shard</c>: the command of the equivalent single run.</param>
/// <param name="Outcomes">The slice's outcomes.</param>
public sealed record ShardFile(string FlowSimVersion, string ScenarioPath, string ScenarioSha256, IReadOnlyList<string> Command, ShardOutcomes Outcomes)
{
    /// <summary>The format version this FlowSim writes and reads.</summary>
    public const int FormatVersion = 3;

    /// <summary>The first eight bytes of every shard file.</summary>
    public static ReadOnlySpan<byte> Magic => "FLOWSHRD"u8;

    // Far above any real value; stops a damaged length from allocating gigabytes before the checksum is reached.
    private const int MaxStringBytes = 1 << 20;
    private const int MaxCount = 1 << 20;

    /// <summary>The shard file of a slice run by this FlowSim.</summary>
    public static ShardFile Of(Scenario scenario, ShardOutcomes outcomes, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new(Provenance.Version, scenario.Source.Path.Replace('\\', '/'), scenario.Source.Sha256, command, outcomes);
    }

    /// <summary>Everything but the outcomes.</summary>
    public ShardHeader Header => new(FlowSimVersion, ScenarioPath, ScenarioSha256, Command, Outcomes.Seed, Outcomes.TotalTrials, Outcomes.Shard,
        Outcomes.Attribute, Outcomes.StockPoints, Outcomes.Disruptions, Outcomes.Strategies, Outcomes.Events);

    /// <summary>Writes the file's bytes (use <see cref="AtomicFile"/> for a file on disk).</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hashed = new HashingStream(stream);
        var o = Outcomes;
        hashed.Write(Magic);
        Int32(hashed, FormatVersion);
        Text(hashed, FlowSimVersion);
        Text(hashed, ScenarioPath);
        Text(hashed, ScenarioSha256);
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(eight, o.Seed);
        hashed.Write(eight);
        Int32(hashed, o.TotalTrials);
        Int32(hashed, o.Shard.Index);
        Int32(hashed, o.Shard.Count);
        Int32(hashed, o.FirstTrial);
        Int32(hashed, o.EndTrial);
        hashed.WriteByte(o.Attribute ? (byte)1 : (byte)0);
        Int32(hashed, o.StockPoints);
        Int32(hashed, o.Disruptions);
        Int32(hashed, o.OutcomeWidth);
        Int32(hashed, o.ItemLocations);
        Int32(hashed, FlowSim.Outcomes.ItemLocationMetrics.Count);
        Int32(hashed, o.SupplyRows);
        Int32(hashed, FlowSim.Outcomes.SupplyMetrics.Count);
        Int32(hashed, Command.Count);
        foreach (var arg in Command)
        {
            Text(hashed, arg);
        }

        BinaryPrimitives.WriteInt64LittleEndian(eight, o.Events);
        hashed.Write(eight);
        Int32(hashed, o.Strategies.Length);
        foreach (var name in o.Strategies)
        {
            Text(hashed, name);
        }

        foreach (var values in o.Outcomes)
        {
            WriteDoubles(hashed, values.AsSpan());
        }

        foreach (var values in o.ItemOutcomes)
        {
            WriteDoubles(hashed, values.AsSpan());
        }

        stream.Write(hashed.Hash());
    }

    /// <summary>Reads a shard file.</summary>
    /// <exception cref="ShardFileException">The file is missing, not a shard file, from another format version, truncated or damaged; the message names the file and the field.</exception>
    public static ShardFile Read(string path) => ReadFile(path, keepOutcomes: true).File!;

    /// <summary>
    /// Reads a shard file's header and checks the whole file (its checksum included) without
    /// keeping its outcomes: merge checks every file this way before loading them one at a time.
    /// </summary>
    /// <exception cref="ShardFileException">As for <see cref="Read(string)"/>.</exception>
    public static ShardHeader ReadHeader(string path) => ReadFile(path, keepOutcomes: false).Header;

    private static (ShardHeader Header, ShardFile? File) ReadFile(string path, bool keepOutcomes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShardFileException($"{path}: file not found");
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(file, path, keepOutcomes);
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

    /// <summary>Reads a shard file's bytes; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ShardFileException">Not a readable shard file of this format version.</exception>
    /// <exception cref="EndOfStreamException">The stream ends early.</exception>
    public static ShardFile Read(Stream stream, string name) => Read(stream, name, keepOutcomes: true).File!;

    private static (ShardHeader Header, ShardFile? File) Read(Stream stream, string name, bool keepOutcomes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hashed = new HashingStream(stream);
        Span<byte> magic = stackalloc byte[8];
        var got = hashed.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (got < magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new ShardFileException($"{name}: not a FlowSim shard file (it should start with 'FLOWSHRD'; write shards with 'flowsim run SCENARIO --shard I/N --out FILE')");
        }

        var format = Int32(hashed);
        if (format != FormatVersion)
        {
            throw new ShardFileException($"{name}: format_version: {format}, but this FlowSim reads shard format {FormatVersion}; merge with the FlowSim version that wrote the shards");
        }

        var version = Text(hashed, name, "flowsim_version");
        var path = Text(hashed, name, "scenario.path");
        var sha = Text(hashed, name, "scenario.sha256");
        Span<byte> eight = stackalloc byte[8];
        hashed.ReadExactly(eight);
        var seed = BinaryPrimitives.ReadUInt64LittleEndian(eight);
        var total = Int32(hashed);
        var index = Int32(hashed);
        var count = Int32(hashed);
        var first = Int32(hashed);
        var end = Int32(hashed);
        var attribute = hashed.ReadByte() switch
        {
            0 => false,
            1 => true,
            -1 => throw new EndOfStreamException(),
            var b => throw new ShardFileException($"{name}: attribute: expected 0 or 1, got {b}; the file is damaged"),
        };
        var stockPoints = Int32(hashed);
        var disruptions = Int32(hashed);
        var width = Int32(hashed);
        var itemLocations = Count(hashed, name, "item_locations");
        var itemMetrics = Int32(hashed);
        var supplyRows = Count(hashed, name, "supply_rows");
        var supplyMetrics = Int32(hashed);
        var args = Count(hashed, name, "command");
        var command = new string[args];
        for (var i = 0; i < args; i++)
        {
            command[i] = Text(hashed, name, $"command[{i}]");
        }

        hashed.ReadExactly(eight);
        var events = BinaryPrimitives.ReadInt64LittleEndian(eight);
        var strategyCount = Count(hashed, name, "strategies");
        var strategies = new string[strategyCount];
        for (var i = 0; i < strategyCount; i++)
        {
            strategies[i] = Text(hashed, name, $"strategies[{i}]");
        }

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

        if (stockPoints < 0 || disruptions < 0 || stockPoints > MaxCount || disruptions > MaxCount)
        {
            throw new ShardFileException($"{name}: outcome_layout: {stockPoints} stock points and {disruptions} disruptions; the file is damaged");
        }

        var layoutWidth = ShardOutcomes.WidthOf(stockPoints, disruptions);
        if (width != layoutWidth)
        {
            throw new ShardFileException($"{name}: outcome_width: {width} numbers per trial, but this FlowSim lays out {layoutWidth} for {stockPoints} stock points and {disruptions} disruptions; merge with the FlowSim version that wrote the shards");
        }

        if (itemMetrics != FlowSim.Outcomes.ItemLocationMetrics.Count)
        {
            throw new ShardFileException($"{name}: item_width: {itemMetrics} numbers per item-location, but this FlowSim lays out {FlowSim.Outcomes.ItemLocationMetrics.Count}; merge with the FlowSim version that wrote the shards");
        }

        if (supplyMetrics != FlowSim.Outcomes.SupplyMetrics.Count)
        {
            throw new ShardFileException($"{name}: supply_width: {supplyMetrics} numbers per supplier or lane, but this FlowSim lays out {FlowSim.Outcomes.SupplyMetrics.Count}; merge with the FlowSim version that wrote the shards");
        }

        if (strategyCount == 0 || events < 0)
        {
            throw new ShardFileException($"{name}: {(strategyCount == 0 ? "strategies: none" : $"events: {events}")}; the file is damaged");
        }

        // Counted in 64 bits: a damaged width times the slice's trials must not overflow.
        var numbers = (long)(end - first) * width;
        if (numbers > Array.MaxLength)
        {
            throw new ShardFileException($"{name}: outcome_width: {end - first} trials of {width} numbers each is more than one shard can hold; the file is damaged, or the study needs more shards");
        }

        var itemNumbers = (long)(end - first) * (((long)itemLocations * itemMetrics) + ((long)supplyRows * supplyMetrics));
        if (itemNumbers > Array.MaxLength)
        {
            throw new ShardFileException($"{name}: item_locations: {end - first} trials of {itemLocations} item-locations and {supplyRows} suppliers and lanes each is more than one shard can hold; the file is damaged, or the study needs more shards");
        }

        var outcomes = ImmutableArray.CreateBuilder<ImmutableArray<double>>(strategyCount);
        var perStrategy = (int)numbers;

        // A damaged header must not make us allocate what the file cannot hold.
        if (stream.CanSeek && stream.Length - stream.Position < ((perStrategy + itemNumbers) * strategyCount * sizeof(double)) + 32)
        {
            throw new EndOfStreamException();
        }

        var skipped = keepOutcomes ? [] : new double[Math.Min(perStrategy, 1 << 16)];
        for (var s = 0; s < strategyCount; s++)
        {
            if (keepOutcomes)
            {
                var values = new double[perStrategy];
                ReadDoubles(hashed, values);
                outcomes.Add(ImmutableCollectionsMarshal.AsImmutableArray(values));
                continue;
            }

            // Only hashed, in pieces: checking a file needs no room for its outcomes.
            for (var left = perStrategy; left > 0; left -= skipped.Length)
            {
                ReadDoubles(hashed, skipped.AsSpan(0, Math.Min(left, skipped.Length)));
            }
        }

        var items = ImmutableArray.CreateBuilder<ImmutableArray<double>>(strategyCount);
        for (var s = 0; s < strategyCount; s++)
        {
            if (keepOutcomes)
            {
                var values = new double[itemNumbers];
                ReadDoubles(hashed, values);
                items.Add(ImmutableCollectionsMarshal.AsImmutableArray(values));
                continue;
            }

            for (var left = itemNumbers; left > 0; left -= skipped.Length)
            {
                ReadDoubles(hashed, skipped.AsSpan(0, (int)Math.Min(left, skipped.Length)));
            }
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

        var header = new ShardHeader(version, path, sha, command, seed, total, shard, attribute, stockPoints, disruptions, [.. strategies], events);
        return keepOutcomes
            ? (header, new ShardFile(version, path, sha, command,
                new ShardOutcomes(seed, total, shard, attribute, stockPoints, disruptions, [.. strategies], outcomes.MoveToImmutable(), events,
                    itemLocations, supplyRows, items.MoveToImmutable())))
            : (header, null);
    }

    internal static void Int32(Stream s, int value)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(four, value);
        s.Write(four);
    }

    internal static int Int32(Stream s)
    {
        Span<byte> four = stackalloc byte[4];
        s.ReadExactly(four);
        return BinaryPrimitives.ReadInt32LittleEndian(four);
    }

    internal static int Count(Stream s, string name, string field)
    {
        var n = Int32(s);
        return n is >= 0 and <= MaxCount ? n : throw new ShardFileException($"{name}: {field}: count {n} is out of range; the file is damaged");
    }

    // A string is its UTF-8 byte count (int32) and the bytes.
    internal static void Text(Stream s, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Int32(s, bytes.Length);
        s.Write(bytes);
    }

    internal static string Text(Stream s, string name, string field)
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

    internal static void WriteDoubles(Stream s, ReadOnlySpan<double> values)
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

    internal static void ReadDoubles(Stream s, Span<double> values)
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

/// <summary>What a shard file says about itself: everything but the outcomes (see <see cref="ShardFile"/>).</summary>
/// <param name="FlowSimVersion">FlowSim version that ran the shard.</param>
/// <param name="ScenarioPath">Scenario path as given on the command line.</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's bytes.</param>
/// <param name="Command">The recorded command of the equivalent single run.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="TotalTrials">Trials of the whole study.</param>
/// <param name="Shard">Which slice the file holds.</param>
/// <param name="Attribute">Whether disruption cost was attributed.</param>
/// <param name="StockPoints">Stock points in the outcome layout.</param>
/// <param name="Disruptions">Disruptions in the outcome layout.</param>
/// <param name="Strategies">Strategy names, in scenario order.</param>
/// <param name="Events">Engine events the shard processed.</param>
public sealed record ShardHeader(
    string FlowSimVersion, string ScenarioPath, string ScenarioSha256, IReadOnlyList<string> Command, ulong Seed, int TotalTrials,
    Shard Shard, bool Attribute, int StockPoints, int Disruptions, ImmutableArray<string> Strategies, long Events);

/// <summary>A shard file that cannot be used; the message names the file and the field, and says what to do.</summary>
public sealed class ShardFileException(string message) : Exception(message);
