using System.Collections.Immutable;

namespace FlowSim.Outcomes;

/// <summary>
/// A measured outcome of one item at one stock point (an item-location) in a trial; summed over
/// item-locations, the totals add up to an item's, a stock point's and the chain's. The order is
/// the order of files.
/// </summary>
public enum ItemLocationMetric
{
    /// <summary>Units customers asked for here.</summary>
    DemandedUnits,

    /// <summary>Units shipped to customers from stock on the day they asked.</summary>
    FilledUnits,

    /// <summary>Filled units / demanded units (customer-facing item-locations only).</summary>
    FillRate,

    /// <summary>Customer units whose delivery fell due here (see <see cref="Metric.DueUnits"/>).</summary>
    DueUnits,

    /// <summary>Of those, units delivered on or before the date promised.</summary>
    OnTimeUnits,

    /// <summary>On-time units / units due: delivery against the promise (the fill rate where nothing is promised ahead).</summary>
    OnTimeDelivery,

    /// <summary>Replenishment cycles (receipt to receipt) of a customer-facing item-location.</summary>
    ReplenishmentCycles,

    /// <summary>Replenishment cycles in which customers fell short.</summary>
    StockoutCycles,

    /// <summary>Share of replenishment cycles without a shortfall to customers.</summary>
    CycleServiceLevel,

    /// <summary>Days on which customers fell short here.</summary>
    StockoutDays,

    /// <summary>Share of measured days with a shortfall to customers.</summary>
    StockoutProbability,

    /// <summary>Time-average units on hand.</summary>
    AvgOnHandUnits,

    /// <summary>Time-average value on hand at unit cost.</summary>
    AvgInventoryValue,

    /// <summary>Time-average units owed: to customers, other stock points and production orders.</summary>
    AvgBackorders,

    /// <summary>Time-average units owed to customers.</summary>
    AvgCustomerBackorders,

    /// <summary>Customer units that went into backorder.</summary>
    BackorderedUnits,

    /// <summary>Average days a backordered customer unit waits (Little's law).</summary>
    AvgCustomerWaitDays,

    /// <summary>Customer units lost.</summary>
    LostUnits,

    /// <summary>Replenishment orders placed.</summary>
    OrdersPlaced,

    /// <summary>Units ordered.</summary>
    OrderedUnits,

    /// <summary>Ordered units / orders placed.</summary>
    AvgOrderSize,

    /// <summary>Time-average units ordered and not yet received (being made, at the supplier or in transit).</summary>
    AvgOnOrderUnits,

    /// <summary>Units written off when their shelf life ran out.</summary>
    ExpiredUnits,

    /// <summary>Units scrapped in quality holds.</summary>
    ScrappedUnits,

    /// <summary>Units ordered times unit cost (with lane premiums and discounts).</summary>
    PurchaseCost,

    /// <summary>Capital and storage cost of the stock held here.</summary>
    HoldingCost,

    /// <summary>Orders times ordering cost.</summary>
    OrderingCost,

    /// <summary>Backorder penalties and lost sales here.</summary>
    ShortageCost,

    /// <summary>Written-off value minus salvage income.</summary>
    ObsolescenceCost,

    /// <summary>Units shipped to customers (on time or late) times price.</summary>
    Revenue,

    /// <summary>Measured days of a customer-facing item-location (0 elsewhere): the denominator of <see cref="StockoutProbability"/>; not written to files.</summary>
    CustomerDays,
}

/// <summary>What an item-location ratio metric is the ratio of (see <see cref="RatioOf"/>).</summary>
/// <param name="Numerator">Summed over trials (and item-locations) above the line.</param>
/// <param name="Denominator">Summed below the line.</param>
/// <param name="Complement">One minus the ratio.</param>
/// <param name="PerMeasuredDay">The numerator is a time average: times the measured days it is a total.</param>
public sealed record ItemLocationRatio(ItemLocationMetric Numerator, ItemLocationMetric Denominator, bool Complement = false, bool PerMeasuredDay = false);

/// <summary>An item-location metric described once.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Key">The snake_case key in JSON and files (a contract).</param>
/// <param name="Label">Its label in tables.</param>
/// <param name="Unit">What kind of number it is.</param>
/// <param name="Better">Which way is better.</param>
/// <param name="Ratio">For a ratio, what it is the ratio of; null for totals and averages.</param>
/// <param name="PeriodTotal">A total over the measured period, which also reads per year.</param>
public sealed record ItemLocationMetricInfo(ItemLocationMetric Metric, string Key, string Label, MetricUnit Unit, Better Better, ItemLocationRatio? Ratio, bool PeriodTotal)
{
    /// <summary>Written to files and tables (false for a denominator kept only to add up ratios).</summary>
    public bool Written => Metric != ItemLocationMetric.CustomerDays;
}

/// <summary>The descriptor table of item-location metrics, and the ratios derived from their totals.</summary>
public static class ItemLocationMetrics
{
    private const bool Total = true;

    private static readonly ItemLocationMetricInfo[] Table =
    [
        new(ItemLocationMetric.DemandedUnits, "demanded_units", "Demanded units", MetricUnit.Units, Better.Neither, null, Total),
        new(ItemLocationMetric.FilledUnits, "filled_units", "Filled units", MetricUnit.Units, Better.Higher, null, Total),
        new(ItemLocationMetric.FillRate, "fill_rate", "Fill rate", MetricUnit.Share, Better.Higher, new(ItemLocationMetric.FilledUnits, ItemLocationMetric.DemandedUnits), false),
        new(ItemLocationMetric.DueUnits, "due_units", "Units due", MetricUnit.Units, Better.Neither, null, Total),
        new(ItemLocationMetric.OnTimeUnits, "on_time_units", "On-time units", MetricUnit.Units, Better.Higher, null, Total),
        new(ItemLocationMetric.OnTimeDelivery, "on_time_delivery", "On-time delivery", MetricUnit.Share, Better.Higher, new(ItemLocationMetric.OnTimeUnits, ItemLocationMetric.DueUnits), false),
        new(ItemLocationMetric.ReplenishmentCycles, "replenishment_cycles", "Replenishment cycles", MetricUnit.Units, Better.Neither, null, Total),
        new(ItemLocationMetric.StockoutCycles, "stockout_cycles", "Stockout cycles", MetricUnit.Units, Better.Lower, null, Total),
        new(ItemLocationMetric.CycleServiceLevel, "cycle_service_level", "Cycle service level", MetricUnit.Share, Better.Higher,
            new(ItemLocationMetric.StockoutCycles, ItemLocationMetric.ReplenishmentCycles, Complement: true), false),
        new(ItemLocationMetric.StockoutDays, "stockout_days", "Stockout days", MetricUnit.Days, Better.Lower, null, Total),
        new(ItemLocationMetric.StockoutProbability, "stockout_probability", "Stockout probability", MetricUnit.Share, Better.Lower,
            new(ItemLocationMetric.StockoutDays, ItemLocationMetric.CustomerDays), false),
        new(ItemLocationMetric.AvgOnHandUnits, "avg_on_hand_units", "Avg on hand", MetricUnit.Units, Better.Neither, null, false),
        new(ItemLocationMetric.AvgInventoryValue, "avg_inventory_value", "Avg inventory value", MetricUnit.Money, Better.Lower, null, false),
        new(ItemLocationMetric.AvgBackorders, "avg_backorders", "Avg backorders", MetricUnit.Units, Better.Lower, null, false),
        new(ItemLocationMetric.AvgCustomerBackorders, "avg_customer_backorders", "Avg customer backorders", MetricUnit.Units, Better.Lower, null, false),
        new(ItemLocationMetric.BackorderedUnits, "backordered_units", "Backordered units", MetricUnit.Units, Better.Lower, null, Total),
        new(ItemLocationMetric.AvgCustomerWaitDays, "avg_customer_wait_days", "Avg customer wait (days)", MetricUnit.Days, Better.Lower,
            new(ItemLocationMetric.AvgCustomerBackorders, ItemLocationMetric.BackorderedUnits, PerMeasuredDay: true), false),
        new(ItemLocationMetric.LostUnits, "lost_units", "Lost units", MetricUnit.Units, Better.Lower, null, Total),
        new(ItemLocationMetric.OrdersPlaced, "orders_placed", "Orders placed", MetricUnit.Units, Better.Neither, null, Total),
        new(ItemLocationMetric.OrderedUnits, "ordered_units", "Ordered units", MetricUnit.Units, Better.Neither, null, Total),
        new(ItemLocationMetric.AvgOrderSize, "avg_order_size", "Avg order size", MetricUnit.Units, Better.Neither,
            new(ItemLocationMetric.OrderedUnits, ItemLocationMetric.OrdersPlaced), false),
        new(ItemLocationMetric.AvgOnOrderUnits, "avg_on_order_units", "Avg on order", MetricUnit.Units, Better.Neither, null, false),
        new(ItemLocationMetric.ExpiredUnits, "expired_units", "Expired units", MetricUnit.Units, Better.Lower, null, Total),
        new(ItemLocationMetric.ScrappedUnits, "scrapped_units", "Scrapped units", MetricUnit.Units, Better.Lower, null, Total),
        new(ItemLocationMetric.PurchaseCost, "purchase_cost", "Purchase cost", MetricUnit.Money, Better.Neither, null, Total),
        new(ItemLocationMetric.HoldingCost, "holding_cost", "Holding cost", MetricUnit.Money, Better.Lower, null, Total),
        new(ItemLocationMetric.OrderingCost, "ordering_cost", "Ordering cost", MetricUnit.Money, Better.Lower, null, Total),
        new(ItemLocationMetric.ShortageCost, "shortage_cost", "Shortage cost", MetricUnit.Money, Better.Lower, null, Total),
        new(ItemLocationMetric.ObsolescenceCost, "obsolescence_cost", "Obsolescence cost", MetricUnit.Money, Better.Lower, null, Total),
        new(ItemLocationMetric.Revenue, "revenue", "Revenue", MetricUnit.Money, Better.Higher, null, Total),
        new(ItemLocationMetric.CustomerDays, "customer_days", "Customer days", MetricUnit.Days, Better.Neither, null, false),
    ];

    /// <summary>Numbers per item-location and trial.</summary>
    public static int Count { get; } = Table.Length;

    /// <summary>Every item-location metric in enum order.</summary>
    public static ImmutableArray<ItemLocationMetric> All { get; } = [.. Enum.GetValues<ItemLocationMetric>()];

    /// <summary>The metrics written to files and tables, in enum order.</summary>
    public static ImmutableArray<ItemLocationMetric> Written { get; } = [.. All.Where(m => m.Info().Written)];

    /// <summary>The metric's descriptor.</summary>
    public static ItemLocationMetricInfo Info(this ItemLocationMetric m) =>
        (uint)m < (uint)Table.Length ? Table[(int)m] : throw new ArgumentOutOfRangeException(nameof(m));

    /// <summary>The snake_case key in JSON and files (a contract).</summary>
    public static string Key(this ItemLocationMetric m) => m.Info().Key;

    /// <summary>
    /// Fills in the ratio metrics of one trial's vector (of an item-location, or of a sum of them)
    /// from its totals: NaN where the denominator is zero (no demand, no orders, no backorders).
    /// </summary>
    /// <param name="vector">One item-location's (or group's) numbers, in enum order.</param>
    /// <param name="measuredDays">Days measured in the trial.</param>
    public static void DeriveRatios(Span<double> vector, double measuredDays)
    {
        foreach (var info in Table)
        {
            if (info.Ratio is { } r)
            {
                var below = vector[(int)r.Denominator];
                var ratio = below != 0 ? vector[(int)r.Numerator] / below * (r.PerMeasuredDay ? measuredDays : 1) : double.NaN;
                vector[(int)info.Metric] = r.Complement ? 1 - ratio : ratio;
            }
        }
    }
}
