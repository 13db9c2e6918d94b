using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>
/// Checks of a scenario made against each strategy's own network (<c>strategies[].sourcing</c>):
/// what a strategy's choices change, its warnings and refusals say about that strategy.
/// </summary>
public class StrategySourcingReviewTests
{
    /// <summary>A supplier, a DC with flat demand of its own and a store with seasonal demand, bought direct; a standby lane from the DC.</summary>
    private static string Scenario(string lanes, string strategies, string demand = "") => $$"""
        name: review
        horizon: 400d
        warmup: 50d
        trials: 4
        seed: 3
        items:
          - { id: widget, unit_cost: 10, price: 20 }
        suppliers:
          - { id: asia, lead_time: { dist: normal, mean: 30d, sd: 6d } }
        stock_points: [{ id: dc }, { id: store }]
        lanes:
        {{lanes}}
        demand:
          - { item: widget, at: store, daily: { dist: poisson, mean: 20/day }, seasonality: { annual: [0.6, 0.7, 0.8, 0.9, 1.2, 0.8, 0.7, 0.7, 0.9, 1.1, 1.6, 3.0] } }
          - { item: widget, at: dc, daily: { dist: poisson, mean: 5/day } }
        {{demand}}
        strategies:
        {{strategies}}
        """;

    [Fact]
    public void A_seasonal_plan_is_warned_about_on_the_network_the_strategy_runs_on()
    {
        // As written the DC sees only its own flat demand; the strategy that sends the store's
        // seasonal demand through the DC gives it seasonal levels, so only the other strategy's
        // plan is flat there. Buying the store's widget direct again takes the season off the DC.
        var result = TestScenarios.Parse(Scenario("""
              - { from: asia, to: dc }
              - { from: asia, to: store }
              - { from: dc, to: store, lead_time: 2d, standby: true }
            """, """
              - { name: direct, policy: buffer, plan: seasonal }
              - { name: via-dc, policy: buffer, plan: seasonal, sourcing: { widget@store: dc } }
            """), "seasonal.yaml");
        Assert.NotNull(result.Scenario);
        var flat = result.Findings.Where(f => f.Message.Contains("'widget' at 'dc' supplies demand with no seasonality", StringComparison.Ordinal)).Select(f => f.FieldPath).ToList();
        Assert.Equal(["strategies[0].plan"], flat);

        var back = TestScenarios.Parse(Scenario("""
              - { from: asia, to: dc }
              - { from: asia, to: store, standby: true }
              - { from: dc, to: store, lead_time: 2d }
            """, """
              - { name: via-dc, policy: buffer, plan: seasonal }
              - { name: direct, policy: buffer, plan: seasonal, sourcing: { widget@store: asia } }
            """), "seasonal.yaml");
        Assert.NotNull(back.Scenario);
        flat = [.. back.Findings.Where(f => f.Message.Contains("'widget' at 'dc' supplies demand with no seasonality", StringComparison.Ordinal)).Select(f => f.FieldPath)];
        Assert.Equal(["strategies[1].plan"], flat);
    }

    [Fact]
    public void A_shelf_life_shorter_than_a_lane_a_strategy_chooses_is_warned_about()
    {
        // Only the strategy buys over the 30-day standby lane; the 20-day shelf life is as short
        // for it as for a lane the scenario uses itself.
        var result = TestScenarios.Parse($$"""
            name: review
            horizon: 400d
            trials: 4
            items:
              - { id: widget, unit_cost: 10, price: 20, shelf_life: 20d }
            suppliers:
              - { id: asia, lead_time: 30d }
              - { id: mexico, lead_time: 8d }
            stock_points: [{ id: dc }]
            lanes:
              - { from: mexico, to: dc }
              - { from: asia, to: dc, standby: true }
            demand:
              - { item: widget, at: dc, daily: { dist: poisson, mean: 20/day } }
            strategies:
              - { name: offshore, policy: buffer, sourcing: { widget: asia } }
            """, "shelf.yaml");
        Assert.NotNull(result.Scenario);
        var warning = Assert.Single(result.Findings, f => f.FieldPath == "items[0].shelf_life");
        Assert.Contains("shorter than the mean lead time of lane asia->dc (30d)", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("standby: []", "lanes[1].standby", "expected true, false or a list of the items left to strategies' sourcing ([widget]), got an empty list")]
    [InlineData("standby: { widget: true }", "lanes[1].standby", "expected true, false or a list of the items left to strategies' sourcing ([widget]), got a mapping")]
    [InlineData("standby: yes", "lanes[1].standby", "expected true, false or a list of the items left to strategies' sourcing ([widget]), got 'yes'")]
    public void A_standby_that_is_neither_a_switch_nor_a_list_of_items_is_refused_at_its_place(string standby, string path, string message)
    {
        var errors = TestScenarios.Errors(Scenario($$"""
              - { from: asia, to: dc }
              - { from: asia, to: store, {{standby}} }
              - { from: dc, to: store, lead_time: 2d }
            """, "  - { name: chosen, policy: buffer, sourcing: { widget@store: asia } }"));
        Assert.Contains(errors, e => e.Contains($" {path}: {message}", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_sourcing_says_it_is_empty()
    {
        var errors = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc }
              - { from: asia, to: store }
            """, "  - { name: chosen, policy: buffer, sourcing: {} }"));
        Assert.Contains(errors, e => e.Contains(" strategies[0].sourcing: expected a mapping from ITEM, CLASS or GROUP (optionally @STOCK_POINT) to its sources, such as widget: { primary: nearshore }, got an empty mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void Shares_that_miss_100_percent_by_a_little_say_by_how_much()
    {
        var errors = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc }
              - { from: asia, to: store }
              - { from: dc, to: store, lead_time: 2d, standby: true }
            """, "  - { name: chosen, policy: buffer, sourcing: { widget@store: { share: { asia: 33.33333%, dc: 66.66666% } } } }"));
        Assert.Contains(errors, e => e.Contains(" strategies[0].sourcing.widget@store.share: the shares add up to 0.9999999; they must add up to 100%", StringComparison.Ordinal));
    }

    [Fact]
    public void A_choice_between_stock_points_the_scenario_does_not_link_is_taken_whichever_demand_is_listed_first()
    {
        // The store and the DC both buy from asia; neither supplies the other, and the store's
        // demand is listed first. A strategy may have either draw on the other: the item-locations
        // are ordered so that each comes before what supplies it in every strategy's network.
        foreach (var (lane, choice, first) in new[] { ("store, to: dc", "widget@dc: store", "dc"), ("dc, to: store", "widget@store: dc", "store") })
        {
            var load = TestScenarios.Parse(Scenario($$"""
                  - { from: asia, to: dc }
                  - { from: asia, to: store }
                  - { from: {{lane}}, lead_time: 2d, standby: true }
                """, $"  - {{ name: chosen, policy: buffer, sourcing: {{ {choice} }} }}"), "lateral.yaml");
            Assert.True(load.Scenario is not null, string.Join("\n", load.Findings));
            Assert.Equal(first, load.Scenario!.Stocked.First(s => s.ItemId == "widget").StockPointId);
        }
    }

    [Fact]
    public void Strategies_that_send_goods_opposite_ways_between_two_stock_points_are_refused()
    {
        var errors = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc }
              - { from: asia, to: store }
              - { from: store, to: dc, lead_time: 2d, standby: true }
              - { from: dc, to: store, lead_time: 2d, standby: true }
            """, """
              - { name: one-way, policy: buffer, sourcing: { widget@dc: store } }
              - { name: other-way, policy: buffer, sourcing: { widget@store: dc } }
            """));
        Assert.Contains(errors, e => e.Contains(" strategies[0].sourcing: 'dc' drawing 'widget' from 'store' here, with the scenario's own lanes and the other strategies' sourcing, sends goods both ways between them", StringComparison.Ordinal));
    }

    [Fact]
    public void An_entry_for_an_item_alone_applies_where_its_lanes_carry_the_item()
    {
        // Two standby lanes from mexico: one carries gadget to the DC, the other widget to the
        // store. widget: mexico means the store's widget, gadget: mexico the DC's gadget.
        var result = TestScenarios.Parse($$"""
            name: review
            horizon: 400d
            trials: 4
            items:
              - { id: widget, unit_cost: 10, price: 20 }
              - { id: gadget, unit_cost: 8, price: 15 }
            suppliers:
              - { id: asia, lead_time: 30d }
              - { id: mexico, lead_time: 8d }
            stock_points: [{ id: dc }, { id: store }]
            lanes:
              - { from: asia, to: dc }
              - { from: mexico, to: dc, items: [gadget], standby: true }
              - { from: mexico, to: store, items: [widget], standby: true }
              - { from: dc, to: store, lead_time: 2d }
            demand:
              - { item: widget, at: store, daily: { dist: poisson, mean: 20/day } }
              - { item: gadget, at: store, daily: { dist: poisson, mean: 6/day } }
            strategies:
              - { name: nearshore, policy: buffer, sourcing: { widget: mexico, gadget: mexico } }
            """, "places.yaml");
        Assert.NotNull(result.Scenario);
        var chosen = result.Scenario.Strategies[0].Sourcing.Select(c => $"{c.ItemId}@{c.StockPointId}: {c.Describe(result.Scenario.Lanes)}").Order(StringComparer.Ordinal);
        Assert.Equal(["gadget@dc: from mexico->dc", "widget@store: from mexico->store"], chosen);
    }

    [Fact]
    public void A_split_runs_in_the_lanes_order_whatever_order_its_shares_are_listed_in()
    {
        // The last lane of a split takes what is left of each order after the others' shares are
        // rounded to whole units: with 25/25/50, an order of 6 is 2+2+2 in the lanes' order and
        // 3+2+1 the other way round. The strategy lists its shares backwards.
        static string Split(string lanes, string strategy) => $$"""
            name: split
            horizon: 300d
            warmup: 30d
            trials: 8
            seed: 5
            items:
              - { id: widget, unit_cost: 10, price: 20 }
            suppliers:
              - { id: asia, lead_time: { dist: gamma, mean: 20d, cv: 30% } }
              - { id: mexico, lead_time: { dist: gamma, mean: 8d, cv: 30% } }
              - { id: spain, lead_time: { dist: gamma, mean: 12d, cv: 30% } }
            stock_points: [{ id: dc }]
            lanes:
            {{lanes}}
            demand:
              - { item: widget, at: dc, daily: { dist: poisson, mean: 7/day } }
            strategies:
              - {{strategy}}
            """;
        var chosen = Experiment.Run(TestScenarios.Load(Split("""
              - { from: asia, to: dc }
              - { from: mexico, to: dc, standby: true }
              - { from: spain, to: dc, standby: true }
            """, "{ name: split, policy: buffer, sourcing: { widget: { share: { spain: 50%, mexico: 25%, asia: 25% } } } }")), new RunOptions(Threads: 1)).Strategies[0];
        var written = Experiment.Run(TestScenarios.Load(Split("""
              - { from: asia, to: dc, share: 25% }
              - { from: mexico, to: dc, share: 25% }
              - { from: spain, to: dc, share: 50% }
            """, "{ name: split, policy: buffer }")), new RunOptions(Threads: 1)).Strategies[0];

        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(written.Lanes[j][SupplyMetric.ShippedUnits].Mean, chosen.Lanes[j][SupplyMetric.ShippedUnits].Mean);
        }

        foreach (var m in Enum.GetValues<Metric>())
        {
            Assert.True(written[m].Mean.Equals(chosen[m].Mean), $"{m}: {written[m].Mean} written on the lanes, {chosen[m].Mean} from the strategy's sourcing");
        }

        Assert.EndsWith("; from asia->dc 25%, mexico->dc 25%, spain->dc 50%", chosen.PolicyDetails[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_location_only_a_standby_lane_reaches_says_so()
    {
        var errors = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc, standby: true }
              - { from: asia, to: store }
            """, "  - { name: chosen, policy: buffer, sourcing: { widget@dc: asia } }"));
        Assert.Contains(errors, e => e.Contains(" demand[1]: item 'widget' is needed at 'dc' but nothing supplies it there; add a lane to 'dc' that carries it, or production "
            + "(lane asia->dc is on standby, for strategies' sourcing only", StringComparison.Ordinal));
    }

    [Fact]
    public void Sourcing_an_item_held_nowhere_says_so()
    {
        var errors = TestScenarios.Errors(Scenario("""
              - { from: asia, to: dc }
              - { from: asia, to: store }
            """, "  - { name: chosen, policy: buffer, sourcing: { gadget: asia } }").Replace("- { id: widget, unit_cost: 10, price: 20 }", "- { id: widget, unit_cost: 10, price: 20 }\n  - { id: gadget, unit_cost: 8, price: 15 }", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(" strategies[0].sourcing.gadget: no stock point holds 'gadget' in this scenario: nothing demanded needs it", StringComparison.Ordinal));
    }
}
