using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Policies;

/// <summary><c>upstream_waits: include</c>: a DC's level sized for the waits its warehouse causes.</summary>
public sealed class UpstreamWaitTests
{
    /// <summary>A warehouse at an 80% fill rate feeding three DCs each sized for 95%.</summary>
    private const string Network = """
        name: warehouse and DCs
        horizon: 720d
        warmup: 60d
        trials: 100
        seed: 4
        items:
          - { id: part, unit_cost: 20, price: 35 }
        suppliers:
          - { id: vendor, lead_time: 10d }
        stock_points:
          - { id: warehouse, kind: dc }
          - { id: dc-a, kind: dc }
          - { id: dc-b, kind: dc }
          - { id: dc-c, kind: dc }
        lanes:
          - { from: vendor, to: warehouse }
          - { from: warehouse, to: dc-a, lead_time: 2d }
          - { from: warehouse, to: dc-b, lead_time: 2d }
          - { from: warehouse, to: dc-c, lead_time: 3d }
        demand:
          - { item: part, at: dc-a, daily: { dist: poisson, mean: 4 } }
          - { item: part, at: dc-b, daily: { dist: negative_binomial, mean: 8, cv: 60% } }
          - { item: part, at: dc-c, daily: { dist: poisson, mean: 15 } }
        strategies:
          - { name: alone, policy: buffer, rule: base-stock, fill_rate: 95%, stock_points: { warehouse: { fill_rate: 80% } } }
          - { name: waits, policy: buffer, rule: base-stock, fill_rate: 95%, upstream_waits: include, stock_points: { warehouse: { fill_rate: 80%, upstream_waits: ignore } } }
        """;

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void DcsSizedWithTheWarehousesWaitsComeCloseToTheirTargetWhereSizedAloneTheyFallShort()
    {
        var result = Experiment.Run(TestScenarios.Load(Network), new RunOptions());
        var (alone, waits) = (result.Strategy("alone"), result.Strategy("waits"));
        foreach (var dc in new[] { "dc-a", "dc-b", "dc-c" })
        {
            var before = alone.ItemLocations.Single(i => i.Location == dc)[ItemLocationMetric.FillRate];
            var after = waits.ItemLocations.Single(i => i.Location == dc)[ItemLocationMetric.FillRate];

            // The approximation (mean wait by Little's law, an exponential wait when there is one)
            // lands within 3.5 points of 95%, and never further from it than sizing alone.
            Assert.True(Math.Abs(after.Mean - 0.95) <= 0.035 + (3 * after.Std / Math.Sqrt(after.N)), $"{dc}: {after.Mean:P2} with the waits");
            Assert.True(Math.Abs(after.Mean - 0.95) < Math.Abs(before.Mean - 0.95) || Math.Abs(after.Mean - 0.95) <= 0.025, $"{dc}: {after.Mean:P2} with, {before.Mean:P2} without");
        }

        // The biggest DC, furthest behind alone, gains the most.
        var gain = (string dc) => waits.ItemLocations.Single(i => i.Location == dc)[ItemLocationMetric.FillRate].Mean - alone.ItemLocations.Single(i => i.Location == dc)[ItemLocationMetric.FillRate].Mean;
        Assert.True(gain("dc-c") > gain("dc-a"));
    }

    [Fact]
    public void TheWaitAddedToADcsLeadTimeIsTheWarehousesBackordersOverItsDemand()
    {
        // The warehouse: base-stock S on normal demand over its protection period P; its expected
        // backorders sd(P) G((S - mean P)/sd(P)) over its daily demand give the DC's extra lead time.
        var scenario = TestScenarios.Load(Network);
        var alone = Stages.Of(scenario, "alone");
        var waits = Stages.Of(scenario, "waits");
        var warehouse = alone.Single(s => s.StockPointId == "warehouse");
        var (mean, p, level) = (warehouse.DemandMean, warehouse.Numbers.ProtectionDays!.Value, warehouse.Numbers.OrderUpTo!.Value);
        var sd = Math.Sqrt(p * warehouse.DemandVariance);
        var wait = sd * StandardNormal.Loss((level - (mean * p)) / sd) / mean;
        Assert.True(wait > 0.2, $"the warehouse at 80% makes orders wait {wait:0.00} days on average");

        var dcA = waits.Single(s => s.StockPointId == "dc-a");
        Assert.Equal(2 + wait, dcA.Numbers.ProtectionDays!.Value, 9);
        Assert.Equal(2, alone.Single(s => s.StockPointId == "dc-a").Numbers.ProtectionDays!.Value, 9);
    }

    [Fact]
    public void AnUnknownSettingIsAnErrorAtItsField()
    {
        var errors = TestScenarios.Errors(Network.Replace("upstream_waits: include", "upstream_waits: yes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("strategies[1].upstream_waits", StringComparison.Ordinal) && e.Contains("expected ignore", StringComparison.Ordinal));
    }
}
