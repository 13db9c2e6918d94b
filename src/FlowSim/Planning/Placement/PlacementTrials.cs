using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>
/// Runs placements of one strategy as strategies of one experiment, so every placement meets the
/// same demand and disruptions in the same trial (common random numbers), and reads what a
/// placement is judged by: the objective and the service of each customer group, trial by trial.
/// </summary>
internal sealed class PlacementTrials(Scenario scenario, Strategy strategy, ImmutableArray<Stage> stages, int[] variables, ImmutableArray<int[]> groups, MeioRequest request)
{
    /// <summary>One-sided 95% normal quantile: a group meets the target when its mean less this many standard errors does.</summary>
    public const double OneSided95 = 1.6448536269514722;

    /// <summary>What one placement gave.</summary>
    /// <param name="Objective">The objective per trial.</param>
    /// <param name="Service">Per group, its service per trial (NaN in a trial without demand).</param>
    /// <param name="Result">The placement's strategy result.</param>
    public sealed record Outcome(double[] Objective, double[][] Service, StrategyResult Result)
    {
        public double Mean => Objective.Average();
    }

    public ImmutableArray<int[]> Groups => groups;

    /// <summary>The strategy with the given level at each variable stage.</summary>
    public Strategy With(string name, double[] levels)
    {
        var policies = strategy.Policies.ToList();
        for (var v = 0; v < variables.Length; v++)
        {
            var stage = stages[variables[v]];
            var at = policies.FindIndex(p => p.ItemId == stage.ItemId && p.StockPointId == stage.StockPointId);
            var b = (BufferPolicy)policies[at].Policy;
            var sized = b with { SafetyStockUnits = null, SafetyStockDays = null, FillRate = null };
            policies[at] = policies[at] with
            {
                Policy = b.Rule is BufferRule.BaseStock or BufferRule.PeriodicReview ? sized with { OrderUpTo = levels[v] } : sized with { ReorderPoint = levels[v] },
            };
        }

        return strategy with { Name = name, Policies = [.. policies] };
    }

    /// <summary>Runs the placements side by side on <paramref name="trials"/> trials from <paramref name="seed"/>.</summary>
    public Outcome[] Run(IReadOnlyList<double[]> placements, int trials, ulong seed, bool withDisruptions, CancellationToken cancellation) =>
        Run(placements, [.. placements.Select((_, k) => $"candidate-{k + 1}")], trials, seed, withDisruptions, cancellation, out _);

    /// <summary>Runs named placements side by side, and gives the experiment too.</summary>
    public Outcome[] Run(IReadOnlyList<double[]> placements, IReadOnlyList<string> names, int trials, ulong seed, bool withDisruptions, CancellationToken cancellation, out ExperimentResult result)
    {
        var variants = placements.Select((levels, k) => With(names[k], levels)).ToImmutableArray();
        var run = scenario with { Strategies = variants, Disruptions = withDisruptions ? scenario.Disruptions : [] };
        result = Experiment.Run(run, new RunOptions(trials, seed, request.Threads, MeasureDisruptionCost: false, KeepItemLocationOutcomes: true), null, cancellation);
        return [.. result.Strategies.Select(Read)];
    }

    private Outcome Read(StrategyResult r)
    {
        var objective = new double[r.Trials];
        var service = groups.Select(_ => new double[r.Trials]).ToArray();
        var (served, asked) = request.Target?.Metric == ItemLocationMetric.OnTimeDelivery
            ? (ItemLocationMetric.OnTimeUnits, ItemLocationMetric.DueUnits)
            : (ItemLocationMetric.FilledUnits, ItemLocationMetric.DemandedUnits);
        for (var t = 0; t < r.Trials; t++)
        {
            objective[t] = r.Outcome(t, request.Objective);
            for (var g = 0; g < groups.Length; g++)
            {
                double got = 0, wanted = 0;
                foreach (var k in groups[g])
                {
                    got += r.Outcome(t, k, served);
                    wanted += r.Outcome(t, k, asked);
                }

                service[g][t] = wanted > 0 ? got / wanted : double.NaN;
            }
        }

        return new Outcome(objective, service, r);
    }

    /// <summary>
    /// The one-sided 95% lower bound of a group's mean service over trials with demand; with
    /// <paramref name="laterTrials"/>, lowered further by the standard error that many fresh trials
    /// will have, so that a placement found on these trials is likely to pass a proof on those.
    /// </summary>
    public static double LowerBound(double[] service, int laterTrials = 0)
    {
        var values = service.Where(double.IsFinite).ToArray();
        if (values.Length < 2)
        {
            return values.Length == 1 ? values[0] : double.NaN;
        }

        var stats = Statistics.Of(values);
        var spread = 1 / Math.Sqrt(values.Length) + (laterTrials > 0 ? 1 / Math.Sqrt(laterTrials) : 0);
        return stats.Mean - (OneSided95 * stats.Std * spread);
    }

    /// <summary>True when every group's search bound (<see cref="LowerBound"/> with the proof's trials) reaches the target.</summary>
    public bool Feasible(Outcome o) => request.Target is not { } target || o.Service.All(s => !(LowerBound(s, request.ProofTrials) < target.Threshold));

    /// <summary>True when group <paramref name="g"/>'s search bound reaches the target.</summary>
    public bool Feasible(Outcome o, int g) => request.Target is not { } target || !(LowerBound(o.Service[g], request.ProofTrials) < target.Threshold);

    /// <summary>The groups whose search bound misses the target.</summary>
    public IEnumerable<int> Missing(Outcome o) => Enumerable.Range(0, groups.Length).Where(g => LowerBound(o.Service[g], request.ProofTrials) < (request.Target?.Threshold ?? 0));
}
