using System.Collections.Immutable;

namespace FlowSim.Outcomes;

/// <summary>
/// The parts of the total cost of flow. They partition <see cref="Metric.TotalCost"/>: in every
/// trial they add up to it exactly.
/// </summary>
public enum CostComponent
{
    /// <summary>
    /// Goods used, bought or made: purchases in the period (with supplier premiums and discounts)
    /// and production's conversion cost, plus the change in goods owned over it
    /// (<see cref="Metric.InventoryChange"/>, valued at unit cost), less the goods written off, which
    /// count under <see cref="Obsolescence"/>. With unit costs that match their bills of materials
    /// and no premiums, it is the cost of goods sold.
    /// </summary>
    Purchase,

    /// <summary>Cost of capital tied up in stock on hand.</summary>
    Capital,

    /// <summary>Cost of capital tied up in goods in transit (with <c>costs.hold_in_transit</c>; 0 otherwise).</summary>
    InTransitHolding,

    /// <summary>Storage per unit per day at each stock point.</summary>
    Storage,

    /// <summary>Ordering and setup cost per order or production run.</summary>
    Ordering,

    /// <summary>Transport per unit per lane.</summary>
    Transport,

    /// <summary>Expediting premiums.</summary>
    Expediting,

    /// <summary>Penalties for customers kept waiting, per unit per day.</summary>
    BackorderPenalty,

    /// <summary>Lost sales at price (the margin not earned and the unit cost not spent), plus any lost-sale cost given beyond the margin.</summary>
    LostSales,

    /// <summary>Expired, scrapped and cleared units at cost, minus salvage income.</summary>
    Obsolescence,

    /// <summary>Carbon from lanes and storage at the carbon price.</summary>
    Carbon,

    /// <summary>
    /// Customer orders open at the period's end minus those open at its start, at price: units
    /// asked for in the period and not yet shipped, net of earlier orders it shipped.
    /// </summary>
    OpenOrders,
}

/// <summary>Keys and values of the cost components.</summary>
public static class CostComponents
{
    /// <summary>Every component, in report order.</summary>
    public static ImmutableArray<CostComponent> All { get; } = [.. Enum.GetValues<CostComponent>()];

    /// <summary>The key under <c>cost_breakdown</c> in JSON and CSV (a contract).</summary>
    public static string Key(this CostComponent c) => c switch
    {
        CostComponent.Purchase => "purchase",
        CostComponent.Capital => "capital",
        CostComponent.InTransitHolding => "in_transit_holding",
        CostComponent.Storage => "storage",
        CostComponent.Ordering => "ordering",
        CostComponent.Transport => "transport",
        CostComponent.Expediting => "expediting",
        CostComponent.BackorderPenalty => "backorder_penalty",
        CostComponent.LostSales => "lost_sales",
        CostComponent.Obsolescence => "obsolescence",
        CostComponent.Carbon => "carbon",
        CostComponent.OpenOrders => "open_orders",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>A label for tables and charts.</summary>
    public static string Label(this CostComponent c) => c switch
    {
        CostComponent.Purchase => "Goods used (bought or made)",
        CostComponent.Capital => "Capital (holding)",
        CostComponent.InTransitHolding => "Capital in transit",
        CostComponent.Storage => "Storage (holding)",
        CostComponent.Ordering => "Ordering / setup",
        CostComponent.Transport => "Transport",
        CostComponent.Expediting => "Expediting",
        CostComponent.BackorderPenalty => "Backorder penalties",
        CostComponent.LostSales => "Lost sales",
        CostComponent.Obsolescence => "Obsolescence",
        CostComponent.Carbon => "Carbon",
        CostComponent.OpenOrders => "Open orders (change)",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The component's value in one trial, from that trial's metrics.</summary>
    /// <param name="c">The component.</param>
    /// <param name="metric">Reads one metric of the trial.</param>
    public static double ValueIn(this CostComponent c, Func<Metric, double> metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        double sum = 0;
        foreach (var (m, sign) in Terms(c))
        {
            sum += sign * metric(m);
        }

        return sum;
    }

    /// <summary>The component's value in one trial's outcome vector; allocates nothing.</summary>
    internal static double ValueIn(this CostComponent c, ReadOnlySpan<double> outcome)
    {
        double sum = 0;
        foreach (var (m, sign) in Terms(c))
        {
            sum += sign * outcome[(int)m];
        }

        return sum;
    }

    // The metrics each component adds up, with their signs: the one place that says what each part
    // is. Goods used has several terms; every other component is one metric.
    private static readonly (Metric Metric, double Sign)[][] TermsByComponent =
    [
        .. All.Select(c => c == CostComponent.Purchase
            ? new[] { (Metric.PurchaseCost, 1.0), (Metric.ProductionCost, 1.0), (Metric.InventoryChange, 1.0), (Metric.WrittenOffValue, -1.0) }
            : [(MetricOf(c), 1.0)]),
    ];

    private static ReadOnlySpan<(Metric Metric, double Sign)> Terms(CostComponent c) => TermsByComponent[(int)c];

    private static Metric MetricOf(CostComponent c) => c switch
    {
        CostComponent.Capital => Metric.CapitalCost,
        CostComponent.InTransitHolding => Metric.InTransitHoldingCost,
        CostComponent.Storage => Metric.StorageCost,
        CostComponent.Ordering => Metric.OrderingCost,
        CostComponent.Transport => Metric.TransportCost,
        CostComponent.Expediting => Metric.ExpediteCost,
        CostComponent.BackorderPenalty => Metric.BackorderPenaltyCost,
        CostComponent.LostSales => Metric.LostSalesCost,
        CostComponent.Obsolescence => Metric.ObsolescenceCost,
        CostComponent.Carbon => Metric.CarbonCost,
        CostComponent.OpenOrders => Metric.OpenOrdersChange,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}
