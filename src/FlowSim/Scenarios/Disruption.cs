using FlowSim.Stochastic;

namespace FlowSim.Scenarios;

/// <summary>The kinds of disruption FlowSim simulates.</summary>
public enum DisruptionKind
{
    /// <summary>A supplier ships nothing; lead time on its open orders stops until it is back (or, with <see cref="Disruption.AffectsNewOrdersOnly"/>, only orders placed meanwhile wait).</summary>
    SupplierOutage,

    /// <summary>A lane (a port, a border) is closed: goods in transit stop until it reopens; new shipments wait.</summary>
    LaneClosure,

    /// <summary>A plant or supplier works at a fraction of its capacity.</summary>
    CapacityLoss,

    /// <summary>Lead times of orders placed on a lane are multiplied.</summary>
    LeadTimeSurge,

    /// <summary>Lots received at a stock point are quarantined for a time, and a share is scrapped.</summary>
    QualityHold,

    /// <summary>Demand is multiplied (the viral post, the competitor's stockout).</summary>
    DemandShock,

    /// <summary>A stock point's policy sees its inventory position as it was some days ago.</summary>
    InformationDelay,

    /// <summary>A supplier fails for good.</summary>
    SupplierLoss,
}

/// <summary>The names of <see cref="DisruptionKind"/>s as a scenario writes them after <c>kind:</c> and results report them.</summary>
public static class DisruptionKindNames
{
    /// <summary>Every name, in the order of <see cref="DisruptionKind"/>.</summary>
    internal static readonly string[] All =
        ["supplier_outage", "lane_closure", "capacity_loss", "lead_time_surge", "quality_hold", "demand_shock", "information_delay", "supplier_loss"];

    /// <summary>The name of <paramref name="kind"/> in a scenario file and in results, e.g. <c>supplier_outage</c>.</summary>
    public static string YamlName(this DisruptionKind kind) => All[(int)kind];
}

/// <summary>What a disruption's <see cref="Disruption.Target"/> names.</summary>
public enum DisruptionTarget
{
    /// <summary>Every demand stream (or every one of an item).</summary>
    AllDemand,

    /// <summary>A supplier id.</summary>
    Supplier,

    /// <summary>A lane, <c>from->to</c>.</summary>
    Lane,

    /// <summary>A stock point (or plant) id.</summary>
    StockPoint,
}

/// <summary>
/// Something that can go wrong, scheduled (<see cref="AtDays"/>) or random (<see cref="Every"/>),
/// lasting <see cref="Duration"/>. Occurrences are drawn per trial from the disruption's own random
/// stream, so every strategy in a trial meets the same disruptions.
/// </summary>
/// <param name="Id">Unique id, used in results.</param>
/// <param name="Kind">What happens.</param>
/// <param name="Target">The supplier, lane (<c>from->to</c>), stock point or plant hit; empty for all demand.</param>
/// <param name="ItemId">For demand shocks and quality holds: the item hit; null for every item.</param>
/// <param name="AtDays">Start of a scheduled disruption; null for a random one.</param>
/// <param name="Every">Time between random occurrences (from the end of one to the start of the next); null when scheduled.</param>
/// <param name="Duration">How long each occurrence lasts (ignored for a supplier loss, which is permanent).</param>
/// <param name="Factor">Capacity share kept, lead-time or demand multiplier; 1 when not used.</param>
/// <param name="HoldDays">Quarantine time of a quality hold.</param>
/// <param name="ScrapShare">Share of held lots scrapped.</param>
/// <param name="DelayDays">Information delay in days.</param>
/// <param name="CancelOpenOrders">For supplier outages: open orders are cancelled instead of waiting.</param>
/// <param name="SharedEvent">Name of a shared event: disruptions naming the same event occur together.</param>
/// <param name="Location">Where it is written.</param>
public sealed record Disruption(
    string Id,
    DisruptionKind Kind,
    string Target,
    string? ItemId,
    double? AtDays,
    Distribution? Every,
    Distribution Duration,
    double Factor,
    double HoldDays,
    double ScrapShare,
    double DelayDays,
    bool CancelOpenOrders,
    string? SharedEvent,
    SourceLocation Location)
{
    /// <summary>The longest information delay a scenario may give, in whole days.</summary>
    public const int MaxInformationDelayDays = 365;

    /// <summary>What <see cref="Target"/> names.</summary>
    public DisruptionTarget TargetKind { get; init; }

    /// <summary>For a lane target: its index in <see cref="Scenario.Lanes"/> (lanes between the same two places are told apart by their names).</summary>
    public int LaneIndex { get; init; } = -1;

    /// <summary>
    /// An outage as a day-by-day availability chain (<c>markov: { fail, recover }</c>) instead of
    /// <see cref="AtDays"/> or <see cref="Every"/> and <see cref="Duration"/>; null otherwise.
    /// </summary>
    public MarkovAvailability? Markov { get; init; }

    /// <summary>
    /// For supplier outages (<c>affects: new_orders</c>): orders that start while the supplier is
    /// down wait until it is back and then take their whole lead time, and orders already under way
    /// are not delayed. False (<c>affects: all_orders</c>, the default): the outage also stops the
    /// lead-time clock of the orders under way.
    /// </summary>
    public bool AffectsNewOrdersOnly { get; init; }
}

/// <summary>
/// A two-state chain evaluated at the start of each day: an up target fails with probability
/// <paramref name="Fail"/>, a down one recovers with probability <paramref name="Recover"/>. The
/// target starts the horizon up; in the long run it is up r / (f + r) of the days.
/// </summary>
/// <param name="Fail">Probability an up target fails at the start of a day, in (0, 1].</param>
/// <param name="Recover">Probability a down target recovers at the start of a day, in (0, 1].</param>
public sealed record MarkovAvailability(double Fail, double Recover)
{
    /// <summary>The long-run share of days up: Recover / (Fail + Recover).</summary>
    public double Availability => Recover / (Fail + Recover);
}
