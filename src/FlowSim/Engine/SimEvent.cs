namespace FlowSim.Engine;

/// <summary>
/// The order in which events at the same time run. Lower runs first; within a class, events
/// run in the order they were scheduled.
/// </summary>
internal enum EventClass : byte
{
    /// <summary>Calendar changes: end of warm-up, close of a selling season (and, later, disruptions).</summary>
    Calendar = 0,

    /// <summary>Goods arrive and fill waiting backorders first.</summary>
    Receipt = 1,

    /// <summary>Customers buy.</summary>
    Demand = 2,

    /// <summary>Policies look at the inventory position and order.</summary>
    Review = 3,

    /// <summary>Closing the books at the end of the horizon.</summary>
    Accounting = 4,
}

/// <summary>What an event does; dispatched with a switch in the event loop.</summary>
internal enum EventKind : byte
{
    EndOfWarmup,
    SeasonClose,
    Receipt,
    Demand,
    Review,
    BatchCommit,
    EndOfHorizon,
}

/// <summary>
/// One scheduled event: 32 bytes, no references, so the queue holds them inline and the hot loop
/// allocates nothing.
/// </summary>
internal struct SimEvent
{
    /// <summary>Simulation time in days.</summary>
    public double Time;

    /// <summary>Class in the top byte, insertion sequence below: one comparison breaks ties.</summary>
    public long Order;

    /// <summary>The stock slot (item at stock point) the event concerns; -1 for none.</summary>
    public int Slot;

    public EventKind Kind;

    /// <summary>Quantity carried (units received) or an index (speculative batch).</summary>
    public double Quantity;

    public readonly EventClass Class => (EventClass)(Order >> 56);

    public static EventClass ClassOf(EventKind kind) => kind switch
    {
        EventKind.EndOfWarmup or EventKind.SeasonClose => EventClass.Calendar,
        EventKind.Receipt => EventClass.Receipt,
        EventKind.Demand => EventClass.Demand,
        EventKind.Review or EventKind.BatchCommit => EventClass.Review,
        _ => EventClass.Accounting,
    };
}
