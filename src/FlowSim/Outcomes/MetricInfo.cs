using System.Collections.Immutable;

namespace FlowSim.Outcomes;

/// <summary>What kind of number a metric is: it sets how the number is written.</summary>
public enum MetricUnit
{
    /// <summary>A share between 0 and 1, written as a percentage.</summary>
    Share,

    /// <summary>A count of units.</summary>
    Units,

    /// <summary>Money in the scenario's currency.</summary>
    Money,

    /// <summary>A count of days.</summary>
    Days,

    /// <summary>A plain ratio (turns per year, return per unit invested, bullwhip).</summary>
    Ratio,
}

/// <summary>Which way a metric is better, to mark the best strategy.</summary>
public enum Better
{
    /// <summary>More is better (service, revenue, profit).</summary>
    Higher,

    /// <summary>Less is better (costs, shortfalls, waste).</summary>
    Lower,

    /// <summary>Neither: the number describes the chain without judging it (demand, stock in transit).</summary>
    Neither,
}

/// <summary>A metric described once: what JSON, CSV, the console and the HTML report need to know of it.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Key">The snake_case key in JSON and CSV (a contract: do not rename).</param>
/// <param name="Label">Its label in tables.</param>
/// <param name="Unit">What kind of number it is, which sets how it is written.</param>
/// <param name="Better">Which way is better.</param>
/// <param name="MayBeUndefined">
/// A trial may leave it undefined (NaN): times to survive and recover when nothing fell short,
/// ratios to stock or sales when there were none.
/// </param>
/// <param name="CostLike">Money where more is worse: its tail risk is the upper tail, reported as VaR95 and CVaR95.</param>
/// <param name="TableRow">Its row in the console comparison, from 0; null when the table leaves it out (cost parts show as cost components).</param>
/// <param name="AlwaysShown">The console table shows it even when it is zero in every strategy: the core comparison.</param>
public sealed record MetricInfo(Metric Metric, string Key, string Label, MetricUnit Unit, Better Better, bool MayBeUndefined, bool CostLike, int? TableRow, bool AlwaysShown)
{
    /// <summary>
    /// Which way a strategy is better in business terms, to mark the best one in a report:
    /// <see cref="Better"/>, except for figures that follow the volume bought or sold (purchase cost,
    /// revenue, salvage income, demand at price) and for differences (disruption cost, open orders
    /// change), where the lowest or highest can favour a strategy for the wrong reason: a strategy
    /// that loses sales buys less, and one that disruptions cost less than nothing is not the most resilient.
    /// </summary>
    public Better BestMarked => Metric is Metric.PurchaseCost or Metric.Revenue or Metric.SalvageIncome or Metric.DemandValue
        or Metric.DisruptionCost or Metric.OpenOrdersChange ? Better.Neither : Better;

    /// <summary>For a ratio metric, the totals it is the ratio of: its mean is their ratio over all trials.</summary>
    public RatioOf? Ratio { get; init; }

    /// <summary>
    /// A total over the measured period (money, units, orders, days counted), which reads per year
    /// as the total times 365 / measured days; false for levels, averages and ratios.
    /// </summary>
    public bool PeriodTotal => Ratio is null && Unit is MetricUnit.Money or MetricUnit.Units or MetricUnit.Days && !NotTotals.Contains(Metric);

    // Levels and averages written in money, units or days: not totals over the period.
    private static readonly HashSet<Metric> NotTotals =
    [
        Metric.AvgOnHandUnits, Metric.AvgInventoryValue, Metric.AvgDepositsHeld, Metric.AvgInTransitUnits,
        Metric.TimeToSurviveDays, Metric.TimeToRecoverDays, Metric.PeakInventoryValue, Metric.DaysOfSupply,
        Metric.AvgCashTiedUp, Metric.AvgBackorders, Metric.AvgCustomerBackorders, Metric.StockoutProbability,
        Metric.AvgInProductionUnits,
    ];
}

/// <summary>What a ratio metric is the ratio of, trial by trial.</summary>
/// <param name="Numerator">The metric summed over trials above the line.</param>
/// <param name="Denominator">The metric summed over trials below the line.</param>
/// <param name="Complement">The metric is one minus the ratio (cycle service level: one minus stockout cycles / cycles).</param>
/// <param name="PerMeasuredDay">The numerator is a time average: times the measured days it is the total (average wait: average backorders x days / units backordered).</param>
public sealed record RatioOf(Metric Numerator, Metric Denominator, bool Complement = false, bool PerMeasuredDay = false);

/// <summary>A per stock point or per disruption metric described once.</summary>
/// <param name="Key">The snake_case key in JSON and CSV (a contract: do not rename).</param>
/// <param name="Label">Its label in tables.</param>
/// <param name="Unit">What kind of number it is.</param>
public sealed record PartMetricInfo(string Key, string Label, MetricUnit Unit);

/// <summary>The descriptor table of every metric, and shortcuts to its columns.</summary>
public static class Metrics
{
    private const bool Undefined = true;
    private const bool Cost = true;
    private const bool Core = true;

    // One row per metric in enum order (the order of JSON and CSV). Console rows: service, stock and
    // cash, cost, income, flows; a metric without a row is shown as a cost component or only in files.
    private static readonly MetricInfo[] Table =
    [
        new(Metric.DemandedUnits, "demanded_units", "Demanded units", MetricUnit.Units, Better.Neither, false, false, null, false),
        new(Metric.FillRate, "fill_rate", "Fill rate (type 2)", MetricUnit.Share, Better.Higher, false, false, 0, Core)
            { Ratio = new(Metric.FilledUnits, Metric.DemandedUnits) },
        new(Metric.OnTimeDelivery, "on_time_delivery", "On-time delivery (to promise)", MetricUnit.Share, Better.Higher, false, false, 1, false)
            { Ratio = new(Metric.OnTimeUnits, Metric.DueUnits) },
        new(Metric.CycleServiceLevel, "cycle_service_level", "Cycle service level (type 1)", MetricUnit.Share, Better.Higher, false, false, 2, Core)
            { Ratio = new(Metric.StockoutCycles, Metric.ReplenishmentCycles, Complement: true) },
        new(Metric.AvgOnHandUnits, "avg_on_hand_units", "Avg on hand (units)", MetricUnit.Units, Better.Neither, false, false, 8, Core),
        new(Metric.AvgInventoryValue, "avg_inventory_value", "Avg inventory value", MetricUnit.Money, Better.Lower, false, Cost, 11, Core),
        new(Metric.StockoutDays, "stockout_days", "Stockout days", MetricUnit.Days, Better.Lower, false, false, 3, Core),
        new(Metric.BackorderedUnits, "backordered_units", "Backordered units", MetricUnit.Units, Better.Lower, false, false, 4, Core),
        new(Metric.LostUnits, "lost_units", "Lost units", MetricUnit.Units, Better.Lower, false, false, 5, Core),
        new(Metric.PurchaseCost, "purchase_cost", "Purchase cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.HoldingCost, "holding_cost", "Holding cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.OrderingCost, "ordering_cost", "Ordering cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.ShortageCost, "shortage_cost", "Shortage cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.TotalCost, "total_cost", "Total cost", MetricUnit.Money, Better.Lower, false, Cost, 18, Core),
        new(Metric.Revenue, "revenue", "Revenue", MetricUnit.Money, Better.Higher, false, false, 20, false),
        new(Metric.SalvageIncome, "salvage_income", "Salvage income", MetricUnit.Money, Better.Higher, false, false, 21, false),
        new(Metric.Profit, "profit", "Profit", MetricUnit.Money, Better.Higher, false, false, 23, false),
        new(Metric.ExpiredUnits, "expired_units", "Expired units", MetricUnit.Units, Better.Lower, false, false, 24, false),
        new(Metric.AvgDepositsHeld, "avg_deposits_held", "Avg deposits held", MetricUnit.Money, Better.Higher, false, false, 13, false),
        new(Metric.AvgInTransitUnits, "avg_in_transit_units", "Avg in transit (units)", MetricUnit.Units, Better.Neither, false, false, 9, false),
        new(Metric.TimeToSurviveDays, "time_to_survive_days", "Time to survive (days)", MetricUnit.Days, Better.Higher, Undefined, false, 6, false),
        new(Metric.TimeToRecoverDays, "time_to_recover_days", "Time to recover (days)", MetricUnit.Days, Better.Lower, Undefined, false, 7, false),
        new(Metric.ExpeditedUnits, "expedited_units", "Expedited units", MetricUnit.Units, Better.Neither, false, false, 26, false),
        new(Metric.ExpediteCost, "expedite_cost", "Expediting cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.ScrappedUnits, "scrapped_units", "Scrapped units", MetricUnit.Units, Better.Lower, false, false, 25, false),
        new(Metric.ReturnedUnits, "returned_units", "Returned units", MetricUnit.Units, Better.Neither, false, false, 27, false),
        new(Metric.RefurbishedUnits, "refurbished_units", "Refurbished units", MetricUnit.Units, Better.Neither, false, false, 28, false),
        new(Metric.TransportCost, "transport_cost", "Transport cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.ProductionCost, "production_cost", "Production cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.CarbonKg, "carbon_kg", "Carbon (kg CO2e)", MetricUnit.Units, Better.Lower, false, false, 29, false),
        new(Metric.CarbonCost, "carbon_cost", "Carbon cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.CapitalCost, "capital_cost", "  capital (holding)", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.StorageCost, "storage_cost", "  storage (holding)", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.BackorderPenaltyCost, "backorder_penalty_cost", "  backorder penalties", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.LostSalesCost, "lost_sales_cost", "  lost sales", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.WrittenOffValue, "written_off_value", "Written-off value", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.ObsolescenceCost, "obsolescence_cost", "Obsolescence cost", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.CostOfGoodsSold, "cost_of_goods_sold", "Cost of goods sold", MetricUnit.Money, Better.Neither, false, false, null, false),
        new(Metric.GrossMargin, "gross_margin", "Gross margin", MetricUnit.Money, Better.Higher, false, false, 22, false),
        new(Metric.PeakInventoryValue, "peak_inventory_value", "Peak inventory value", MetricUnit.Money, Better.Lower, false, Cost, 12, false),
        new(Metric.InventoryTurns, "inventory_turns", "Inventory turns (per year)", MetricUnit.Ratio, Better.Higher, Undefined, false, 15, false),
        new(Metric.DaysOfSupply, "days_of_supply", "Days of supply", MetricUnit.Days, Better.Neither, Undefined, false, 16, false),
        new(Metric.Gmroi, "gmroi", "GMROI", MetricUnit.Ratio, Better.Higher, Undefined, false, 17, false),
        new(Metric.AvgCashTiedUp, "avg_cash_tied_up", "Avg cash tied up, net", MetricUnit.Money, Better.Lower, false, Cost, 14, false),
        new(Metric.DisruptionCost, "disruption_cost", "Disruption cost", MetricUnit.Money, Better.Lower, false, Cost, 19, false),
        new(Metric.InventoryChange, "inventory_change", "Inventory change (opening - closing)", MetricUnit.Money, Better.Neither, false, false, null, false),
        new(Metric.OpenOrdersChange, "open_orders_change", "Open orders change (closing - opening)", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.DemandValue, "demand_value", "Demand at price", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.FilledUnits, "filled_units", "Filled units (on the day)", MetricUnit.Units, Better.Higher, false, false, null, false),
        new(Metric.OnTimeUnits, "on_time_units", "On-time units (to promise)", MetricUnit.Units, Better.Higher, false, false, null, false),
        new(Metric.DueUnits, "due_units", "Units due (to promise)", MetricUnit.Units, Better.Neither, false, false, null, false),
        new(Metric.ReplenishmentCycles, "replenishment_cycles", "Replenishment cycles", MetricUnit.Units, Better.Neither, false, false, null, false),
        new(Metric.StockoutCycles, "stockout_cycles", "Stockout cycles", MetricUnit.Units, Better.Lower, false, false, null, false),
        new(Metric.StockoutProbability, "stockout_probability", "Stockout probability (per day)", MetricUnit.Share, Better.Lower, Undefined, false, null, false),
        new(Metric.OrdersPlaced, "orders_placed", "Orders placed", MetricUnit.Units, Better.Neither, false, false, null, false),
        new(Metric.OrderedUnits, "ordered_units", "Ordered units", MetricUnit.Units, Better.Neither, false, false, null, false),
        new(Metric.AvgOrderSize, "avg_order_size", "Avg order size", MetricUnit.Units, Better.Neither, Undefined, false, null, false)
            { Ratio = new(Metric.OrderedUnits, Metric.OrdersPlaced) },
        new(Metric.AvgBackorders, "avg_backorders", "Avg backorders (units)", MetricUnit.Units, Better.Lower, false, false, null, false),
        new(Metric.AvgCustomerBackorders, "avg_customer_backorders", "Avg customer backorders (units)", MetricUnit.Units, Better.Lower, false, false, null, false),
        new(Metric.AvgCustomerWaitDays, "avg_customer_wait_days", "Avg customer wait (days)", MetricUnit.Days, Better.Lower, Undefined, false, null, false)
            { Ratio = new(Metric.AvgCustomerBackorders, Metric.BackorderedUnits, PerMeasuredDay: true) },
        new(Metric.InTransitHoldingCost, "in_transit_holding_cost", "  in-transit holding", MetricUnit.Money, Better.Lower, false, Cost, null, false),
        new(Metric.AvgInProductionUnits, "avg_in_production_units", "Avg in production (units)", MetricUnit.Units, Better.Neither, false, false, 10, false),
    ];

    private static readonly PartMetricInfo[] StockPointTable =
    [
        new("fill_rate", "Fill rate", MetricUnit.Share),
        new("avg_on_hand_units", "Avg on hand", MetricUnit.Units),
        new("avg_in_transit_units", "Avg in transit", MetricUnit.Units),
        new("stockout_days", "Stockout days", MetricUnit.Days),
        new("bullwhip_ratio", "Bullwhip ratio", MetricUnit.Ratio),
    ];

    private static readonly PartMetricInfo[] DisruptionTable =
    [
        new("occurrences", "Occurrences", MetricUnit.Units),
        new("time_to_survive_days", "Time to survive (days)", MetricUnit.Days),
        new("time_to_recover_days", "Time to recover (days)", MetricUnit.Days),
        new("attributed_cost", "Attributed cost", MetricUnit.Money),
    ];

    /// <summary>Every metric in enum order, the order of JSON and CSV.</summary>
    public static ImmutableArray<Metric> All { get; } = [.. Enum.GetValues<Metric>()];

    /// <summary>Number of metrics.</summary>
    public static int Count { get; } = Enum.GetValues<Metric>().Length;

    /// <summary>Every metric's descriptor, in enum order.</summary>
    public static ImmutableArray<MetricInfo> Descriptors { get; } = [.. Table];

    /// <summary>The metrics of the console comparison, in the order of its rows.</summary>
    public static ImmutableArray<Metric> TableRows { get; } = [.. Table.Where(d => d.TableRow is not null).OrderBy(d => d.TableRow).Select(d => d.Metric)];

    /// <summary>The metric's descriptor.</summary>
    public static MetricInfo Info(this Metric m) =>
        (uint)m < (uint)Table.Length ? Table[(int)m] : throw new ArgumentOutOfRangeException(nameof(m));

    /// <summary>The descriptor of a stock point metric.</summary>
    public static PartMetricInfo Info(this StockPointMetric m) =>
        (uint)m < (uint)StockPointTable.Length ? StockPointTable[(int)m] : throw new ArgumentOutOfRangeException(nameof(m));

    /// <summary>The descriptor of a disruption metric.</summary>
    public static PartMetricInfo Info(this DisruptionMetric m) =>
        (uint)m < (uint)DisruptionTable.Length ? DisruptionTable[(int)m] : throw new ArgumentOutOfRangeException(nameof(m));

    /// <summary>The snake_case key used in JSON and CSV (a contract: do not rename).</summary>
    public static string Key(this Metric m) => m.Info().Key;

    /// <summary>The snake_case key of a stock point metric (a contract).</summary>
    public static string Key(this StockPointMetric m) => m.Info().Key;

    /// <summary>The snake_case key of a disruption metric (a contract).</summary>
    public static string Key(this DisruptionMetric m) => m.Info().Key;

    /// <summary>A label for tables.</summary>
    public static string Label(this Metric m) => m.Info().Label;

    /// <summary>The metric's unit.</summary>
    public static MetricUnit Unit(this Metric m) => m.Info().Unit;

    /// <summary>True when more is better (service, revenue, profit).</summary>
    public static bool HigherIsBetter(this Metric m) => m.Info().Better == Better.Higher;

    /// <inheritdoc cref="MetricInfo.MayBeUndefined"/>
    public static bool MayBeUndefined(this Metric m) => m.Info().MayBeUndefined;

    /// <inheritdoc cref="MetricInfo.CostLike"/>
    public static bool IsCostLike(this Metric m) => m.Info().CostLike;
}
