using System.Text.Json.Nodes;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Scenarios;

/// <summary>The public names other parts of FlowSim build paths and labels from, against what the loader and schema accept.</summary>
public sealed class ScenarioPathsTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(ScenarioLoader.JsonSchema)!;

    [Fact]
    public void The_sections_are_the_top_level_keys_of_the_schema()
    {
        var top = Schema["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(top, ScenarioPaths.Sections);
    }

    [Fact]
    public void The_policy_settings_are_the_keys_a_policy_accepts_in_the_schema()
    {
        var policy = Schema["definitions"]!["policy"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(policy, ScenarioPaths.PolicySettings);
        Assert.True(ScenarioPaths.IsPolicySetting("safety_stock"));
        Assert.False(ScenarioPaths.IsPolicySetting("unit_cost"));
    }

    [Fact]
    public void Every_disruption_kind_has_its_own_name_and_the_loader_reads_that_name_back_as_the_kind()
    {
        var kinds = Enum.GetValues<DisruptionKind>();
        Assert.Equal(kinds.Length, kinds.Select(k => k.YamlName()).Distinct().Count());
        var schemaKinds = Schema["properties"]!["disruptions"]!["items"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(schemaKinds, kinds.Select(k => k.YamlName()));
        Assert.Equal("supplier_outage", DisruptionKind.SupplierOutage.YamlName());
        Assert.Equal("information_delay", DisruptionKind.InformationDelay.YamlName());
    }

    [Fact]
    public void Every_distribution_kind_has_one_name_that_reads_back_as_that_kind()
    {
        Assert.Equal(Enum.GetValues<DistributionKind>().Order(), DistributionNames.Kinds.Order());
        foreach (var kind in DistributionNames.Kinds)
        {
            Assert.True(DistributionNames.TryParse(kind.YamlName(), out var back));
            Assert.Equal(kind, back);
        }

        Assert.Equal("negative_binomial", DistributionKind.NegativeBinomial.YamlName());
        Assert.False(DistributionNames.TryParse("Normal", out _));
    }
}
