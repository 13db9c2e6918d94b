using System.Collections.Immutable;
using FlowSim.Engine;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>How to run an experiment; nulls fall back on the scenario's own settings.</summary>
/// <param name="Trials">Number of Monte Carlo trials (with <paramref name="Precision"/>: the first batch); null = the scenario's <c>trials</c>.</param>
/// <param name="Seed">Master seed; null = the scenario's <c>seed</c>.</param>
/// <param name="Threads">Worker threads; null = one per core. Never changes the results.</param>
/// <param name="Precision">
/// Adaptive precision: keep adding batches of trials until the 95% CI half-width of every
/// strategy's mean total cost is within this share of the mean (0.01 for 1%); null for a fixed
/// number of trials.
/// </param>
/// <param name="MaxTrials">With <paramref name="Precision"/>, the most trials to run; null = <see cref="Experiment.DefaultMaxTrials"/>.</param>
/// <param name="Attribute">Also run every trial with each disruption (or shared event) switched off alone, to attribute disruption cost.</param>
/// <param name="MeasureDisruptionCost">Run every trial of a scenario with disruptions again with them off, for <see cref="Metric.DisruptionCost"/> (NaN when false).</param>
/// <param name="Rank">The measure verdicts rank strategies by; null = <see cref="RankMeasures.DefaultFor"/>. Never changes the outcomes.</param>
/// <param name="KeepItemLocationOutcomes">
/// Keep every trial's item-location outcomes (for a per-trial file), in memory up to a budget and in
/// a temporary file beyond it; otherwise they are only summed up. Never changes the outcomes.
/// </param>
/// <param name="ItemLocationPercentiles">
/// Also give every item-location metric its percentiles over trials (5th, median, 95th), which
/// needs every trial's item-location outcomes kept as <paramref name="KeepItemLocationOutcomes"/> does.
/// </param>
public sealed record RunOptions(int? Trials = null, ulong? Seed = null, int? Threads = null, double? Precision = null, int? MaxTrials = null, bool Attribute = false,
    bool MeasureDisruptionCost = true, RankMeasure? Rank = null, bool KeepItemLocationOutcomes = false, bool ItemLocationPercentiles = false)
{
    /// <summary>Every trial's item-level outcomes are kept, for a file or for percentiles.</summary>
    internal bool KeepsItemRows => KeepItemLocationOutcomes || ItemLocationPercentiles;
}

/// <summary>A stock point's results within a strategy.</summary>
/// <param name="Id">Stock point id.</param>
/// <param name="Kind">Its kind label (plant, dc, store, ...).</param>
/// <param name="Metrics">Statistics of each <see cref="StockPointMetric"/>, in enum order.</param>
public sealed record StockPointResult(string Id, string Kind, ImmutableArray<Statistics> Metrics)
{
    /// <summary>Statistics of one metric.</summary>
    public Statistics this[StockPointMetric metric] => Metrics[(int)metric];

    /// <summary>Statistics of each <see cref="ItemLocationMetric"/> of the stock point's items together; empty when not measured (a merge of shards).</summary>
    public ImmutableArray<Statistics> ItemMetrics { get; init; } = [];
}

/// <summary>An item at one stock point: its results within a strategy.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="Location">Stock point id.</param>
/// <param name="Metrics">Statistics of each <see cref="ItemLocationMetric"/>, in enum order: mean, standard deviation and 95% interval (no percentiles; they would need every trial kept).</param>
public sealed record ItemLocationResult(string ItemId, string Location, ImmutableArray<Statistics> Metrics)
{
    /// <summary>Statistics of one metric.</summary>
    public Statistics this[ItemLocationMetric metric] => Metrics[(int)metric];
}

/// <summary>An item over all the stock points that hold it: its results within a strategy.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="Metrics">Statistics of each <see cref="ItemLocationMetric"/> of the item's locations together, in enum order.</param>
public sealed record ItemResult(string ItemId, ImmutableArray<Statistics> Metrics)
{
    /// <summary>Statistics of one metric.</summary>
    public Statistics this[ItemLocationMetric metric] => Metrics[(int)metric];
}

/// <summary>A supplier's results within a strategy: its lanes' flows added up, and its own availability.</summary>
/// <param name="Id">Supplier id.</param>
/// <param name="Metrics">Statistics of each <see cref="SupplyMetric"/>, in enum order (no percentiles).</param>
public sealed record SupplierResult(string Id, ImmutableArray<Statistics> Metrics)
{
    /// <summary>Statistics of one metric.</summary>
    public Statistics this[SupplyMetric metric] => Metrics[(int)metric];
}

/// <summary>A lane's results within a strategy.</summary>
/// <param name="Name">Lane name (from-to unless the scenario names it).</param>
/// <param name="From">Supplier or stock point it starts at.</param>
/// <param name="To">Stock point it ends at.</param>
/// <param name="Metrics">Statistics of each <see cref="SupplyMetric"/>, in enum order (no percentiles).</param>
public sealed record LaneResult(string Name, string From, string To, ImmutableArray<Statistics> Metrics)
{
    /// <summary>Statistics of one metric.</summary>
    public Statistics this[SupplyMetric metric] => Metrics[(int)metric];
}

/// <summary>A disruption's results within a strategy.</summary>
/// <param name="Id">Disruption id.</param>
/// <param name="Kind">Its kind as written in YAML.</param>
/// <param name="Metrics">Statistics of each <see cref="DisruptionMetric"/>, in enum order.</param>
public sealed record DisruptionResult(string Id, string Kind, ImmutableArray<Statistics> Metrics)
{
    /// <summary>Statistics of one metric.</summary>
    public Statistics this[DisruptionMetric metric] => Metrics[(int)metric];
}

/// <summary>One strategy's results: its compiled policies, statistics, and every trial's outcome.</summary>
public sealed class StrategyResult
{
    private readonly OutcomeStore _outcomes;
    private readonly int _strategy;
    private readonly OutcomeLayout _layout;
    private readonly OutcomeStore? _itemRows;

    internal StrategyResult(string name, ImmutableArray<ItemLocationPolicy> policies, OutcomeStore outcomes, int strategy, int trials, OutcomeLayout layout, Scenario scenario,
        ItemLevelBooks? books = null, IReadOnlyList<(string Item, string Location)>? slots = null, OutcomeStore? itemRows = null, bool itemLocationPercentiles = false)
    {
        _itemRows = itemRows;
        Name = name;
        Policies = [.. policies.Select(p => $"{p.Item}@{p.Location}: {p.Summary}")];
        PolicyDetails = policies;
        _outcomes = outcomes;
        _strategy = strategy;
        _layout = layout;
        Trials = trials;
        MeasuredDays = scenario.HorizonDays - scenario.WarmupDays;

        // Two buffers serve every summary: one column of trials at a time, and its sorted copy.
        // New arrays per metric would be large-object garbage that piles up over many trials.
        var column = System.Buffers.ArrayPool<double>.Shared.Rent(trials);
        var scratch = System.Buffers.ArrayPool<double>.Shared.Rent(trials);
        try
        {
            Statistics Summary(int index)
            {
                outcomes.ColumnInto(strategy, index, column);
                return Statistics.Of(column.AsSpan(0, trials), scratch);
            }

            // A ratio's mean is the ratio of its totals over all trials; its spread stays the per-trial ratios'.
            Statistics RatioSummary(Metric m, RatioOf r)
            {
                var numerators = System.Buffers.ArrayPool<double>.Shared.Rent(trials);
                var denominators = System.Buffers.ArrayPool<double>.Shared.Rent(trials);
                try
                {
                    outcomes.ColumnInto(strategy, OutcomeLayout.Of(r.Numerator), numerators);
                    outcomes.ColumnInto(strategy, OutcomeLayout.Of(r.Denominator), denominators);
                    outcomes.ColumnInto(strategy, OutcomeLayout.Of(m), column);
                    var scale = r.PerMeasuredDay ? MeasuredDays : 1;
                    return Statistics.OfRatio(numerators.AsSpan(0, trials), denominators.AsSpan(0, trials), column.AsSpan(0, trials), scale, r.Complement, scratch);
                }
                finally
                {
                    System.Buffers.ArrayPool<double>.Shared.Return(numerators);
                    System.Buffers.ArrayPool<double>.Shared.Return(denominators);
                }
            }

            // A share's interval stops at 0% and 100%: only its uncut half-width says how precise it is.
            static Statistics InUnit(Statistics s, MetricUnit unit) => unit == MetricUnit.Share ? s.AsShare() : s;
            Metrics = [.. FlowSim.Outcomes.Metrics.All.Select(m => InUnit(m.Info().Ratio is { } r ? RatioSummary(m, r) : Summary(OutcomeLayout.Of(m)), m.Info().Unit))];
            Statistics ComponentSummary(CostComponent c)
            {
                ComponentInto(c, column);
                return Statistics.Of(column.AsSpan(0, trials), scratch);
            }

            CostBreakdown = [.. CostComponents.All.Select(ComponentSummary)];
            DisruptionCostParts = [.. CostComponents.All.Select(c => Summary(OutcomeLayout.DisruptionPart(c)))];
            DisruptionDemandPart = Summary(OutcomeLayout.DisruptionDemandPart);
            StockPoints =
            [
                .. scenario.StockPoints.Select((sp, k) => new StockPointResult(sp.Id, sp.Kind,
                    [.. Enum.GetValues<StockPointMetric>().Select(m => InUnit(Summary(layout.Of(k, m)), m.Info().Unit))])
                {
                    ItemMetrics = books?.StockPoint(k) ?? [],
                }),
            ];
            if (books is not null && slots is not null)
            {
                ItemLocations = [.. slots.Select((sl, i) => new ItemLocationResult(sl.Item, sl.Location,
                    itemLocationPercentiles && itemRows is not null ? WithPercentiles(books.ItemLocation(i), i) : books.ItemLocation(i)))];
                var held = slots.Select(sl => sl.Item).ToHashSet();
                Items = [.. scenario.Items.Select((it, k) => (it, k)).Where(p => held.Contains(p.it.Id)).Select(p => new ItemResult(p.it.Id, books.Item(p.k)))];
                Suppliers = [.. scenario.Suppliers.Select((sup, k) => new SupplierResult(sup.Id, books.Supply(k)))];
                Lanes = [.. scenario.Lanes.Select((l, j) => new LaneResult(l.Name, l.From, l.To, books.Supply(scenario.Suppliers.Length + j)))];
            }

            // Percentiles need every trial: the means and intervals stay the streamed ones, so a
            // run gives the same figures with or without them.
            ImmutableArray<Statistics> WithPercentiles(ImmutableArray<Statistics> streamed, int slot)
            {
                var b = streamed.ToBuilder();
                for (var m = 0; m < b.Count; m++)
                {
                    var index = (slot * ItemLocationMetrics.Count) + m;
                    for (var k = 0; k < trials; k++)
                    {
                        column[k] = itemRows!.Get(strategy, k, index);
                    }

                    var all = Statistics.Of(column.AsSpan(0, trials), scratch);
                    b[m] = b[m] with { P5 = all.P5, P50 = all.P50, P95 = all.P95 };
                }

                return b.MoveToImmutable();
            }
            Disruptions =
            [
                .. scenario.Disruptions.Select((d, k) => new DisruptionResult(d.Id, d.Kind.YamlName(),
                    [.. Enum.GetValues<DisruptionMetric>().Select(m => Summary(layout.Of(k, m)))])),
            ];
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(column);
            System.Buffers.ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>Strategy name as in the scenario.</summary>
    public string Name { get; }

    /// <summary>Each stocked item-location's policy with its derived numbers, e.g. <c>mug@studio: base-stock S=130</c>.</summary>
    public ImmutableArray<string> Policies { get; }

    /// <summary>Each stocked item-location's policy with its derived numbers as numbers, in the order of <see cref="Policies"/>.</summary>
    public ImmutableArray<ItemLocationPolicy> PolicyDetails { get; }

    /// <summary>Number of trials.</summary>
    public int Trials { get; }

    /// <summary>Days measured per trial (horizon minus warm-up).</summary>
    public double MeasuredDays { get; }

    /// <summary>Statistics of every metric, in <see cref="Metric"/> order.</summary>
    public ImmutableArray<Statistics> Metrics { get; }

    /// <summary>Per stock point, in scenario order.</summary>
    public ImmutableArray<StockPointResult> StockPoints { get; }

    /// <summary>Per item-location (each item at each stock point that holds it), in model order; empty when not measured (a merge of shards).</summary>
    public ImmutableArray<ItemLocationResult> ItemLocations { get; } = [];

    /// <summary>Per item held anywhere, over its locations, in scenario order; empty when not measured.</summary>
    public ImmutableArray<ItemResult> Items { get; } = [];

    /// <summary>Per supplier, in scenario order; empty when not measured.</summary>
    public ImmutableArray<SupplierResult> Suppliers { get; } = [];

    /// <summary>Per lane, in scenario order; empty when not measured.</summary>
    public ImmutableArray<LaneResult> Lanes { get; } = [];

    /// <summary>Per disruption, in scenario order.</summary>
    public ImmutableArray<DisruptionResult> Disruptions { get; }

    /// <summary>Statistics of every cost component, in <see cref="CostComponent"/> order; their means add up to the mean total cost.</summary>
    public ImmutableArray<Statistics> CostBreakdown { get; }

    /// <summary>
    /// Statistics of the disruption cost's part in every cost component (the component with
    /// disruptions minus without, trial by trial), in <see cref="CostComponent"/> order; they add
    /// up to <see cref="Metric.DisruptionCost"/> in every trial. NaN where disruption cost is not measured.
    /// </summary>
    public ImmutableArray<Statistics> DisruptionCostParts { get; }

    /// <summary>
    /// The disruption cost's part in demand: minus the change in demand at price, trial by trial
    /// (negative when a shock adds demand). With <see cref="DisruptionCostParts"/> it adds up to
    /// <see cref="Metric.DisruptionCost"/>; zero without demand shocks.
    /// </summary>
    public Statistics DisruptionDemandPart { get; }

    /// <summary>Statistics of one metric.</summary>
    public Statistics this[Metric metric] => Metrics[(int)metric];

    /// <summary>The disruption cost's part in one cost component in one trial.</summary>
    public double DisruptionPart(int trial, CostComponent component) => _outcomes.Get(_strategy, trial, OutcomeLayout.DisruptionPart(component));

    /// <summary>The disruption cost's part in demand in one trial: minus the change in demand at price.</summary>
    public double DisruptionDemandPartIn(int trial) => _outcomes.Get(_strategy, trial, OutcomeLayout.DisruptionDemandPart);

    /// <summary>Statistics of one cost component.</summary>
    public Statistics this[CostComponent component] => CostBreakdown[(int)component];

    /// <summary>A metric's value in one trial (NaN where undefined).</summary>
    public double Outcome(int trial, Metric metric) => _outcomes.Get(_strategy, trial, (int)metric);

    /// <summary>A stock point metric's value in one trial.</summary>
    public double Outcome(int trial, int stockPoint, StockPointMetric metric) => _outcomes.Get(_strategy, trial, _layout.Of(stockPoint, metric));

    /// <summary>A disruption metric's value in one trial.</summary>
    public double Outcome(int trial, int disruption, DisruptionMetric metric) => _outcomes.Get(_strategy, trial, _layout.Of(disruption, metric));

    /// <summary>True when every trial's item-location outcomes were kept (<see cref="RunOptions.KeepItemLocationOutcomes"/>, or a merge of shards).</summary>
    public bool HasItemLocationOutcomes => _itemRows is not null;

    /// <summary>An item-location metric's value in one trial (NaN where undefined); needs <see cref="HasItemLocationOutcomes"/>.</summary>
    /// <param name="trial">The trial, from 0.</param>
    /// <param name="itemLocation">The item-location's index in <see cref="ItemLocations"/>.</param>
    /// <param name="metric">The metric.</param>
    public double Outcome(int trial, int itemLocation, ItemLocationMetric metric) =>
        (_itemRows ?? throw new InvalidOperationException("item-location outcomes were not kept for this run"))
            .Get(_strategy, trial, (itemLocation * ItemLocationMetrics.Count) + (int)metric);

    /// <summary>A metric's values over all trials, in trial order.</summary>
    public double[] Values(Metric metric) => Values(OutcomeLayout.Of(metric));

    /// <summary>A cost component's values over all trials, in trial order.</summary>
    public double[] Values(CostComponent component)
    {
        var values = new double[Trials];
        ComponentInto(component, values);
        return values;
    }

    // Into a caller's buffer, with one delegate for all trials: nothing allocated per trial.
    private void ComponentInto(CostComponent component, Span<double> values)
    {
        var trial = 0;
        Func<Metric, double> outcome = m => Outcome(trial, m);
        for (; trial < Trials; trial++)
        {
            values[trial] = component.ValueIn(outcome);
        }
    }

    private double[] Values(int index) => _outcomes.Column(_strategy, index);
}

/// <summary>The results of running every strategy of a scenario over the same trials.</summary>
public sealed class ExperimentResult
{
    internal ExperimentResult(Scenario scenario, int trials, ulong seed, ImmutableArray<StrategyResult> strategies, long events, RunOptions options, bool precisionMet)
    {
        Scenario = scenario;
        Trials = trials;
        Seed = seed;
        Strategies = strategies;
        EventsSimulated = events;
        Precision = options.Precision;
        MaxTrials = options.Precision is null ? null : options.MaxTrials ?? Experiment.DefaultMaxTrials;
        BatchTrials = options.Precision is null ? null : options.Trials ?? scenario.Trials;
        PrecisionMet = options.Precision is null || precisionMet;
        Attributed = options.Attribute && options.MeasureDisruptionCost && scenario.Disruptions.Length > 0;
        MeasuredDays = scenario.HorizonDays - scenario.WarmupDays;
        Rank = options.Rank ?? RankMeasures.DefaultFor(scenario);
        ItemLocationPercentiles = options.ItemLocationPercentiles;
        Comparisons = Finance.Compare(this);
        ResilienceReturns = Finance.ResilienceReturns(this);
    }

    /// <summary>The scenario that was run.</summary>
    public Scenario Scenario { get; }

    /// <summary>Item-location metrics carry percentiles over trials (<see cref="RunOptions.ItemLocationPercentiles"/>).</summary>
    public bool ItemLocationPercentiles { get; }

    /// <summary>Trials run.</summary>
    public int Trials { get; }

    /// <summary>Master seed used.</summary>
    public ulong Seed { get; }

    /// <summary>One result per strategy, in scenario order.</summary>
    public ImmutableArray<StrategyResult> Strategies { get; }

    /// <summary>Events processed by the engine, all trials and strategies together.</summary>
    public long EventsSimulated { get; }

    /// <summary>The relative precision asked for, or null for a fixed number of trials.</summary>
    public double? Precision { get; }

    /// <summary>With <see cref="Precision"/>: the most trials allowed.</summary>
    public int? MaxTrials { get; }

    /// <summary>With <see cref="Precision"/>: the trials of the first batch, and of each batch after it.</summary>
    public int? BatchTrials { get; }

    /// <summary>False when <see cref="Precision"/> was not reached within <see cref="MaxTrials"/>.</summary>
    public bool PrecisionMet { get; }

    /// <summary>True when disruption cost was attributed to each disruption.</summary>
    public bool Attributed { get; }

    /// <summary>Days measured per trial (horizon minus warm-up): money metrics are totals over this period.</summary>
    public double MeasuredDays { get; }

    /// <summary>Multiplies a total over the measured period into a figure per year.</summary>
    public double PerYear => Scenarios.Units.DaysPerYear / MeasuredDays;

    /// <summary>Every pair of strategies compared trial by trial, in scenario order (first against later).</summary>
    public ImmutableArray<PairedComparison> Comparisons { get; }

    /// <summary>Each strategy against the leanest one; empty without disruptions.</summary>
    public ImmutableArray<ResilienceReturn> ResilienceReturns { get; }

    /// <summary>The strategy with the lowest mean total cost.</summary>
    public StrategyResult Cheapest => Strategies.MinBy(s => s[Metric.TotalCost].Mean)!;

    /// <summary>The measure verdicts rank by.</summary>
    public RankMeasure Rank { get; }

    /// <summary>The best strategy on <see cref="Rank"/>: the highest mean profit or the lowest mean total cost.</summary>
    public StrategyResult Best => Rank == RankMeasure.Profit ? Strategies.MaxBy(s => s[Metric.Profit].Mean)! : Cheapest;

    /// <summary>The comparison of two strategies, with <paramref name="a"/> first.</summary>
    public PairedComparison Compare(string a, string b) => Finance.Pair(this, Strategy(a), Strategy(b));

    /// <summary>A strategy's result by name.</summary>
    public StrategyResult Strategy(string name) => Strategies.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"no strategy named '{name}'", nameof(name));
}

/// <summary>
/// Runs Monte Carlo trials of every strategy in a scenario. Trial k of every strategy uses the
/// same random streams (common random numbers), and each trial's outcome goes into its own slot,
/// so the results are identical whatever the number of threads.
/// </summary>
public static class Experiment
{
    /// <summary>The most trials an adaptive-precision run adds when no maximum is given.</summary>
    public const int DefaultMaxTrials = 100_000;

    /// <summary>Runs the experiment.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="options">Trials, seed, threads, precision and attribution.</param>
    /// <param name="progress">Told the number of trials completed so far, from worker threads.</param>
    /// <param name="cancellation">Stops the run between trials; the call then throws <see cref="OperationCanceledException"/>.</param>
    public static ExperimentResult Run(Scenario scenario, RunOptions options, IProgress<int>? progress = null, CancellationToken cancellation = default) =>
        RunWithStorage(scenario, options, OutcomeStorage.Default, progress, cancellation);

    /// <summary>Runs the experiment, keeping trial outcomes as <paramref name="storage"/> says (results never depend on it).</summary>
    internal static ExperimentResult RunWithStorage(Scenario scenario, RunOptions options, OutcomeStorage storage, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var trials = options.Trials ?? scenario.Trials;
        var seed = options.Seed ?? scenario.Seed;
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1, nameof(options));
        if (options.Precision is { } p && !(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "precision must be above 0 and below 1");
        }

        var model = Model.Compile(scenario);
        var runner = new TrialRunner(model, seed, options.Attribute, options.Threads, storage: storage, disruptionCost: options.MeasureDisruptionCost,
            keepItemRows: options.KeepsItemRows);
        runner.Run(trials, progress, cancellation);
        var met = true;
        if (options.Precision is { } precision)
        {
            var max = Math.Max(trials, options.MaxTrials ?? DefaultMaxTrials);
            met = Finance.PrecisionReached(runner, precision, out var factor);
            while (!met && runner.Trials < max)
            {
                // Aim at the trials the CI needs (it narrows with the square root of n), in whole
                // batches of the first size, so the plan depends only on the outcomes: any thread
                // count takes the same steps.
                var wanted = (long)Math.Min(max, Math.Ceiling(runner.Trials * factor * 1.1));
                var next = Math.Max(runner.Trials + trials, wanted);
                next = (next + trials - 1) / trials * trials;
                runner.Run((int)Math.Min(next, max), progress, cancellation);
                met = Finance.PrecisionReached(runner, precision, out factor);
            }
        }

        return Assemble(scenario, model, seed, runner.Store, runner.Events, options, met, runner.Books, runner.ItemRows);
    }

    /// <summary>
    /// Builds the result from every trial's outcome vector, laid out by <see cref="OutcomeLayout"/>.
    /// A whole run and a merge of shards both come through here, so equal outcomes give equal results.
    /// </summary>
    internal static ExperimentResult Assemble(Scenario scenario, Model model, ulong seed, OutcomeStore outcomes, long events, RunOptions options, bool precisionMet,
        ItemLevelBooks[]? books = null, OutcomeStore? itemRows = null)
    {
        var slots = model.Slots.Select(sl => (sl.ItemId, sl.StockPointId)).ToArray();
        var trials = outcomes.Trials;
        var layout = new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length);
        var results = ImmutableArray.CreateBuilder<StrategyResult>(model.Strategies.Length);
        for (var s = 0; s < model.Strategies.Length; s++)
        {
            // An item-location the strategy sources its own way says where from, after its levels.
            // A strategy with backups off never switches: its backup is named, and said to be off.
            var sourcing = scenario.Strategies[s].Sourcing.ToDictionary(c => (c.ItemId, c.StockPointId),
                c => "; " + c.Describe(scenario.Lanes) + (c.Backup is not null && !scenario.Strategies[s].UsesBackups ? " (backups off)" : ""));
            var policies = model.Slots
                .Select((slot, i) => (slot, policy: model.Strategies[s].Policies[i]))
                .Select(x => new ItemLocationPolicy(x.slot.ItemId, x.slot.StockPointId, x.policy.Family,
                    x.policy.Summary + sourcing.GetValueOrDefault((x.slot.ItemId, x.slot.StockPointId)), x.policy.Numbers))
                .ToImmutableArray();
            results.Add(new StrategyResult(model.Strategies[s].Name, policies, outcomes, s, trials, layout, scenario, books?[s], slots, itemRows, options.ItemLocationPercentiles));
        }

        return new ExperimentResult(scenario, trials, seed, results.MoveToImmutable(), events, options, precisionMet);
    }
}
