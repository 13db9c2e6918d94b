using System.Text.RegularExpressions;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Outcomes;

/// <summary>Every metric is described once, in one table that JSON, CSV, the console and the HTML report read.</summary>
public sealed partial class MetricDescriptorTests
{
    [Fact]
    public void Every_metric_has_one_descriptor_in_enum_order()
    {
        Assert.Equal(Enum.GetValues<Metric>(), Metrics.Descriptors.Select(d => d.Metric));
        Assert.All(Enum.GetValues<Metric>(), m => Assert.Equal(m, m.Info().Metric));
        Assert.All(Enum.GetValues<StockPointMetric>(), m => Assert.NotEmpty(m.Info().Key));
        Assert.All(Enum.GetValues<DisruptionMetric>(), m => Assert.NotEmpty(m.Info().Key));
    }

    [Fact]
    public void Keys_are_snake_case_and_keys_and_labels_are_unique()
    {
        var keys = Metrics.Descriptors.Select(d => d.Key)
            .Concat(Enum.GetValues<StockPointMetric>().Select(m => "stock_point." + m.Key()))
            .Concat(Enum.GetValues<DisruptionMetric>().Select(m => "disruption." + m.Key())).ToList();
        Assert.All(keys, k => Assert.Matches(SnakeCase(), k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(Metrics.Count, Metrics.Descriptors.Select(d => d.Label.Trim()).Distinct().Count());
    }

    [Fact]
    public void The_console_rows_are_numbered_without_gaps_and_the_core_rows_are_among_them()
    {
        var rows = Metrics.Descriptors.Where(d => d.TableRow is not null).Select(d => d.TableRow!.Value).Order();
        Assert.Equal(Enumerable.Range(0, Metrics.TableRows.Length), rows);
        Assert.All(Metrics.Descriptors.Where(d => d.AlwaysShown), d => Assert.NotNull(d.TableRow));
    }

    [Fact]
    public void The_best_is_marked_only_where_a_direction_is_better_for_the_business()
    {
        // Figures that follow the volume sold, and differences that can favour a strategy for the wrong reason, mark no best.
        foreach (var m in new[] { Metric.DemandedUnits, Metric.CostOfGoodsSold, Metric.PurchaseCost, Metric.Revenue, Metric.SalvageIncome, Metric.DemandValue, Metric.DisruptionCost })
        {
            Assert.Equal(Better.Neither, m.Info().BestMarked);
        }

        Assert.Equal(Better.Higher, Metric.FillRate.Info().BestMarked);
        Assert.Equal(Better.Higher, Metric.Profit.Info().BestMarked);
        Assert.Equal(Better.Lower, Metric.TotalCost.Info().BestMarked);

        // Only ever a direction taken away, never one turned round.
        Assert.All(Metrics.Descriptors, d => Assert.True(d.BestMarked == d.Better || d.BestMarked == Better.Neither, d.Key));
    }

    [Fact]
    public void Cost_like_metrics_are_money_where_less_is_better()
    {
        Assert.All(Metrics.Descriptors.Where(d => d.CostLike), d => Assert.True(d.Unit == MetricUnit.Money && d.Better == Better.Lower, d.Key));

        // The JSON contract reports the upper tail of these (VaR95, CVaR95); golden files hold the rest.
        Assert.True(Metric.TotalCost.IsCostLike());
        Assert.False(Metric.Profit.IsCostLike());
        Assert.False(Metric.CostOfGoodsSold.IsCostLike());
    }

    [GeneratedRegex("^[a-z0-9]+(?:[._][a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
