namespace FlowSim.Engine.Supply;

/// <summary>
/// What each item at each stock point holds during a trial: its stock and totals, the lots on its
/// shelf, who waits for it, and the day of its next review. One entry per slot in every array;
/// the arrays are made once per simulation and only their contents change.
/// </summary>
/// <remarks>
/// Held by the simulation as a readonly field: reading <c>Slots[i]</c> through it costs the same
/// as reading a field of its own, so the event loop pays nothing for the grouping.
/// </remarks>
internal readonly struct StockState
{
    public readonly SlotState[] Slots;

    /// <summary>Customers waiting, oldest first: time ordered, quantity.</summary>
    public readonly TimedQueue[] Customers;

    /// <summary>Other stock points and production orders waiting: time, quantity, requester, lane or order.</summary>
    public readonly TimedQueue[] Others;

    /// <summary>Lots on the shelf, oldest first: expiry, quantity.</summary>
    public readonly TimedQueue[] Lots;

    /// <summary>The day of each slot's next review.</summary>
    public readonly double[] NextReview;

    public StockState(int slots)
    {
        Slots = new SlotState[slots];
        Customers = new TimedQueue[slots];
        Others = new TimedQueue[slots];
        Lots = new TimedQueue[slots];
        NextReview = new double[slots];
        for (var i = 0; i < slots; i++)
        {
            Customers[i] = new TimedQueue();
            Others[i] = new TimedQueue();
            Lots[i] = new TimedQueue();
        }
    }

    /// <summary>Empties slot <paramref name="i"/>: no stock, nobody waiting, no totals.</summary>
    public void Reset(int i)
    {
        Customers[i].Clear();
        Others[i].Clear();
        Lots[i].Clear();
        Slots[i] = new SlotState { LastShortDay = -1, LastCustomerShortDay = -1 };
    }

    /// <summary>Makes every slot's stock, queues and next review those of <paramref name="from"/>.</summary>
    public void CopyFrom(in StockState from)
    {
        Array.Copy(from.Slots, Slots, Slots.Length);
        Array.Copy(from.NextReview, NextReview, NextReview.Length);
        for (var i = 0; i < Slots.Length; i++)
        {
            Customers[i].CopyFrom(from.Customers[i]);
            Others[i].CopyFrom(from.Others[i]);
            Lots[i].CopyFrom(from.Lots[i]);
        }
    }
}
