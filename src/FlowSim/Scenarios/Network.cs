using System.Collections.Immutable;
using FlowSim.Stochastic;

namespace FlowSim.Scenarios;

/// <summary>What makes a stock point switch from its primary source to a backup lane.</summary>
public enum BackupTrigger
{
    /// <summary>The primary supplier is down (an outage, a loss) or its lane is closed.</summary>
    PrimaryDown,

    /// <summary>The oldest open order on the primary is late by more than <see cref="BackupSwitch.LateByDays"/>.</summary>
    PrimaryLate,
}

/// <summary>The switch rule of a backup lane.</summary>
/// <param name="When">What triggers the switch.</param>
/// <param name="LateByDays">For <see cref="BackupTrigger.PrimaryLate"/>: how late the primary's oldest open order must be.</param>
/// <param name="SwitchDelayDays">Days from the trigger until orders can go to the backup (qualification, contracts).</param>
public sealed record BackupSwitch(BackupTrigger When, double LateByDays, double SwitchDelayDays);

/// <summary>Expediting on a lane: when projected stock is low, pay a premium for a shorter lead time.</summary>
/// <param name="LeadTime">The expedited lead time.</param>
/// <param name="PremiumPerUnit">Money per unit expedited.</param>
/// <param name="BelowUnits">Expedite when the inventory position is below this many units.</param>
/// <param name="BelowDays">Expedite when the inventory position covers fewer than this many days of average demand.</param>
public sealed record Expedite(Distribution LeadTime, double PremiumPerUnit, double? BelowUnits, double? BelowDays);

/// <summary>A supplier's price break: orders of at least <paramref name="MinOrderUnits"/> units pay the unit cost less <paramref name="Discount"/>.</summary>
/// <param name="MinOrderUnits">Smallest order quantity that gets the discount.</param>
/// <param name="Discount">Share taken off the unit cost of the whole order (0.15 = 15% cheaper).</param>
public sealed record QuantityDiscount(double MinOrderUnits, double Discount)
{
    /// <summary>What one unit of an order of <paramref name="quantity"/> units costs, as a multiple of the unit cost.</summary>
    public double PriceFactor(double quantity) => quantity >= MinOrderUnits ? 1 - Discount : 1;
}

/// <summary>
/// A plant making an item from components (a bill of materials). Components are consumed when
/// a production order is released; the order then waits for capacity and takes the production
/// lead time.
/// </summary>
/// <param name="ItemId">The item made.</param>
/// <param name="StockPointId">The plant (a stock point) where it is made and first stocked.</param>
/// <param name="Components">Component items and the quantity of each per unit made; they are stocked at the same plant.</param>
/// <param name="LeadTime">Time from start to finish of a production order.</param>
/// <param name="CapacityPerDay">Units the plant can start per day (e.g. a kiln firing 400 a week); null for unlimited.</param>
/// <param name="MinBatch">Smallest production order.</param>
/// <param name="BatchMultiple">Production orders are whole multiples of this; 0 for any quantity.</param>
/// <param name="CostPerUnit">Conversion cost per unit made (labour, energy).</param>
/// <param name="Location">Where it is written.</param>
public sealed record Production(
    string ItemId,
    string StockPointId,
    ImmutableArray<Component> Components,
    Distribution LeadTime,
    double? CapacityPerDay,
    double MinBatch,
    double BatchMultiple,
    double CostPerUnit,
    SourceLocation Location)
{
    /// <summary>
    /// Servers of a production line run as a queue (<c>servers:</c> with <c>unit_time:</c>): orders
    /// wait first come first served for one of this many servers, which makes the order's units one
    /// after another; 0 for a line without servers (orders take the lead time once started).
    /// </summary>
    public int Servers { get; init; }

    /// <summary>Time one server takes to make one unit; null without servers.</summary>
    public Distribution? UnitTime { get; init; }
}

/// <summary>One line of a bill of materials.</summary>
public sealed record Component(string ItemId, double QuantityPerUnit);
