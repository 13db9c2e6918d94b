using System.Collections.Immutable;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>One setting of a joint search: its path and the values to try.</summary>
/// <param name="Parameter">The path, full or relative to the strategy (as <c>--param</c> takes it).</param>
/// <param name="Range">The values to search.</param>
/// <param name="Refine">True when no step was given: a finer grid follows around the best value.</param>
public sealed record SearchedSetting(string Parameter, ParameterRange Range, bool Refine);

/// <summary>One combination of values tried, and what it gave.</summary>
/// <param name="Values">The settings as the loader read them, in <c>--param</c> order.</param>
/// <param name="Numbers">Their numbers, in the same order.</param>
/// <param name="Result">The experiment at this combination (the optimised strategy only).</param>
public sealed record JointCandidate(ImmutableArray<string> Values, ImmutableArray<double> Numbers, ExperimentResult Result)
{
    /// <summary>Statistics of a metric at this combination.</summary>
    public Statistics this[Metric metric] => Result.Strategies[0][metric];
}

/// <summary>How a joint search went through the combinations.</summary>
public enum JointSearchMethod
{
    /// <summary>Every combination of the grids was run.</summary>
    FullGrid,

    /// <summary>
    /// For each value of the setting with the fewest values, a coordinate descent over the others
    /// from the previous value's best point: the others' best given that value (a profile).
    /// </summary>
    Profile,
}

/// <summary>The answer of a joint optimisation of several settings, with its uncertainty.</summary>
/// <param name="Strategy">The strategy optimised.</param>
/// <param name="Paths">The full scenario paths of the settings, in <c>--param</c> order.</param>
/// <param name="Objective">The metric minimised, or maximised with <paramref name="Maximize"/>.</param>
/// <param name="Target">The target every answer must meet, or null.</param>
/// <param name="Candidates">Every combination tried, in increasing order of the first setting, then the next.</param>
/// <param name="Best">The combination with the best mean objective among those meeting the target; null when none does.</param>
/// <param name="Plausible">The combinations meeting the target whose paired difference from the best is not significant.</param>
/// <param name="Maximize">True when the objective is maximised (profit).</param>
/// <param name="Method">Full grid, or profile search when the grids' product is too large.</param>
public sealed record JointOptimizationResult(string Strategy, ImmutableArray<string> Paths, Metric Objective, OptimizationTarget? Target,
    ImmutableArray<JointCandidate> Candidates, JointCandidate? Best, ImmutableArray<JointCandidate> Plausible, bool Maximize, JointSearchMethod Method)
{
    /// <summary>The distinct values of setting <paramref name="index"/> among the plausible combinations, in increasing order.</summary>
    public ImmutableArray<double> PlausibleNumbers(int index) => [.. Plausible.Select(c => c.Numbers[index]).Distinct().Order()];

    /// <summary>
    /// The best value of setting <paramref name="index"/> rounded to the precision the trials
    /// support (<see cref="AnswerPrecision"/>), with its unit; null when no combination meets the target.
    /// </summary>
    public string? Answer(int index)
    {
        if (Best is not { } best)
        {
            return null;
        }

        var plausible = PlausibleNumbers(index);
        var value = best.Numbers[index];
        var step = AnswerPrecision.NearestStep(value, Candidates.Select(c => c.Numbers[index]), 0);
        var rounded = AnswerPrecision.Round(value, plausible[0], plausible[^1], step);
        return rounded == value ? best.Values[index] : rounded.ToString("0.##########", CultureInfo.InvariantCulture) + Units[index];
    }

    /// <summary>
    /// True when setting <paramref name="index"/> changed nothing: every two combinations tried
    /// that differ only in it gave the same objective in every trial (and at least two did).
    /// </summary>
    public bool ChangesNothing(int index)
    {
        var pairs = 0;
        foreach (var group in Candidates.GroupBy(c => string.Join(';', c.Numbers.Where((_, i) => i != index).Select(n => n.ToString("R", CultureInfo.InvariantCulture)))))
        {
            var members = group.ToList();
            var first = members[0].Result.Strategies[0];
            foreach (var other in members.Skip(1).Select(m => m.Result.Strategies[0]))
            {
                pairs++;
                for (var t = 0; t < first.Trials; t++)
                {
                    if (other.Outcome(t, Objective) != first.Outcome(t, Objective))
                    {
                        return false;
                    }
                }
            }
        }

        return pairs > 0;
    }

    /// <summary>The unit suffix of each setting's values (<c>%</c>, <c>d</c>), or empty, in <c>--param</c> order.</summary>
    public ImmutableArray<string> Units { get; init; } = [];
}

/// <summary>
/// Finds the values of several settings of one strategy that together minimise a cost (or
/// maximise profit), optionally subject to a service target, on common random numbers. When the
/// product of the grids has at most <see cref="FullGridLimit"/> combinations, every combination
/// runs; otherwise a profile search: for each value of the setting with the fewest values, a
/// coordinate descent over the others starting from the previous value's best point. Settings given
/// without a step are then searched again on a finer grid around the best (a tenth of the step),
/// with the settings given with a step kept to their best value and its grid neighbours.
/// </summary>
public static class JointOptimizer
{
    /// <summary>Most combinations run as a full grid; a larger product is searched by profile.</summary>
    public const int FullGridLimit = 100;

    /// <summary>Runs the search. Load problems at any combination are returned, and nothing is optimised.</summary>
    /// <param name="source">The scenario, loaded again for every combination.</param>
    /// <param name="baseOverrides">Overrides applied before the settings.</param>
    /// <param name="strategy">The strategy to optimise (the others are not run).</param>
    /// <param name="settings">Two or more settings and their ranges.</param>
    /// <param name="objective">The metric to minimise, or to maximise with <paramref name="maximize"/>.</param>
    /// <param name="target">A target every answer must meet, or null.</param>
    /// <param name="options">Trials, seed and threads, the same for every combination.</param>
    /// <param name="findings">Problems found while loading combinations.</param>
    /// <param name="cancellation">Stops between trials.</param>
    /// <param name="maximize">Maximise the objective instead of minimising it.</param>
    /// <param name="progress">Told the combinations evaluated so far.</param>
    /// <param name="fullGridLimit">The largest product run as a full grid (<see cref="FullGridLimit"/> unless a test asks otherwise).</param>
    public static JointOptimizationResult? Run(ScenarioInput source, ImmutableArray<ScenarioOverride> baseOverrides, string strategy, IReadOnlyList<SearchedSetting> settings,
        Metric objective, OptimizationTarget? target, RunOptions options, out ImmutableArray<ScenarioError> findings, CancellationToken cancellation = default,
        bool maximize = false, IProgress<int>? progress = null, int fullGridLimit = FullGridLimit)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Count, 1);
        var search = new JointSearch(source, baseOverrides, strategy, [.. settings], objective, target, options, maximize, cancellation, progress);
        var grids = settings.Select(s => s.Range.Numbers.ToArray()).ToArray();
        var method = search.Search(grids, [.. grids.Select(g => g.Length / 2)], fullGridLimit);
        if (search.Failed)
        {
            findings = search.Problems;
            return null;
        }

        if (search.Best() is { } first && settings.Any(s => s.Refine && s.Range.Step > Optimizer.FinerStep(s.Range)))
        {
            var fine = settings.Select((s, i) => Around(s, first.Numbers[i])).ToArray();
            var start = fine.Select((g, i) => Array.IndexOf(g, first.Numbers[i])).ToArray();
            if (search.Search(fine, start, fullGridLimit) == JointSearchMethod.Profile)
            {
                method = JointSearchMethod.Profile;
            }

            if (search.Failed)
            {
                findings = search.Problems;
                return null;
            }
        }

        findings = search.Problems;
        var best = search.Best();
        var tried = search.Tried.OrderBy(c => c.Numbers, NumbersOrder.Instance).ToImmutableArray();
        var plausible = best is null
            ? ImmutableArray<JointCandidate>.Empty
            : [.. tried.Where(c => search.Meets(c) && (ReferenceEquals(c, best) || search.NotSignificantlyWorse(c, best)))];
        return new JointOptimizationResult(strategy, search.Paths, objective, target, tried, best, plausible, maximize, method) { Units = [.. settings.Select(s => s.Range.Unit)] };
    }

    /// <summary>The finer grid around a best value: a tenth of the step without one, else the value and its grid neighbours.</summary>
    private static double[] Around(SearchedSetting setting, double best)
    {
        var range = setting.Range;
        var from = Math.Max(range.From, best - range.Step);
        var to = Math.Min(range.To, best + range.Step);
        var step = setting.Refine && range.Step > Optimizer.FinerStep(range) ? Optimizer.FinerStep(range) : range.Step;
        var grid = new ParameterRange(from, to, step, range.Unit).Numbers;
        // The best value itself is on the grid, so the search restarts from it.
        return [.. grid.Append(best).Distinct().Order()];
    }

    private sealed class NumbersOrder : IComparer<ImmutableArray<double>>
    {
        public static readonly NumbersOrder Instance = new();

        public int Compare(ImmutableArray<double> x, ImmutableArray<double> y)
        {
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var c = x[i].CompareTo(y[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
