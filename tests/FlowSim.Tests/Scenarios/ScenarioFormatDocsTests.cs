using System.Text.RegularExpressions;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// docs/scenario-format.md against the key lists the loader reads with (and the schema is built
/// from): each section's tables name exactly the keys the loader accepts there, no more, no fewer.
/// </summary>
public sealed partial class ScenarioFormatDocsTests
{
    private static readonly Lazy<List<Section>> Doc = new(() => Parse(File.ReadAllLines(RepoFiles.Path("docs/scenario-format.md"))));

    /// <summary>A heading of the reference, its text, and the rows (trimmed cells) of each of its tables.</summary>
    private sealed record Section(string Heading, string Text, List<List<string[]>> Tables);

    public static TheoryData<string, int, string, string[]> KeyTables() => new()
    {
        { "Top level", 0, "", ScenarioLoader.TopKeys },
        { "`items[]`", 0, "", ScenarioLoader.ItemKeys },
        { "`items[]`", 1, "", ScenarioLoader.ReturnsKeys },
        { "`suppliers[]`, `stock_points[]`", 0, "suppliers[].", ScenarioLoader.SupplierKeys },
        { "`suppliers[]`, `stock_points[]`", 0, "stock_points[].", ScenarioLoader.StockPointKeys },
        { "`lanes[]`", 0, "", ScenarioLoader.LaneKeys },
        { "`production[]`", 0, "", ScenarioLoader.ProductionKeys },
        { "`demand[]`", 0, "", [.. ScenarioLoader.DemandKeys.Where(k => k != "seasonality")] },
        { "`demand[]`", 0, "seasonality.", ScenarioLoader.SeasonalityKeys },
        { "`costs`", 0, "", ScenarioLoader.CostKeys },
        { "`strategies[]`", 0, "", [.. ScenarioLoader.StrategyKeys.Except(ScenarioLoader.PolicyKeys), "policy"] },
        { "`policy: buffer`", 0, "", [.. ScenarioLoader.BufferKeys.Except(["policy"])] },
        { "`policy: demand-responsive`", 0, "", [.. ScenarioLoader.DemandResponsiveKeys.Except(["policy"])] },
        { "`policy: speculative`", 0, "", [.. ScenarioLoader.SpeculativeKeys.Except(["policy"])] },
        { "`policy: speculative`", 0, "batches[].", ScenarioLoader.BatchKeys },
        { "`disruptions[]`", 0, "", [.. ScenarioLoader.DisruptionKeys.Except(DisruptionExtraKeys)] },
        { "`disruptions[]`", 1, "", [.. Enum.GetValues<DisruptionKind>().Select(k => k.YamlName())] },
        { "Distributions", 0, "", [.. DistributionNames.Kinds.Select(k => k.YamlName())] },
    };

    // Keys a disruption takes by kind: the kinds table lists them in its "extra keys" column.
    private static readonly string[] DisruptionExtraKeys = ["factor", "capacity", "hold", "scrap", "delay", "cancel_open_orders", "affects"];

    [Theory]
    [MemberData(nameof(KeyTables))]
    public void Each_table_of_the_reference_names_exactly_the_keys_the_loader_accepts(string heading, int table, string prefix, string[] keys)
    {
        var section = Doc.Value.SingleOrDefault(s => s.Heading == heading);
        Assert.True(section is not null, $"docs/scenario-format.md has no heading {heading}");
        Assert.True(section.Tables.Count > table, $"{heading} has {section.Tables.Count} tables, expected a table number {table + 1}");
        var documented = section.Tables[table]
            .SelectMany(r => Keys(r[0]))
            .Where(k => prefix.Length == 0 ? !k.Contains('.') : k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..])
            .ToHashSet();
        Assert.Equal(keys.Order(), documented.Order());
    }

    [Fact]
    public void The_top_level_table_gives_each_section_the_requirement_and_meaning_the_schema_is_made_from()
    {
        var rows = Doc.Value.Single(s => s.Heading == "Top level").Tables[0];
        Assert.Equal(
            ScenarioLoader.TopLevel.Select(t => $"`{t.Key}` | {(t.Required ? "yes" : "no")} | {t.Meaning}"),
            rows.Select(r => $"{r[0]} | {r[1]} | {r[3]}"));

        var schema = System.Text.Json.Nodes.JsonNode.Parse(ScenarioLoader.JsonSchema)!;
        Assert.Equal(ScenarioLoader.TopLevel.Where(t => t.Required).Select(t => t.Key), schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("Monte Carlo trials (1 to 10,000,000); --trials overrides.", schema["properties"]!["trials"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void The_distribution_table_lists_the_names_in_the_loaders_order_as_the_schema_does()
    {
        var rows = Doc.Value.Single(s => s.Heading == "Distributions").Tables[0];
        Assert.Equal(DistributionNames.Kinds.Select(k => k.YamlName()), rows.Select(r => Keys(r[0]).Single()));
        var schema = System.Text.Json.Nodes.JsonNode.Parse(ScenarioLoader.JsonSchema)!;
        var names = schema["definitions"]!["distribution_object"]!["properties"]!["dist"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(DistributionNames.Kinds.Select(k => k.YamlName()), names);
    }

    [Fact]
    public void The_keys_of_nested_mappings_described_in_the_text_are_all_named()
    {
        var lanes = Doc.Value.Single(s => s.Heading == "`lanes[]`").Text;
        var speculative = Doc.Value.Single(s => s.Heading == "`policy: speculative`").Text;
        var buffer = Doc.Value.Single(s => s.Heading == "`policy: buffer`").Text;
        var disruptions = Doc.Value.Single(s => s.Heading == "`disruptions[]`").Text;
        Assert.All(ScenarioLoader.BackupKeys.Concat(ScenarioLoader.ExpediteKeys).Concat(ScenarioLoader.QuantityDiscountKeys), k => Assert.Contains(k, lanes));
        Assert.All(ScenarioLoader.ReplenishKeys, k => Assert.Contains(k, speculative));
        Assert.All(ScenarioLoader.ForecastKeys, k => Assert.Contains(k, buffer));
        Assert.All(DisruptionExtraKeys, k => Assert.Contains($"`{k}", disruptions));
    }

    [Fact]
    public void Every_policy_kind_and_buffer_rule_is_documented()
    {
        var strategies = Doc.Value.Single(s => s.Heading == "`strategies[]`").Text;
        var buffer = Doc.Value.Single(s => s.Heading == "`policy: buffer`").Text;
        Assert.All(ScenarioLoader.PolicyKinds, k => Assert.Contains($"`{k}`", strategies));
        Assert.All(ScenarioLoader.BufferRules, r => Assert.Contains($"`{r}`", buffer));
    }

    /// <summary>The keys in a table's first cell: every backticked name (<c>`supplier`, `lane`</c> gives two).</summary>
    private static IEnumerable<string> Keys(string cell) => Backticked().Matches(cell).Select(m => m.Groups[1].Value);

    private static List<Section> Parse(string[] lines)
    {
        var sections = new List<Section>();
        string? heading = null;
        var text = new List<string>();
        var tables = new List<List<string[]>>();
        List<string[]>? table = null;
        foreach (var line in lines.Append("## end"))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (heading is not null)
                {
                    sections.Add(new Section(heading, string.Join("\n", text), tables));
                }

                heading = line.TrimStart('#').Trim();
                text = [];
                tables = [];
                table = null;
                continue;
            }

            text.Add(line);
            if (!line.StartsWith('|'))
            {
                table = null;
                continue;
            }

            var cells = line.Split('|')[1..^1].Select(c => c.Trim()).ToArray();
            if (table is null)
            {
                table = [];
                tables.Add(table);
                continue; // the header row
            }

            if (!cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                table.Add(cells);
            }
        }

        return sections;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
