using FlowSim.Experiments;

namespace FlowSim.Tests.Supply;

/// <summary>Sourcing keys that could name more than one thing: an item, an ABC-XYZ class, an item group.</summary>
public class ReviewTwoTests
{
    private static string Scenario(string mugGroup, string sourcing) => $$"""
        name: keys
        horizon: 200d
        trials: 2
        seed: 3
        items:
          - { id: mug, unit_cost: 4, price: 12, class: AX, group: {{mugGroup}} }
          - { id: cups, unit_cost: 5, price: 14, class: CZ }
        suppliers:
          - { id: asia, lead_time: 30d }
          - { id: mexico, lead_time: 7d }
        stock_points: [{ id: dc }]
        lanes:
          - { from: asia, to: dc }
          - { from: mexico, to: dc, standby: true }
        demand:
          - { item: mug, at: dc, daily: { dist: poisson, mean: 10 } }
          - { item: cups, at: dc, daily: { dist: poisson, mean: 10 } }
        strategies:
          - { name: near, policy: buffer, sourcing: { {{sourcing}}: mexico } }
        """;

    [Fact]
    public void A_group_named_like_a_class_no_item_has_sources_the_groups_items()
    {
        // No item is of class B, but mug's group is called B: the key can only mean the group.
        var result = Experiment.Run(TestScenarios.Load(Scenario("B", "B")), new RunOptions(Threads: 1));
        Assert.EndsWith("from mexico->dc", result.Strategies[0].Policies.Single(p => p.StartsWith("mug@dc", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("from", result.Strategies[0].Policies.Single(p => p.StartsWith("cups@dc", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_an_item_and_a_group_is_warned_about_and_sources_the_item()
    {
        // 'cups' is an item and mug's group: the item wins, as before, but not silently.
        var parsed = TestScenarios.Parse(Scenario("cups", "cups"), "keys.yaml");
        var warning = Assert.Single(parsed.Findings, f => f.FieldPath == "strategies[0].sourcing.cups");
        Assert.Contains("'cups' is an item and an item group; this entry sources the item 'cups' alone", warning.Message, StringComparison.Ordinal);
        var result = Experiment.Run(parsed.Scenario!, new RunOptions(Threads: 1));
        Assert.DoesNotContain("from", result.Strategies[0].Policies.Single(p => p.StartsWith("mug@dc", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("from mexico->dc", result.Strategies[0].Policies.Single(p => p.StartsWith("cups@dc", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
