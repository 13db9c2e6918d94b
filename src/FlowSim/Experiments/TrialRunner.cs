using FlowSim.Engine;
using FlowSim.Outcomes;

namespace FlowSim.Experiments;

/// <summary>
/// Runs trials first..first+n-1 of every strategy and keeps each trial's outcome in its own slot,
/// so more trials can be added in batches and the outcomes never depend on the number of threads.
/// A shard starts at its first trial; a whole run starts at trial 0.
/// Besides the normal run, each trial is run again with disruptions off (for disruption cost)
/// and, when attributing, once with each disruption event off alone.
/// </summary>
internal sealed class TrialRunner
{
    private readonly Model _model;
    private readonly ulong _seed;
    private readonly int? _threads;
    private readonly int _firstTrial;
    private readonly int[] _attributed;
    private readonly bool _hasDisruptions;
    private readonly bool _disruptionCost;
    private readonly double[][] _block;

    // The networks the strategies run on (one unless a strategy sources its own way), and each strategy's.
    private readonly Model[] _networks;
    private readonly int[] _networkOf;

    /// <summary>The most bytes of item-location outcomes a block holds before they are added up.</summary>
    private const long ItemBlockBytes = 32L << 20;

    public TrialRunner(Model model, ulong seed, bool attribute, int? threads, int firstTrial = 0, OutcomeStorage? storage = null, bool disruptionCost = true,
        bool keepItemRows = false)
    {
        _disruptionCost = disruptionCost;
        _model = model;
        (_networks, _networkOf) = model.NetworksByStrategy();
        _seed = seed;
        _threads = threads;
        _firstTrial = firstTrial;
        Layout = new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length);
        _hasDisruptions = model.Disruptions.Length > 0;

        // One run per event: a shared event is switched off as a whole, under the disruption that leads it.
        _attributed = attribute ? [.. Enumerable.Range(0, model.Disruptions.Length).Where(d => model.Disruptions[d].Leader == d)] : [];
        Store = new OutcomeStore(model.Strategies.Length, Layout.Length, storage ?? OutcomeStorage.Default);
        _block = [.. model.Strategies.Select(_ => Array.Empty<double>())];
        _itemBlock = [.. model.Strategies.Select(_ => Array.Empty<double>())];
        Books = NewBooks(model);
        ItemRows = keepItemRows ? new OutcomeStore(model.Strategies.Length, ItemWidth, storage ?? OutcomeStorage.Default) : null;
    }

    /// <summary>Empty item-level books for every strategy of a model.</summary>
    public static ItemLevelBooks[] NewBooks(Model model)
    {
        var items = model.Scenario.Items.Select((it, k) => (it.Id, k)).ToDictionary(p => p.Id, p => p.k);
        var slots = model.Slots.Select(sl => (items[sl.ItemId], sl.StockPoint)).ToArray();
        return [.. model.Strategies.Select(_ => new ItemLevelBooks(slots, items.Count, model.StockPointIds.Length, model.SupplyRows, model.HorizonDays - model.WarmupDays))];
    }

    /// <summary>With <c>keepItemRows</c> (a shard): every trial's item-location outcomes, for the shard file.</summary>
    public OutcomeStore? ItemRows { get; }

    private readonly double[][] _itemBlock;

    /// <summary>Streaming statistics per item-location, item and stock point, per strategy.</summary>
    public ItemLevelBooks[] Books { get; }

    // Item-location outcomes of a trial, then supplier and lane outcomes.
    private int ItemWidth => ShardOutcomes.ItemWidthOf(_model.Slots.Length, _model.SupplyRows);

    public OutcomeLayout Layout { get; }

    /// <summary>Every trial's outcome vector so far, per strategy.</summary>
    public OutcomeStore Store { get; }

    /// <summary>Trials run so far (from the first trial on).</summary>
    public int Trials => Store.Trials;

    /// <summary>Events processed, all runs together.</summary>
    public long Events { get; private set; }

    /// <summary>The total cost of one strategy in every trial so far.</summary>
    public double[] TotalCosts(int strategy) => Store.Column(strategy, (int)Metric.TotalCost);

    public int Strategies => _block.Length;

    /// <summary>How many times each trial is run: every strategy, and for each the runs with disruptions off.</summary>
    private int RunsPerTrial => _block.Length * (1 + (_hasDisruptions && _disruptionCost ? 1 + _attributed.Length : 0));

    /// <summary>Runs the trials from <see cref="Trials"/> up to (not including) <paramref name="upTo"/>, counted from the first trial.</summary>
    /// <remarks>
    /// Trials run a block at a time: the workers fill one block of outcome vectors, which then goes
    /// to the store, so memory holds one block however many trials there are.
    /// </remarks>
    public void Run(int upTo, IProgress<int>? progress, CancellationToken cancellation)
    {
        if (upTo <= Trials)
        {
            return;
        }

        var width = Layout.Length;

        // Item-location outcomes of a block wait in memory until they are added in trial order:
        // a large network holds fewer trials per block, so the buffer stays within ItemBlockBytes.
        var itemTrials = (int)Math.Clamp(ItemBlockBytes / Math.Max(1L, (long)ItemWidth * sizeof(double) * _block.Length), 1, int.MaxValue);
        var blockTrials = Math.Min(Math.Min(Store.BlockTrials, itemTrials), upTo - Trials);
        for (var s = 0; s < _block.Length; s++)
        {
            if (_block[s].Length < blockTrials * width)
            {
                _block[s] = new double[blockTrials * width];
            }

            if (_itemBlock[s].Length < blockTrials * ItemWidth)
            {
                _itemBlock[s] = new double[blockTrials * ItemWidth];
            }
        }

        var threads = Math.Clamp(_threads ?? Environment.ProcessorCount, 1, upTo - Trials);
        var simulations = new Simulation[]?[threads];
        var slices = new ReadOnlyMemory<double>[_block.Length];
        while (Trials < upTo)
        {
            var from = Trials;
            var count = Math.Min(blockTrials, upTo - from);
            RunBlock(from, count, simulations, progress, cancellation);
            for (var s = 0; s < _block.Length; s++)
            {
                slices[s] = _block[s].AsMemory(0, count * width);
                for (var k = 0; k < count; k++)
                {
                    Books[s].AddTrial(_itemBlock[s].AsSpan(k * ItemWidth, ItemWidth));
                }
            }

            Store.Append(slices, count);
            if (ItemRows is not null)
            {
                ItemRows.Append([.. _itemBlock.Select(b => (ReadOnlyMemory<double>)b.AsMemory(0, count * ItemWidth))], count);
            }
        }

        foreach (var sim in simulations.SelectMany(w => w ?? []))
        {
            Events += sim.EventsProcessed;
        }
    }

    /// <summary>Runs trials [from, from + count) into the block buffers, on the worker threads.</summary>
    private void RunBlock(int from, int count, Simulation[]?[] simulations, IProgress<int>? progress, CancellationToken cancellation)
    {
        var width = Layout.Length;
        var threads = Math.Min(simulations.Length, count);
        long next = -1;
        long done = from;
        void Work(int worker)
        {
            // A worker's simulations (one per network its strategies run on) live across blocks: their buffers have grown already.
            var sims = simulations[worker] ??= [.. _networks.Select(m => new Simulation(m, RunsPerTrial > 1, forkRuns: true) { Cancellation = cancellation })];
            var scratch = new double[width];
            long k;
            while ((k = Interlocked.Increment(ref next)) < count)
            {
                cancellation.ThrowIfCancellationRequested();
                for (var s = 0; s < _block.Length; s++)
                {
                    RunTrial(sims[_networkOf[s]], s, _firstTrial + from + k, _block[s].AsSpan((int)k * width, width), _itemBlock[s].AsSpan((int)k * ItemWidth, ItemWidth), scratch);
                }

                progress?.Report((int)Interlocked.Increment(ref done));
            }
        }

        if (threads == 1)
        {
            Work(0);
            return;
        }

        var workers = new Thread[threads];
        Exception? failure = null;
        for (var w = 0; w < threads; w++)
        {
            var id = w;
            workers[w] = new Thread(() =>
            {
                try
                {
                    Work(id);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    // Stop the other workers too.
                    Interlocked.Exchange(ref next, count);
                }
            })
            { IsBackground = true, Name = $"flowsim-{id}" };
            workers[w].Start();
        }

        foreach (var t in workers)
        {
            t.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private void RunTrial(Simulation sim, int strategy, long trial, Span<double> outcome, Span<double> itemLocations, double[] scratch)
    {
        sim.Run(strategy, trial, _seed, outcome);
        var items = sim.ItemLocationOutcomes;
        items.CopyTo(itemLocations);
        sim.SupplyOutcomes.CopyTo(itemLocations[items.Length..]);
        var total = outcome[(int)Metric.TotalCost];
        if (!_hasDisruptions)
        {
            // Nothing to switch off: the run without disruptions is this very run.
            outcome[(int)Metric.DisruptionCost] = 0;
            outcome[OutcomeLayout.DisruptionDemandPart] = 0;
            foreach (var c in CostComponents.All)
            {
                outcome[OutcomeLayout.DisruptionPart(c)] = 0;
            }

            return;
        }

        if (!_disruptionCost)
        {
            outcome[OutcomeLayout.DisruptionDemandPart] = double.NaN;
            foreach (var c in CostComponents.All)
            {
                outcome[OutcomeLayout.DisruptionPart(c)] = double.NaN;
            }

            return;
        }

        // Total cost includes the demand at price (it is that minus profit), so a shock that changes
        // demand would count the demand itself as cost: taking its change out leaves the profit lost.
        var demand = outcome[(int)Metric.DemandValue];
        sim.Run(strategy, trial, _seed, scratch, disruptions: false);
        outcome[(int)Metric.DisruptionCost] = total - scratch[(int)Metric.TotalCost] - (demand - scratch[(int)Metric.DemandValue]);
        outcome[OutcomeLayout.DisruptionDemandPart] = -(demand - scratch[(int)Metric.DemandValue]);
        foreach (var c in CostComponents.All)
        {
            outcome[OutcomeLayout.DisruptionPart(c)] = c.ValueIn(outcome) - c.ValueIn(scratch);
        }
        foreach (var d in _attributed)
        {
            sim.Run(strategy, trial, _seed, scratch, switchedOff: d);
            outcome[Layout.Of(d, DisruptionMetric.AttributedCost)] = total - scratch[(int)Metric.TotalCost] - (demand - scratch[(int)Metric.DemandValue]);
        }
    }
}
