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
internal sealed class PlacementSearch(PlacementTrials trials, ImmutableArray<Stage> stages, int[] variables, int[] echelons, MeioRequest request, IProgress<Meio.Progress>? progress)
{
    private const int MaxRepairs = 40;

    /// <summary>From this many placed levels on, a step moves whole echelons (see <see cref="EchelonStep"/>).</summary>
    public const int EchelonMovesFrom = 25;

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

        // Step sizes from where the repair left the levels, so the descent can come back down.
        step = variables.Select(k => InitialStep(stages[k], x[Array.IndexOf(variables, k)])).ToArray();

        var byEchelon = variables.Length >= EchelonMovesFrom && request.Objective == Outcomes.Metric.AvgInventoryValue;
        while (true)
        {
            if (byEchelon)
            {
                var moved = EchelonStep(ref x, ref current, step, cancellation, out var tried);
                if (moved is null)
                {
                    break;
                }

                if (moved == false && !Halve(step, current, tried))
                {
                    Converged = true;
                    break;
                }

                continue;
            }

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
                if (!Halve(step, current, candidates.Count))
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

    /// <summary>Halves the step sizes (in whole units where demand is); false when none can go lower.</summary>
    private bool Halve(double[] step, PlacementTrials.Outcome current, int tried)
    {
        var halved = false;
        for (var v = 0; v < step.Length; v++)
        {
            var unit = Unit(stages[variables[v]]);
            var next = Math.Floor(step[v] / 2 / unit) * unit;
            halved |= next < step[v];
            step[v] = next >= unit ? next : 0;
        }

        _steps.Add(new SearchStep(_steps.Count + 1, tried, [], current.Mean));
        return halved && step.Any(s => s > 0);
    }

    /// <summary>
    /// A step for large networks, where trying every level alone would cost a run per
    /// item-location: lower each echelon's levels together (one candidate per echelon). An upstream
    /// echelon's move counts as a whole; at the customer-facing echelon each item-location keeps its
    /// move when its own customers still meet the target, since its level hardly changes anyone
    /// else's service. The moves kept are then run together and taken when that meets the target
    /// and lowers the objective significantly; else the customer-facing moves that still meet it are
    /// tried once more. Null when the budget is spent, false when nothing moved.
    /// </summary>
    private bool? EchelonStep(ref double[] x, ref PlacementTrials.Outcome current, double[] step, CancellationToken cancellation, out int tried)
    {
        tried = 0;
        var level = x;
        var groups = Enumerable.Range(0, variables.Length).Where(v => step[v] > 0 && level[v] - step[v] >= 0)
            .GroupBy(v => echelons[variables[v]]).OrderBy(g => g.Key).ToList();
        if (groups.Count == 0)
        {
            return false;
        }

        if (!Affordable(groups.Count + 1))
        {
            return null;
        }

        var outcomes = Evaluate([.. groups.Select(g => Moved(level, [.. g.Select(v => (v, -1.0))], step))], cancellation);
        tried = groups.Count;
        var accepted = new List<(int v, double sign)>();
        for (var e = 0; e < groups.Count; e++)
        {
            var o = outcomes[e];
            if (trials.Feasible(o) && Gain(current, o).Ci95High < 0)
            {
                accepted.AddRange(groups[e].Select(v => (v, -1.0)));
            }
            else if (groups[e].Key == 0)
            {
                accepted.AddRange(groups[e].Where(v => OwnCustomersServed(o, v)).Select(v => (v, -1.0)));
            }
        }

        for (var attempt = 0; attempt < 2 && accepted.Count > 0; attempt++)
        {
            if (!Affordable(1))
            {
                return null;
            }

            var y = Moved(x, [.. accepted], step);
            var o = Evaluate([y], cancellation)[0];
            tried++;
            if (trials.Feasible(o) && Gain(current, o).Ci95High < 0)
            {
                (x, current) = (y, o);
                _steps.Add(new SearchStep(_steps.Count + 1, tried, [.. accepted.Select(m => "-" + stages[variables[m.v]])], current.Mean));
                return true;
            }

            var kept = accepted.Where(m => echelons[variables[m.v]] == 0 && OwnCustomersServed(o, m.v)).ToList();
            if (kept.Count == accepted.Count)
            {
                break;
            }

            accepted = kept;
        }

        return false;
    }

    /// <summary>True when every customer group the variable's item-location belongs to meets the target in <paramref name="o"/>.</summary>
    private bool OwnCustomersServed(PlacementTrials.Outcome o, int v) =>
        Enumerable.Range(0, trials.Groups.Length).Where(g => trials.Groups[g].Contains(variables[v])).All(g => trials.Feasible(o, g));

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
