using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;

namespace FlowSim.Tests.Supply;

/// <summary>
/// Lanes between the same two places (sea and air freight from one supplier) are told apart by
/// their names wherever a lane is named: disruptions, a strategy's sourcing, the audit.
/// </summary>
public class LaneNameTests
{
    private static string Scenario(string sea = "name: sea, ", string air = "name: air, ", string disruption = "lane: sea", string sourcing = "") => $$"""
        name: two modes
        horizon: 300d
        warmup: 20d
        trials: 6
        seed: 9
        items: [{ id: widget, unit_cost: 10, price: 20 }]
        suppliers: [{ id: asia, lead_time: 40d }]
        stock_points: [{ id: dc }]
        lanes:
          - { {{sea}}from: asia, to: dc }
          - { {{air}}from: asia, to: dc, lead_time: 5d, cost_premium: 30%, standby: true }
        demand: [{ item: widget, at: dc, daily: { dist: poisson, mean: 10/day } }]
        strategies:
          - { name: buffer, policy: buffer, service_level: 95%{{sourcing}} }
        disruptions:
          - { id: strike, kind: lane_closure, {{disruption}}, at: 100d, duration: 30d }
        """;

    [Fact]
    public void A_disruption_on_a_named_lane_closes_that_lane_only()
    {
        var r = Experiment.Run(TestScenarios.Load(Scenario(sourcing: ", sourcing: { widget: { primary: sea, backup: air } }")), new RunOptions(Threads: 1)).Strategies[0];
        var (sea, air) = (r.Lanes[0], r.Lanes[1]);
        Assert.Equal(("sea", "air"), (sea.Name, air.Name));
        Assert.Equal((280.0 - 30) / 280, sea[SupplyMetric.Availability].Mean, 9);
        Assert.Equal(1, air[SupplyMetric.Availability].Mean, 9);
        Assert.True(air[SupplyMetric.ShippedUnits].Mean > 0, "the air lane takes over while the sea lane is closed");
        Assert.EndsWith("; from sea, backup air when down", r.PolicyDetails[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disruption_on_two_lanes_of_one_name_is_refused_until_they_are_named()
    {
        var errors = TestScenarios.Errors(Scenario(sea: "", air: "", disruption: "lane: asia->dc"));
        Assert.Contains(errors, e => e.Contains(" disruptions[0].lane: 2 lanes run asia->dc (lanes[0], lanes[1]); give them names (lanes[].name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_audit_takes_out_each_lane_of_a_pair_on_its_own()
    {
        var scenario = TestScenarios.Load(Scenario(sea: "", air: "", disruption: "lane: asia->dc").Replace("  - { id: strike, kind: lane_closure, lane: asia->dc, at: 100d, duration: 30d }", "  []", StringComparison.Ordinal)
            .Replace("disruptions:\n  []", "", StringComparison.Ordinal));
        var lanes = Audit.Nodes(scenario).Where(n => n.Kind == AuditNodeKind.Lane).ToList();
        Assert.Equal(["asia->dc (lanes[0])", "asia->dc (lanes[1])"], lanes.Select(n => n.Id));
        Assert.Equal([0, 1], lanes.Select(n => n.Lane));
    }

    [Theory]
    [InlineData("name: air, ", "lanes[1].name", "lane name 'air' is used twice (first by lanes[0])")]
    [InlineData("name: asia, ", "lanes[1].name", "'asia' is a supplier's or stock point's id")]
    [InlineData("name: by air, ", "lanes[1].name", "ids use letters, digits")]
    public void A_lane_name_is_an_id_of_its_own(string air, string path, string message)
    {
        var errors = TestScenarios.Errors(Scenario(sea: "name: air, ", air: air));
        Assert.Contains(errors, e => e.Contains($" {path}: {message}", StringComparison.Ordinal));
    }
}
