using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports;

/// <summary>The results file's levels below the chain: items, item-locations, suppliers and lanes.</summary>
public static partial class ResultsJson
{
    /// <summary>Per item, item-location, supplier and lane results: <c>items[]</c>, <c>item_locations[]</c>, <c>suppliers[]</c>, <c>lanes[]</c>.</summary>
    private static void ItemLevels(Utf8JsonWriter w, StrategyResult strategy, ExperimentResult result)
    {
        w.WriteStartArray("items");
        var declared = result.Scenario.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var item in strategy.Items)
        {
            w.WriteStartObject();
            w.WriteString("item", item.ItemId);
            // The class and group whose targets sized the item, when the scenario gives them.
            if (declared.GetValueOrDefault(item.ItemId) is { } d)
            {
                if (d.Class is { } itemClass)
                {
                    w.WriteString("class", itemClass);
                }

                if (d.Group is { } group)
                {
                    w.WriteString("group", group);
                }
            }

            ItemMetrics(w, item.Metrics, result);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("item_locations");
        for (var i = 0; i < strategy.ItemLocations.Length; i++)
        {
            var il = strategy.ItemLocations[i];
            w.WriteStartObject();
            w.WriteString("item", il.ItemId);
            w.WriteString("location", il.Location);
            Policy(w, strategy.PolicyDetails[i]);
            ItemMetrics(w, il.Metrics, result);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("suppliers");
        foreach (var supplier in strategy.Suppliers)
        {
            w.WriteStartObject();
            w.WriteString("supplier", supplier.Id);
            LevelMetrics(w, supplier.Metrics, result, SupplyKeys);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("lanes");
        foreach (var lane in strategy.Lanes)
        {
            w.WriteStartObject();
            w.WriteString("lane", lane.Name);
            w.WriteString("from", lane.From);
            w.WriteString("to", lane.To);
            LevelMetrics(w, lane.Metrics, result, SupplyKeys);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>An item-location's policy: its family, its summary line and its derived numbers (null where the rule has none).</summary>
    private static void Policy(Utf8JsonWriter w, ItemLocationPolicy policy)
    {
        var n = policy.Numbers;
        w.WriteStartObject("policy");
        w.WriteString("family", policy.Family);
        w.WriteString("summary", policy.Summary);
        if (n.Rule is { } rule)
        {
            w.WriteString("rule", rule switch
            {
                Scenarios.BufferRule.MinMax => "s-S",
                Scenarios.BufferRule.PeriodicReview => "R-S",
                Scenarios.BufferRule.ReorderPoint => "s-Q",
                _ => "base-stock",
            });
        }

        Optional(w, "review_days", n.ReviewDays);
        Optional(w, "order_up_to", n.OrderUpTo);
        Optional(w, "reorder_point", n.ReorderPoint);
        Optional(w, "order_quantity", n.OrderQuantity);
        Optional(w, "protection_days", n.ProtectionDays);
        Optional(w, "expected_protection_demand", n.ExpectedProtectionDemand);
        Optional(w, "safety_stock", n.SafetyStock);
        Optional(w, "service_level", n.ServiceLevel);
        Optional(w, "fill_rate", n.FillRate);
        Optional(w, "forecast_window_days", n.ForecastWindowDays);
        Optional(w, "forecast_smoothing", n.ForecastSmoothing);
        Optional(w, "seasonal_level_low", n.SeasonalLevelLow);
        Optional(w, "seasonal_level_high", n.SeasonalLevelHigh);
        Optional(w, "min_batch", n.MinBatch);
        Optional(w, "critical_fractile", n.CriticalFractile);
        Optional(w, "newsvendor_quantity", n.NewsvendorQuantity);
        Optional(w, "every_days", n.EveryDays);
        if (!n.Batches.IsDefaultOrEmpty)
        {
            w.WriteStartArray("batches");
            foreach (var b in n.Batches)
            {
                w.WriteStartObject();
                Number(w, "at_days", b.AtDays);
                Number(w, "quantity", b.Quantity);
                Number(w, "sell_until_days", b.SellUntilDays);
                w.WriteBoolean("newsvendor", b.Newsvendor);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } value)
        {
            Number(w, name, value);
        }
    }

    /// <summary>Item-level statistics under <c>metrics</c>: mean, std and interval (streamed: no percentiles), per year for totals.</summary>
    // The written metrics of each level below the chain: key, position and whether it is a period total.
    private static readonly (string Key, int Index, bool PeriodTotal)[] ItemKeys =
        [.. ItemLocationMetrics.Written.Select(m => (m.Key(), (int)m, m.Info().PeriodTotal))];

    private static readonly (string Key, int Index, bool PeriodTotal)[] SupplyKeys =
        [.. SupplyMetrics.Written.Select(m => (m.Key(), (int)m, m.Info().PeriodTotal))];

    /// <summary>Pending bytes beyond which the writer hands its text to the stream.</summary>
    private const int FlushBytes = 1 << 20;

    private static void ItemMetrics(Utf8JsonWriter w, IReadOnlyList<Statistics> metrics, ExperimentResult result) => LevelMetrics(w, metrics, result, ItemKeys);

    /// <summary>
    /// A level's <c>metrics</c>: mean, standard deviation and interval, percentiles only where they
    /// were asked for (<c>--percentiles item-locations</c>), and <c>per_year</c> for period totals.
    /// </summary>
    private static void LevelMetrics(Utf8JsonWriter w, IReadOnlyList<Statistics> metrics, ExperimentResult result, (string Key, int Index, bool PeriodTotal)[] keys)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        // A large network's item-level results run to tens of megabytes: hand them on as they grow,
        // so the document is never held whole in memory.
        if (w.BytesPending > FlushBytes)
        {
            w.Flush();
        }

        w.WriteStartObject("metrics");
        foreach (var (key, index, periodTotal) in keys)
        {
            var stats = metrics[index];
            w.WriteStartObject(key);
            MeanAndInterval(w, stats);
            if (result.ItemLocationPercentiles && ReferenceEquals(keys, ItemKeys) && !double.IsNaN(stats.P50))
            {
                Number(w, "p5", stats.P5);
                Number(w, "p50", stats.P50);
                Number(w, "p95", stats.P95);
            }

            if (stats.N != result.Trials)
            {
                w.WriteNumber("n", stats.N);
            }

            if (periodTotal)
            {
                PerYear(w, stats, result.PerYear);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
