using System.Collections.Immutable;
using FlowSim.Stochastic;

namespace FlowSim.Scenarios;

/// <summary>
/// Demand-Responsive: buy or make only against confirmed customer orders (lot-for-lot), in
/// batches no smaller than a minimum, with customers who wait up to their patience.
/// </summary>
/// <param name="MinBatch">Smallest order; units beyond the need go to stock.</param>
/// <param name="ReviewDays">Days between order releases (1 = every day).</param>
/// <param name="DepositShare">Share of the price a customer pays when ordering.</param>
/// <param name="PatienceDays">How long customers wait; null keeps each demand stream's own patience.</param>
/// <param name="Location">Where the policy is written.</param>
public sealed record DemandResponsivePolicy(
    double MinBatch,
    double ReviewDays,
    double DepositShare,
    double? PatienceDays,
    SourceLocation Location) : PolicySpec(Location)
{
    /// <inheritdoc />
    public override string Kind => "demand-responsive";

    /// <summary>True for <c>review: continuous</c>: orders are released as customer orders come in, not once a day.</summary>
    public bool ContinuousReview { get; init; }

    /// <summary>
    /// Days from a customer's order to the delivery date quoted to them (<c>promise</c>); null
    /// quotes the review period (none under continuous review) plus the lead time the supply route
    /// gives with about 95% confidence. Delivered by then is on time; a penalty accrues only for
    /// days past it.
    /// </summary>
    public double? PromiseDays { get; init; }
}

/// <summary>
/// Speculative &amp; Story: commit batches ahead of demand on a forecast; no replenishment in
/// between. Leftovers are salvaged at the end of each batch's selling window, or carried on.
/// </summary>
/// <param name="Batches">The committed batches, in time order.</param>
/// <param name="CarryLeftovers">True to carry leftovers into the next window instead of salvaging them.</param>
/// <param name="Location">Where the policy is written.</param>
public sealed record SpeculativePolicy(ImmutableArray<SpeculativeBatch> Batches, bool CarryLeftovers, SourceLocation Location)
    : PolicySpec(Location)
{
    /// <inheritdoc />
    public override string Kind => "speculative";

    /// <summary>Reorders within a selling window; null for none (the default: no replenishment between batches).</summary>
    public InSeasonReplenishment? Replenish { get; init; }

    /// <summary>
    /// The period after which <see cref="Batches"/> repeat (<c>every: 1y</c>): the list describes one
    /// period, and period k commits the same batches k periods later, with their selling windows
    /// moved by as much, until the horizon. Null for batches that happen once.
    /// </summary>
    public double? EveryDays { get; init; }
}

/// <summary>
/// In-season replenishment of a speculative item: an (s,Q) rule reviewed daily, used only while
/// an order can still arrive before its selling window closes.
/// </summary>
/// <param name="ReorderPoint">s: order when the inventory position is at or below it.</param>
/// <param name="OrderQuantity">Q: units per order (multiples until above s).</param>
public sealed record InSeasonReplenishment(double ReorderPoint, double OrderQuantity);

/// <summary>A batch committed at a time.</summary>
/// <param name="AtDays">Day the order is placed; it arrives one lane lead time later.</param>
/// <param name="Quantity">Units; null = newsvendor quantity for the selling window.</param>
/// <param name="SellUntilDays">End of the selling window (exclusive); null = the next batch's order day, or the horizon.</param>
public sealed record SpeculativeBatch(double AtDays, double? Quantity, double? SellUntilDays);
