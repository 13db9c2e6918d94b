using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>
/// Risk pooling: one central stock serving n identical, independent stores needs 1/sqrt(n) of the
/// safety stock that n separate stocks need for the same cycle service level, and its fill rate is
/// then at least as high (its expected shortage per cycle shrinks relative to the demand it serves,
/// so for an equal fill rate it would need even a little less).
/// </summary>
public class RiskPoolingTests
{
    private const int Stores = 4;
    private const int Trials = 60;

    /// <summary>n stores, each with its own stock and its own normal demand (mean 20, sd 6 a day).</summary>
    private static string Separate()
    {
        var stockPoints = string.Join("\n", Enumerable.Range(1, Stores).Select(k => $"  - id: store-{k}"));
        var lanes = string.Join("\n", Enumerable.Range(1, Stores).Select(k => $"  - {{ from: vendor, to: store-{k} }}"));
        var demand = string.Join("\n", Enumerable.Range(1, Stores).Select(k => $"  - {{ item: widget, at: store-{k}, daily: {{ dist: normal, mean: 20/day, sd: 6/day }} }}"));
        return Scenario(stockPoints, lanes, demand);
    }

    /// <summary>The same customers served from one stock: the sum of n independent normals (mean 80, sd 12).</summary>
    private static string Pooled() => Scenario(
        "  - id: central",
        "  - { from: vendor, to: central }",
        $"  - {{ item: widget, at: central, daily: {{ dist: normal, mean: {20 * Stores}/day, sd: {6 * Math.Sqrt(Stores)}/day }} }}");

    private static string Scenario(string stockPoints, string lanes, string demand) => $$"""
        name: pooling
        horizon: 800d
        warmup: 50d
        trials: {{Trials}}
        seed: 3
        items:
          - { id: widget, unit_cost: 10, price: 20 }
        suppliers:
          - { id: vendor, lead_time: 6d }
        stock_points:
        {{stockPoints}}
        lanes:
        {{lanes}}
        demand:
        {{demand}}
        strategies:
          - { name: buffer, policy: buffer, rule: base-stock, service_level: 90% }
        """;

    private static double SafetyStock(ExperimentResult r) => r.Strategies[0].Policies
        .Sum(p => double.Parse(p[(p.IndexOf("safety stock ", StringComparison.Ordinal) + 13)..].TrimEnd(')'), System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Pooling_needs_one_over_root_n_of_the_safety_stock_for_the_same_service()
    {
        var separate = Experiment.Run(TestScenarios.Load(Separate()), new RunOptions(Threads: 2));
        var pooled = Experiment.Run(TestScenarios.Load(Pooled()), new RunOptions(Threads: 2));

        // Sized for the same cycle service level, the pooled safety stock is 1/sqrt(n) of the total...
        Assert.Equal(1 / Math.Sqrt(Stores), SafetyStock(pooled) / SafetyStock(separate), 0.01);

        // ...it gives the same cycle service level: the difference is within three standard errors...
        var a = separate.Strategies[0][Metric.CycleServiceLevel];
        var b = pooled.Strategies[0][Metric.CycleServiceLevel];
        var se = Math.Sqrt(((a.Std * a.Std) + (b.Std * b.Std)) / Trials);
        Assert.InRange(b.Mean - a.Mean, -3 * se, 3 * se);

        // ...and a fill rate no lower.
        Assert.True(pooled.Strategies[0][Metric.FillRate].Mean >= separate.Strategies[0][Metric.FillRate].Mean);

        // The stock that protects that fill rate is smaller by the safety stock saved.
        var saved = SafetyStock(separate) - SafetyStock(pooled);
        var onHandDrop = separate.Strategies[0][Metric.AvgOnHandUnits].Mean - pooled.Strategies[0][Metric.AvgOnHandUnits].Mean;
        Assert.InRange(onHandDrop, 0.8 * saved, 1.2 * saved);
    }
}
