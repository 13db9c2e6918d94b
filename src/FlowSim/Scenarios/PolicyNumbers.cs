using System.Collections.Immutable;

namespace FlowSim.Scenarios;

/// <summary>
/// The numbers one item's policy at one stock point works to once it is sized: the levels it
/// orders by, the safety stock they hold, and a speculative policy's batches. Each number is in
/// units of the item (days where the name says so); a number the policy's family or rule does not
/// use is null.
/// </summary>
public sealed record PolicyNumbers
{
    /// <summary>A buffer policy's rule; null for the other families.</summary>
    public BufferRule? Rule { get; init; }

    /// <summary>
    /// Days between reviews: a buffer policy's R, a demand-responsive policy's batching window, and
    /// 1 for a speculative policy replenished in season (reviewed daily); 0 for continuous review.
    /// </summary>
    public double? ReviewDays { get; init; }

    /// <summary>S, the order-up-to level (base-stock, (R,S), (s,S)); with a forecast, its level at mean demand.</summary>
    public double? OrderUpTo { get; init; }

    /// <summary>s, the reorder point ((s,S), (s,Q), and a speculative policy's in-season (s,Q)).</summary>
    public double? ReorderPoint { get; init; }

    /// <summary>Q, the fixed order quantity ((s,Q), and a speculative policy's in-season (s,Q)).</summary>
    public double? OrderQuantity { get; init; }

    /// <summary>
    /// P: days of demand an order must cover, lead time plus review period less one day (demand
    /// is booked before the day's review). Buffer policies only.
    /// </summary>
    public double? ProtectionDays { get; init; }

    /// <summary>Expected demand over <see cref="ProtectionDays"/> (mean daily demand to supply x P): the cycle stock in the level.</summary>
    public double? ExpectedProtectionDemand { get; init; }

    /// <summary>
    /// Safety stock the policy holds: the level it triggers or orders up to (S for base-stock and
    /// (R,S), s for (s,S) and (s,Q)) minus <see cref="ExpectedProtectionDemand"/>. When that level
    /// is given, it is exactly the difference, negative when the level is below the expected demand;
    /// when it is derived, the safety stock it was sized with, before the level is rounded up to
    /// whole units (which adds less than one unit).
    /// </summary>
    public double? SafetyStock { get; init; }

    /// <summary>The cycle service level the safety stock is sized to; null when the safety stock or the level is given.</summary>
    public double? ServiceLevel { get; init; }

    /// <summary>The fill rate (type 2) the safety stock is sized to; null when sized otherwise.</summary>
    public double? FillRate { get; init; }

    /// <summary>Days of demand the moving-average forecast spans when levels follow it; null for fixed levels.</summary>
    public double? ForecastWindowDays { get; init; }

    /// <summary>The smoothing constant when levels follow an exponentially smoothed forecast; null otherwise.</summary>
    public double? ForecastSmoothing { get; init; }

    /// <summary>The lowest protecting level (S for base-stock and (R,S), s for (s,S) and (s,Q)) at a review over the horizon when levels follow the season; null otherwise.</summary>
    public double? SeasonalLevelLow { get; init; }

    /// <summary>The highest protecting level at a review over the horizon when levels follow the season; null otherwise.</summary>
    public double? SeasonalLevelHigh { get; init; }

    /// <summary>A demand-responsive policy's smallest release.</summary>
    public double? MinBatch { get; init; }

    /// <summary>
    /// A speculative policy's critical fractile cu / (cu + co), the demand quantile a newsvendor
    /// batch stocks to (underage: the lost-sale cost; overage: unit cost less salvage value).
    /// </summary>
    public double? CriticalFractile { get; init; }

    /// <summary>Units of a speculative policy's batches sized by the newsvendor rule, all batches together; null when every batch's quantity is given.</summary>
    public double? NewsvendorQuantity { get; init; }

    /// <summary>A speculative policy's batches in time order, every period's when they repeat; empty for the other families.</summary>
    public ImmutableArray<BatchNumbers> Batches { get; init; } = [];

    /// <summary>The period a speculative policy's batches repeat after (<c>every</c>); null when they happen once.</summary>
    public double? EveryDays { get; init; }
}

/// <summary>A speculative batch as sized.</summary>
/// <param name="AtDays">Day the batch is ordered.</param>
/// <param name="Quantity">Units committed.</param>
/// <param name="SellUntilDays">End of its selling window (exclusive).</param>
/// <param name="Newsvendor">True when the quantity is the newsvendor quantity for the window; false when given.</param>
public sealed record BatchNumbers(double AtDays, double Quantity, double SellUntilDays, bool Newsvendor);
