using System.Collections.Immutable;

namespace FlowSim.Experiments;

/// <summary>A measured outcome of a trial. The order is the order of tables and files.</summary>
public enum Metric
{
    /// <summary>Units customers asked for (the same in every strategy of a trial: common random numbers).</summary>
    DemandedUnits,

    /// <summary>Type 2 service: units shipped from stock on the day demanded / units demanded.</summary>
    FillRate,

    /// <summary>Type 1 service: share of review cycles with no stockout.</summary>
    CycleServiceLevel,

    /// <summary>Time-average units on hand, all item-locations together.</summary>
    AvgOnHandUnits,

    /// <summary>Time-average value on hand at unit cost.</summary>
    AvgInventoryValue,

    /// <summary>Item-location-days on which demand was not met in full from stock.</summary>
    StockoutDays,

    /// <summary>Units that went into backorder.</summary>
    BackorderedUnits,

    /// <summary>Units of demand lost (no patience, patience ran out, or season closed).</summary>
    LostUnits,

    /// <summary>Units ordered times unit cost.</summary>
    PurchaseCost,

    /// <summary>On-hand value times holding rate, accrued daily.</summary>
    HoldingCost,

    /// <summary>Orders times ordering cost.</summary>
    OrderingCost,

    /// <summary>Backorder penalties plus lost-sale costs.</summary>
    ShortageCost,

    /// <summary>Purchase + holding + ordering + shortage - salvage income.</summary>
    TotalCost,

    /// <summary>Units shipped (on time or late) times price.</summary>
    Revenue,

    /// <summary>Leftover units cleared at salvage value.</summary>
    SalvageIncome,

    /// <summary>Revenue + salvage income - purchase - holding - ordering - backorder penalties.</summary>
    Profit,

    /// <summary>Units written off when their shelf life ran out.</summary>
    ExpiredUnits,

    /// <summary>Time-average customer deposits held for open pre-orders.</summary>
    AvgDepositsHeld,
}

/// <summary>What kind of number a metric is, for formatting.</summary>
public enum MetricUnit
{
    /// <summary>A share between 0 and 1.</summary>
    Share,

    /// <summary>A count of units.</summary>
    Units,

    /// <summary>Money in the scenario's currency.</summary>
    Money,

    /// <summary>A count of days.</summary>
    Days,
}

/// <summary>Names and units of the metrics, as used in tables and in the JSON contract.</summary>
public static class Metrics
{
    /// <summary>Every metric in table order.</summary>
    public static ImmutableArray<Metric> All { get; } = [.. Enum.GetValues<Metric>()];

    /// <summary>Number of metrics.</summary>
    public static int Count { get; } = Enum.GetValues<Metric>().Length;

    /// <summary>The snake_case key used in JSON and CSV (a contract: do not rename).</summary>
    public static string Key(this Metric m) => m switch
    {
        Metric.DemandedUnits => "demanded_units",
        Metric.FillRate => "fill_rate",
        Metric.CycleServiceLevel => "cycle_service_level",
        Metric.AvgOnHandUnits => "avg_on_hand_units",
        Metric.AvgInventoryValue => "avg_inventory_value",
        Metric.StockoutDays => "stockout_days",
        Metric.BackorderedUnits => "backordered_units",
        Metric.LostUnits => "lost_units",
        Metric.PurchaseCost => "purchase_cost",
        Metric.HoldingCost => "holding_cost",
        Metric.OrderingCost => "ordering_cost",
        Metric.ShortageCost => "shortage_cost",
        Metric.TotalCost => "total_cost",
        Metric.Revenue => "revenue",
        Metric.SalvageIncome => "salvage_income",
        Metric.Profit => "profit",
        Metric.ExpiredUnits => "expired_units",
        Metric.AvgDepositsHeld => "avg_deposits_held",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    /// <summary>A label for tables.</summary>
    public static string Label(this Metric m) => m switch
    {
        Metric.DemandedUnits => "Demanded units",
        Metric.FillRate => "Fill rate (type 2)",
        Metric.CycleServiceLevel => "Cycle service level (type 1)",
        Metric.AvgOnHandUnits => "Avg on hand (units)",
        Metric.AvgInventoryValue => "Avg inventory value",
        Metric.StockoutDays => "Stockout days",
        Metric.BackorderedUnits => "Backordered units",
        Metric.LostUnits => "Lost units",
        Metric.PurchaseCost => "Purchase cost",
        Metric.HoldingCost => "Holding cost",
        Metric.OrderingCost => "Ordering cost",
        Metric.ShortageCost => "Shortage cost",
        Metric.TotalCost => "Total cost",
        Metric.Revenue => "Revenue",
        Metric.SalvageIncome => "Salvage income",
        Metric.Profit => "Profit",
        Metric.ExpiredUnits => "Expired units",
        Metric.AvgDepositsHeld => "Avg deposits held",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    /// <summary>The metric's unit.</summary>
    public static MetricUnit Unit(this Metric m) => m switch
    {
        Metric.FillRate or Metric.CycleServiceLevel => MetricUnit.Share,
        Metric.DemandedUnits or Metric.AvgOnHandUnits or Metric.BackorderedUnits or Metric.LostUnits or Metric.ExpiredUnits => MetricUnit.Units,
        Metric.StockoutDays => MetricUnit.Days,
        _ => MetricUnit.Money,
    };

    /// <summary>True when more is better (service, revenue, profit); false for costs and shortfalls.</summary>
    public static bool HigherIsBetter(this Metric m) =>
        m is Metric.FillRate or Metric.CycleServiceLevel or Metric.Revenue or Metric.SalvageIncome or Metric.Profit or Metric.AvgDepositsHeld;
}
