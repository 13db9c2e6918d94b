using System.Collections.Immutable;

namespace FlowSim.Outcomes;

/// <summary>
/// A measured outcome of one supplier or one lane in a trial. A supplier's figures are those of
/// its lanes added up, except its availability, which is its own. The order is the order of files.
/// </summary>
public enum SupplyMetric
{
    /// <summary>Units that left in the measured period: bought from the supplier, or shipped on the lane.</summary>
    ShippedUnits,

    /// <summary>Those units at their item's unit cost.</summary>
    ShippedValue,

    /// <summary>What the orders placed in the measured period cost (with lane premiums and discounts, cancellations refunded); zero on lanes between stock points.</summary>
    PurchaseCost,

    /// <summary>Shipped units times the lane's transport cost per unit.</summary>
    TransportCost,

    /// <summary>What the orders placed on the lane in the measured period cost to place: the lane's ordering cost (or the item's), and its items' shares of joint ordering costs.</summary>
    OrderingCost,

    /// <summary>Orders (or shipments) that left in the measured period.</summary>
    Shipments,

    /// <summary>Shipments that arrive later than they would have without disruptions (outages, closures, surges).</summary>
    DelayedShipments,

    /// <summary>Delayed shipments / shipments.</summary>
    DelayedShare,

    /// <summary>Days late, added up over the delayed shipments (counted up to the end of the horizon).</summary>
    DelayDays,

    /// <summary>Days late of a delayed shipment, on average: delay days / delayed shipments.</summary>
    AvgDelayDays,

    /// <summary>Open orders cancelled by an outage in the measured period.</summary>
    CancelledOrders,

    /// <summary>Time-average units on the way.</summary>
    AvgInTransitUnits,

    /// <summary>Measured days the supplier was up (or the lane open).</summary>
    UpDays,

    /// <summary>Share of the measured period the supplier was up (or the lane open): up days / measured days.</summary>
    Availability,

    /// <summary>Days measured: the denominator of <see cref="Availability"/>; not written to files.</summary>
    MeasuredDays,
}

/// <summary>What a supply ratio metric is the ratio of.</summary>
/// <param name="Numerator">Summed over trials above the line.</param>
/// <param name="Denominator">Summed below the line.</param>
public sealed record SupplyRatio(SupplyMetric Numerator, SupplyMetric Denominator);

/// <summary>A supply metric described once.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Key">The snake_case key in JSON and files (a contract).</param>
/// <param name="Label">Its label in tables.</param>
/// <param name="Unit">What kind of number it is.</param>
/// <param name="Better">Which way is better.</param>
/// <param name="Ratio">For a ratio, what it is the ratio of; null for totals and averages.</param>
/// <param name="PeriodTotal">A total over the measured period, which also reads per year.</param>
public sealed record SupplyMetricInfo(SupplyMetric Metric, string Key, string Label, MetricUnit Unit, Better Better, SupplyRatio? Ratio, bool PeriodTotal)
{
    /// <summary>Written to files and tables (false for a denominator kept only to add up ratios).</summary>
    public bool Written => Metric != SupplyMetric.MeasuredDays;
}

/// <summary>The descriptor table of supplier and lane metrics, and the ratios derived from their totals.</summary>
public static class SupplyMetrics
{
    private const bool Total = true;

    private static readonly SupplyMetricInfo[] Table =
    [
        new(SupplyMetric.ShippedUnits, "shipped_units", "Shipped units", MetricUnit.Units, Better.Neither, null, Total),
        new(SupplyMetric.ShippedValue, "shipped_value", "Shipped value", MetricUnit.Money, Better.Neither, null, Total),
        new(SupplyMetric.PurchaseCost, "purchase_cost", "Purchase cost", MetricUnit.Money, Better.Neither, null, Total),
        new(SupplyMetric.TransportCost, "transport_cost", "Transport cost", MetricUnit.Money, Better.Lower, null, Total),
        new(SupplyMetric.OrderingCost, "ordering_cost", "Ordering cost", MetricUnit.Money, Better.Lower, null, Total),
        new(SupplyMetric.Shipments, "shipments", "Shipments", MetricUnit.Units, Better.Neither, null, Total),
        new(SupplyMetric.DelayedShipments, "delayed_shipments", "Delayed shipments", MetricUnit.Units, Better.Lower, null, Total),
        new(SupplyMetric.DelayedShare, "delayed_share", "Delayed share", MetricUnit.Share, Better.Lower, new(SupplyMetric.DelayedShipments, SupplyMetric.Shipments), false),
        new(SupplyMetric.DelayDays, "delay_days", "Delay days", MetricUnit.Days, Better.Lower, null, Total),
        new(SupplyMetric.AvgDelayDays, "avg_delay_days", "Avg delay (days)", MetricUnit.Days, Better.Lower, new(SupplyMetric.DelayDays, SupplyMetric.DelayedShipments), false),
        new(SupplyMetric.CancelledOrders, "cancelled_orders", "Cancelled orders", MetricUnit.Units, Better.Lower, null, Total),
        new(SupplyMetric.AvgInTransitUnits, "avg_in_transit_units", "Avg in transit", MetricUnit.Units, Better.Neither, null, false),
        new(SupplyMetric.UpDays, "up_days", "Up days", MetricUnit.Days, Better.Higher, null, false),
        new(SupplyMetric.Availability, "availability", "Availability", MetricUnit.Share, Better.Higher, new(SupplyMetric.UpDays, SupplyMetric.MeasuredDays), false),
        new(SupplyMetric.MeasuredDays, "measured_days", "Measured days", MetricUnit.Days, Better.Neither, null, false),
    ];

    /// <summary>Numbers per supplier or lane and trial.</summary>
    public static int Count { get; } = Table.Length;

    /// <summary>Every supply metric in enum order.</summary>
    public static ImmutableArray<SupplyMetric> All { get; } = [.. Enum.GetValues<SupplyMetric>()];

    /// <summary>The metrics written to files and tables, in enum order.</summary>
    public static ImmutableArray<SupplyMetric> Written { get; } = [.. All.Where(m => m.Info().Written)];

    /// <summary>The metric's descriptor.</summary>
    public static SupplyMetricInfo Info(this SupplyMetric m) =>
        (uint)m < (uint)Table.Length ? Table[(int)m] : throw new ArgumentOutOfRangeException(nameof(m));

    /// <summary>The snake_case key in JSON and files (a contract).</summary>
    public static string Key(this SupplyMetric m) => m.Info().Key;

    /// <summary>Fills in the ratio metrics of one trial's vector from its totals: NaN where the denominator is zero.</summary>
    /// <param name="vector">One supplier's or lane's numbers, in enum order.</param>
    public static void DeriveRatios(Span<double> vector)
    {
        foreach (var info in Table)
        {
            if (info.Ratio is { } r)
            {
                var below = vector[(int)r.Denominator];
                vector[(int)info.Metric] = below != 0 ? vector[(int)r.Numerator] / below : double.NaN;
            }
        }
    }
}
