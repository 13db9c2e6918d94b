using System.Collections.Immutable;

namespace FlowSim.Outcomes;

/// <summary>A measured outcome of a trial. The order is the order of tables and files.</summary>
public enum Metric
{
    /// <summary>Units customers asked for (the same in every strategy of a trial: common random numbers).</summary>
    DemandedUnits,

    /// <summary>Type 2 service: units shipped from stock on the day demanded / units demanded.</summary>
    FillRate,

    /// <summary>
    /// Units delivered on or before the date promised / units whose delivery fell due in the period
    /// (<see cref="OnTimeUnits"/> / <see cref="DueUnits"/>). Customers of a demand-responsive
    /// item-location are promised a date (its <c>promise</c>); everywhere else the promise is the
    /// day of the order, and on-time delivery is the fill rate.
    /// </summary>
    OnTimeDelivery,

    /// <summary>Type 1 service: share of replenishment cycles (receipt to receipt) with no stockout to customers.</summary>
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

    /// <summary>On-hand value times holding rate, plus storage cost per unit per day, accrued continuously.</summary>
    HoldingCost,

    /// <summary>Orders times ordering cost.</summary>
    OrderingCost,

    /// <summary>Backorder penalties plus lost-sale costs.</summary>
    ShortageCost,

    /// <summary>
    /// Purchase + inventory change + holding + ordering + shortage + transport + expediting +
    /// production + carbon - salvage income + open orders change. Revenue of every unit asked for
    /// in the period minus <see cref="Profit"/>: so for strategies facing the same demand, the
    /// cheaper one earns more, by the same amount.
    /// </summary>
    TotalCost,

    /// <summary>Units shipped (on time or late) times price.</summary>
    Revenue,

    /// <summary>Leftover units cleared at salvage value.</summary>
    SalvageIncome,

    /// <summary>
    /// Revenue + salvage income - goods used - holding - ordering - backorder penalties - transport -
    /// expediting - production - carbon - any lost-sale cost given beyond the margin.
    /// </summary>
    Profit,

    /// <summary>Units written off when their shelf life ran out.</summary>
    ExpiredUnits,

    /// <summary>Time-average customer deposits held for open pre-orders.</summary>
    AvgDepositsHeld,

    /// <summary>
    /// Time-average units in transit on all lanes (ordered from suppliers or shipped between stock
    /// points, not yet received), counted from the moment of the order or shipment to the receipt.
    /// An order placed at a day's review counts for that whole day, and a receipt is off the lane
    /// from the start of its day, so an order with a fixed lead time of L days counts L days: the
    /// same as the units in transit at each day's end, after that day's orders (Little's law:
    /// units ordered per day x mean lead time).
    /// </summary>
    AvgInTransitUnits,

    /// <summary>Days from a disruption's start to the first shortfall of a customer it affects (mean over occurrences; undefined when none fell short).</summary>
    TimeToSurviveDays,

    /// <summary>Days from a disruption's end until the affected customers' 7-day fill rate is back to its level before (mean over occurrences).</summary>
    TimeToRecoverDays,

    /// <summary>Units ordered with expedited lead times.</summary>
    ExpeditedUnits,

    /// <summary>Expediting premiums paid.</summary>
    ExpediteCost,

    /// <summary>Units scrapped in quality holds.</summary>
    ScrappedUnits,

    /// <summary>Sold units that came back.</summary>
    ReturnedUnits,

    /// <summary>Returned units refurbished into renewed items.</summary>
    RefurbishedUnits,

    /// <summary>Transport cost of all lanes.</summary>
    TransportCost,

    /// <summary>Conversion cost of production plus refurbishing.</summary>
    ProductionCost,

    /// <summary>kg CO2e from lanes.</summary>
    CarbonKg,

    /// <summary>Carbon at the scenario's carbon price.</summary>
    CarbonCost,

    /// <summary>The capital part of holding cost: on-hand value times the holding rate.</summary>
    CapitalCost,

    /// <summary>The storage part of holding cost: units on hand times the stock point's storage cost per day.</summary>
    StorageCost,

    /// <summary>The backorder part of shortage cost: backordered units times days waiting times the penalty.</summary>
    BackorderPenaltyCost,

    /// <summary>
    /// The lost-sale part of shortage cost: lost units times their price (margin not earned plus the
    /// unit cost not spent, which total cost no longer counts as goods used), plus any lost-sale
    /// cost given beyond the margin.
    /// </summary>
    LostSalesCost,

    /// <summary>Units expired, scrapped or cleared at season end, valued at unit cost.</summary>
    WrittenOffValue,

    /// <summary>Written-off value minus salvage income: what obsolescence cost.</summary>
    ObsolescenceCost,

    /// <summary>Units shipped to customers (on time or late) times unit cost.</summary>
    CostOfGoodsSold,

    /// <summary>Revenue minus cost of goods sold.</summary>
    GrossMargin,

    /// <summary>Largest day-end value on hand at unit cost.</summary>
    PeakInventoryValue,

    /// <summary>Cost of goods sold per year / average inventory value (undefined with an average stock value under 0.01).</summary>
    InventoryTurns,

    /// <summary>Average inventory value / cost of goods sold per day (undefined without sales).</summary>
    DaysOfSupply,

    /// <summary>Gross margin per year / average inventory value: margin return on inventory investment (undefined as turns are).</summary>
    Gmroi,

    /// <summary>Average inventory value minus average customer deposits held: working capital in stock.</summary>
    AvgCashTiedUp,

    /// <summary>
    /// Total cost of the trial minus total cost of the same trial (same random streams) with
    /// disruptions off, less the change in <see cref="DemandValue"/>: the profit the disruptions
    /// cost. Without demand shocks the demand is the same and it is the difference in total cost.
    /// </summary>
    DisruptionCost,

    /// <summary>
    /// Goods owned (on hand, on order from suppliers, in transit) at unit cost when measuring
    /// starts minus when it ends: charges what was bought before and used in the period, credits
    /// what was bought in it and is still held or on its way.
    /// </summary>
    InventoryChange,

    /// <summary>
    /// Customer orders still open (owed) at the end of the measured period minus those open at its
    /// start, at price: revenue of units asked for in the period that it did not ship, net of the
    /// units it shipped that were asked for before it. With it, total cost values every unit asked
    /// for in the period exactly once (see <see cref="Metric.TotalCost"/>).
    /// </summary>
    OpenOrdersChange,

    /// <summary>
    /// Units customers asked for in the measured period at their item's price. Total cost plus
    /// profit equals it in every trial; it is the same for every strategy of a trial, and changes
    /// only when demand does (a demand shock, or another setting).
    /// </summary>
    DemandValue,

    /// <summary>Units shipped to customers from stock on the day they asked: the numerator of <see cref="FillRate"/>.</summary>
    FilledUnits,

    /// <summary>Customer units delivered on or before the date promised them: the numerator of <see cref="OnTimeDelivery"/>.</summary>
    OnTimeUnits,

    /// <summary>
    /// Customer units whose delivery fell due in the period: delivered by their promised date, or
    /// that date passed, or lost before it (without a promise: the units demanded). The denominator
    /// of <see cref="OnTimeDelivery"/>.
    /// </summary>
    DueUnits,

    /// <summary>
    /// Replenishment cycles of customer-facing item-locations: each runs from one replenishment's
    /// receipt to the next; a cycle counts in the period it ends in, and the cycle still open at the
    /// horizon counts too.
    /// </summary>
    ReplenishmentCycles,

    /// <summary>Replenishment cycles in which some customer demand could not be met from stock.</summary>
    StockoutCycles,

    /// <summary>Share of customer-facing item-location-days with a shortfall to customers.</summary>
    StockoutProbability,

    /// <summary>Replenishment orders placed (with suppliers, other stock points or production).</summary>
    OrdersPlaced,

    /// <summary>Units ordered in replenishment orders.</summary>
    OrderedUnits,

    /// <summary>Units ordered / orders placed (undefined without orders).</summary>
    AvgOrderSize,

    /// <summary>Time-average units owed: to customers, to other stock points and to production orders.</summary>
    AvgBackorders,

    /// <summary>Time-average units owed to customers.</summary>
    AvgCustomerBackorders,

    /// <summary>Average days a backordered customer unit waits (Little's law: average customer backorders / units backordered per day; undefined without backorders).</summary>
    AvgCustomerWaitDays,

    /// <summary>
    /// The capital cost of goods in transit, on lanes from suppliers and between stock points:
    /// their value times the holding rate for the days they travel. Charged only with
    /// <c>costs.hold_in_transit: true</c>; 0 otherwise.
    /// </summary>
    InTransitHoldingCost,

    /// <summary>
    /// Time-average units in production (work in progress): each production order counts from the
    /// moment its line starts it (components in, line capacity or a server taken) until it is
    /// finished, so with a production lead time of L days each unit counts L days (Little's law:
    /// units produced per day x mean time in production). Waiting for components, for capacity or
    /// for a free server is not counted.
    /// </summary>
    AvgInProductionUnits,
}

/// <summary>A measured outcome of one stock point in a trial.</summary>
public enum StockPointMetric
{
    /// <summary>Units shipped from stock the day they were asked for / units asked for, customers and downstream stock points together.</summary>
    FillRate,

    /// <summary>Time-average units on hand.</summary>
    AvgOnHandUnits,

    /// <summary>Time-average units on their way in, counted as <see cref="Metric.AvgInTransitUnits"/> is, on the lanes into the stock point.</summary>
    AvgInTransitUnits,

    /// <summary>Item-days on which something asked for could not be shipped in full.</summary>
    StockoutDays,

    /// <summary>Variance of daily units ordered / variance of daily units asked for: above 1 the stock point amplifies demand.</summary>
    BullwhipRatio,
}

/// <summary>A measured outcome of one disruption in a trial (mean over its occurrences).</summary>
public enum DisruptionMetric
{
    /// <summary>Occurrences that started in the measured period.</summary>
    Occurrences,

    /// <summary>As <see cref="Metric.TimeToSurviveDays"/>, for this disruption.</summary>
    TimeToSurviveDays,

    /// <summary>As <see cref="Metric.TimeToRecoverDays"/>, for this disruption.</summary>
    TimeToRecoverDays,

    /// <summary>
    /// Total cost minus the total cost of the same trial with this disruption (and any sharing its
    /// event) switched off alone. Measured only when attribution is asked for; for a shared event it
    /// is recorded on the disruption that leads it.
    /// </summary>
    AttributedCost,
}
