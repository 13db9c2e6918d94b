using System.Collections.Immutable;
using FlowSim.Experiments;

namespace FlowSim.Planning;

/// <summary>
/// A greedy marginal-analysis descent on common random numbers. From a placement that meets the
/// target with 95% confidence, each step tries lowering every item-location's level by its step
/// size, all on the same trials; a move counts when the placement still meets the target and the
/// objective falls significantly (the paired 95% CI of the change is below zero); with a cost as the
/// objective, raising a level is tried too. The step takes
/// all such moves together when that combination still meets the target and beats the best single
/// move, else the best single move. When no move counts, step sizes halve; the search ends when
/// they reach one unit (or the budget is spent).
/// </summary>
internal sealed class PlacementSearch(PlacementTrials trials, ImmutableArray<Stage> stages, int[] variables, MeioRequest request, IProgress<Meio.Progress>? progress)
{
    private const int MaxRepairs = 40;

    private readonly List<SearchStep> _steps = [];

    public long TrialsUsed { get; private set; }

    public bool Converged { get; private set; }

    public ImmutableArray<SearchStep> Steps => [.. _steps];

    /// <summary>Searches from the better of the two starts; returns which it started from and the placement it ends at.</summary>
    public (string Start, double[] Levels) Run(double[] baseline, double[] analytic, CancellationToken cancellation)
    {
        var starts = Evaluate([baseline, analytic], cancellation);
        var (startName, x, current) = (trials.Feasible(starts[1]), trials.Feasible(starts[0])) switch
        {
            (true, true) => starts[1].Mean < starts[0].Mean ? ("analytic", analytic, starts[1]) : ("baseline", baseline, starts[0]),
            (true, false) => ("analytic", analytic, starts[1]),
            _ => ("baseline", baseline, starts[0]),
        };
        x = (double[])x.Clone();
        var step = variables.Select(k => InitialStep(stages[k], x[Array.IndexOf(variables, k)])).ToArray();

        // A start that misses the target is raised where customers are short until it meets it.
        for (var repair = 0; !trials.Feasible(current) && repair < MaxRepairs && Affordable(1); repair++)
        {
            foreach (var g in trials.Missing(current))
            {
                foreach (var k in trials.Groups[g])
                {
                    var v = Array.IndexOf(variables, Feeder(k));
                    if (v >= 0)
                    {
                        x[v] += step[v];
                    }
                }
            }

            current = Evaluate([x], cancellation)[0];
            _steps.Add(new SearchStep(_steps.Count + 1, 1, ["raised to meet the target"], current.Mean));
        }

        while (true)
        {
            // Lower every level; with a cost as the objective, raising one may pay too (fewer shortages).
            var moves = Enumerable.Range(0, variables.Length).Where(v => step[v] > 0 && x[v] - step[v] >= 0).Select(v => (v, sign: -1.0))
                .Concat(request.Objective == Outcomes.Metric.AvgInventoryValue ? [] : Enumerable.Range(0, variables.Length).Where(v => step[v] > 0).Select(v => (v, sign: 1.0)))
                .ToList();
            if (moves.Count == 0 || !Affordable(moves.Count))
            {
                Converged = moves.Count == 0;
                break;
            }

            var candidates = moves.Select(m => Moved(x, [m], step)).ToList();
            var outcomes = Evaluate(candidates, cancellation);
            var good = moves.Select((m, i) => (m, o: outcomes[i], gain: Gain(current, outcomes[i])))
                .Where(c => trials.Feasible(c.o) && c.gain.Ci95High < 0)
                .OrderBy(c => c.gain.Mean)
                .ToList();
            if (good.Count == 0)
            {
                var halved = false;
                for (var v = 0; v < step.Length; v++)
                {
                    var unit = Unit(stages[variables[v]]);
                    var next = Math.Floor(step[v] / 2 / unit) * unit;
                    halved |= next < step[v];
                    step[v] = next >= unit ? next : 0;
                }

                _steps.Add(new SearchStep(_steps.Count + 1, candidates.Count, [], current.Mean));
                if (!halved || step.All(s => s == 0))
                {
                    Converged = true;
                    break;
                }

                continue;
            }

            // One move per item-location: the best direction of each.
            good = [.. good.GroupBy(c => c.m.v).Select(g => g.First())];
            var (chosen, next2) = (new[] { good[0].m }, good[0].o);
            if (good.Count > 1 && Affordable(1))
            {
                var all = good.Select(c => c.m).ToArray();
                var together = Evaluate([Moved(x, all, step)], cancellation)[0];
                if (trials.Feasible(together) && together.Mean < next2.Mean)
                {
                    (chosen, next2) = (all, together);
                }
            }

            x = Moved(x, chosen, step);
            current = next2;
            _steps.Add(new SearchStep(_steps.Count + 1, candidates.Count, [.. chosen.Select(m => (m.sign < 0 ? "-" : "+") + stages[variables[m.v]])], current.Mean));
        }

        return (startName, x);
    }

    private bool Affordable(int candidates) => TrialsUsed + ((long)candidates * request.SearchTrials) <= request.Budget;

    private PlacementTrials.Outcome[] Evaluate(IReadOnlyList<double[]> placements, CancellationToken cancellation)
    {
        var result = trials.Run(placements, request.SearchTrials, request.Seed, withDisruptions: true, cancellation);
        TrialsUsed += (long)placements.Count * request.SearchTrials;
        progress?.Report(new Meio.Progress(TrialsUsed, "search"));
        return result;
    }

    private static Statistics Gain(PlacementTrials.Outcome from, PlacementTrials.Outcome to) =>
        Statistics.Of(PairedTrials.Differences(to.Objective, from.Objective));

    private static double[] Moved(double[] x, (int v, double sign)[] which, double[] step)
    {
        var y = (double[])x.Clone();
        foreach (var (v, sign) in which)
        {
            y[v] = Math.Max(0, y[v] + (sign * step[v]));
        }

        return y;
    }

    /// <summary>The buffered stage that serves a customer-facing stage: itself, or the nearest buffered stage feeding it.</summary>
    private int Feeder(int k)
    {
        for (var at = k; at >= 0;)
        {
            if (variables.Contains(at))
            {
                return at;
            }

            at = stages[at].Upstream.IsEmpty ? -1 : stages[at].Upstream[0].Stage;
        }

        return -1;
    }

    private static double Unit(Stage s) => s.WholeUnits ? 1 : Math.Max(1e-6, s.DemandMean / 100);

    /// <summary>A quarter of the safety stock held, at least one day of demand, in whole units where demand is.</summary>
    private static double InitialStep(Stage s, double level)
    {
        var safety = level - (s.DemandMean * (s.Numbers.ProtectionDays ?? 1));
        var step = Math.Max(safety / 4, s.DemandMean);
        return s.WholeUnits ? Math.Max(1, Math.Round(step)) : Math.Max(Unit(s), step);
    }
}
