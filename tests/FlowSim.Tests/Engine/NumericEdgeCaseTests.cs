using System.Text;
using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Engine;

/// <summary>
/// Extreme but valid scenarios run without overflow or NaN in any output: long horizons, huge and
/// zero demand, lead times of hours, service levels near 1, the largest numbers a scenario accepts.
/// Only metrics that are undefined by nature (no disruption to survive, no demand variance for a
/// bullwhip ratio) may be missing, and the JSON then says null, never NaN or Infinity.
/// </summary>
public class NumericEdgeCaseTests
{
    private const string Strategies = """
          - name: buffer
            policy: buffer
            service_level: 95%
          - name: s-S
            policy: buffer
            rule: s-S
            review: 1w
            service_level: 95%
          - name: to-order
            policy: demand-responsive
          - name: season
            policy: speculative
            batches: [{ at: 0d, quantity: newsvendor }]

        """;

    private static string Scenario(string demand = "{ dist: poisson, mean: 5/day }", string leadTime = "3d", string horizon = "400d",
        string strategies = Strategies, string item = "unit_cost: 4\n    price: 10") =>
        TestScenarios.SingleItem(demand: demand, leadTime: leadTime, horizon: horizon, warmup: "10d", patience: "1w", item: item, strategies: strategies);

    public static TheoryData<string, string> Cases => new()
    {
        { "a 50-year horizon", Scenario(horizon: "50y") },
        { "1e9 units a day, Poisson", Scenario(demand: "{ dist: poisson, mean: 1e9/day }") },
        { "1e9 units a day, negative binomial", Scenario(demand: "{ dist: negative_binomial, mean: 1e9/day, cv: 30% }") },
        { "zero demand", Scenario(demand: "0") },
        { "zero-mean Poisson demand", Scenario(demand: "{ dist: poisson, mean: 0/day }") },
        { "a lead time of two hours", Scenario(leadTime: "2h") },
        { "exponential lead times averaging 0.1 day", Scenario(leadTime: "{ dist: exponential, mean: 0.1d }") },
        { "a service level of 0.9999", Scenario(strategies: Strategies.Replace("95%", "0.9999")) },
        { "the largest numbers a scenario accepts", Scenario(demand: "{ dist: normal, mean: 1e12/day, cv: 50% }", item: "unit_cost: 1e12\n    price: 1e12", horizon: "200y") },
        { "a price below cost (newsvendor stocks nothing)", Scenario(item: "unit_cost: 12\n    price: 10\n    lost_sale_cost: 0") },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Runs_to_finite_outputs(string name, string yaml)
    {
        var scenario = TestScenarios.Load(yaml, name);

        // Debug builds also check every trial's books (Simulation.Invariants.cs).
        var result = Experiment.Run(scenario, new RunOptions(Trials: 3, Threads: 1));

        foreach (var strategy in result.Strategies)
        {
            for (var k = 0; k < result.Trials; k++)
            {
                foreach (var m in Enum.GetValues<Metric>())
                {
                    var v = strategy.Outcome(k, m);
                    Assert.True(double.IsFinite(v) || (double.IsNaN(v) && m.MayBeUndefined()), $"{strategy.Name}, trial {k}: {m} = {v}");
                }

                Assert.InRange(strategy.Outcome(k, Metric.FillRate), 0, 1);
            }

            foreach (var sp in strategy.StockPoints)
            {
                foreach (var m in Enum.GetValues<StockPointMetric>())
                {
                    Assert.True(double.IsFinite(sp[m].Mean) || m == StockPointMetric.BullwhipRatio, $"{strategy.Name} {sp.Id}: {m} = {sp[m].Mean}");
                }
            }
        }

        using var json = new MemoryStream();
        ResultsJson.Write(result, json);
        var text = Encoding.UTF8.GetString(json.ToArray());
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        using var doc = JsonDocument.Parse(text);
        Assert.All(doc.RootElement.GetProperty("strategies").EnumerateArray(), s =>
            Assert.NotEqual(JsonValueKind.Null, s.GetProperty("metrics").GetProperty("total_cost").GetProperty("mean").ValueKind));
    }

    [Fact]
    public void A_billion_units_a_day_are_all_counted()
    {
        var scenario = TestScenarios.Load(Scenario(demand: "{ dist: poisson, mean: 1e9/day }"));

        var result = Experiment.Run(scenario, new RunOptions(Trials: 2, Threads: 1));

        // 390 measured days of Poisson(1e9): the total is 3.9e11 with a relative sd of 1e-6.
        var expected = 1e9 * (scenario.HorizonDays - scenario.WarmupDays);
        Assert.All(result.Strategies, s => Assert.Equal(expected, s[Metric.DemandedUnits].Mean, expected * 1e-4));
    }

    [Fact]
    public void Zero_demand_is_served_in_full_and_buys_nothing_to_order()
    {
        var scenario = TestScenarios.Load(Scenario(demand: "0"));

        var result = Experiment.Run(scenario, new RunOptions(Trials: 2, Threads: 1));

        Assert.All(result.Strategies, s => Assert.Equal(0, s[Metric.DemandedUnits].Mean));
        Assert.All(result.Strategies, s => Assert.Equal(1, s[Metric.FillRate].Mean));
        Assert.Equal(0, result.Strategies.Single(s => s.Name == "to-order")[Metric.PurchaseCost].Mean);
        Assert.Equal(0, result.Strategies.Single(s => s.Name == "season")[Metric.PurchaseCost].Mean);
    }

    [Fact]
    public void A_newsvendor_with_no_margin_commits_nothing()
    {
        var scenario = TestScenarios.Load(Scenario(item: "unit_cost: 12\n    price: 10\n    lost_sale_cost: 0"));

        var result = Experiment.Run(scenario, new RunOptions(Trials: 2, Threads: 1));

        var season = result.Strategies.Single(s => s.Name == "season");
        Assert.Equal("widget@shop: 0 at 0d (critical fractile 0)", Assert.Single(season.Policies));
        Assert.Equal(0, season[Metric.PurchaseCost].Mean);
    }
}
