namespace FlowSim.Scenarios;

// The keys each mapping of a scenario accepts: the loader reads with them; the schema and what-if paths are built from them.
public static partial class ScenarioLoader
{
    /// <summary>
    /// The top-level sections, declared once: whether each is required and what it means. The
    /// schema's <c>required</c> list and descriptions are made from this, and a test holds the
    /// top-level table of docs/scenario-format.md to it word for word.
    /// </summary>
    internal static readonly (string Key, bool Required, string Meaning)[] TopLevel =
    [
        ("name", true, "scenario name, shown in reports"),
        ("description", false, "free text, shown in reports"),
        ("horizon", true, "simulated time per trial, warm-up included (1d to 200y), e.g. `2y`"),
        ("warmup", false, "time simulated but not measured, to let pipelines and backlogs settle; shorter than the horizon, e.g. `16w`"),
        ("trials", false, "Monte Carlo trials (1 to 10,000,000); `--trials` overrides"),
        ("seed", false, "master seed, a whole number; `--seed` overrides"),
        ("currency", false, "shown before money, e.g. `EUR`"),
        ("items", true, "list of items: the goods that flow"),
        ("suppliers", true, "list of suppliers: external sources of supply"),
        ("stock_points", true, "list of stock points: plants, warehouses, DCs, stores"),
        ("lanes", true, "list of lanes: supplier to stock point, or stock point to stock point"),
        ("production", false, "list of production lines (bills of materials)"),
        ("demand", true, "list of customer demand streams"),
        ("costs", false, "scenario-wide costs"),
        ("strategies", true, "list of strategies to compare"),
        ("disruptions", false, "list of disruptions: outages, closures, surges, shocks"),
    ];

    internal static readonly string[] TopKeys = [.. TopLevel.Select(t => t.Key)];

    internal static readonly string[] ItemKeys =
        ["id", "unit_cost", "price", "holding_rate", "salvage_value", "shelf_life", "ordering_cost", "backorder_penalty", "lost_sale_cost", "returns", "class", "group", "volume"];

    internal static readonly string[] SupplierKeys = ["id", "lead_time", "capacity"];
    internal static readonly string[] StockPointKeys = ["id", "kind", "storage_cost", "storage_cost_per_volume", "storage_carbon"];
    internal static readonly string[] LaneKeys = ["from", "to", "items", "lead_time", "transport_cost", "carbon", "share", "backup", "cost_premium", "expedite", "quantity_discount",
        "ordering_cost", "min_order", "order_multiple", "joint_ordering_cost", "standby", "name"];
    internal static readonly string[] BackupKeys = ["when", "late_by", "delay"];

    /// <summary>The keys of one entry of a strategy's <c>sourcing</c>, and of its backup written as a mapping.</summary>
    internal static readonly string[] SourcingKeys = ["primary", "backup", "share"];
    internal static readonly string[] SourcingBackupKeys = ["lane", .. BackupKeys];
    internal static readonly string[] ExpediteKeys = ["lead_time", "premium", "below"];
    internal static readonly string[] QuantityDiscountKeys = ["min_order", "discount"];
    internal static readonly string[] ProductionKeys = ["item", "at", "components", "lead_time", "capacity", "min_batch", "batch_multiple", "cost_per_unit", "servers", "unit_time"];
    internal static readonly string[] ReturnsKeys = ["share", "after", "refurbish_share", "refurbish_time", "refurbish_cost", "renewed_item"];
    internal static readonly string[] DisruptionKeys =
        ["id", "kind", "supplier", "lane", "stock_point", "plant", "item", "at", "every", "duration", "factor", "capacity", "hold", "scrap", "delay", "cancel_open_orders", "affects", "event", "markov"];
    internal static readonly string[] DemandKeys = ["item", "at", "daily", "customers", "seasonality", "patience", "autocorrelation", "block"];
    internal static readonly string[] CustomerKeys = ["rate", "order_size"];
    internal static readonly string[] SeasonalityKeys = ["weekly", "annual", "trend"];
    internal static readonly string[] CostKeys = ["ordering_cost", "backorder_penalty", "lost_sale_cost", "carbon_price", "hold_in_transit"];

    internal static readonly string[] PolicyKinds = ["buffer", "demand-responsive", "speculative"];
    internal static readonly string[] BufferKeys = ["policy", "rule", "review", "order_up_to", "reorder_point", "order_quantity", "safety_stock", "service_level", "fill_rate", "forecast", "plan", "start", "upstream_waits"];
    internal static readonly string[] DemandResponsiveKeys = ["policy", "min_batch", "review", "deposit", "patience", "promise"];
    internal static readonly string[] SpeculativeKeys = ["policy", "batches", "leftovers", "replenish", "every"];
    internal static readonly string[] ReplenishKeys = ["reorder_point", "order_quantity"];
    internal static readonly string[] BatchKeys = ["at", "quantity", "sell_until"];
    internal static readonly string[] ForecastKeys = ["window", "smoothing", "seasonal", "sd"];
    internal static readonly string[] ForecastSds = ["known", "estimated"];
    internal static readonly string[] PolicyKeys = [.. BufferKeys.Union(DemandResponsiveKeys).Union(SpeculativeKeys).Distinct()];
    internal static readonly string[] StrategyKeys = ["name", "description", "items", "stock_points", "backups", "classes", "groups", "sourcing", .. PolicyKeys];

    /// <summary>The settings a strategy's <c>classes</c> and <c>groups</c> entries may give: the buffer's service target.</summary>
    internal static readonly string[] TargetKeys = ["fill_rate", "service_level"];

    internal static readonly string[] BufferRules = ["base-stock", "s-S", "R-S", "s-Q"];
    internal static readonly string[] BufferStarts = ["full", "steady"];

    /// <summary>Keys of a buffer's start given as a mapping: <c>{ on_hand: UNITS, phase: random }</c>.</summary>
    internal static readonly string[] StartKeys = ["on_hand", "phase"];

    internal static readonly string[] StartPhases = ["fixed", "random"];
    internal static readonly string[] OutageEffects = ["all_orders", "new_orders"];
}
