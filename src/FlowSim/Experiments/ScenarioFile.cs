using System.Collections.Immutable;
using FlowSim.Engine;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>
/// Loads a scenario for running: every check of <see cref="ScenarioLoader"/>, then the checks that
/// need the policies sized over the network (a service level so low that a sized order-up-to level
/// is negative). Every command that runs or validates a scenario loads it here.
/// </summary>
public static class ScenarioFile
{
    /// <summary>Loads and checks a scenario file with what-if overrides applied.</summary>
    /// <param name="path">Path to the YAML file; reported in messages exactly as given.</param>
    /// <param name="overrides">Settings to change, in order; each is checked as if written in the file.</param>
    public static ScenarioLoadResult Load(string path, ImmutableArray<ScenarioOverride> overrides) =>
        WithSizingChecks(ScenarioLoader.Load(path, overrides));

    /// <summary>Loads and checks a scenario file.</summary>
    /// <param name="path">Path to the YAML file; reported in messages exactly as given.</param>
    public static ScenarioLoadResult Load(string path) => Load(path, []);

    /// <summary>Checks a scenario given as bytes with overrides applied; <paramref name="file"/> names it in messages.</summary>
    public static ScenarioLoadResult Parse(byte[] bytes, string file, ImmutableArray<ScenarioOverride> overrides) =>
        WithSizingChecks(ScenarioLoader.Parse(bytes, file, overrides));

    private static ScenarioLoadResult WithSizingChecks(ScenarioLoadResult loaded)
    {
        if (loaded.Scenario is not { } scenario)
        {
            return loaded;
        }

        var errors = SizingCheck.NegativeOrderUpTo(scenario);
        var warnings = SizingCheck.OverlappingWindows(scenario);
        if (errors.Count == 0 && warnings.Count == 0)
        {
            return loaded;
        }

        // Findings stay in file order, as the loader sorts them; its note on findings it did not list
        // (line 0, always last) stays last.
        var findings = loaded.Findings;
        var unlisted = findings.Length > 0 && findings[^1].Line == 0 && findings[^1].Message.EndsWith(ScenarioLoader.UnlistedNote, StringComparison.Ordinal);
        var listed = unlisted ? findings[..^1] : findings;
        return new ScenarioLoadResult(errors.Count > 0 ? null : scenario,
            [.. listed.Concat(errors).Concat(warnings).OrderBy(e => e.Line).ThenBy(e => e.Column), .. unlisted ? [findings[^1]] : Array.Empty<ScenarioError>()]);
    }
}
