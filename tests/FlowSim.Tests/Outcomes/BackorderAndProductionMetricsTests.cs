using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Outcomes;

/// <summary>Average backorders, orders placed and production work in progress, each against a number worked out by hand or Little's law.</summary>
public class BackorderAndProductionMetricsTests
{
    [Fact]
    public void An_order_up_to_level_below_lead_time_demand_leaves_a_constant_backlog_of_the_difference()
    {
        // S = 20 with 10 a day on a 3-day lead time: after each day's demand the net stock is
        // S - 3 x 10 = -10, so 10 units are owed all day, every day, and one order of 10 goes out a day.
        var st = Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(
            demand: "10", leadTime: "3d", horizon: "110d", warmup: "10d", trials: 2,
            strategies: "  - name: buffer\n    policy: buffer\n    order_up_to: 20\n")), new RunOptions(Threads: 1)).Strategies[0];

        Assert.Equal(10, st[Metric.AvgBackorders].Mean, 9);
        Assert.Equal(10, st[Metric.AvgCustomerBackorders].Mean, 9);
        Assert.Equal(0, st[Metric.AvgOnHandUnits].Mean, 9);
        Assert.Equal(100, st[Metric.OrdersPlaced].Mean, 9);
        Assert.Equal(0, st[Metric.AvgInProductionUnits].Mean);
    }

    private static string Plant(string demand, string leadTime, int trials) => $$"""
        name: plant
        horizon: 400d
        warmup: 50d
        trials: {{trials}}
        seed: 2
        items:
          - { id: bowl, unit_cost: 5, price: 30 }
          - { id: clay, unit_cost: 1, price: 0 }
        suppliers:
          - { id: quarry, lead_time: 5d }
        stock_points:
          - { id: plant, kind: plant }
        lanes:
          - { from: quarry, to: plant, items: [clay] }
        production:
          - { item: bowl, at: plant, components: { clay: 2 }, lead_time: {{leadTime}} }
        demand:
          - { item: bowl, at: plant, daily: {{demand}} }
        strategies:
          - { name: s, policy: buffer, service_level: 99% }
        """;

    [Fact]
    public void Ten_bowls_a_day_made_in_four_days_keep_forty_in_production()
    {
        var st = Experiment.Run(TestScenarios.Load(Plant("10", "4d", trials: 2)), new RunOptions(Threads: 1)).Strategies[0];

        Assert.Equal(40, st[Metric.AvgInProductionUnits].Mean, 9);
    }

    [Fact]
    public void Work_in_progress_is_throughput_times_the_mean_production_lead_time()
    {
        // Little's law: 20 bowls a day on production lead times of 4 days on average.
        const int Trials = 40;
        var wip = Experiment.Run(TestScenarios.Load(Plant("{ dist: poisson, mean: 20/day }", "{ dist: uniform, min: 2d, max: 6d }", Trials)), new RunOptions(Threads: 2))
            .Strategies[0][Metric.AvgInProductionUnits];
        var se = wip.Std / Math.Sqrt(Trials);

        Assert.InRange(80.0, wip.Mean - (3 * se), wip.Mean + (3 * se));
    }
}
