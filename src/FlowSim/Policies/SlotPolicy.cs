using FlowSim.Scenarios;

namespace FlowSim.Policies;

/// <summary>The policy families the engine dispatches on.</summary>
internal enum PolicyKind : byte
{
    Buffer,
    DemandResponsive,
    Speculative,
}

/// <summary>A speculative batch with its quantity fixed and its selling window closed.</summary>
internal readonly record struct BatchPlan(double AtDays, double Quantity, double SellUntilDays);

/// <summary>
/// One item's policy at one stock point, compiled to plain numbers: every level derived, every
/// default applied. What every family shares sits here; each family's own numbers sit in its
/// part (<see cref="Buffer"/>, <see cref="Release"/>, <see cref="Season"/>), left empty by the
/// others. Read-only in the event loop.
/// </summary>
internal sealed class SlotPolicy
{
    public required PolicyKind Kind { get; init; }

    /// <summary>The family as written in a scenario: <c>buffer</c>, <c>demand-responsive</c> or <c>speculative</c>.</summary>
    public string Family => Kind switch
    {
        PolicyKind.Buffer => "buffer",
        PolicyKind.DemandResponsive => "demand-responsive",
        _ => "speculative",
    };

    /// <summary>Days between reviews; also the length of a cycle for the cycle service level.</summary>
    public required double ReviewDays { get; init; }

    /// <summary>The position is reviewed whenever it falls, not on a review day (<see cref="ReviewDays"/> is then 1, for sizing's order cycle).</summary>
    public bool ContinuousReview { get; init; }

    /// <summary>Days a customer waits for a backorder before the sale is lost.</summary>
    public required double PatienceDays { get; init; }

    /// <summary>
    /// Days from a customer's order to the delivery date promised (demand-responsive item-locations
    /// whose customers wait); 0 elsewhere, where customers expect the goods from stock the day they ask.
    /// </summary>
    public double PromiseDays { get; init; }

    /// <summary>Stock on hand at the start of a trial; with a random start, the top of the range it is drawn from.</summary>
    public double InitialStock { get; init; }

    /// <summary>Whether a trial starts at a random point of the policy's cycle, and how far.</summary>
    public StartPlan Start { get; init; }

    /// <summary>A buffer policy's rule and levels; all zero for the other families.</summary>
    public BufferLevels Buffer { get; init; }

    /// <summary>A demand-responsive policy's release terms; all zero for the other families.</summary>
    public ReleaseTerms Release { get; init; }

    /// <summary>A speculative policy's batches and in-season replenishment; none for the other families.</summary>
    public SeasonPlan Season { get; init; } = SeasonPlan.None;

    /// <summary>One line a planner can read: the rule and its numbers.</summary>
    public required string Summary { get; init; }

    /// <summary>The same numbers as numbers, for results and reports.</summary>
    public required PolicyNumbers Numbers { get; init; }
}

/// <summary>
/// A random start (<c>start: steady</c>): the first review falls on a random day of the review
/// period, and the stock on hand is drawn uniformly from (<see cref="SlotPolicy.InitialStock"/> -
/// <see cref="StockSpread"/>, <see cref="SlotPolicy.InitialStock"/>], in whole units when demand
/// comes in whole units. The default value is the fixed start: full stock, first review on day 0.
/// </summary>
internal readonly record struct StartPlan(bool Random, double StockSpread, bool WholeUnits);

/// <summary>A buffer policy: its rule and the levels it orders by.</summary>
internal readonly record struct BufferLevels
{
    public BufferRule Rule { get; init; }

    /// <summary>S: order-up-to level (base-stock, (R,S), (s,S)).</summary>
    public double OrderUpTo { get; init; }

    /// <summary>s: reorder point ((s,S), (s,Q)).</summary>
    public double ReorderPoint { get; init; }

    /// <summary>Q: fixed order quantity ((s,Q)); also how far S sits above s for (s,S) levels that follow a forecast.</summary>
    public double OrderQuantity { get; init; }

    /// <summary>Days of demand a moving-average forecast spans; 0 for fixed levels.</summary>
    public double ForecastWindowDays { get; init; }

    /// <summary>The smoothing constant of an exponentially smoothed forecast; 0 for none.</summary>
    public double ForecastSmoothing { get; init; }

    /// <summary>The levels follow a forecast (moving average or exponential smoothing).</summary>
    public bool Forecasts => ForecastWindowDays > 0 || ForecastSmoothing > 0;

    /// <summary>
    /// Seasonal levels: the protecting level (S for base-stock and (R,S), s for (s,S) and (s,Q)) at
    /// a review on each day of the horizon, sized over its coverage window; null for levels that do not follow the season.
    /// </summary>
    public double[]? SeasonalLevels { get; init; }

    /// <summary>Days of demand an order covers (lead time plus review period, less a day): levels follow forecast x this.</summary>
    public double ProtectionDays { get; init; }

    /// <summary>Safety stock in units the levels hold: as sized, or a given level less the expected demand over the protection period (added to a forecast level).</summary>
    public double SafetyStock { get; init; }

    /// <summary>The safety stock follows the demand sd estimated from the forecast's errors (<c>sd: estimated</c>).</summary>
    public bool EstimatesSd { get; init; }

    /// <summary>z, the standard normal quantile of the service level, for a safety stock sized at every review.</summary>
    public double SafetyFactor { get; init; }

    /// <summary>E[D]^2 Var(L): the lead-time part of the safety stock's variance, for a safety stock sized at every review.</summary>
    public double LeadTimeVarianceTerm { get; init; }

    /// <summary>Days of demand variance the protection carries: <see cref="ProtectionDays"/>, fewer for a split (see <see cref="SizingInput.SplitShortfallDays"/>).</summary>
    public double VarianceDays { get; init; }

    /// <summary>The planning variance of a day's demand: where an estimated sd starts.</summary>
    public double DemandVariance { get; init; }

    /// <summary>True for the rules that order up to one level at every review (base-stock, (R,S)).</summary>
    public bool OrdersUpToLevel => Rule is BufferRule.BaseStock or BufferRule.PeriodicReview;
}

/// <summary>A demand-responsive (make-to-order) policy's terms.</summary>
/// <param name="MinBatch">Smallest quantity released at once.</param>
/// <param name="DepositShare">Share of the price customers pay when they order.</param>
internal readonly record struct ReleaseTerms(double MinBatch, double DepositShare);

/// <summary>A speculative policy: batches committed ahead of a season, and optional (s,Q) replenishment in it.</summary>
internal sealed class SeasonPlan
{
    /// <summary>No batches and no replenishment: the plan of every other family.</summary>
    public static readonly SeasonPlan None = new();

    public BatchPlan[] Batches { get; init; } = [];

    public bool CarryLeftovers { get; init; }

    /// <summary>True when the item is replenished in season by (s,Q) with <see cref="ReorderPoint"/> and <see cref="OrderQuantity"/>.</summary>
    public bool ReplenishesInSeason { get; init; }

    public double ReorderPoint { get; init; }

    public double OrderQuantity { get; init; }

    /// <summary>Mean lead time: an in-season order is placed only if it can arrive before its window closes.</summary>
    public double LeadTimeMeanDays { get; init; }
}
