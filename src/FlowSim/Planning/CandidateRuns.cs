using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>
/// The candidates of one step of a search (a grid of values, a lattice of combinations, the
/// neighbours of a point): loaded one after another in the search's order, so that the first that
/// does not load is the one reported, then run side by side on the worker threads as
/// <see cref="VariantRuns"/> runs a sweep's points. Every candidate runs on the same trials and its
/// results never depend on its thread count, so a search finds, and writes, the same whatever the threads.
/// </summary>
internal static class CandidateRuns
{
    /// <summary>
    /// The scenario with <paramref name="overrides"/> applied and only <paramref name="strategy"/>
    /// kept (the others are not run); null after adding what is wrong to <paramref name="problems"/>.
    /// </summary>
    public static Scenario? Load(ScenarioInput source, ImmutableArray<ScenarioOverride> overrides, string strategy, List<ScenarioError> problems)
    {
        var loaded = source.Load(overrides);
        if (loaded.Scenario is not { } scenario)
        {
            problems.AddRange(loaded.Findings.Where(f => !problems.Contains(f)));
            return null;
        }

        var only = scenario.Strategies.Where(s => s.Name == strategy).ToImmutableArray();
        if (only.IsEmpty)
        {
            problems.Add(new ScenarioError(source.Name, 0, 0, "strategies", $"no strategy named '{strategy}'; the scenario has {string.Join(", ", scenario.Strategies.Select(s => s.Name))}"));
            return null;
        }

        return scenario with { Strategies = only };
    }

    /// <summary>Runs every loaded candidate with the same options, side by side, and returns their results in the order given.</summary>
    /// <param name="candidates">The candidates' scenarios, as <see cref="Load"/> gave them.</param>
    /// <param name="options">Trials, seed and threads of the search; the threads are shared out among the candidates.</param>
    /// <param name="progress">Told the candidates evaluated so far, <paramref name="before"/> included (reports may arrive out of order).</param>
    /// <param name="before">Candidates the search evaluated before this step.</param>
    /// <param name="cancellation">Stops between trials.</param>
    public static ExperimentResult[] Run(IReadOnlyList<Scenario> candidates, RunOptions options, IProgress<int>? progress, int before, CancellationToken cancellation)
    {
        var done = before;
        return VariantRuns.Run(candidates.Count, options, null, (c, o, _) =>
        {
            var result = Experiment.Run(candidates[c], o, null, cancellation);
            progress?.Report(Interlocked.Increment(ref done));
            return result;
        }, cancellation);
    }
}
