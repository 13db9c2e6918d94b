using FlowSim.Engine;

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
    private double[][] _outcomes;

    public TrialRunner(Model model, ulong seed, bool attribute, int? threads, int firstTrial = 0)
    {
        _model = model;
        _seed = seed;
        _threads = threads;
        _firstTrial = firstTrial;
        Layout = new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length);
        _hasDisruptions = model.Disruptions.Length > 0;

        // One run per event: a shared event is switched off as a whole, under the disruption that leads it.
        _attributed = attribute ? [.. Enumerable.Range(0, model.Disruptions.Length).Where(d => model.Disruptions[d].Leader == d)] : [];
        _outcomes = [.. model.Strategies.Select(_ => Array.Empty<double>())];
    }

    public OutcomeLayout Layout { get; }

    /// <summary>Trials run so far (from the first trial on).</summary>
    public int Trials { get; private set; }

    /// <summary>Events processed, all runs together.</summary>
    public long Events { get; private set; }

    /// <summary>Every trial's outcome vector of one strategy, trial after trial.</summary>
    public double[] Outcomes(int strategy) => _outcomes[strategy];

    /// <summary>The total cost of one strategy in every trial so far.</summary>
    public double[] TotalCosts(int strategy)
    {
        var width = Layout.Length;
        var values = new double[Trials];
        for (var k = 0; k < Trials; k++)
        {
            values[k] = _outcomes[strategy][((long)k * width) + (int)Metric.TotalCost];
        }

        return values;
    }

    public int Strategies => _outcomes.Length;

    /// <summary>Runs the trials from <see cref="Trials"/> up to (not including) <paramref name="upTo"/>, counted from the first trial.</summary>
    public void Run(int upTo, IProgress<int>? progress, CancellationToken cancellation)
    {
        var from = Trials;
        if (upTo <= from)
        {
            return;
        }

        var width = Layout.Length;
        for (var s = 0; s < _outcomes.Length; s++)
        {
            Array.Resize(ref _outcomes[s], checked(upTo * width));
        }

        var threads = Math.Clamp(_threads ?? Environment.ProcessorCount, 1, upTo - from);
        long nextTrial = from - 1;
        long done = from;
        var events = new long[threads];
        void Work(int worker)
        {
            var sim = new Simulation(_model) { Cancellation = cancellation };
            var scratch = new double[width];
            long k;
            while ((k = Interlocked.Increment(ref nextTrial)) < upTo)
            {
                cancellation.ThrowIfCancellationRequested();
                for (var s = 0; s < _outcomes.Length; s++)
                {
                    RunTrial(sim, s, _firstTrial + k, _outcomes[s].AsSpan((int)k * width, width), scratch);
                }

                progress?.Report((int)Interlocked.Increment(ref done));
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
                        Interlocked.Exchange(ref nextTrial, upTo);
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

        Trials = upTo;
        Events += events.Sum();
    }

    private void RunTrial(Simulation sim, int strategy, long trial, Span<double> outcome, double[] scratch)
    {
        sim.Run(strategy, trial, _seed, outcome);
        var total = outcome[(int)Metric.TotalCost];
        if (!_hasDisruptions)
        {
            // Nothing to switch off: the run without disruptions is this very run.
            outcome[(int)Metric.DisruptionCost] = 0;
            return;
        }

        sim.Run(strategy, trial, _seed, scratch, disruptions: false);
        outcome[(int)Metric.DisruptionCost] = total - scratch[(int)Metric.TotalCost];
        foreach (var d in _attributed)
        {
            sim.Run(strategy, trial, _seed, scratch, switchedOff: d);
            outcome[Layout.Of(d, DisruptionMetric.AttributedCost)] = total - scratch[(int)Metric.TotalCost];
        }
    }
}
