namespace FlowSim.Scenarios;

/// <summary>"Did you mean ...?" for names a person typed: the loader's own rule, for the command line too.</summary>
public static class Suggestions
{
    /// <summary>The candidate a small typo away from <paramref name="word"/>, or null when none is close.</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates) => YamlFields.Nearest(word, candidates);
}
