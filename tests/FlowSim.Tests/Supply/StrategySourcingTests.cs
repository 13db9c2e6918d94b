using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>
/// A strategy that chooses its own sources (<c>strategies[].sourcing</c>) runs exactly as the
/// same lanes written into the scenario would, on the same trials as the other strategies; and a
/// choice the network cannot honour is refused at its place.
/// </summary>
public class StrategySourcingTests
{
    /// <summary>An offshore supplier with a long, variable lead time, a nearshore one with a short one, a DC and a store.</summary>
    private static string Scenario(string lanes, string strategies, string items = "widget", string disruptions = "") => $$"""
        name: sourcing
        horizon: 500d
        warmup: 50d
        trials: 12
        seed: 3
        items:
          - { id: widget, unit_cost: 10, price: 20, class: AX, group: pans }
          - { id: gadget, unit_cost: 8, price: 15, class: CZ, group: pots }
        suppliers:
          - { id: asia, lead_time: { dist: normal, mean: 30d, sd: 6d } }
          - { id: mexico, lead_time: { dist: gamma, mean: 8d, cv: 25% } }
        stock_points: [{ id: dc }, { id: store }]
        lanes:
        {{lanes}}
        demand:
          - { item: widget, at: store, daily: { dist: poisson, mean: 20/day } }
        {{(items == "both" ? "  - { item: gadget, at: store, daily: { dist: poisson, mean: 6/day } }" : "")}}
        strategies:
        {{strategies}}
        {{disruptions}}
        """;

    private const string Outage = """
        disruptions:
          - { id: port, kind: supplier_outage, supplier: asia, at: 120d, duration: 40d }
        """;

    private const string Buffer = "policy: buffer, service_level: 95%";

    private static ExperimentResult Run(string yaml) => Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1));

    /// <summary>Every strategy-level metric of two results, trial means compared exactly.</summary>
    private static void SameTrials(StrategyResult expected, StrategyResult actual)
    {
        foreach (var m in Enum.GetValues<Metric>())
        {
            Assert.True(expected[m].Mean.Equals(actual[m].Mean), $"{m}: {expected[m].Mean} written in the lanes, {actual[m].Mean} from the strategy's sourcing");
        }
    }

    [Fact]
    public void A_primary_chosen_by_a_strategy_runs_exactly_as_the_lanes_written_that_way()
    {
        // The strategy sends widget over the standby nearshore lane; gadget stays offshore. Written
        // in the lanes: offshore carries gadget only, nearshore widget only (same lanes, same order).
        var chosen = Run(Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, cost_premium: 8%, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, $$"""
              - { name: offshore, {{Buffer}} }
              - { name: nearshore, {{Buffer}}, sourcing: { widget: mexico } }
            """, items: "both", disruptions: Outage));
        var written = Run(Scenario("""
              - { from: asia, to: dc, items: [gadget] }
              - { from: mexico, to: dc, cost_premium: 8%, items: [widget] }
              - { from: dc, to: store, lead_time: 2d }
            """, $"  - {{ name: nearshore, {Buffer} }}", items: "both", disruptions: Outage));

        SameTrials(written.Strategies[0], chosen.Strategy("nearshore"));
        Assert.Equal(written.Strategies[0].PolicyDetails[2].Numbers, chosen.Strategy("nearshore").PolicyDetails[2].Numbers);

        // The nearshore lead time is a quarter of the offshore one: the DC holds far less widget.
        var dcWidget = chosen.Strategy("nearshore").PolicyDetails.Single(p => p.Item == "widget" && p.Location == "dc");
        var offshoreDcWidget = chosen.Strategy("offshore").PolicyDetails.Single(p => p.Item == "widget" && p.Location == "dc");
        Assert.True(dcWidget.Numbers.OrderUpTo < offshoreDcWidget.Numbers.OrderUpTo / 2, $"{dcWidget.Numbers.OrderUpTo} vs {offshoreDcWidget.Numbers.OrderUpTo}");
        Assert.EndsWith("; from mexico->dc", dcWidget.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("from", offshoreDcWidget.Summary, StringComparison.Ordinal);

        // Only the nearshore strategy buys over the nearshore lane.
        Assert.Equal(0, chosen.Strategy("offshore").Lanes[1][SupplyMetric.ShippedUnits].Mean);
        Assert.True(chosen.Strategy("nearshore").Lanes[1][SupplyMetric.ShippedUnits].Mean > 0);
    }

    [Fact]
    public void A_strategy_with_its_own_sourcing_leaves_the_other_strategies_trials_unchanged()
    {
        const string lanes = """
              - { from: asia, to: dc }
              - { from: mexico, to: dc, cost_premium: 8%, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """;
        var alone = Run(Scenario(lanes, $"  - {{ name: offshore, {Buffer} }}", disruptions: Outage).Replace("standby: true", "standby: [widget]"));
        var beside = Run(Scenario(lanes, $$"""
              - { name: nearshore, {{Buffer}}, sourcing: { widget: mexico } }
              - { name: offshore, {{Buffer}} }
            """, disruptions: Outage));

        SameTrials(alone.Strategies[0], beside.Strategy("offshore"));
    }

    [Fact]
    public void A_split_chosen_by_a_strategy_runs_exactly_as_shares_written_on_the_lanes()
    {
        var chosen = Run(Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, $"  - {{ name: split, {Buffer}, sourcing: {{ widget@dc: {{ share: {{ asia: 70%, mexico: 30% }} }} }} }}"));
        var written = Run(Scenario("""
              - { from: asia, to: dc, share: 70% }
              - { from: mexico, to: dc, share: 30% }
              - { from: dc, to: store, lead_time: 2d }
            """, $"  - {{ name: split, {Buffer} }}"));

        SameTrials(written.Strategies[0], chosen.Strategies[0]);
        Assert.Equal(written.Strategies[0].PolicyDetails[1].Numbers, chosen.Strategies[0].PolicyDetails[1].Numbers);
        Assert.EndsWith("; from asia->dc 70%, mexico->dc 30%", chosen.Strategies[0].PolicyDetails[1].Summary, StringComparison.Ordinal);
        var shipped = chosen.Strategies[0].Lanes[1][SupplyMetric.ShippedUnits].Mean / chosen.Strategies[0].Lanes[0][SupplyMetric.ShippedUnits].Mean;
        Assert.InRange(shipped, 0.3 / 0.7 * 0.95, 0.3 / 0.7 * 1.05);
    }

    [Fact]
    public void A_backup_chosen_by_a_strategy_switches_exactly_as_a_backup_written_on_the_lane()
    {
        var chosen = Run(Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, cost_premium: 20%, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, $"  - {{ name: backup, {Buffer}, sourcing: {{ widget: {{ primary: asia, backup: {{ lane: mexico, when: down, delay: 5d }} }} }} }}", disruptions: Outage));
        var written = Run(Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, cost_premium: 20%, backup: { when: down, delay: 5d } }
              - { from: dc, to: store, lead_time: 2d }
            """, $"  - {{ name: backup, {Buffer} }}", disruptions: Outage));

        SameTrials(written.Strategies[0], chosen.Strategies[0]);
        Assert.True(chosen.Strategies[0].Lanes[1][SupplyMetric.ShippedUnits].Mean > 0, "the backup takes orders while the primary is down");
        Assert.EndsWith("; from asia->dc, backup mexico->dc when down, after 5d", chosen.Strategies[0].PolicyDetails[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_with_backups_off_says_so_of_the_backup_it_chose_and_never_uses_it()
    {
        var result = Run(Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, $"  - {{ name: off, {Buffer}, backups: off, sourcing: {{ widget: {{ primary: asia, backup: mexico }} }} }}", disruptions: Outage));
        Assert.EndsWith("; from asia->dc, backup mexico->dc when down (backups off)", result.Strategies[0].PolicyDetails[1].Summary, StringComparison.Ordinal);
        Assert.Equal(0, result.Strategies[0].Lanes[1][SupplyMetric.ShippedUnits].Mean);
    }

    [Fact]
    public void A_backup_named_alone_switches_by_its_lanes_own_rule()
    {
        // The nearshore lane is the offshore one's backup when late for the scenario's own sourcing
        // of gadget, and on standby for widget: a strategy naming it as widget's backup takes that rule.
        var result = Run(Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, backup: { when: late, late_by: 4d }, standby: [widget] }
              - { from: dc, to: store, lead_time: 2d }
            """, $"  - {{ name: backup, {Buffer}, sourcing: {{ widget: {{ primary: asia, backup: mexico }} }} }}", items: "both"));
        var widget = result.Strategies[0].PolicyDetails.Single(p => p.Item == "widget" && p.Location == "dc");
        Assert.EndsWith("; from asia->dc, backup mexico->dc when late by 4d", widget.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Buying_at_the_store_directly_takes_the_demand_off_the_dc_and_runs_as_that_network_does()
    {
        // The store's widget comes straight from the offshore supplier: the DC's widget has nothing
        // to supply, so it is sized to nothing and holds nothing. The store's own results are those
        // of a network where the lane is written that way (its slot, demand and lane come first in both).
        var chosen = Run(Scenario("""
              - { from: asia, to: dc }
              - { from: asia, to: store, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, $$"""
              - { name: via-dc, {{Buffer}} }
              - { name: direct, {{Buffer}}, sourcing: { widget@store: asia } }
            """, items: "both"));
        var written = Run(Scenario("""
              - { from: asia, to: dc, items: [gadget] }
              - { from: asia, to: store, items: [widget] }
              - { from: dc, to: store, lead_time: 2d, items: [gadget] }
            """, $"  - {{ name: direct, {Buffer} }}", items: "both"));

        var direct = chosen.Strategy("direct");
        var dcWidget = direct.ItemLocations.Single(r => r.ItemId == "widget" && r.Location == "dc");
        Assert.Equal(0, direct.PolicyDetails.Single(p => p.Item == "widget" && p.Location == "dc").Numbers.OrderUpTo);
        Assert.Equal(0, dcWidget[ItemLocationMetric.AvgOnHandUnits].Mean);
        Assert.Equal(0, dcWidget[ItemLocationMetric.OrdersPlaced].Mean);
        Assert.True(chosen.Strategy("via-dc").ItemLocations.Single(r => r.ItemId == "widget" && r.Location == "dc")[ItemLocationMetric.AvgOnHandUnits].Mean > 0);

        var store = direct.ItemLocations.Single(r => r.ItemId == "widget" && r.Location == "store");
        var expected = written.Strategies[0].ItemLocations.Single(r => r.ItemId == "widget" && r.Location == "store");
        foreach (var m in Enum.GetValues<ItemLocationMetric>())
        {
            Assert.True(expected[m].Mean.Equals(store[m].Mean), $"{m}: {expected[m].Mean} written, {store[m].Mean} chosen");
        }
    }

    [Fact]
    public void A_dc_drawing_on_a_store_listed_first_leaves_the_other_strategies_trials_as_they_are_without_it()
    {
        // Both buy from asia in the scenario; one strategy has the DC draw on the store instead,
        // so the DC must come before the store in the order every strategy runs in. Each
        // item-location still draws from its own streams, so the strategy that buys from asia
        // runs exactly as it does alone; the other's DC gets everything over the store's lane.
        static string Lateral(string strategies) => $$"""
            name: lateral
            horizon: 400d
            warmup: 30d
            trials: 10
            seed: 11
            items: [{ id: widget, unit_cost: 10, price: 20 }]
            suppliers: [{ id: asia, lead_time: { dist: gamma, mean: 20d, cv: 30% } }]
            stock_points: [{ id: store }, { id: dc }]
            lanes:
              - { from: asia, to: store }
              - { from: store, to: dc, lead_time: 3d, standby: true }
              - { from: asia, to: dc }
            demand:
              - { item: widget, at: store, daily: { dist: poisson, mean: 9/day } }
              - { item: widget, at: dc, daily: { dist: poisson, mean: 4/day } }
            strategies:
            {{strategies}}
            """;
        var alone = Run(Lateral("  - { name: direct, policy: buffer, service_level: 95% }").Replace("standby: true", "standby: [widget]", StringComparison.Ordinal));
        var both = Run(Lateral("""
              - { name: lateral, policy: buffer, service_level: 95%, sourcing: { widget@dc: store } }
              - { name: direct, policy: buffer, service_level: 95% }
            """));
        Assert.Equal("dc", both.Scenario.Stocked[0].StockPointId);
        SameTrials(alone.Strategies[0], both.Strategy("direct"));
        var lateral = both.Strategy("lateral");
        Assert.Equal(0, lateral.Lanes[2][SupplyMetric.ShippedUnits].Mean);
        Assert.True(lateral.Lanes[1][SupplyMetric.ShippedUnits].Mean > 0);
    }

    [Theory]
    [InlineData("A: mexico")]
    [InlineData("X: mexico")]
    [InlineData("AX: mexico")]
    [InlineData("pans: mexico")]
    [InlineData("C: mexico\n      widget: mexico\n      gadget: asia")]
    [InlineData("A: asia\n      widget: mexico")]
    [InlineData("widget: asia\n      widget@dc: mexico")]
    [InlineData("pans@dc: mexico")]
    public void A_class_or_group_sources_its_items_and_the_most_specific_entry_wins(string sourcing)
    {
        // Each spelling gives widget (class AX, group pans) the nearshore lane at the DC and leaves
        // gadget (class CZ) offshore: the trials of naming widget alone.
        const string lanes = """
              - { from: asia, to: dc }
              - { from: mexico, to: dc, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """;
        var named = Run(Scenario(lanes, $"  - {{ name: near, {Buffer}, sourcing: {{ widget: mexico }} }}", items: "both"));
        var spelled = Run(Scenario(lanes, $$"""
              - name: near
                policy: buffer
                service_level: 95%
                sourcing:
                  {{sourcing}}
            """, items: "both"));
        SameTrials(named.Strategies[0], spelled.Strategies[0]);
        Assert.Equal(named.Strategies[0].PolicyDetails.Select(p => p.Numbers), spelled.Strategies[0].PolicyDetails.Select(p => p.Numbers));
        Assert.Equal(named.Strategies[0].Policies[2], spelled.Strategies[0].Policies[2]);
    }

    [Theory]
    [InlineData("B: mexico", "strategies[0].sourcing.B", "no item has class 'B' (the items' class values: AX, CZ)")]
    [InlineData("pots@store: mexico", "strategies[0].sourcing.pots@store", "no stock point holds an item of 'pots' in this scenario")]
    [InlineData("pans@store: mexico", "strategies[0].sourcing.pans@store", "the lanes named here (mexico) cannot bring an item of 'pans' to 'store'")]
    [InlineData("A: { primary: asia, backup: store }", "strategies[0].sourcing.A", "no stock point holding an item of 'A' is reached by every lane named here (asia, store)")]
    [InlineData("widget: { primary: vietnam }", "strategies[0].sourcing.widget.primary", "unknown supplier or stock point 'vietnam'")]
    [InlineData("widget@dc: { primary: store }", "strategies[0].sourcing.widget@dc.primary", "no lane runs from 'store' to 'dc'; lanes into 'dc' come from: asia, mexico")]
    [InlineData("widget@dc: { primary: mexico->store }", "strategies[0].sourcing.widget@dc.primary", "lane mexico->store goes to 'store', but this entry sources 'widget' at 'dc'")]
    [InlineData("widget: { primary: asia, share: { asia: 50%, mexico: 50% } }", "strategies[0].sourcing.widget", "either a primary (with an optional backup) or shares of a split, not both")]
    [InlineData("widget: { backup: mexico }", "strategies[0].sourcing.widget", "say where the item comes from")]
    [InlineData("widget: { share: { asia: 50%, mexico: 40% } }", "strategies[0].sourcing.widget.share", "the shares add up to 0.9; they must add up to 100%")]
    [InlineData("widget: { share: { asia: 100% } }", "strategies[0].sourcing.widget.share", "at least two")]
    [InlineData("widget: { primary: asia, backup: asia }", "strategies[0].sourcing.widget.backup", "lane asia->dc is named twice for 'widget' at 'dc'")]
    [InlineData("widgit: asia", "strategies[0].sourcing.widgit", "unknown item, class or item group 'widgit'; did you mean 'widget'")]
    [InlineData("widget@depot: asia", "strategies[0].sourcing.widget@depot", "unknown stock point 'depot'")]
    [InlineData("widget: { primary: asia, backup: { when: down } }", "strategies[0].sourcing.widget.backup.lane", "missing")]
    [InlineData("widget: { primary: asia, source: mexico }", "strategies[0].sourcing.widget.source", "unknown key")]
    [InlineData("widget@dc: { primary: asia, backup: { lane: mexico, when: late } }", "strategies[0].sourcing.widget@dc.backup.late_by", "missing")]
    [InlineData("widget@store: asia", "strategies[0].sourcing.widget@store", "no lane runs from 'asia' to 'store'")]
    public void A_sourcing_the_network_cannot_honour_is_refused_at_its_place(string sourcing, string path, string message)
    {
        var yaml = Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, $$"""
              - name: chosen
                policy: buffer
                sourcing:
                  {{sourcing}}
            """);
        var errors = TestScenarios.Errors(yaml);
        Assert.Contains(errors, e => e.StartsWith("bad.yaml:", StringComparison.Ordinal) && e.Contains($" {path}: ", StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_lane_that_does_not_carry_the_item_or_a_stock_point_that_does_not_hold_it_cannot_supply_it()
    {
        var errors = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, items: [gadget], standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, "  - { name: chosen, policy: buffer, sourcing: { widget@dc: mexico } }", items: "both"));
        Assert.Contains(errors, e => e.Contains("strategies[0].sourcing.widget@dc: lane mexico->dc does not carry 'widget' (its items: gadget)", StringComparison.Ordinal));

        var notHeld = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc, items: [gadget] }
              - { from: dc, to: store, lead_time: 2d, items: [gadget] }
              - { from: asia, to: store, items: [widget] }
              - { from: dc, to: store, lead_time: 2d, items: [widget], standby: true }
            """, "  - { name: chosen, policy: buffer, sourcing: { widget@store: dc, widget@dc: asia } }", items: "both"));
        Assert.Contains(notHeld, e => e.Contains("strategies[0].sourcing.widget@dc: 'dc' does not hold 'widget' in this scenario", StringComparison.Ordinal));
        Assert.Contains(notHeld, e => e.Contains("'dc' does not hold 'widget' in this scenario (nothing brings it there), so it cannot supply it to 'store'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sourcing_that_would_turn_the_flow_around_is_refused()
    {
        // Widget flows dc -> store; a strategy cannot have the dc supplied from the store.
        var errors = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc }
              - { from: dc, to: store, lead_time: 2d }
              - { from: store, to: dc, lead_time: 2d, standby: true }
            """, $"  - {{ name: chosen, {Buffer}, sourcing: {{ widget@dc: store }} }}"));
        Assert.Contains(errors, e => e.Contains(" strategies[0].sourcing: this sourcing makes goods flow in a circle between stock points", StringComparison.Ordinal));
    }

    [Fact]
    public void A_standby_lane_is_left_out_of_the_scenarios_own_sourcing_and_one_no_strategy_uses_is_a_warning()
    {
        // Without standby, two lanes would bring widget to the DC with no share or backup: an error.
        const string lanes = """
              - { from: asia, to: dc }
              - { from: mexico, to: dc, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """;
        var unused = TestScenarios.Parse(Scenario(lanes, $"  - {{ name: offshore, {Buffer} }}"), "standby.yaml");
        Assert.NotNull(unused.Scenario);
        var warning = Assert.Single(unused.Findings, f => f.FieldPath == "lanes[1].standby");
        Assert.Contains("lane mexico->dc is on standby, but no strategy's sourcing uses it; it is ignored", warning.Message, StringComparison.Ordinal);
        Assert.NotEmpty(TestScenarios.Errors(Scenario(lanes.Replace(", standby: true", "", StringComparison.Ordinal), $"  - {{ name: offshore, {Buffer} }}")));

        var withRole = TestScenarios.Errors(Scenario(lanes.Replace("standby: true", "standby: true, share: 50%", StringComparison.Ordinal), $"  - {{ name: offshore, {Buffer} }}"));
        Assert.Contains(withRole, e => e.Contains("lanes[1].share: a lane on standby: true is used only by strategies' sourcing", StringComparison.Ordinal));
    }
}
