using System.Collections.Immutable;
using FlowSim.Engine;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>How to run an experiment; nulls fall back on the scenario's own settings.</summary>
/// <param name="Trials">Number of Monte Carlo trials; null = the scenario's <c>trials</c>.</param>
/// <param name="Seed">Master seed; null = the scenario's <c>seed</c>.</param>
/// <param name="Threads">Worker threads; null = one per core. Never changes the results.</param>
public sealed record RunOptions(int? Trials = null, ulong? Seed = null, int? Threads = null);

/// <summary>A stock point's results within a strategy.</summary>
/// <param name="Id">Stock point id.</param>
/// <param name="Kind">Its kind label (plant, dc, store, ...).</param>
/// <param name="Metrics">Statistics of each <see cref="StockPointMetric"/>, in enum order.</param>
public sealed record StockPointResult(string Id, string Kind, ImmutableArray<Statistics> Metrics)
{
    /// <summary>Statistics of one metric.</summary>
    public Statistics this[StockPointMetric metric] => Metrics[(int)metric];
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
    private readonly double[] _outcomes;
    private readonly OutcomeLayout _layout;

    internal StrategyResult(string name, ImmutableArray<string> policies, double[] outcomes, int trials, OutcomeLayout layout, Scenario scenario)
    {
        Name = name;
        Policies = policies;
        _outcomes = outcomes;
        _layout = layout;
        Trials = trials;
        Metrics = [.. FlowSim.Experiments.Metrics.All.Select(m => Statistics.Of(Values(OutcomeLayout.Of(m))))];
        StockPoints =
        [
            .. scenario.StockPoints.Select((sp, k) => new StockPointResult(sp.Id, sp.Kind,
                [.. Enum.GetValues<StockPointMetric>().Select(m => Statistics.Of(Values(layout.Of(k, m))))])),
        ];
        Disruptions =
        [
            .. scenario.Disruptions.Select((d, k) => new DisruptionResult(d.Id, ScenarioLoader.DisruptionKinds[(int)d.Kind],
                [.. Enum.GetValues<DisruptionMetric>().Select(m => Statistics.Of(Values(layout.Of(k, m))))])),
        ];
    }

    /// <summary>Strategy name as in the scenario.</summary>
    public string Name { get; }

    /// <summary>Each stocked item-location's policy with its derived numbers, e.g. <c>mug@studio: base-stock S=130</c>.</summary>
    public ImmutableArray<string> Policies { get; }

    /// <summary>Number of trials.</summary>
    public int Trials { get; }

    /// <summary>Statistics of every metric, in <see cref="Metric"/> order.</summary>
    public ImmutableArray<Statistics> Metrics { get; }

    /// <summary>Per stock point, in scenario order.</summary>
    public ImmutableArray<StockPointResult> StockPoints { get; }

    /// <summary>Per disruption, in scenario order.</summary>
    public ImmutableArray<DisruptionResult> Disruptions { get; }

    /// <summary>Statistics of one metric.</summary>
    public Statistics this[Metric metric] => Metrics[(int)metric];

    /// <summary>A metric's value in one trial (NaN where undefined).</summary>
    public double Outcome(int trial, Metric metric) => _outcomes[(trial * _layout.Length) + (int)metric];

    /// <summary>A metric's values over all trials, in trial order.</summary>
    public double[] Values(Metric metric) => Values(OutcomeLayout.Of(metric));

    private double[] Values(int index)
    {
        var values = new double[Trials];
        for (var k = 0; k < Trials; k++)
        {
            values[k] = _outcomes[(k * _layout.Length) + index];
        }

        return values;
    }
}

/// <summary>The results of running every strategy of a scenario over the same trials.</summary>
public sealed class ExperimentResult
{
    internal ExperimentResult(Scenario scenario, int trials, ulong seed, ImmutableArray<StrategyResult> strategies, long events)
    {
        Scenario = scenario;
        Trials = trials;
        Seed = seed;
        Strategies = strategies;
        EventsSimulated = events;
    }

    /// <summary>The scenario that was run.</summary>
    public Scenario Scenario { get; }

    /// <summary>Trials run.</summary>
    public int Trials { get; }

    /// <summary>Master seed used.</summary>
    public ulong Seed { get; }

    /// <summary>One result per strategy, in scenario order.</summary>
    public ImmutableArray<StrategyResult> Strategies { get; }

    /// <summary>Events processed by the engine, all trials and strategies together.</summary>
    public long EventsSimulated { get; }
}

/// <summary>
/// Runs Monte Carlo trials of every strategy in a scenario. Trial k of every strategy uses the
/// same random streams (common random numbers), and each trial's outcome goes into its own slot,
/// so the results are identical whatever the number of threads.
/// </summary>
public static class Experiment
{
    /// <summary>Runs the experiment.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="options">Trials, seed and threads.</param>
    /// <param name="progress">Told the number of trials completed so far, from worker threads.</param>
    /// <param name="cancellation">Stops the run between trials; the call then throws <see cref="OperationCanceledException"/>.</param>
    public static ExperimentResult Run(Scenario scenario, RunOptions options, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var trials = options.Trials ?? scenario.Trials;
        var seed = options.Seed ?? scenario.Seed;
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1, nameof(options));
        var model = Model.Compile(scenario);
        var strategies = model.Strategies.Length;
        var layout = new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length);
        var width = layout.Length;
        var outcomes = new double[strategies][];
        for (var s = 0; s < strategies; s++)
        {
            outcomes[s] = new double[(long)trials * width];
        }

        var threads = Math.Clamp(options.Threads ?? Environment.ProcessorCount, 1, trials);
        long nextTrial = -1;
        long done = 0;
        var events = new long[threads];
        void Work(int worker)
        {
            var sim = new Simulation(model) { Cancellation = cancellation };
            long k;
            while ((k = Interlocked.Increment(ref nextTrial)) < trials)
            {
                cancellation.ThrowIfCancellationRequested();
                for (var s = 0; s < strategies; s++)
                {
                    sim.Run(s, k, seed, outcomes[s].AsSpan((int)k * width, width));
                }

                var completed = Interlocked.Increment(ref done);
                progress?.Report((int)completed);
            }

            events[worker] = sim.EventsProcessed;
        }

        if (threads == 1)
        {
            Work(0);
        }
        else
        {
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
                        Interlocked.Exchange(ref nextTrial, trials);
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

        var results = ImmutableArray.CreateBuilder<StrategyResult>(strategies);
        for (var s = 0; s < strategies; s++)
        {
            var policies = model.Slots
                .Select((slot, i) => $"{slot.ItemId}@{slot.StockPointId}: {model.Strategies[s].Policies[i].Summary}")
                .ToImmutableArray();
            results.Add(new StrategyResult(model.Strategies[s].Name, policies, outcomes[s], trials, layout, scenario));
        }

        return new ExperimentResult(scenario, trials, seed, results.MoveToImmutable(), events.Sum());
    }
}
