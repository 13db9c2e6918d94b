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
}
