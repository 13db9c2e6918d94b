using System.Collections.Immutable;
using System.Runtime.InteropServices;
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

    // Far above any real value: a damaged count must not pass for a layout.
    private const int MaxCount = 1 << 20;

    /// <summary>The shard file of a slice run by this FlowSim.</summary>
    public static ShardFile Of(Scenario scenario, ShardOutcomes outcomes, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var frame = ShardFraming.FrameOf(scenario, outcomes);
        return new(frame.FlowSimVersion, frame.ScenarioPath, frame.ScenarioSha256, command, outcomes);
    }

    /// <summary>Everything but the outcomes.</summary>
    public ShardHeader Header => new(FlowSimVersion, ScenarioPath, ScenarioSha256, Command, Outcomes.Seed, Outcomes.TotalTrials, Outcomes.Shard,
        Outcomes.Attribute, Outcomes.StockPoints, Outcomes.Disruptions, Outcomes.Strategies, Outcomes.Events);

    /// <summary>Writes the file's bytes (use <see cref="AtomicFile"/> for a file on disk).</summary>
    public void Write(Stream stream)
    {
        var o = Outcomes;
        ShardFraming.Write(stream, ShardKind.Run, new ShardFrame(FlowSimVersion, ScenarioPath, ScenarioSha256, o.Seed, o.TotalTrials, o.Shard), hashed =>
        {
            ShardFraming.Flag(hashed, o.Attribute);
            ShardFraming.Int32(hashed, o.StockPoints);
            ShardFraming.Int32(hashed, o.Disruptions);
            ShardFraming.Int32(hashed, o.OutcomeWidth);
            ShardFraming.Int32(hashed, o.ItemLocations);
            ShardFraming.Int32(hashed, FlowSim.Outcomes.ItemLocationMetrics.Count);
            ShardFraming.Int32(hashed, o.SupplyRows);
            ShardFraming.Int32(hashed, FlowSim.Outcomes.SupplyMetrics.Count);
            ShardFraming.Texts(hashed, Command);
            ShardFraming.Int64(hashed, o.Events);
            ShardFraming.Texts(hashed, o.Strategies);
            foreach (var values in o.Outcomes)
            {
                ShardFraming.WriteDoubles(hashed, values.AsSpan());
            }

            foreach (var values in o.ItemOutcomes)
            {
                ShardFraming.WriteDoubles(hashed, values.AsSpan());
            }
        });
    }

    /// <summary>Reads a shard file.</summary>
    /// <exception cref="ShardFileException">The file is missing, not a shard file, from another format version, truncated or damaged; the message names the file and the field.</exception>
    public static ShardFile Read(string path) => ShardFraming.Read(path, ShardKind.Run, (hashed, frame) => ReadContent(hashed, path, frame, keepOutcomes: true)).File!;

    /// <summary>
    /// Reads a shard file's header and checks the whole file (its checksum included) without
    /// keeping its outcomes: merge checks every file this way before loading them one at a time.
    /// </summary>
    /// <exception cref="ShardFileException">As for <see cref="Read(string)"/>.</exception>
    public static ShardHeader ReadHeader(string path) => ShardFraming.Read(path, ShardKind.Run, (hashed, frame) => ReadContent(hashed, path, frame, keepOutcomes: false)).Header;

    /// <summary>Reads a shard file's bytes; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ShardFileException">Not a readable shard file of this format version.</exception>
    /// <exception cref="EndOfStreamException">The stream ends early.</exception>
    public static ShardFile Read(Stream stream, string name) =>
        ShardFraming.Read(stream, name, ShardKind.Run, (hashed, frame) => ReadContent(hashed, name, frame, keepOutcomes: true)).File!;

    private static (ShardHeader Header, ShardFile? File) ReadContent(ShardFraming.HashingStream hashed, string name, ShardFrame frame, bool keepOutcomes)
    {
        var attribute = ShardFraming.Flag(hashed, name, "attribute");
        var stockPoints = ShardFraming.Int32(hashed);
        var disruptions = ShardFraming.Int32(hashed);
        var width = ShardFraming.Int32(hashed);
        var itemLocations = ShardFraming.Count(hashed, name, "item_locations");
        var itemMetrics = ShardFraming.Int32(hashed);
        var supplyRows = ShardFraming.Count(hashed, name, "supply_rows");
        var supplyMetrics = ShardFraming.Int32(hashed);
        var command = ShardFraming.Texts(hashed, name, "command");
        var events = ShardFraming.Int64(hashed);
        var strategies = ShardFraming.Texts(hashed, name, "strategies");
        var strategyCount = strategies.Length;
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
        var trials = frame.EndTrial - frame.FirstTrial;
        var numbers = (long)trials * width;
        if (numbers > Array.MaxLength)
        {
            throw new ShardFileException($"{name}: outcome_width: {trials} trials of {width} numbers each is more than one shard can hold; the file is damaged, or the study needs more shards");
        }

        var itemNumbers = (long)trials * (((long)itemLocations * itemMetrics) + ((long)supplyRows * supplyMetrics));
        if (itemNumbers > Array.MaxLength)
        {
            throw new ShardFileException($"{name}: item_locations: {trials} trials of {itemLocations} item-locations and {supplyRows} suppliers and lanes each is more than one shard can hold; the file is damaged, or the study needs more shards");
        }

        var perStrategy = (int)numbers;

        // A damaged header must not make us allocate what the file cannot hold.
        if (hashed.BytesLeft < ((perStrategy + itemNumbers) * strategyCount * sizeof(double)) + 32)
        {
            throw new EndOfStreamException();
        }

        var outcomes = ReadPerStrategy(hashed, strategyCount, perStrategy, keepOutcomes);
        var items = ReadPerStrategy(hashed, strategyCount, itemNumbers, keepOutcomes);
        var header = new ShardHeader(frame.FlowSimVersion, frame.ScenarioPath, frame.ScenarioSha256, command, frame.Seed, frame.TotalTrials, frame.Shard, attribute,
            stockPoints, disruptions, [.. strategies], events);
        return keepOutcomes
            ? (header, new ShardFile(frame.FlowSimVersion, frame.ScenarioPath, frame.ScenarioSha256, command,
                new ShardOutcomes(frame.Seed, frame.TotalTrials, frame.Shard, attribute, stockPoints, disruptions, [.. strategies], outcomes, events,
                    itemLocations, supplyRows, items)))
            : (header, null);
    }

    /// <summary>
    /// Reads <paramref name="numbers"/> doubles per strategy; without <paramref name="keep"/> they
    /// are only hashed, in pieces, so that checking a file needs no room for its outcomes.
    /// </summary>
    private static ImmutableArray<ImmutableArray<double>> ReadPerStrategy(Stream hashed, int strategies, long numbers, bool keep)
    {
        var all = ImmutableArray.CreateBuilder<ImmutableArray<double>>(strategies);
        var skipped = keep ? [] : new double[Math.Min(numbers, 1 << 16)];
        for (var s = 0; s < strategies; s++)
        {
            if (keep)
            {
                var values = new double[numbers];
                ShardFraming.ReadDoubles(hashed, values);
                all.Add(ImmutableCollectionsMarshal.AsImmutableArray(values));
                continue;
            }

            for (var left = numbers; left > 0; left -= skipped.Length)
            {
                ShardFraming.ReadDoubles(hashed, skipped.AsSpan(0, (int)Math.Min(left, skipped.Length)));
            }
        }

        return keep ? all.MoveToImmutable() : [];
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
