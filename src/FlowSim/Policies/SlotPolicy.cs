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
/// default applied. Read-only in the event loop.
/// </summary>
internal sealed class SlotPolicy
{
    public required PolicyKind Kind { get; init; }

    public BufferRule Rule { get; init; }

    /// <summary>Days between reviews; also the length of a cycle for the cycle service level.</summary>
    public required double ReviewDays { get; init; }

    /// <summary>S: order-up-to level (base-stock, (R,S), (s,S)).</summary>
    public double OrderUpTo { get; init; }

    /// <summary>s: reorder point ((s,S), (s,Q)).</summary>
    public double ReorderPoint { get; init; }

    /// <summary>Q: fixed order quantity ((s,Q)).</summary>
    public double OrderQuantity { get; init; }

    /// <summary>Days of demand a moving-average forecast spans; 0 for fixed levels.</summary>
    public double ForecastWindowDays { get; init; }

    /// <summary>Days of demand an order covers (lead time plus review period, less a day): levels follow forecast x this.</summary>
    public double ProtectionDays { get; init; }

    /// <summary>Safety stock in units, as sized (for reporting).</summary>
    public double SafetyStock { get; init; }

    public double MinBatch { get; init; }

    public double DepositShare { get; init; }

    /// <summary>Days a customer waits for a backorder before the sale is lost.</summary>
    public required double PatienceDays { get; init; }

    public BatchPlan[] Batches { get; init; } = [];

    public bool CarryLeftovers { get; init; }

    /// <summary>True when a speculative item is replenished in season by (s,Q) with <see cref="ReorderPoint"/> and <see cref="OrderQuantity"/>.</summary>
    public bool ReplenishesInSeason { get; init; }

    /// <summary>Mean lead time: an in-season order is placed only if it can arrive before its window closes.</summary>
    public double LeadTimeMeanDays { get; init; }

    /// <summary>Stock on hand at the start of a trial.</summary>
    public double InitialStock { get; init; }

    /// <summary>One line a planner can read: the rule and its numbers.</summary>
    public required string Summary { get; init; }
}
