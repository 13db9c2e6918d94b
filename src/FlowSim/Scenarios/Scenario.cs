using System.Collections.Immutable;
using FlowSim.Stochastic;

namespace FlowSim.Scenarios;

/// <summary>Where a value was written: file, 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// A validated scenario: the network, its items, demand, costs and the strategies to compare.
/// Immutable; made only by <see cref="ScenarioLoader"/>, which checks every value first.
/// </summary>
/// <param name="Name">Display name.</param>
/// <param name="Description">Free text shown in reports.</param>
/// <param name="HorizonDays">Simulated days per trial, warm-up included.</param>
/// <param name="WarmupDays">Days at the start of each trial that are simulated but not measured.</param>
/// <param name="Trials">Default number of Monte Carlo trials.</param>
/// <param name="Seed">Default master seed.</param>
/// <param name="Currency">Currency code or symbol money is shown in.</param>
/// <param name="Items">The items that flow.</param>
/// <param name="Suppliers">External sources of supply.</param>
/// <param name="StockPoints">Places that hold stock and serve demand.</param>
/// <param name="Lanes">Supplier-to-stock-point links, each with its lead time.</param>
/// <param name="Demand">Customer demand streams, one per item per stock point.</param>
/// <param name="Costs">Scenario-wide cost settings.</param>
/// <param name="Strategies">The strategies to compare, in file order.</param>
/// <param name="Source">The file this came from and its hash.</param>
public sealed record Scenario(
    string Name,
    string Description,
    double HorizonDays,
    double WarmupDays,
    int Trials,
    ulong Seed,
    string Currency,
    ImmutableArray<Item> Items,
    ImmutableArray<Supplier> Suppliers,
    ImmutableArray<StockPoint> StockPoints,
    ImmutableArray<Lane> Lanes,
    ImmutableArray<DemandStream> Demand,
    CostSettings Costs,
    ImmutableArray<Strategy> Strategies,
    ScenarioSource Source)
{
    /// <summary>Plants' bills of materials: which stock point makes which item from what.</summary>
    public ImmutableArray<Production> Production { get; init; } = [];

    /// <summary>What can go wrong: outages, closures, surges, shocks.</summary>
    public ImmutableArray<Disruption> Disruptions { get; init; } = [];

    /// <summary>
    /// Every item held at every stock point, customer-facing first and suppliers' customers last:
    /// the demanded item-locations, the stock points upstream that feed them, and the components
    /// plants consume. Strategies give each of these a policy.
    /// </summary>
    public ImmutableArray<StockedItem> Stocked { get; init; } = [];
}

/// <summary>An item held at a stock point.</summary>
public sealed record StockedItem(string ItemId, string StockPointId)
{
    /// <inheritdoc />
    public override string ToString() => $"{ItemId}@{StockPointId}";
}

/// <summary>The scenario file: its path as given and the SHA-256 of its bytes (lowercase hex).</summary>
public sealed record ScenarioSource(string Path, string Sha256)
{
    /// <summary>What-if overrides applied on top of the file, in order; empty for none.</summary>
    public ImmutableArray<ScenarioOverride> Overrides { get; init; } = [];

    /// <summary>The history files the scenario reads (<c>history:</c> keys), as resolved against its folder; empty for none.</summary>
    public ImmutableArray<string> Histories { get; init; } = [];
}

/// <summary>An item (SKU) and its economics.</summary>
/// <param name="Id">Unique id used everywhere else in the scenario.</param>
/// <param name="UnitCost">What one unit costs to buy or make.</param>
/// <param name="Price">What a customer pays for one unit.</param>
/// <param name="HoldingRatePerYear">Cost of holding stock as a share of its value per year (0.25 = 25%/year).</param>
/// <param name="SalvageValue">What a leftover unit fetches when cleared at the end of a season or shelf life.</param>
/// <param name="ShelfLifeDays">Days a unit stays sellable after it is received; null for no limit.</param>
/// <param name="OrderingCost">Cost per order; null means the scenario-wide <see cref="CostSettings.OrderingCost"/>.</param>
/// <param name="BackorderPenaltyPerDay">Penalty per backordered unit per day; null means the scenario-wide value.</param>
/// <param name="LostSaleCost">Cost per lost unit; null means the scenario-wide value, and that null means the margin.</param>
/// <param name="Location">Where the item is defined.</param>
public sealed partial record Item(
    string Id,
    double UnitCost,
    double Price,
    double HoldingRatePerYear,
    double SalvageValue,
    double? ShelfLifeDays,
    double? OrderingCost,
    double? BackorderPenaltyPerDay,
    double? LostSaleCost,
    SourceLocation Location)
{
    /// <summary>Price minus unit cost.</summary>
    public double Margin => Price - UnitCost;

    /// <summary>Sold units that come back, and what happens to them; null for none.</summary>
    public Returns? Returns { get; init; }

    /// <summary>
    /// The item's ABC-XYZ class (<c>class: AX</c>): A, B or C by annual value, optionally followed
    /// by X, Y or Z by demand variability, as <c>flowsim segment</c> sorts items; null for none.
    /// A strategy's <c>classes</c> gives targets per class.
    /// </summary>
    public string? Class { get; init; }

    /// <summary>The item's group (<c>group: tableware</c>), any name; a strategy's <c>groups</c> gives targets per group. Null for none.</summary>
    public string? Group { get; init; }
}

/// <summary>
/// Circular flow: a share of sold units returns after a delay; a share of the returns is
/// refurbished and stocked as a renewed item where it was sold.
/// </summary>
/// <param name="Share">Share of sold units that return.</param>
/// <param name="AfterDays">Days from sale to return.</param>
/// <param name="RefurbishShare">Share of returned units that can be refurbished.</param>
/// <param name="RefurbishDays">Days refurbishing takes.</param>
/// <param name="RefurbishCostPerUnit">Money per unit refurbished.</param>
/// <param name="RenewedItemId">The item refurbished units are stocked as; null when they are not resold.</param>
public sealed record Returns(double Share, double AfterDays, double RefurbishShare, double RefurbishDays, double RefurbishCostPerUnit, string? RenewedItemId);

/// <summary>An external source of supply.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="LeadTime">Default lead time of lanes from this supplier (days); null when every lane gives its own.</param>
/// <param name="Location">Where the supplier is defined.</param>
public sealed record Supplier(string Id, Distribution? LeadTime, SourceLocation Location)
{
    /// <summary>Units per day the supplier can ship, all lanes and items together; null for unlimited.</summary>
    public double? CapacityPerDay { get; init; }
}

/// <summary>A place that holds stock and serves demand (a store, a warehouse, a workshop's finished-goods shelf).</summary>
public sealed partial record StockPoint(string Id, SourceLocation Location)
{
    /// <summary>What kind of place it is (plant, warehouse, dc, store, ...): a label for reports.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Storage cost per unit per day at this stock point, on top of the capital holding cost.</summary>
    public double StorageCostPerUnitDay { get; init; }

    /// <summary>kg CO2e per unit per day held here (heating, cooling, lighting of the space).</summary>
    public double StorageCarbonKgPerUnitDay { get; init; }
}

/// <summary>A replenishment link from a supplier or an upstream stock point to a stock point.</summary>
/// <param name="From">Supplier or stock point id.</param>
/// <param name="To">Stock point id.</param>
/// <param name="Items">Item ids carried; every item when empty.</param>
/// <param name="LeadTime">Order-to-receipt time in days.</param>
/// <param name="Location">Where the lane is defined.</param>
public sealed partial record Lane(string From, string To, ImmutableArray<string> Items, Distribution LeadTime, SourceLocation Location)
{
    /// <summary>True when this lane carries the item.</summary>
    public bool Carries(string itemId) => Items.IsEmpty || Items.Contains(itemId);

    /// <summary>True when <see cref="From"/> is a supplier; false for an upstream stock point.</summary>
    public bool FromSupplier { get; init; } = true;

    /// <summary>Money per unit shipped on the lane.</summary>
    public double TransportCostPerUnit { get; init; }

    /// <summary>kg CO2e per unit shipped on the lane.</summary>
    public double CarbonKgPerUnit { get; init; }

    /// <summary>Share of each order placed on this lane when an item has several split sources; null when not split.</summary>
    public double? Share { get; init; }

    /// <summary>When this lane is a backup source: what makes the stock point switch to it; null for a primary lane.</summary>
    public BackupSwitch? Backup { get; init; }

    /// <summary>Extra cost per unit bought over this lane, as a share of unit cost (a backup's premium).</summary>
    public double CostPremium { get; init; }

    /// <summary>Paying for speed when stock runs low; null for no expediting.</summary>
    public Expedite? Expedite { get; init; }

    /// <summary>A price break for large orders; null for one price whatever the quantity.</summary>
    public QuantityDiscount? QuantityDiscount { get; init; }

    /// <summary>What one unit of an order of <paramref name="quantity"/> units costs on this lane, as a multiple of the unit cost.</summary>
    public double PriceFactor(double quantity) => (1 + CostPremium) * (QuantityDiscount?.PriceFactor(quantity) ?? 1);

    /// <summary>The lane's own name (<c>lanes[].name</c>: sea, air), to tell apart lanes between the same two places; null for none.</summary>
    public string? Label { get; init; }

    /// <summary>A short name: its own name, else <c>from->to</c>.</summary>
    public string Name => Label ?? $"{From}->{To}";
}

/// <summary>Customer demand for one item at one stock point.</summary>
/// <param name="ItemId">The item demanded.</param>
/// <param name="StockPointId">Where it is demanded.</param>
/// <param name="Daily">Distribution of the quantity demanded per day, before seasonality and trend.</param>
/// <param name="Seasonality">Weekly and annual factors and the trend.</param>
/// <param name="PatienceDays">How long a customer waits for a backorder before the sale is lost;
/// 0 = lost sales, infinity = full backorders.</param>
/// <param name="Location">Where the stream is defined.</param>
public sealed record DemandStream(
    string ItemId,
    string StockPointId,
    Distribution Daily,
    Seasonality Seasonality,
    double PatienceDays,
    SourceLocation Location)
{
    /// <summary>
    /// Lag-1 autocorrelation of daily demand (<c>autocorrelation: RHO</c>, in (-1, 1)): today's
    /// demand is its distribution's quantile at a standard normal AR(1) value, so days keep the
    /// distribution and follow each other; 0 for independent days.
    /// </summary>
    public double Autocorrelation { get; init; }

    /// <summary>
    /// Days per block when empirical demand is resampled in blocks (<c>block: 7d</c>): each block
    /// of the horizon replays that many consecutive days of the values from a random day (wrapping
    /// round), keeping the history's weekly pattern and runs; 0 to draw each day alone.
    /// </summary>
    public int BlockDays { get; init; }

    /// <summary>
    /// Customers who arrive one by one at exact times (<c>customers:</c>), or null for demand drawn
    /// per day. When set, <see cref="Daily"/> is the day's total these arrivals make (its mean and
    /// variance exact), which sizing reads.
    /// </summary>
    public CustomerArrivals? Customers { get; init; }
}

/// <summary>
/// Customer orders arriving as a Poisson process: at exact times within the day, each of a random
/// size, each served, backordered or lost on its own.
/// </summary>
/// <param name="RatePerDay">Customer orders per day on average, before seasonality and trend.</param>
/// <param name="OrderSize">Units per customer order.</param>
public sealed record CustomerArrivals(double RatePerDay, Distribution OrderSize)
{
    /// <summary>As a planner reads it: <c>customer orders 0.08/day of 1 unit</c>.</summary>
    public override string ToString() =>
        $"customer orders {RatePerDay.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}/day of "
        + (OrderSize.Kind == DistributionKind.Constant && OrderSize.Mean == 1 ? "1 unit" : $"{OrderSize} units");

    /// <summary>
    /// The units a day of these arrivals brings, for sizing and reports: Poisson for single units;
    /// otherwise a compound Poisson's mean (rate x mean size) and variance (rate x mean squared
    /// size), carried by a negative binomial for whole units or a gamma.
    /// </summary>
    public Distribution DailyTotal()
    {
        var size = OrderSize;
        if (size.Kind == DistributionKind.Constant && size.Mean == 1)
        {
            return Distribution.Poisson(RatePerDay);
        }

        var mean = RatePerDay * size.Mean;
        var sd = Math.Sqrt(RatePerDay * (size.Variance + (size.Mean * size.Mean)));
        return size.DrawsWholeUnits && sd * sd > mean ? Distribution.NegativeBinomial(mean, sd) : Distribution.Gamma(mean, sd);
    }
}

/// <summary>
/// Multiplicative demand pattern. Factors are normalised to average 1, so the daily
/// distribution's mean stays the average demand.
/// </summary>
/// <param name="Weekly">Seven factors, day 0 of the horizon being the first; empty for none.</param>
/// <param name="Annual">Twelve monthly factors, the horizon starting in the first; empty for none.</param>
/// <param name="TrendPerYear">Compound growth per year (0.05 = demand grows 5% a year).</param>
public sealed record Seasonality(ImmutableArray<double> Weekly, ImmutableArray<double> Annual, double TrendPerYear)
{
    /// <summary>No seasonality and no trend.</summary>
    public static Seasonality None { get; } = new([], [], 0);

    /// <summary>True when every day has the same expected demand.</summary>
    public bool IsFlat => Weekly.IsEmpty && Annual.IsEmpty && TrendPerYear == 0;

    /// <summary>The demand multiplier on a day (day 0 = first day of the horizon).</summary>
    public double FactorOn(double day)
    {
        var f = 1.0;
        var whole = (long)Math.Floor(day);
        if (!Weekly.IsEmpty)
        {
            f *= Weekly[(int)(whole % 7)];
        }

        if (!Annual.IsEmpty)
        {
            // Whole-day arithmetic: this runs once per demand draw.
            var dayOfYear = whole % (long)Units.DaysPerYear;
            f *= Annual[Math.Min(11, (int)(dayOfYear * 12 / (long)Units.DaysPerYear))];
        }

        if (TrendPerYear != 0)
        {
            f *= Math.Pow(1 + TrendPerYear, day / Units.DaysPerYear);
        }

        return f;
    }
}

/// <summary>Scenario-wide costs; items may override them.</summary>
/// <param name="OrderingCost">Fixed cost per replenishment order.</param>
/// <param name="BackorderPenaltyPerDay">Penalty per backordered unit per day of waiting.</param>
/// <param name="LostSaleCost">Cost per lost unit; null means each item's margin.</param>
public sealed record CostSettings(double OrderingCost, double BackorderPenaltyPerDay, double? LostSaleCost)
{
    /// <summary>Money per kg CO2e, turning the carbon of lanes into cost; 0 for none.</summary>
    public double CarbonPricePerKg { get; init; }

    /// <summary>Charge the holding rate on goods in transit too (<c>costs.hold_in_transit</c>), as multi-echelon theory and most finance teams do.</summary>
    public bool HoldInTransit { get; init; }
}

/// <summary>A named strategy: the policy every item follows.</summary>
/// <param name="Name">Unique name, as shown in results.</param>
/// <param name="Description">Free text.</param>
/// <param name="Policies">The policy for each item, in the scenario's item order.</param>
/// <param name="Location">Where the strategy is defined.</param>
public sealed record Strategy(string Name, string Description, ImmutableArray<ItemPolicy> Policies, SourceLocation Location)
{
    /// <summary>The policy for an item at a stock point.</summary>
    public PolicySpec PolicyFor(string itemId, string stockPointId) =>
        Policies.First(p => p.ItemId == itemId && p.StockPointId == stockPointId).Policy;

    /// <summary>False when this strategy never switches to backup lanes (to compare with and without a backup source).</summary>
    public bool UsesBackups { get; init; } = true;

    /// <summary>
    /// The item-locations this strategy sources its own way (<c>strategies[].sourcing</c>), one per
    /// item and stock point; every other item-location keeps the scenario's lanes as they are written.
    /// </summary>
    public ImmutableArray<SourcingChoice> Sourcing { get; init; } = [];
}


/// <summary>One item's policy at one stock point within a strategy.</summary>
public sealed record ItemPolicy(string ItemId, string StockPointId, PolicySpec Policy);

/// <summary>How an item is replenished: one of the three flow philosophies and its parameters.</summary>
public abstract record PolicySpec(SourceLocation Location)
{
    /// <summary>The policy kind as written in YAML: <c>buffer</c>, <c>demand-responsive</c> or <c>speculative</c>.</summary>
    public abstract string Kind { get; }
}

/// <summary>The buffer rules: which inventory control rule a buffer policy follows.</summary>
public enum BufferRule
{
    /// <summary>Order up to S at every review (<c>base-stock</c>; with a review period longer than a day this is (R,S)).</summary>
    BaseStock,

    /// <summary>(s,S): when the inventory position is at or below s, order up to S.</summary>
    MinMax,

    /// <summary>(R,S): every R days, order up to S.</summary>
    PeriodicReview,

    /// <summary>(s,Q): when the inventory position is at or below s, order multiples of Q until it is above s.</summary>
    ReorderPoint,
}

/// <summary>
/// Buffer &amp; Amplify: calculated stock that decouples supply from demand. Levels left null are
/// derived from the scenario's own demand and lead time (see README).
/// </summary>
/// <param name="Rule">The control rule.</param>
/// <param name="ReviewDays">Days between reviews (1 = daily, effectively continuous review).</param>
/// <param name="OrderUpTo">S, in units; null = derived.</param>
/// <param name="ReorderPoint">s, in units; null = derived.</param>
/// <param name="OrderQuantity">Q, in units; null = economic order quantity.</param>
/// <param name="SafetyStockUnits">Safety stock given in units.</param>
/// <param name="SafetyStockDays">Safety stock given as days of average demand.</param>
/// <param name="ServiceLevel">Cycle service level target used to size safety stock when none is given.</param>
/// <param name="Location">Where the policy is written.</param>
public sealed record BufferPolicy(
    BufferRule Rule,
    double ReviewDays,
    double? OrderUpTo,
    double? ReorderPoint,
    double? OrderQuantity,
    double? SafetyStockUnits,
    double? SafetyStockDays,
    double ServiceLevel,
    SourceLocation Location) : PolicySpec(Location)
{
    /// <inheritdoc />
    public override string Kind => "buffer";

    /// <summary>
    /// When set, levels follow a moving average of the demand this stock point received over this
    /// many days (order-up-to and reorder points move with the forecast); null for fixed levels.
    /// </summary>
    public double? ForecastWindowDays { get; init; }

    /// <summary>
    /// When set, levels follow an exponentially smoothed forecast of the demand this stock point
    /// received, with this smoothing constant alpha in (0, 1]; null for none.
    /// </summary>
    public double? ForecastSmoothing { get; init; }

    /// <summary>
    /// True (<c>start: steady</c>) to start each trial at a random point of the policy's cycle: the
    /// first review on a random day of the review period, and for (s,S) and (s,Q) a stock on hand
    /// drawn uniformly between the reorder point and the top of the cycle. False (<c>start: full</c>,
    /// the default): every trial starts with the full level on hand and reviews on day 0.
    /// </summary>
    public bool SteadyStart { get; init; }

    /// <summary>The stock on hand a trial starts with (<c>start: { on_hand: UNITS }</c>); null for the full level.</summary>
    public double? StartOnHand { get; init; }

    /// <summary>True (<c>start: { phase: random }</c>) to put the first review on a random day of the review period, the stock on hand as given.</summary>
    public bool RandomPhase { get; init; }

    /// <summary>
    /// True (<c>forecast: { ..., sd: estimated }</c>) to size the safety stock, at every review, on
    /// the demand sd estimated from the forecast's own one-step errors instead of the known one.
    /// </summary>
    public bool EstimatedSd { get; init; }

    /// <summary>True (<c>forecast: { seasonal: true }</c>, <c>plan: seasonal</c>) for levels sized at each review over the window ahead from the demand's seasonality and trend.</summary>
    public bool SeasonalLevels { get; init; }

    /// <summary>Where the seasonal plan is written, for findings about it.</summary>
    internal (SourceLocation At, string Path) SeasonalSource { get; init; }

    /// <summary>
    /// True for <c>review: continuous</c>: the position is reviewed whenever it falls (each customer
    /// order, each order from a stock point downstream, each cancellation) instead of once a day.
    /// </summary>
    public bool ContinuousReview { get; init; }

    /// <summary>
    /// When set, the safety stock is sized so that this share of demand is filled from stock on
    /// the day it is asked (type 2 fill rate, <c>fill_rate: 95%</c>) instead of to <see cref="ServiceLevel"/>.
    /// </summary>
    public double? FillRate { get; init; }

    /// <summary>
    /// True (<c>upstream_waits: include</c>) to size for the lead time plus the expected wait for
    /// the stock of the stock point upstream (its expected backorders over its demand, by Little's
    /// law); false (the default) to size as if that stock point never runs out.
    /// </summary>
    public bool IncludesUpstreamWaits { get; init; }
}
