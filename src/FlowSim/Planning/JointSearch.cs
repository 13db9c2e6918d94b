using System.Collections.Immutable;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>
/// The state of one joint search: every combination run so far (each runs once, on the same
/// trials), and the order in which combinations are better: one meeting the target beats one
/// missing it; two meeting it compare on the mean objective; two missing it on how far they miss.
/// On common random numbers a better mean is a better mean paired difference, trial by trial.
/// </summary>
internal sealed class JointSearch(ScenarioInput source, ImmutableArray<ScenarioOverride> baseOverrides, string strategy, ImmutableArray<SearchedSetting> settings,
    Metric objective, OptimizationTarget? target, RunOptions options, bool maximize, CancellationToken cancellation, IProgress<int>? progress)
{
    private readonly Dictionary<string, JointCandidate> _tried = new(StringComparer.Ordinal);
    private readonly List<ScenarioError> _problems = [];
    private readonly double _sign = maximize ? -1.0 : 1.0;

    public ImmutableArray<string> Paths { get; } = [.. settings.Select(s => Optimizer.FullPath(strategy, s.Parameter))];

    public bool Failed { get; private set; }

    public ImmutableArray<ScenarioError> Problems => [.. _problems];

    public IEnumerable<JointCandidate> Tried => _tried.Values;

    public bool Meets(JointCandidate c) => target is null || target.IsMetBy(c[target.Metric].Mean);

    /// <summary>The best combination tried that meets the target, or null.</summary>
    public JointCandidate? Best() => _tried.Values.Where(Meets).MinBy(c => _sign * c[objective].Mean);

    /// <summary>True when the 95% CI of the paired difference in the objective from the best reaches zero.</summary>
    public bool NotSignificantlyWorse(JointCandidate c, JointCandidate best)
    {
        var (worse, better) = maximize ? (best, c) : (c, best);
        return PairedTrials.Difference(worse.Result.Strategies[0], better.Result.Strategies[0], objective).Ci95Low <= 0;
    }

    /// <summary>Searches the lattice of <paramref name="grids"/>: every point when small enough, else by profile from <paramref name="start"/>.</summary>
    public JointSearchMethod Search(double[][] grids, int[] start, int fullGridLimit)
    {
        var size = grids.Aggregate(1L, (n, g) => n * g.Length);
        if (size <= fullGridLimit)
        {
            // One step: every combination, side by side.
            Run(grids, [.. Lattice(grids)]);
            return JointSearchMethod.FullGrid;
        }

        // The outer setting runs over its whole grid, so the answer is exact whenever the cost is
        // unimodal in the others given it: (R,S) pairs, whose best S rises with R, are found
        // where a descent on all settings at once would stall in the diagonal valley.
        var outer = Enumerable.Range(0, grids.Length).MinBy(i => grids[i].Length);
        var point0 = (int[])start.Clone();
        for (var o = 0; o < grids[outer].Length && !Failed; o++)
        {
            point0[outer] = o;
            Descend(grids, point0, outer);
        }

        return JointSearchMethod.Profile;
    }

    /// <summary>Coordinate descent over every setting but <paramref name="fixedIndex"/>: walk each one grid step at a time while it gets better, until no setting moves.</summary>
    private void Descend(double[][] grids, int[] point, int fixedIndex)
    {
        if (Evaluate(grids, point) is not { } current)
        {
            return;
        }

        var moved = true;
        while (moved && !Failed)
        {
            moved = false;
            for (var i = 0; i < grids.Length; i++)
            {
                if (i == fixedIndex)
                {
                    continue;
                }

                foreach (var direction in (ReadOnlySpan<int>)[1, -1])
                {
                    var walked = false;
                    while (point[i] + direction >= 0 && point[i] + direction < grids[i].Length)
                    {
                        point[i] += direction;
                        if (Evaluate(grids, point) is { } next && Better(next, current))
                        {
                            current = next;
                            walked = moved = true;
                            continue;
                        }

                        point[i] -= direction;
                        break;
                    }

                    if (walked || Failed)
                    {
                        break;
                    }
                }
            }
        }
    }

    private bool Better(JointCandidate a, JointCandidate b)
    {
        var (ma, mb) = (Meets(a), Meets(b));
        if (ma != mb)
        {
            return ma;
        }

        if (ma)
        {
            return _sign * a[objective].Mean < _sign * b[objective].Mean;
        }

        // Both miss the target: the one missing it by less leads the way towards it.
        return Shortfall(a) < Shortfall(b);
    }

    private double Shortfall(JointCandidate c) => target!.AtLeast ? target.Threshold - c[target.Metric].Mean : c[target.Metric].Mean - target.Threshold;

    private static IEnumerable<int[]> Lattice(double[][] grids)
    {
        var point = new int[grids.Length];
        while (true)
        {
            yield return (int[])point.Clone();
            var i = grids.Length - 1;
            while (i >= 0 && ++point[i] == grids[i].Length)
            {
                point[i] = 0;
                i--;
            }

            if (i < 0)
            {
                yield break;
            }
        }
    }

    // A walk's step is one combination, run on every thread: which comes next depends on it, and
    // one run ahead on half the threads would gain nothing where its trials already fill them.
    private JointCandidate? Evaluate(double[][] grids, int[] point) => Run(grids, [point])[0];

    /// <summary>
    /// Runs the combinations of one step of the search side by side and records them as tried, in
    /// order. A combination that does not load fails the search, and nothing of the step runs.
    /// </summary>
    private JointCandidate?[] Run(double[][] grids, IReadOnlyList<int[]> points)
    {
        var results = new JointCandidate?[points.Count];
        var keys = new string[points.Count];
        var work = new List<(string Key, ImmutableArray<string> Values, ImmutableArray<double> Numbers, Scenario Scenario)>();
        for (var j = 0; j < points.Count && !Failed; j++)
        {
            var (key, numbers, values) = Combination(grids, points[j]);
            keys[j] = key;
            if (_tried.ContainsKey(key) || work.Any(w => w.Key == key))
            {
                continue;
            }

            if (CandidateRuns.Load(source, [.. baseOverrides, .. Paths.Select((p, i) => new ScenarioOverride(p, values[i]) { Origin = "--range" })], strategy, _problems) is not { } scenario)
            {
                Failed = true;
            }
            else
            {
                work.Add((key, values, numbers, scenario));
            }
        }

        if (Failed)
        {
            return results;
        }

        var runs = CandidateRuns.Run([.. work.Select(w => w.Scenario)], options, progress, _tried.Count, cancellation);
        for (var k = 0; k < work.Count; k++)
        {
            _tried[work[k].Key] = new JointCandidate(work[k].Values, work[k].Numbers, runs[k]);
        }

        for (var j = 0; j < points.Count; j++)
        {
            results[j] = _tried[keys[j]];
        }

        return results;
    }

    private (string Key, ImmutableArray<double> Numbers, ImmutableArray<string> Values) Combination(double[][] grids, int[] point)
    {
        var numbers = point.Select((k, i) => grids[i][k]).ToImmutableArray();
        var key = string.Join(';', numbers.Select(n => n.ToString("R", CultureInfo.InvariantCulture)));
        return (key, numbers, [.. numbers.Select((n, i) => settings[i].Range.Format(n))]);
    }
}
