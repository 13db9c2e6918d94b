using System.Collections.Immutable;
using FlowSim.Engine;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>How to run an experiment; nulls fall back on the scenario's own settings.</summary>
/// <param name="Trials">Number of Monte Carlo trials; null = the scenario's <c>trials</c>.</param>
/// <param name="Seed">Master seed; null = the scenario's <c>seed</c>.</param>
/// <param name="Threads">Worker threads; null = one per core. Never changes the results.</param>
public sealed record RunOptions(int? Trials = null, ulong? Seed = null, int? Threads = null);

/// <summary>One strategy's results: its compiled policies and every trial's outcome.</summary>
public sealed class StrategyResult
{
    private readonly double[] _outcomes;

    internal StrategyResult(string name, ImmutableArray<string> policies, double[] outcomes, int trials)
    {
        Name = name;
        Policies = policies;
        _outcomes = outcomes;
        Trials = trials;
        Metrics = [.. FlowSim.Experiments.Metrics.All.Select(m => MetricStatistics.Of(m, Values(m)))];
    }

    /// <summary>Strategy name as in the scenario.</summary>
    public string Name { get; }

    /// <summary>Each demand stream's policy with its derived numbers, e.g. <c>mug@studio: base-stock S=130</c>.</summary>
    public ImmutableArray<string> Policies { get; }

    /// <summary>Number of trials.</summary>
    public int Trials { get; }

    /// <summary>Statistics of every metric, in <see cref="Metric"/> order.</summary>
    public ImmutableArray<MetricStatistics> Metrics { get; }

    /// <summary>Statistics of one metric.</summary>
    public MetricStatistics this[Metric metric] => Metrics[(int)metric];

    /// <summary>A metric's value in one trial.</summary>
    public double Outcome(int trial, Metric metric) => _outcomes[(trial * FlowSim.Experiments.Metrics.Count) + (int)metric];

    /// <summary>A metric's values over all trials, in trial order.</summary>
    public double[] Values(Metric metric)
    {
        var values = new double[Trials];
        for (var k = 0; k < Trials; k++)
        {
            values[k] = Outcome(k, metric);
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
        var metricCount = Metrics.Count;
        var outcomes = new double[strategies][];
        for (var s = 0; s < strategies; s++)
        {
            outcomes[s] = new double[trials * metricCount];
        }

        var threads = Math.Clamp(options.Threads ?? Environment.ProcessorCount, 1, trials);
        long nextTrial = -1;
        long done = 0;
        var events = new long[threads];
        void Work(int worker)
        {
            var sim = new Simulation(model);
            long k;
            while ((k = Interlocked.Increment(ref nextTrial)) < trials)
            {
                cancellation.ThrowIfCancellationRequested();
                for (var s = 0; s < strategies; s++)
                {
                    sim.Run(s, k, seed, outcomes[s].AsSpan((int)k * metricCount, metricCount));
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
            results.Add(new StrategyResult(model.Strategies[s].Name, policies, outcomes[s], trials));
        }

        return new ExperimentResult(scenario, trials, seed, results.MoveToImmutable(), events.Sum());
    }
}
