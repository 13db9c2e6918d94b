using System.Text.Encodings.Web;
using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports;

/// <summary>
/// Writes the <c>--json</c> results file. Its keys are a contract other tools rely on; the same
/// scenario and seed give a byte-identical file whatever the thread count.
/// </summary>
public static class ResultsJson
{
    /// <summary>Writes the results as indented UTF-8 JSON.</summary>
    /// <param name="result">The experiment's results.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="command">
    /// The command that produced the result, as <c>flowsim</c> arguments without output paths and
    /// thread count (see <see cref="Provenance.ReproducibleCommand"/>); written as <c>command</c> so
    /// <c>flowsim rerun</c> can repeat it. Null leaves the key out.
    /// </param>
    public static void Write(ExperimentResult result, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = Writer(stream);
        w.WriteStartObject();
        Header(w, result, command);
        w.WriteStartArray("strategies");
        foreach (var strategy in result.Strategies)
        {
            w.WriteStartObject();
            w.WriteString("name", strategy.Name);
            w.WriteStartArray("policies");
            foreach (var p in strategy.Policies)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteStartObject("metrics");
            foreach (var m in Metrics.All)
            {
                Stats(w, m.Key(), strategy[m], result.Trials, m.IsCostLike(), m.Info().PeriodTotal ? result.PerYear : null);
            }

            w.WriteEndObject();
            w.WriteStartObject("cost_breakdown");
            foreach (var c in CostComponents.All)
            {
                Stats(w, c.Key(), strategy[c], result.Trials, tail: true, result.PerYear);
            }

            w.WriteEndObject();
            DisruptionCost(w, result, strategy);
            w.WriteStartArray("stock_points");
            foreach (var sp in strategy.StockPoints)
            {
                w.WriteStartObject();
                w.WriteString("id", sp.Id);
                w.WriteString("kind", sp.Kind);
                foreach (var m in Enum.GetValues<StockPointMetric>())
                {
                    Stats(w, m.Key(), sp[m], result.Trials, tail: false);
                }

                ItemMetrics(w, sp.ItemMetrics, result);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            ItemLevels(w, strategy, result);
            w.WriteStartArray("disruptions");
            foreach (var d in strategy.Disruptions)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("kind", d.Kind);
                foreach (var m in Enum.GetValues<DisruptionMetric>())
                {
                    if (m != DisruptionMetric.AttributedCost || result.Attributed)
                    {
                        Stats(w, m.Key(), d[m], result.Trials, tail: m == DisruptionMetric.AttributedCost);
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Comparisons(w, result);
        ResilienceReturns(w, result);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    internal static Utf8JsonWriter Writer(Stream stream) =>
        new(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The provenance every FlowSim output starts with: version, scenario, seed, trials, command, options.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="result">The results (for a sweep or an optimisation, its first point).</param>
    /// <param name="command">The recorded command, or null.</param>
    /// <param name="varied">Overrides at the end of the scenario's list that are the point's own (a sweep's axes), left out.</param>
    internal static void Header(Utf8JsonWriter w, ExperimentResult result, IReadOnlyList<string>? command, int varied = 0)
    {
        var s = result.Scenario;
        w.WriteString("flowsim_version", Provenance.Version);
        w.WriteStartObject("scenario");
        w.WriteString("name", s.Name);
        w.WriteString("path", s.Source.Path.Replace('\\', '/'));
        w.WriteString("sha256", s.Source.Sha256);
        w.WriteStartArray("overrides");
        foreach (var o in s.Source.Overrides.Take(s.Source.Overrides.Length - varied))
        {
            w.WriteStringValue(o.ToString());
        }

        w.WriteEndArray();
        w.WriteNumber("horizon_days", s.HorizonDays);
        w.WriteNumber("warmup_days", s.WarmupDays);
        w.WriteString("currency", s.Currency);
        w.WriteNumber("measured_days", result.MeasuredDays);
        w.WriteEndObject();
        w.WriteNumber("seed", result.Seed);
        w.WriteNumber("trials", result.Trials);
        if (command is not null)
        {
            w.WriteStartArray("command");
            foreach (var arg in command)
            {
                w.WriteStringValue(arg);
            }

            w.WriteEndArray();
        }

        if (result.Precision is { } precision)
        {
            w.WriteStartObject("precision");
            w.WriteNumber("target", precision);
            w.WriteNumber("max_trials", result.MaxTrials ?? 0);
            w.WriteBoolean("met", result.PrecisionMet);
            // The batch size decides which trials run: a rerun needs it, and it may not be in the scenario.
            w.WriteNumber("batch_trials", result.BatchTrials ?? result.Trials);
            w.WriteEndObject();
        }

        w.WriteBoolean("attributed", result.Attributed);
        w.WriteString("rank_by", result.Rank.Key());
    }

    /// <summary>Disruption cost per year, and its attribution to each disruption event.</summary>
    private static void DisruptionCost(Utf8JsonWriter w, ExperimentResult result, StrategyResult strategy)
    {
        var cost = strategy[Metric.DisruptionCost];
        w.WriteStartObject("disruption_cost");
        Stats(w, "per_year", cost.Times(result.PerYear), result.Trials, tail: true);
        w.WriteStartObject("parts");
        foreach (var c in CostComponents.All)
        {
            Stats(w, c.Key(), strategy.DisruptionCostParts[(int)c].Times(result.PerYear), result.Trials, tail: false);
        }

        Stats(w, "demand", strategy.DisruptionDemandPart.Times(result.PerYear), result.Trials, tail: false);

        w.WriteEndObject();
        if (DisruptionCostParts.Explain(strategy, result.PerYear, result.Scenario.Currency) is { } why)
        {
            w.WriteString("explanation", why);
        }

        if (result.Attributed)
        {
            w.WriteStartArray("attribution");
            foreach (var d in strategy.Disruptions.Where(d => d[DisruptionMetric.AttributedCost].N > 0))
            {
                var share = d[DisruptionMetric.AttributedCost];
                w.WriteStartObject();
                w.WriteString("disruption", d.Id);
                Stats(w, "per_year", share.Times(result.PerYear), result.Trials, tail: true);
                Number(w, "share_of_total", cost.Mean != 0 ? share.Mean / cost.Mean : double.NaN);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

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
            Number(w, "mean", stats.Mean);
            Number(w, "std", stats.Std);
            w.WriteStartArray("ci95");
            Value(w, stats.Ci95Low);
            Value(w, stats.Ci95High);
            w.WriteEndArray();
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

    private static void Comparisons(Utf8JsonWriter w, ExperimentResult result)
    {
        w.WriteStartArray("comparisons");
        foreach (var c in result.Comparisons)
        {
            w.WriteStartObject();
            w.WriteString("a", c.A);
            w.WriteString("b", c.B);
            Stats(w, "total_cost_difference", c.TotalCostDifference, result.Trials, tail: false);
            Stats(w, "total_cost_difference_per_year", c.TotalCostDifference.Times(c.PerYear), result.Trials, tail: false);
            Stats(w, "fill_rate_difference", c.FillRateDifference, result.Trials, tail: false);
            Stats(w, "profit_difference", c.ProfitDifference, result.Trials, tail: false);
            Stats(w, "profit_difference_per_year", c.ProfitDifference.Times(c.PerYear), result.Trials, tail: false);
            Number(w, "a_cheaper_share", c.ACheaperShare);
            w.WriteString("verdict", c.Verdict switch
            {
                CostVerdict.ACheaper => "a_cheaper",
                CostVerdict.BCheaper => "b_cheaper",
                _ => "not_distinguishable",
            });
            w.WriteString("better", c.VerdictOn(result.Rank) switch
            {
                PairVerdict.ABetter => "a",
                PairVerdict.BBetter => "b",
                _ => "neither",
            });
            w.WriteString("summary", c.Describe(result.Scenario.Currency, result.Rank));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void ResilienceReturns(Utf8JsonWriter w, ExperimentResult result)
    {
        w.WriteStartArray("resilience_return");
        foreach (var r in result.ResilienceReturns)
        {
            w.WriteStartObject();
            w.WriteString("strategy", r.Strategy);
            w.WriteString("against", r.Leanest);
            Stats(w, "extra_carrying_cost_per_year", r.ExtraCarryingCostPerYear, result.Trials, tail: false);
            Stats(w, "disruption_cost_avoided_per_year", r.DisruptionCostAvoidedPerYear, result.Trials, tail: false);
            Stats(w, "everyday_service_gain_per_year", r.EverydayServiceGainPerYear, result.Trials, tail: false);
            Stats(w, "everyday_other_savings_per_year", r.EverydayOtherSavingsPerYear, result.Trials, tail: false);
            Stats(w, "net_benefit_per_year", r.NetBenefitPerYear, result.Trials, tail: false);
            Stats(w, "extra_inventory_value", r.ExtraInventoryValue, result.Trials, tail: false);
            Number(w, "payback_months", r.PaybackMonths);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }


    /// <summary>
    /// One quantity's statistics; <c>n</c> appears when it was undefined in some trials. A total over
    /// the measured period also gets <c>per_year</c> (mean and interval times <paramref name="perYear"/>).
    /// </summary>
    internal static void Stats(Utf8JsonWriter w, string key, Statistics m, int trials, bool tail, double? perYear = null)
    {
        w.WriteStartObject(key);
        Number(w, "mean", m.Mean);
        Number(w, "std", m.Std);
        w.WriteStartArray("ci95");
        Value(w, m.Ci95Low);
        Value(w, m.Ci95High);
        w.WriteEndArray();
        Number(w, "p5", m.P5);
        Number(w, "p50", m.P50);
        Number(w, "p95", m.P95);
        if (tail)
        {
            Number(w, "var95", m.Var95);
            Number(w, "cvar95", m.Cvar95);
        }

        if (m.N != trials)
        {
            w.WriteNumber("n", m.N);
        }

        if (perYear is { } factor)
        {
            PerYear(w, m, factor);
        }

        w.WriteEndObject();
    }

    /// <summary>A total's <c>per_year</c>: its mean and interval times the factor that turns the measured period into a year.</summary>
    private static void PerYear(Utf8JsonWriter w, Statistics m, double factor)
    {
        w.WriteStartObject("per_year");
        Number(w, "mean", m.Mean * factor);
        w.WriteStartArray("ci95");
        Value(w, m.Ci95Low * factor);
        Value(w, m.Ci95High * factor);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void Number(Utf8JsonWriter w, string name, double v)
    {
        w.WritePropertyName(name);
        Value(w, v);
    }

    // JSON has no NaN or infinity; a metric that is not a number is written as null.
    private static void Value(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
