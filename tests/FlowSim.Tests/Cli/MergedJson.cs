using System.Text.Json.Nodes;

namespace FlowSim.Tests.Cli;

/// <summary>
/// A merge of shards carries every chain, stock point and disruption figure of the single run,
/// byte for byte, but not yet the item-level sections (items[], item_locations[],
/// stock_points[].metrics), which a single run streams without keeping every trial.
/// </summary>
internal static class MergedJson
{
    /// <summary>The results JSON with the item-level sections taken out, in one canonical layout.</summary>
    public static string WithoutItemLevels(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var strategy in root["strategies"]!.AsArray())
        {
            var s = strategy!.AsObject();
            s.Remove("items");
            s.Remove("item_locations");
            foreach (var sp in s["stock_points"]!.AsArray())
            {
                sp!.AsObject().Remove("metrics");
            }
        }

        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>True when every strategy's item-level sections are empty (what a merge writes).</summary>
    public static bool HasNoItemLevels(string json) =>
        JsonNode.Parse(json)!["strategies"]!.AsArray().All(s => s!["items"]!.AsArray().Count == 0 && s["item_locations"]!.AsArray().Count == 0);

    /// <summary>The console table without the worst item-locations a single run adds under it.</summary>
    public static string TableWithoutItemLevels(string stdout)
    {
        var at = stdout.IndexOf("item-locations with the lowest fill rate", StringComparison.Ordinal);
        if (at < 0)
        {
            return stdout;
        }

        // Back to the start of the title's line.
        var line = stdout.LastIndexOf('\n', at);
        return stdout[..(line + 1)];
    }
}
