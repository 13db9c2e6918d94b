using System.Collections.Immutable;
using FlowSim.Engine;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>Daily on-hand units at one stock point across the sampled trials: the 5th, 50th and 95th percentile of each day.</summary>
/// <param name="StockPoint">Stock point id.</param>
/// <param name="P5">5th percentile per day, day 0 first.</param>
/// <param name="P50">Median per day.</param>
/// <param name="P95">95th percentile per day.</param>
public sealed record InventoryBand(string StockPoint, ImmutableArray<double> P5, ImmutableArray<double> P50, ImmutableArray<double> P95);

/// <summary>One strategy's daily on-hand bands, one per stock point in scenario order.</summary>
/// <param name="Strategy">Strategy name.</param>
/// <param name="StockPoints">Bands per stock point.</param>
public sealed record StrategyInventory(string Strategy, ImmutableArray<InventoryBand> StockPoints);

/// <summary>
/// A time window in which a disruption was active, and in how many of the sampled trials it was
/// active over exactly that window: all of them for a scheduled disruption, usually one for a
/// random one.
/// </summary>
/// <param name="Disruption">Disruption id.</param>
/// <param name="StartDays">Start, in days from the start of the horizon.</param>
/// <param name="EndDays">End (exclusive), in days.</param>
/// <param name="Trials">Sampled trials with this window.</param>
public sealed record DisruptionWindow(string Disruption, double StartDays, double EndDays, int Trials);

/// <summary>
/// Inventory over time for fan charts: each day's closing on-hand units per stock point and
/// strategy, summarised over a bounded sample of trials (the first <see cref="SampledTrials"/>,
/// the same trials the experiment runs first), so memory does not grow with the trial count.
/// </summary>
/// <param name="SampledTrials">Trials traced.</param>
/// <param name="Days">Days per band (the horizon, rounded up).</param>
/// <param name="WarmupDays">Warm-up, for marking it on a chart.</param>
/// <param name="Strategies">Per strategy, in scenario order.</param>
/// <param name="Disruptions">Disruption windows seen in the sampled trials (the same in every strategy: common random numbers).</param>
public sealed record InventoryTrace(
    int SampledTrials, int Days, double WarmupDays, ImmutableArray<StrategyInventory> Strategies, ImmutableArray<DisruptionWindow> Disruptions)
{
    /// <summary>Most trials traced.</summary>
    public const int MaxSampledTrials = 100;

    // Fewer trials for very large scenarios: the traced days of all sampled trials stay under this many numbers.
    private const long BufferBudget = 16_000_000;

    /// <summary>
    /// Runs the first trials of every strategy again with the daily trace on and summarises them.
    /// Trial k gives the same result as in <see cref="Experiment.Run"/>, so the bands describe the
    /// experiment's own trials; the result does not depend on the thread count.
    /// </summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="options">Trials, seed and threads of the experiment.</param>
    /// <param name="maxTrials">Most trials to trace (1 to <see cref="MaxSampledTrials"/>).</param>
    /// <param name="cancellation">Stops between trials.</param>
    public static InventoryTrace Collect(Scenario scenario, RunOptions options, int maxTrials = MaxSampledTrials, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrials, 1);
        var model = Model.Compile(scenario);
        var seed = options.Seed ?? scenario.Seed;
        var strategies = model.Strategies.Length;
        var stockPoints = model.StockPointIds.Length;
        var days = (int)Math.Ceiling(model.HorizonDays);
        var perTrial = (long)strategies * days * stockPoints;
        var sample = (int)Math.Min(Math.Min(options.Trials ?? scenario.Trials, Math.Min(maxTrials, MaxSampledTrials)), Math.Max(10, BufferBudget / Math.Max(1, perTrial)));
        var onHand = new float[sample][][];
        var occurrences = new (int Disruption, double Start, double End)[sample][];
        var width = new OutcomeLayout(stockPoints, model.Disruptions.Length).Length;
        var threads = Math.Clamp(options.Threads ?? Environment.ProcessorCount, 1, sample);
        Parallel.For(0, sample, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation },
            () => (Sim: new Simulation(model), Outcome: new double[width]),
            (k, _, local) =>
            {
                // Each trial writes only its own slots, so the summary is the same on any thread count.
                var trial = new float[strategies][];
                for (var s = 0; s < strategies; s++)
                {
                    trial[s] = new float[days * stockPoints];
                    local.Sim.RunTraced(s, k, seed, local.Outcome, trial[s]);
                }

                // Disruptions do not depend on the strategy: read them from the last run.
                var seen = new (int, double, double)[local.Sim.OccurrenceCount];
                for (var o = 0; o < seen.Length; o++)
                {
                    seen[o] = local.Sim.Occurrence(o);
                }

                onHand[k] = trial;
                occurrences[k] = seen;
                return local;
            },
            _ => { });

        var column = new double[sample];
        var result = ImmutableArray.CreateBuilder<StrategyInventory>(strategies);
        for (var s = 0; s < strategies; s++)
        {
            var bands = ImmutableArray.CreateBuilder<InventoryBand>(stockPoints);
            for (var p = 0; p < stockPoints; p++)
            {
                var p5 = new double[days];
                var p50 = new double[days];
                var p95 = new double[days];
                for (var d = 0; d < days; d++)
                {
                    for (var k = 0; k < sample; k++)
                    {
                        column[k] = onHand[k][s][(d * stockPoints) + p];
                    }

                    Array.Sort(column);
                    p5[d] = Statistics.Percentile(column, 0.05);
                    p50[d] = Statistics.Percentile(column, 0.50);
                    p95[d] = Statistics.Percentile(column, 0.95);
                }

                bands.Add(new InventoryBand(model.StockPointIds[p], [.. p5], [.. p50], [.. p95]));
            }

            result.Add(new StrategyInventory(model.Strategies[s].Name, bands.MoveToImmutable()));
        }

        var windows = occurrences
            .SelectMany(trial => trial.Where(o => o.Start < model.HorizonDays).Distinct())
            .GroupBy(o => o)
            .OrderBy(g => g.Key.Disruption).ThenBy(g => g.Key.Start).ThenBy(g => g.Key.End)
            .Select(g => new DisruptionWindow(model.Disruptions[g.Key.Disruption].Spec.Id, g.Key.Start, Math.Min(g.Key.End, model.HorizonDays), g.Count()));
        return new InventoryTrace(sample, days, model.WarmupDays, result.MoveToImmutable(), [.. windows]);
    }
}
