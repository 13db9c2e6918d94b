namespace FlowSim.Scenarios;

// The keys each mapping of a scenario accepts: the loader reads with them; the schema and what-if paths are built from them.
public static partial class ScenarioLoader
{
    internal static readonly string[] TopKeys =
        ["name", "description", "horizon", "warmup", "trials", "seed", "currency", "items", "suppliers", "stock_points", "lanes", "production", "demand", "costs", "strategies", "disruptions"];

    internal static readonly string[] ItemKeys =
        ["id", "unit_cost", "price", "holding_rate", "salvage_value", "shelf_life", "ordering_cost", "backorder_penalty", "lost_sale_cost", "returns"];

    internal static readonly string[] SupplierKeys = ["id", "lead_time", "capacity"];
    internal static readonly string[] StockPointKeys = ["id", "kind", "storage_cost", "storage_carbon"];
    internal static readonly string[] LaneKeys = ["from", "to", "items", "lead_time", "transport_cost", "carbon", "share", "backup", "cost_premium", "expedite", "quantity_discount"];
    internal static readonly string[] BackupKeys = ["when", "late_by", "delay"];
    internal static readonly string[] ExpediteKeys = ["lead_time", "premium", "below"];
    internal static readonly string[] QuantityDiscountKeys = ["min_order", "discount"];
    internal static readonly string[] ProductionKeys = ["item", "at", "components", "lead_time", "capacity", "min_batch", "batch_multiple", "cost_per_unit"];
    internal static readonly string[] ReturnsKeys = ["share", "after", "refurbish_share", "refurbish_time", "refurbish_cost", "renewed_item"];
    internal static readonly string[] DisruptionKeys =
        ["id", "kind", "supplier", "lane", "stock_point", "plant", "item", "at", "every", "duration", "factor", "capacity", "hold", "scrap", "delay", "cancel_open_orders", "event"];
    internal static readonly string[] DemandKeys = ["item", "at", "daily", "seasonality", "patience"];
    internal static readonly string[] SeasonalityKeys = ["weekly", "annual", "trend"];
    internal static readonly string[] CostKeys = ["ordering_cost", "backorder_penalty", "lost_sale_cost", "carbon_price"];

    internal static readonly string[] PolicyKinds = ["buffer", "demand-responsive", "speculative"];
    internal static readonly string[] BufferKeys = ["policy", "rule", "review", "order_up_to", "reorder_point", "order_quantity", "safety_stock", "service_level", "forecast"];
    internal static readonly string[] DemandResponsiveKeys = ["policy", "min_batch", "review", "deposit", "patience"];
    internal static readonly string[] SpeculativeKeys = ["policy", "batches", "leftovers", "replenish"];
    internal static readonly string[] ReplenishKeys = ["reorder_point", "order_quantity"];
    internal static readonly string[] BatchKeys = ["at", "quantity", "sell_until"];
    internal static readonly string[] ForecastKeys = ["window"];
    internal static readonly string[] PolicyKeys = [.. BufferKeys.Union(DemandResponsiveKeys).Union(SpeculativeKeys).Distinct()];
    internal static readonly string[] StrategyKeys = ["name", "description", "items", "stock_points", "backups", .. PolicyKeys];

    internal static readonly string[] BufferRules = ["base-stock", "s-S", "R-S", "s-Q"];
}
