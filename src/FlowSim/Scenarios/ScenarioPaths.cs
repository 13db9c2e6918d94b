using System.Collections.Immutable;

namespace FlowSim.Scenarios;

/// <summary>
/// The names a what-if path is made of (<c>--set</c>, <c>--vary</c>, <c>--param</c>): the
/// scenario's top-level sections and the settings of a strategy's policy, exactly as the loader
/// reads them.
/// </summary>
public static class ScenarioPaths
{
    private static readonly HashSet<string> PolicySettingSet = new(ScenarioLoader.PolicyKeys, StringComparer.Ordinal);

    /// <summary>The top-level sections of a scenario (<c>items</c>, <c>suppliers</c>, <c>strategies</c>, ...), in the format's order.</summary>
    public static ImmutableArray<string> Sections { get; } = [.. ScenarioLoader.TopKeys];

    /// <summary>
    /// The settings of a strategy's policy (buffer, demand-responsive and speculative together):
    /// the keys a strategy, or an item or stock point within it, may set.
    /// </summary>
    public static ImmutableArray<string> PolicySettings { get; } = [.. ScenarioLoader.PolicyKeys];

    /// <summary>Whether <paramref name="key"/> is a policy setting, e.g. <c>safety_stock</c> or <c>review</c>.</summary>
    public static bool IsPolicySetting(string key) => PolicySettingSet.Contains(key);
}
