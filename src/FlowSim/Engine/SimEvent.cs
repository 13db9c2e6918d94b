namespace FlowSim.Engine;

/// <summary>
/// The order in which events at the same time run. Lower runs first; within a class, events
/// run in the order they were scheduled.
/// </summary>
internal enum EventClass : byte
{
    /// <summary>Calendar changes: end of warm-up, close of a selling season, cancellations at an outage's start.</summary>
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

    /// <summary>An open order is cancelled because its supplier went down (Aux = lane).</summary>
    Cancel,

    /// <summary>Goods arrive: Aux = the lane, or -1 from production.</summary>
    Receipt,

    /// <summary>Quarantined goods are released after a quality hold.</summary>
    HoldRelease,

    /// <summary>Sold units come back.</summary>
    Return,

    /// <summary>Refurbished units are stocked as a renewed item.</summary>
    Refurbished,
    Demand,
    Review,
    BatchCommit,
    EndOfHorizon,

    /// <summary>A customer order arrives at an exact time (<c>customers:</c> demand).</summary>
    CustomerOrder,
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

    // The slot in the low 24 bits and the kind in the top 8: an event stays 32 bytes.
    private int _slotAndKind;

    /// <summary>A lane, a production line or a batch number, by kind.</summary>
    public int Aux;

    /// <summary>The stock slot (item at stock point) the event concerns; -1 for none.</summary>
    public int Slot
    {
        readonly get => (_slotAndKind << 8) >> 8;
        set => _slotAndKind = (_slotAndKind & unchecked((int)0xFF000000)) | (value & 0x00FFFFFF);
    }

    public EventKind Kind
    {
        readonly get => (EventKind)((uint)_slotAndKind >> 24);
        set => _slotAndKind = (_slotAndKind & 0x00FFFFFF) | ((int)value << 24);
    }

    /// <summary>Quantity carried (units received).</summary>
    public double Quantity;

    public readonly EventClass Class => (EventClass)(Order >> 56);

    /// <summary>Sets every field, in place.</summary>
    public void Set(double time, long order, int slot, EventKind kind, int aux, double quantity)
    {
        Time = time;
        Order = order;
        _slotAndKind = (slot & 0x00FFFFFF) | ((int)kind << 24);
        Aux = aux;
        Quantity = quantity;
    }

    public static EventClass ClassOf(EventKind kind) => kind switch
    {
        EventKind.EndOfWarmup or EventKind.SeasonClose or EventKind.Cancel => EventClass.Calendar,
        EventKind.Receipt or EventKind.HoldRelease or EventKind.Return or EventKind.Refurbished => EventClass.Receipt,
        EventKind.Demand or EventKind.CustomerOrder => EventClass.Demand,
        EventKind.Review or EventKind.BatchCommit => EventClass.Review,
        _ => EventClass.Accounting,
    };
}
