using System.CommandLine;

namespace FlowSim.Cli;

/// <summary>
/// <c>--percentiles item-locations</c>: percentiles over trials for every item-location metric,
/// which keeps every trial's item-level outcomes (chain figures always carry them).
/// </summary>
internal static class PercentileLevels
{
    /// <summary>The levels <c>--percentiles</c> takes (a contract).</summary>
    public static readonly string[] Levels = ["item-locations"];

    public static Option<string?> Option { get; } = new("--percentiles")
    {
        Description = "Also give every item-location metric its 5th, 50th and 95th percentile over trials in the JSON (chain metrics always have them); keeps every trial's item-location results in memory or a temporary file.",
        HelpName = "item-locations",
    };

    /// <summary>True when item-location percentiles are asked for; adds to <paramref name="errors"/> for any other level.</summary>
    public static bool Read(ParseResult parse, List<string> errors)
    {
        var level = parse.GetValue(Option);
        if (level is null)
        {
            return false;
        }

        if (!Levels.Contains(level))
        {
            errors.Add($"--percentiles {level}: expected {string.Join(" or ", Levels)} (chain metrics always have percentiles)");
            return false;
        }

        return true;
    }
}
