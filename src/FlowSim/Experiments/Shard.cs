using System.Collections.Immutable;
using System.Runtime.InteropServices;
using FlowSim.Engine;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: a contiguous slice of an experiment's trials.
/// With T trials, shard I holds trials [floor(I*T/N), floor((I+1)*T/N)), I counted from 0, so the
/// N slices cover every trial exactly once and differ in size by at most one.
/// </summary>
/// <param name="Index">Which slice, from 0 to <paramref name="Count"/> - 1.</param>
/// <param name="Count">How many slices the trials are cut into.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The first trial of this slice, out of <paramref name="trials"/>.</summary>
    public int FirstTrial(int trials) => (int)((long)Index * trials / Count);

    /// <summary>The trial after the last one of this slice (exclusive end).</summary>
    public int EndTrial(int trials) => (int)((long)(Index + 1) * trials / Count);

    /// <summary>Shard index/count, as written on the command line (<c>2/7</c>).</summary>
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// Every trial outcome of one shard, per strategy, with what shapes them: enough to merge the
/// shards of one experiment into exactly the result a single run gives.
/// </summary>
public sealed class ShardOutcomes
{
    /// <summary>Checks and keeps a shard's outcomes (for example, as read back from a shard file).</summary>
    /// <param name="seed">Master seed of the experiment.</param>
    /// <param name="totalTrials">Trials of the whole experiment, all shards together.</param>
    /// <param name="shard">Which slice these trials are.</param>
    /// <param name="attribute">Whether disruption cost was attributed to each disruption.</param>
    /// <param name="stockPoints">Stock points in the scenario (the outcome layout).</param>
    /// <param name="disruptions">Disruptions in the scenario (the outcome layout).</param>
    /// <param name="strategies">Strategy names, in scenario order.</param>
    /// <param name="outcomes">Per strategy, the slice's outcome vectors trial after trial (<see cref="OutcomeWidth"/> numbers each).</param>
    /// <param name="events">Events the engine processed for this shard.</param>
    /// <param name="itemLocations">Item-locations in the scenario (the item-level layout).</param>
    /// <param name="supplyRows">Suppliers and lanes in the scenario, together (the supply layout).</param>
    /// <param name="itemOutcomes">Per strategy, each trial's item-location outcomes, then its supplier and lane outcomes (<see cref="ItemWidth"/> numbers a trial), trial after trial.</param>
    public ShardOutcomes(ulong seed, int totalTrials, Shard shard, bool attribute, int stockPoints, int disruptions,
        ImmutableArray<string> strategies, ImmutableArray<ImmutableArray<double>> outcomes, long events,
        int itemLocations, int supplyRows, ImmutableArray<ImmutableArray<double>> itemOutcomes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalTrials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shard.Count, 1, nameof(shard));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shard.Count, totalTrials, nameof(shard));
        if (shard.Index < 0 || shard.Index >= shard.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), $"shard index must be from 0 to {shard.Count - 1}, got {shard.Index}");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(stockPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(disruptions);
        if (strategies.Length != outcomes.Length)
        {
            throw new ArgumentException($"{strategies.Length} strategies but {outcomes.Length} outcome arrays", nameof(outcomes));
        }

        Seed = seed;
        TotalTrials = totalTrials;
        Shard = shard;
        Attribute = attribute;
        StockPoints = stockPoints;
        Disruptions = disruptions;
        Strategies = strategies;
        Outcomes = outcomes;
        Events = events;
        ArgumentOutOfRangeException.ThrowIfNegative(itemLocations);
        ArgumentOutOfRangeException.ThrowIfNegative(supplyRows);
        ItemLocations = itemLocations;
        SupplyRows = supplyRows;
        ItemOutcomes = itemOutcomes;
        var perTrial = (long)Trials * ItemWidth;
        if (itemOutcomes.Length != strategies.Length || itemOutcomes.Any(o => o.Length != perTrial))
        {
            throw new ArgumentException($"shard {shard} holds {Trials} trials of {ItemWidth} item-location, supplier and lane numbers per strategy; the item outcomes do not match", nameof(itemOutcomes));
        }

        var expected = (long)Trials * OutcomeWidth;
        foreach (var o in outcomes)
        {
            if (o.Length != expected)
            {
                throw new ArgumentException($"shard {shard} holds {Trials} trials of {OutcomeWidth} numbers, so {expected} numbers per strategy; got {o.Length}", nameof(outcomes));
            }
        }
    }

    /// <summary>Master seed of the experiment.</summary>
    public ulong Seed { get; }

    /// <summary>Trials of the whole experiment.</summary>
    public int TotalTrials { get; }

    /// <summary>Which slice of the trials this is.</summary>
    public Shard Shard { get; }

    /// <summary>First trial held.</summary>
    public int FirstTrial => Shard.FirstTrial(TotalTrials);

    /// <summary>Trial after the last one held.</summary>
    public int EndTrial => Shard.EndTrial(TotalTrials);

    /// <summary>Trials held.</summary>
    public int Trials => EndTrial - FirstTrial;

    /// <summary>Whether disruption cost was attributed to each disruption.</summary>
    public bool Attribute { get; }

    /// <summary>Stock points in the outcome layout.</summary>
    public int StockPoints { get; }

    /// <summary>Disruptions in the outcome layout.</summary>
    public int Disruptions { get; }

    /// <summary>Numbers in one trial's outcome vector.</summary>
    public int OutcomeWidth => WidthOf(StockPoints, Disruptions);

    /// <summary>Numbers in one trial's outcome vector for a scenario with these stock points and disruptions.</summary>
    public static int WidthOf(int stockPoints, int disruptions) => new OutcomeLayout(stockPoints, disruptions).Length;

    /// <summary>Strategy names, in scenario order.</summary>
    public ImmutableArray<string> Strategies { get; }

    /// <summary>Per strategy, the outcome vectors of this slice's trials, trial after trial.</summary>
    public ImmutableArray<ImmutableArray<double>> Outcomes { get; }

    /// <summary>Events the engine processed for this shard.</summary>
    public long Events { get; }

    /// <summary>Item-locations in the item-level layout.</summary>
    public int ItemLocations { get; }

    /// <summary>Suppliers and lanes together in the supply layout.</summary>
    public int SupplyRows { get; }

    /// <summary>
    /// Numbers of one trial's item-level outcomes: every item-location's <see cref="ItemLocationMetrics.Count"/>,
    /// then every supplier's and lane's <see cref="SupplyMetrics.Count"/>.
    /// </summary>
    public int ItemWidth => ItemWidthOf(ItemLocations, SupplyRows);

    /// <summary>Numbers of one trial's item-level outcomes for these item-locations and suppliers and lanes.</summary>
    internal static int ItemWidthOf(int itemLocations, int supplyRows) => (itemLocations * ItemLocationMetrics.Count) + (supplyRows * SupplyMetrics.Count);

    /// <summary>Per strategy, every trial's item-level outcomes, trial after trial: a merge adds them up in trial order as a single run does.</summary>
    public ImmutableArray<ImmutableArray<double>> ItemOutcomes { get; }
}

/// <summary>
/// Runs an experiment in shards, on one machine or many, and merges them. Trial k draws from the
/// same random streams in a shard as in a whole run, and the merge assembles the result through
/// the same code as <see cref="Experiment.Run"/>, so merged shards equal a single run exactly.
/// </summary>
public static class Sharding
{
    /// <summary>Runs one slice of the experiment's trials.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="options">Trials, seed, threads and attribution; adaptive precision cannot be sharded.</param>
    /// <param name="shard">Which slice to run; its count must not exceed the trials.</param>
    /// <param name="progress">Told the number of trials of this slice completed so far.</param>
    /// <param name="cancellation">Stops the run between trials.</param>
    public static ShardOutcomes Run(Scenario scenario, RunOptions options, Shard shard, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Precision is not null)
        {
            throw new ArgumentException("adaptive precision decides the trials as it goes, so it cannot be sharded", nameof(options));
        }

        var trials = options.Trials ?? scenario.Trials;
        var seed = options.Seed ?? scenario.Seed;
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1, nameof(options));
        if (shard.Count < 1 || shard.Count > trials || shard.Index < 0 || shard.Index >= shard.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), $"shard {shard} does not cut {trials} trials into slices");
        }

        var model = Model.Compile(scenario);
        var first = shard.FirstTrial(trials);
        var runner = new TrialRunner(model, seed, options.Attribute, options.Threads, first, keepItemRows: true);
        runner.Run(shard.EndTrial(trials) - first, progress, cancellation);
        var outcomes = ImmutableArray.CreateBuilder<ImmutableArray<double>>(model.Strategies.Length);
        var items = ImmutableArray.CreateBuilder<ImmutableArray<double>>(model.Strategies.Length);
        for (var s = 0; s < model.Strategies.Length; s++)
        {
            outcomes.Add(ImmutableCollectionsMarshal.AsImmutableArray(runner.Store.Rows(s)));
            items.Add(ImmutableCollectionsMarshal.AsImmutableArray(runner.ItemRows!.Rows(s)));
        }

        return new ShardOutcomes(seed, trials, shard, options.Attribute, model.StockPointIds.Length, model.Disruptions.Length,
            [.. model.Strategies.Select(s => s.Name)], outcomes.MoveToImmutable(), runner.Events, model.Slots.Length, model.SupplyRows, items.MoveToImmutable());
    }

    /// <summary>
    /// Merges every shard of one experiment, in any order, into the result a single run with the
    /// same trials, seed and attribution gives.
    /// </summary>
    /// <param name="scenario">The scenario the shards ran (the caller checks it is the same file).</param>
    /// <param name="shards">Every shard exactly once.</param>
    /// <exception cref="ArgumentException">The shards are not one complete experiment of this scenario.</exception>
    public static ExperimentResult Merge(Scenario scenario, IReadOnlyList<ShardOutcomes> shards)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("no shards to merge", nameof(shards));
        }

        var first = shards[0];
        var ordered = new ShardOutcomes?[first.Shard.Count];
        foreach (var s in shards)
        {
            if (!SameExperiment(s, first))
            {
                throw new ArgumentException($"shard {s.Shard} is from another experiment than shard {first.Shard}", nameof(shards));
            }

            if (ordered[s.Shard.Index] is not null)
            {
                throw new ArgumentException($"shard {s.Shard} is given twice", nameof(shards));
            }

            ordered[s.Shard.Index] = s;
        }

        var missing = Array.FindIndex(ordered, s => s is null);
        if (missing >= 0)
        {
            throw new ArgumentException($"shard {missing}/{first.Shard.Count} is missing", nameof(shards));
        }

        return Merge(scenario, ordered.Length, i => ordered[i]!);
    }

    /// <summary>
    /// Merges the shards of one experiment loaded one at a time, in shard order, so that no more
    /// than one shard's outcomes need be in memory at once.
    /// </summary>
    /// <param name="scenario">The scenario the shards ran (the caller checks it is the same file).</param>
    /// <param name="shards">How many shards the experiment was cut into.</param>
    /// <param name="load">Loads shard i (0 to <paramref name="shards"/> - 1); called once for each, in order.</param>
    /// <param name="rank">The measure verdicts rank by, as the shards' command gave it; null = the default.</param>
    /// <param name="itemLocationPercentiles">Give every item-location metric its percentiles over trials (see <see cref="RunOptions.ItemLocationPercentiles"/>).</param>
    /// <exception cref="ArgumentException">A shard loaded is not the one asked for, or not from the same experiment as shard 0.</exception>
    public static ExperimentResult Merge(Scenario scenario, int shards, Func<int, ShardOutcomes> load, RankMeasure? rank = null, bool itemLocationPercentiles = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var model = Model.Compile(scenario);
        ShardOutcomes? first = null;
        OutcomeStore? outcomes = null;
        ItemLevelBooks[]? books = null;
        OutcomeStore? itemRows = null;
        long events = 0;
        for (var i = 0; i < shards; i++)
        {
            var s = load(i);
            if (s.Shard != new Shard(i, shards))
            {
                throw new ArgumentException($"asked for shard {i}/{shards}, got shard {s.Shard}", nameof(load));
            }

            if (first is null)
            {
                first = s;
                if (s.StockPoints != model.StockPointIds.Length || s.Disruptions != model.Disruptions.Length || s.ItemLocations != model.Slots.Length
                    || s.SupplyRows != model.SupplyRows || !s.Strategies.SequenceEqual(model.Strategies.Select(x => x.Name)))
                {
                    throw new ArgumentException("the shards' stock points, item-locations, disruptions or strategies differ from the scenario's", nameof(load));
                }

                // Shard after shard, in trial order, into the same store and books a whole run fills.
                outcomes = new OutcomeStore(s.Strategies.Length, s.OutcomeWidth, OutcomeStorage.Default);
                books = TrialRunner.NewBooks(model);
                itemRows = new OutcomeStore(s.Strategies.Length, s.ItemWidth, OutcomeStorage.Default);
            }
            else if (!SameExperiment(s, first))
            {
                throw new ArgumentException($"shard {s.Shard} is from another experiment than shard {first.Shard}", nameof(load));
            }

            outcomes!.AppendRows([.. s.Outcomes.Select(o => o.AsMemory())], s.Trials);
            itemRows!.AppendRows([.. s.ItemOutcomes.Select(o => o.AsMemory())], s.Trials);
            for (var st = 0; st < books!.Length; st++)
            {
                var rows = s.ItemOutcomes[st].AsSpan();
                for (var k = 0; k < s.Trials; k++)
                {
                    books[st].AddTrial(rows.Slice(k * s.ItemWidth, s.ItemWidth));
                }
            }

            events += s.Events;
        }

        var options = new RunOptions(first!.TotalTrials, first.Seed, Attribute: first.Attribute, Rank: rank, ItemLocationPercentiles: itemLocationPercentiles);
        return Experiment.Assemble(scenario, model, first.Seed, outcomes!, events, options, precisionMet: true, books, itemRows);
    }

    /// <summary>
    /// Runs one slice of the trials keeping only each trial's outcome vector (no item-location,
    /// supplier or lane rows), with the disruption-cost runs only when the options ask for them:
    /// a study of many variants of a scenario (an audit) keeps a slice of each this way.
    /// </summary>
    internal static ShardOutcomes RunOutcomesOnly(Scenario scenario, RunOptions options, Shard shard, IProgress<int>? progress, CancellationToken cancellation)
    {
        var trials = options.Trials ?? scenario.Trials;
        var seed = options.Seed ?? scenario.Seed;
        if (options.Precision is not null || shard.Count < 1 || shard.Count > trials || shard.Index < 0 || shard.Index >= shard.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), $"shard {shard} does not cut {trials} trials into slices");
        }

        var model = Model.Compile(scenario);
        var first = shard.FirstTrial(trials);
        var runner = new TrialRunner(model, seed, options.Attribute, options.Threads, first, disruptionCost: options.MeasureDisruptionCost);
        runner.Run(shard.EndTrial(trials) - first, progress, cancellation);
        var outcomes = ImmutableArray.CreateBuilder<ImmutableArray<double>>(model.Strategies.Length);
        for (var s = 0; s < model.Strategies.Length; s++)
        {
            outcomes.Add(ImmutableCollectionsMarshal.AsImmutableArray(runner.Store.Rows(s)));
        }

        return new ShardOutcomes(seed, trials, shard, options.Attribute, model.StockPointIds.Length, model.Disruptions.Length,
            [.. model.Strategies.Select(s => s.Name)], outcomes.MoveToImmutable(), runner.Events, 0, 0, [.. model.Strategies.Select(_ => ImmutableArray<double>.Empty)]);
    }

    /// <summary>
    /// The result of every slice of <see cref="RunOutcomesOnly"/>, given in shard order: the
    /// statistics a whole run of the same trials gives, without item-location, supplier and lane results.
    /// </summary>
    /// <exception cref="ArgumentException">The slices do not fit the scenario or each other, or leave trials out.</exception>
    internal static ExperimentResult AssembleOutcomesOnly(Scenario scenario, RunOptions options, IReadOnlyList<ShardOutcomes> ordered)
    {
        var model = Model.Compile(scenario);
        var first = ordered[0];
        var outcomes = new OutcomeStore(first.Strategies.Length, first.OutcomeWidth, OutcomeStorage.Default);
        long events = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            if (s.Shard != new Shard(i, ordered.Count) || !SameExperiment(s, first))
            {
                throw new ArgumentException($"shard {s.Shard} is not shard {i}/{ordered.Count} of the same experiment as shard {first.Shard}", nameof(ordered));
            }

            if (s.StockPoints != model.StockPointIds.Length || s.Disruptions != model.Disruptions.Length || !s.Strategies.SequenceEqual(model.Strategies.Select(x => x.Name)))
            {
                throw new ArgumentException("the shards' stock points, disruptions or strategies differ from the scenario's", nameof(ordered));
            }

            outcomes.AppendRows([.. s.Outcomes.Select(o => o.AsMemory())], s.Trials);
            events += s.Events;
        }

        return Experiment.Assemble(scenario, model, first.Seed, outcomes, events, options with { Trials = first.TotalTrials, Seed = first.Seed, Precision = null }, precisionMet: true);
    }

    private static bool SameExperiment(ShardOutcomes a, ShardOutcomes b) =>
        a.Seed == b.Seed && a.TotalTrials == b.TotalTrials && a.Shard.Count == b.Shard.Count && a.Attribute == b.Attribute
        && a.StockPoints == b.StockPoints && a.ItemLocations == b.ItemLocations && a.SupplyRows == b.SupplyRows && a.Disruptions == b.Disruptions && a.Strategies.SequenceEqual(b.Strategies);
}
