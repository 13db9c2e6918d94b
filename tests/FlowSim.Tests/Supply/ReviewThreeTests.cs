using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>A disruption written from->to finds a lane that has a name of its own, as sourcing and --set do.</summary>
public class ReviewThreeTests
{
    private static string Named(string lanes, string disruption) => $$"""
        name: named
        horizon: 300d
        warmup: 20d
        trials: 4
        seed: 9
        items: [{ id: widget, unit_cost: 10, price: 20 }]
        suppliers: [{ id: asia, lead_time: 40d }]
        stock_points: [{ id: dc }]
        lanes:
        {{lanes}}
        demand: [{ item: widget, at: dc, daily: { dist: poisson, mean: 10/day } }]
        strategies:
          - { name: buffer, policy: buffer, service_level: 95% }
        disruptions:
          - { id: strike, kind: lane_closure, lane: {{disruption}}, at: 100d, duration: 30d }
        """;

    [Fact]
    public void A_named_lane_is_still_hit_by_a_disruption_written_from_to_as_sourcing_and_set_find_it()
    {
        var r = Experiment.Run(TestScenarios.Load(Named("  - { name: sea, from: asia, to: dc }", "asia->dc")), new RunOptions(Threads: 1));
        Assert.Equal("sea", r.Strategies[0].Lanes[0].Name);
        Assert.Equal((280.0 - 30) / 280, r.Strategies[0].Lanes[0][SupplyMetric.Availability].Mean, 9);
    }

    [Fact]
    public void A_disruption_written_from_to_on_two_named_lanes_is_refused()
    {
        var errors = TestScenarios.Errors(Named("  - { name: sea, from: asia, to: dc, share: 70% }\n  - { name: air, from: asia, to: dc, lead_time: 5d, share: 30% }", "asia->dc"));
        Assert.Contains(errors, e => e.Contains(" disruptions[0].lane: 2 lanes run asia->dc (lanes[0], lanes[1])", StringComparison.Ordinal));
    }
}
