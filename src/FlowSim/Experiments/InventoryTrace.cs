using System.Collections.Immutable;
using FlowSim.Engine;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>
/// A daily figure at one stock point (or the whole chain) across the sampled trials: the 5th, 50th
/// and 95th percentile of each day's closing on-hand units, or of their value at unit cost.
/// </summary>
/// <param name="StockPoint">Stock point id, or <see cref="StrategyInventory.Chain"/> for all stock points together.</param>
/// <param name="P5">5th percentile per day, day 0 first.</param>
/// <param name="P50">Median per day.</param>
/// <param name="P95">95th percentile per day.</param>
public sealed record InventoryBand(string StockPoint, ImmutableArray<double> P5, ImmutableArray<double> P50, ImmutableArray<double> P95);

/// <summary>One strategy's daily on-hand bands, one per stock point in scenario order, in units and in value.</summary>
/// <param name="Strategy">Strategy name.</param>
/// <param name="StockPoints">Bands of on-hand units per stock point (all items at it added up).</param>
/// <param name="StockPointValues">Bands of on-hand value at unit cost per stock point: unlike items add up as money.</param>
/// <param name="ChainValue">The band of on-hand value at unit cost of all stock points together, summed within each trial.</param>
public sealed record StrategyInventory(string Strategy, ImmutableArray<InventoryBand> StockPoints, ImmutableArray<InventoryBand> StockPointValues, InventoryBand ChainValue)
{
    /// <summary>The <see cref="InventoryBand.StockPoint"/> of <see cref="ChainValue"/>.</summary>
    public const string Chain = "all stock points";
}

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
/// Inventory over time for fan charts: each day's closing on-hand units and their value at unit
/// cost per stock point and strategy, summarised over a bounded sample of trials (the first <see cref="SampledTrials"/>,
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
        var (networks, networkOf) = model.NetworksByStrategy();
        var seed = options.Seed ?? scenario.Seed;
        var strategies = model.Strategies.Length;
        var stockPoints = model.StockPointIds.Length;
        var days = (int)Math.Ceiling(model.HorizonDays);
        // Units and value: two numbers per stock point and day.
        var perTrial = 2L * strategies * days * stockPoints;
        var sample = (int)Math.Min(Math.Min(options.Trials ?? scenario.Trials, Math.Min(maxTrials, MaxSampledTrials)), Math.Max(10, BufferBudget / Math.Max(1, perTrial)));
        var onHand = new float[sample][][];
        var value = new float[sample][][];
        var occurrences = new (int Disruption, double Start, double End)[sample][];
        var width = new OutcomeLayout(stockPoints, model.Disruptions.Length).Length;
        var threads = Math.Clamp(options.Threads ?? Environment.ProcessorCount, 1, sample);
        Parallel.For(0, sample, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation },
            () => (Sims: networks.Select(m => new Simulation(m)).ToArray(), Outcome: new double[width]),
            (k, _, local) =>
            {
                // Each trial writes only its own slots, so the summary is the same on any thread count.
                var trial = new float[strategies][];
                var trialValue = new float[strategies][];
                for (var s = 0; s < strategies; s++)
                {
                    trial[s] = new float[days * stockPoints];
                    trialValue[s] = new float[days * stockPoints];
                    local.Sims[networkOf[s]].RunTraced(s, k, seed, local.Outcome, trial[s], trialValue[s]);
                }

                // Disruptions do not depend on the strategy: read them from the last run.
                var last = local.Sims[networkOf[strategies - 1]];
                var seen = new (int, double, double)[last.OccurrenceCount];
                for (var o = 0; o < seen.Length; o++)
                {
                    seen[o] = last.Occurrence(o);
                }

                onHand[k] = trial;
                value[k] = trialValue;
                occurrences[k] = seen;
                return local;
            },
            _ => { });

        var column = new double[sample];
        var result = ImmutableArray.CreateBuilder<StrategyInventory>(strategies);
        for (var s = 0; s < strategies; s++)
        {
            var units = ImmutableArray.CreateBuilder<InventoryBand>(stockPoints);
            var values = ImmutableArray.CreateBuilder<InventoryBand>(stockPoints);
            for (var p = 0; p < stockPoints; p++)
            {
                var point = p;
                units.Add(Band(model.StockPointIds[p], onHand, s, days, column, (trial, d) => trial[(d * stockPoints) + point]));
                values.Add(Band(model.StockPointIds[p], value, s, days, column, (trial, d) => trial[(d * stockPoints) + point]));
            }

            var chain = Band(StrategyInventory.Chain, value, s, days, column, (trial, d) =>
            {
                var total = 0.0;
                for (var p = 0; p < stockPoints; p++)
                {
                    total += trial[(d * stockPoints) + p];
                }

                return total;
            });
            result.Add(new StrategyInventory(model.Strategies[s].Name, units.MoveToImmutable(), values.MoveToImmutable(), chain));
        }

        var windows = occurrences
            .SelectMany(trial => trial.Where(o => o.Start < model.HorizonDays).Distinct())
            .GroupBy(o => o)
            .OrderBy(g => g.Key.Disruption).ThenBy(g => g.Key.Start).ThenBy(g => g.Key.End)
            .Select(g => new DisruptionWindow(model.Disruptions[g.Key.Disruption].Spec.Id, g.Key.Start, Math.Min(g.Key.End, model.HorizonDays), g.Count()));
        return new InventoryTrace(sample, days, model.WarmupDays, result.MoveToImmutable(), [.. windows]);
    }

    /// <summary>The 5th, 50th and 95th percentile over the sampled trials of one daily figure of strategy <paramref name="s"/>.</summary>
    private static InventoryBand Band(string id, float[][][] traced, int s, int days, double[] column, Func<float[], int, double> figure)
    {
        var p5 = new double[days];
        var p50 = new double[days];
        var p95 = new double[days];
        for (var d = 0; d < days; d++)
        {
            for (var k = 0; k < column.Length; k++)
            {
                column[k] = figure(traced[k][s], d);
            }

            Array.Sort(column);
            p5[d] = Statistics.Percentile(column, 0.05);
            p50[d] = Statistics.Percentile(column, 0.50);
            p95[d] = Statistics.Percentile(column, 0.95);
        }

        return new InventoryBand(id, [.. p5], [.. p50], [.. p95]);
    }
}
