using System.Runtime.CompilerServices;
using FlowSim.Scenarios;

namespace FlowSim.Policies;

/// <summary>
/// The order rules, as plain functions of what a review sees: each returns the quantity to order
/// now (0 or less for none). Positions are inventory positions: on hand plus on order minus owed.
/// </summary>
/// <remarks>The engine calls these at every review; they are inlined there.</remarks>
internal static class OrderRules
{
    /// <summary>Base-stock and (R,S): order what brings the position up to S.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OrderUpTo(double position, double orderUpTo) => orderUpTo - position;

    /// <summary>(s,S): at or below s, order up to S; above s, nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MinMax(double position, double reorderPoint, double orderUpTo) =>
        position <= reorderPoint ? orderUpTo - position : 0;

    /// <summary>(s,Q): at or below s, the fewest whole Q that lift the position above s; above s, nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReorderPoint(double position, double reorderPoint, double orderQuantity) =>
        position <= reorderPoint ? (Math.Floor((reorderPoint - position) / orderQuantity) + 1) * orderQuantity : 0;

    /// <summary>A buffer policy's order at a review, by its rule, with the levels it has now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Buffer(BufferRule rule, double position, double reorderPoint, double orderUpTo, double orderQuantity) => rule switch
    {
        BufferRule.BaseStock or BufferRule.PeriodicReview => OrderUpTo(position, orderUpTo),
        BufferRule.MinMax => MinMax(position, reorderPoint, orderUpTo),
        BufferRule.ReorderPoint => ReorderPoint(position, reorderPoint, orderQuantity),
        _ => 0,
    };

    /// <summary>
    /// A level that follows demand: the moving-average forecast over the protection period plus
    /// safety stock (the reorder point, or the order-up-to level of base-stock and (R,S)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ForecastLevel(double forecastPerDay, double protectionDays, double safetyStock) =>
        (forecastPerDay * protectionDays) + safetyStock;

    /// <summary>
    /// Demand-responsive release: what customers and others are owed beyond stock on hand and on
    /// order, and at least the minimum batch when anything is owed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double DemandResponsive(double owed, double onHand, double onOrder, double minBatch)
    {
        var need = owed - onHand - onOrder;
        return need > 0 ? Math.Max(need, minBatch) : 0;
    }

    /// <summary>
    /// Speculative in-season replenishment: (s,Q), but only while a selling window is open and an
    /// order placed on <paramref name="day"/> is expected before it closes.
    /// </summary>
    public static double InSeason(SeasonPlan plan, double position, double day) =>
        position <= plan.ReorderPoint && CanStillArrive(plan, day)
            ? ReorderPoint(position, plan.ReorderPoint, plan.OrderQuantity)
            : 0;

    /// <summary>True when an order placed on <paramref name="day"/> is expected before the open selling window closes.</summary>
    public static bool CanStillArrive(SeasonPlan plan, double day)
    {
        foreach (var b in plan.Batches)
        {
            if (b.AtDays <= day && day < b.SellUntilDays)
            {
                return PolicySizing.FirstSellingDay(day, plan.LeadTimeMeanDays) < b.SellUntilDays;
            }
        }

        return false;
    }
}
