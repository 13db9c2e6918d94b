using System.Collections.Immutable;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>A service target a candidate must meet: <c>fill_rate&gt;=0.95</c>.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="AtLeast">True for <c>&gt;=</c>, false for <c>&lt;=</c>.</param>
/// <param name="Threshold">The bound, as the metric is measured (0.95 for 95%).</param>
public sealed record OptimizationTarget(Metric Metric, bool AtLeast, double Threshold)
{
    /// <summary>True when a mean meets the target.</summary>
    public bool IsMetBy(double mean) => AtLeast ? mean >= Threshold : mean <= Threshold;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric.Key()}{(AtLeast ? ">=" : "<=")}{Threshold}");

    /// <summary>
    /// Advice for a target with no comparison left in it: what a shell leaves of an unquoted
    /// <c>--target fill_rate&gt;=95%</c>, having taken the <c>&gt;</c> as a redirection to a file
    /// named <c>=95%</c>. Empty for any other text.
    /// </summary>
    internal static string ShellHint(string text) =>
        text.Contains('<', StringComparison.Ordinal) || text.Contains('>', StringComparison.Ordinal) ? ""
        : "; in a shell, quote it (--target \"fill_rate>=95%\"): unquoted, the > sends the output to a file named after the rest";

    /// <summary>Parses <c>METRIC&gt;=VALUE</c> or <c>METRIC&lt;=VALUE</c>; null with a reason otherwise.</summary>
    public static OptimizationTarget? TryParse(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = "";
        var atLeast = text.Contains(">=", StringComparison.Ordinal);
        var parts = text.Split(atLeast ? ">=" : "<=", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            error = $"expected METRIC>=VALUE or METRIC<=VALUE such as fill_rate>=0.95, got '{text}'" + ShellHint(text);
            return null;
        }

        var metric = Metrics.All.Where(m => m.Key() == parts[0]).Select(m => (Metric?)m).FirstOrDefault();
        if (metric is null)
        {
            var near = Suggestions.Nearest(parts[0], Metrics.All.Select(m => m.Key()));
            error = $"unknown metric '{parts[0]}'" + (near is null ? "" : $"; did you mean '{near}'?") + " (the metric keys of the results JSON)";
            return null;
        }

        if (!Units.TryParseFraction(parts[1], out var threshold, out _) && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out threshold))
        {
            error = $"expected a number after the comparison, got '{parts[1]}'";
            return null;
        }

        if (!double.IsFinite(threshold))
        {
            // NaN meets no comparison and infinity every or none: neither is a target.
            error = $"expected a finite number after the comparison, got '{parts[1]}'";
            return null;
        }

        return new OptimizationTarget(metric.Value, atLeast, threshold);
    }
}

/// <summary>One value tried, and what it gave.</summary>
/// <param name="Value">The setting as the loader read it (<c>130</c>, <c>96%</c>).</param>
/// <param name="Number">Its number, for ordering.</param>
/// <param name="Result">The experiment at that value (the optimised strategy only).</param>
public sealed record Candidate(string Value, double Number, ExperimentResult Result)
{
    /// <summary>Statistics of a metric at this value.</summary>
    public Statistics this[Metric metric] => Result.Strategies[0][metric];
}

/// <summary>The answer of an optimisation, with its uncertainty.</summary>
/// <param name="Strategy">The strategy optimised.</param>
/// <param name="Path">The full scenario path of the parameter.</param>
/// <param name="Objective">The metric minimised, or maximised with <paramref name="Maximize"/>.</param>
/// <param name="Target">The target every answer must meet, or null.</param>
/// <param name="Candidates">Every value tried, in increasing order.</param>
/// <param name="Best">The value with the best mean objective (lowest, or highest with <paramref name="Maximize"/>) among those meeting the target; null when none does.</param>
/// <param name="Plausible">
/// The values meeting the target whose objective is not significantly worse than the best's
/// (the 95% CI of the paired difference reaches zero): any of them may be the true optimum.
/// </param>
/// <param name="Maximize">True when the objective is maximised (profit), false when minimised (a cost).</param>
public sealed record OptimizationResult(string Strategy, string Path, Metric Objective, OptimizationTarget? Target,
    ImmutableArray<Candidate> Candidates, Candidate? Best, ImmutableArray<Candidate> Plausible, bool Maximize = false)
{
    /// <summary>
    /// The best value rounded to the precision the trials support (<see cref="AnswerPrecision"/>),
    /// with the setting's unit; null when no value meets the target.
    /// </summary>
    public string? Answer()
    {
        if (Best is not { } best)
        {
            return null;
        }

        var plausible = Plausible.Select(c => c.Number).ToArray();
        var step = AnswerPrecision.NearestStep(best.Number, Candidates.Select(c => c.Number), 0);
        var rounded = AnswerPrecision.Round(best.Number, plausible.Min(), plausible.Max(), step);
        return rounded == best.Number ? best.Value : rounded.ToString("0.##########", CultureInfo.InvariantCulture) + Unit;
    }

    /// <summary>The unit suffix of the values (<c>%</c>, <c>w</c>), or empty.</summary>
    public string Unit { get; init; } = "";
}

/// <summary>
/// Finds the value of one scenario setting that minimises a cost, optionally subject to a
/// service target, for one strategy. Method: a grid over the range (21 values unless a step is
/// given), then, without an explicit step, one finer grid around the best value. Every candidate
/// runs on the same trials (common random numbers), so neighbours are compared on the same luck,
/// and the answer comes with the range of values whose paired difference from the best is not
/// significant.
/// </summary>
public static class Optimizer
{
    /// <summary>Values on the first grid when no step is given.</summary>
    public const int GridSteps = 20;

    /// <summary>Top-level scenario sections: a parameter path starting with one is used as given.</summary>
    private static readonly HashSet<string> Sections = [.. ScenarioPaths.Sections];

    /// <summary>
    /// The full path of a parameter: <c>order_up_to</c> for strategy <c>buffer</c> is
    /// <c>strategies.buffer.order_up_to</c>, and so is <c>items.mug.safety_stock</c> (an override
    /// within the strategy, since it names a policy setting); a path starting with another section
    /// (<c>suppliers.kiln.capacity</c>, <c>items.mug.unit_cost</c>) is used as given.
    /// </summary>
    public static string FullPath(string strategy, string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var segments = parameter.Split('.');
        var first = segments[0].Split('[')[0];
        var policySetting = first is "items" or "stock_points" && ScenarioPaths.IsPolicySetting(segments[^1]);
        return Sections.Contains(first) && !policySetting ? parameter : $"strategies.{strategy}.{parameter}";
    }

    /// <summary>Runs the search. Load problems at any candidate are returned, and nothing is optimised.</summary>
    /// <param name="scenarioPath">The scenario file.</param>
    /// <param name="baseOverrides">Overrides applied before the parameter.</param>
    /// <param name="strategy">The strategy to optimise (the others are not run).</param>
    /// <param name="parameter">The parameter's path, full or relative to the strategy.</param>
    /// <param name="range">The values to search; with <paramref name="refine"/>, a finer grid follows around the best.</param>
    /// <param name="objective">The metric to minimise (a cost), or to maximise with <paramref name="maximize"/> (profit).</param>
    /// <param name="target">A target every answer must meet, or null.</param>
    /// <param name="options">Trials, seed and threads, the same for every candidate.</param>
    /// <param name="refine">Search a finer grid around the best value of the first.</param>
    /// <param name="findings">Problems found while loading candidates.</param>
    /// <param name="cancellation">Stops between trials.</param>
    /// <param name="maximize">Maximise the objective instead of minimising it.</param>
    /// <param name="progress">Told the candidates evaluated so far (the finer grid adds to the first grid's count).</param>
    public static OptimizationResult? Run(string scenarioPath, ImmutableArray<ScenarioOverride> baseOverrides, string strategy, string parameter,
        ParameterRange range, Metric objective, OptimizationTarget? target, RunOptions options, bool refine, out ImmutableArray<ScenarioError> findings,
        CancellationToken cancellation = default, bool maximize = false, IProgress<int>? progress = null) =>
        Run(ScenarioInput.FromFile(scenarioPath), baseOverrides, strategy, parameter, range, objective, target, options, refine, out findings, cancellation, maximize, progress);

    /// <summary>Runs the search on a scenario read once (standard input) or from its file, as <see cref="Run(string, ImmutableArray{ScenarioOverride}, string, string, ParameterRange, Metric, OptimizationTarget?, RunOptions, bool, out ImmutableArray{ScenarioError}, CancellationToken, bool, IProgress{int}?)"/> does.</summary>
    /// <param name="source">The scenario, loaded again for every candidate.</param>
    /// <param name="baseOverrides">Overrides applied before the parameter.</param>
    /// <param name="strategy">The strategy to optimise (the others are not run).</param>
    /// <param name="parameter">The parameter's path, full or relative to the strategy.</param>
    /// <param name="range">The values to search; with <paramref name="refine"/>, a finer grid follows around the best.</param>
    /// <param name="objective">The metric to minimise (a cost), or to maximise with <paramref name="maximize"/> (profit).</param>
    /// <param name="target">A target every answer must meet, or null.</param>
    /// <param name="options">Trials, seed and threads, the same for every candidate.</param>
    /// <param name="refine">Search a finer grid around the best value of the first.</param>
    /// <param name="findings">Problems found while loading candidates.</param>
    /// <param name="cancellation">Stops between trials.</param>
    /// <param name="maximize">Maximise the objective instead of minimising it.</param>
    /// <param name="progress">Told the candidates evaluated so far.</param>
    public static OptimizationResult? Run(ScenarioInput source, ImmutableArray<ScenarioOverride> baseOverrides, string strategy, string parameter,
        ParameterRange range, Metric objective, OptimizationTarget? target, RunOptions options, bool refine, out ImmutableArray<ScenarioError> findings,
        CancellationToken cancellation = default, bool maximize = false, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sign = maximize ? -1.0 : 1.0;
        ArgumentNullException.ThrowIfNull(range);
        var path = FullPath(strategy, parameter);
        var tried = new SortedDictionary<double, Candidate>();
        var problems = new List<ScenarioError>();
        if (!Evaluate(range.Numbers, range, source, baseOverrides, strategy, path, options, tried, problems, cancellation, progress))
        {
            findings = [.. problems];
            return null;
        }

        var best = Best(tried.Values, objective, sign, target);
        if (refine && best is not null && range.Step > FinerStep(range))
        {
            var step = FinerStep(range);
            var from = Math.Max(range.From, best.Number - range.Step);
            var to = Math.Min(range.To, best.Number + range.Step);
            var fine = new ParameterRange(from, to, step, range.Unit);
            if (!Evaluate(fine.Numbers, fine, source, baseOverrides, strategy, path, options, tried, problems, cancellation, progress))
            {
                findings = [.. problems];
                return null;
            }

            best = Best(tried.Values, objective, sign, target);
        }

        findings = [.. problems];
        var plausible = best is null
            ? ImmutableArray<Candidate>.Empty
            : [.. tried.Values.Where(c => Meets(c, target) && (ReferenceEquals(c, best)
                || (maximize ? PairedDifference(best, c, objective) : PairedDifference(c, best, objective)).Ci95Low <= 0))];
        return new OptimizationResult(strategy, path, objective, target, [.. tried.Values], best, plausible, maximize) { Unit = range.Unit };
    }

    /// <summary>Statistics of a's objective minus b's, trial by trial.</summary>
    public static Statistics PairedDifference(Candidate a, Candidate b, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return PairedTrials.Difference(a.Result.Strategies[0], b.Result.Strategies[0], metric);
    }

    // Whole-number ranges refine down to 1; others to a tenth of the step.
    internal static double FinerStep(ParameterRange range) =>
        Math.Floor(range.From) == range.From && Math.Floor(range.Step) == range.Step ? Math.Max(1, Math.Floor(range.Step / 10)) : range.Step / 10;

    private static bool Meets(Candidate c, OptimizationTarget? target) => target is null || target.IsMetBy(c[target.Metric].Mean);

    private static Candidate? Best(IEnumerable<Candidate> candidates, Metric objective, double sign, OptimizationTarget? target) =>
        candidates.Where(c => Meets(c, target)).MinBy(c => sign * c[objective].Mean);

    private static bool Evaluate(ImmutableArray<double> numbers, ParameterRange range, ScenarioInput source, ImmutableArray<ScenarioOverride> baseOverrides,
        string strategy, string path, RunOptions options, SortedDictionary<double, Candidate> tried, List<ScenarioError> problems, CancellationToken cancellation, IProgress<int>? progress)
    {
        // Every value of the grid loads first, in order, so a value that does not load stops the search before anything runs.
        var pending = numbers.Where(n => !tried.ContainsKey(n)).Distinct().ToArray();
        var scenarios = new List<Scenario>(pending.Length);
        foreach (var number in pending)
        {
            if (CandidateRuns.Load(source, [.. baseOverrides, new ScenarioOverride(path, range.Format(number)) { Origin = "--range" }], strategy, problems) is not { } scenario)
            {
                return false;
            }

            scenarios.Add(scenario);
        }

        var results = CandidateRuns.Run(scenarios, options, progress, tried.Count, cancellation);
        for (var i = 0; i < pending.Length; i++)
        {
            tried[pending[i]] = new Candidate(range.Format(pending[i]), pending[i], results[i]);
        }

        return true;
    }
}
