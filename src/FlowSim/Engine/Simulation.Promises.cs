namespace FlowSim.Engine;

/// <summary>
/// Promised delivery dates of demand-responsive item-locations. A customer who cannot be served
/// from stock waits, ordered ahead by design, for the date promised (the order's quoted lead
/// time). Each unit waiting ends up delivered by that date (on time), past it (late: a stockout
/// from the date on, with a penalty per day past it), or lost to patience before it.
/// </summary>
/// <remarks>
/// Customers wait in order time, and every order here has the same promise, so the orders past
/// their date are always the oldest: <see cref="Supply.SlotState.BrokenPromises"/> counts them
/// from the front of the queue, and <see cref="Supply.SlotState.LateOwed"/> holds their units.
/// </remarks>
internal sealed partial class Simulation
{
    /// <summary>The oldest order still within its promise, of <paramref name="q"/> units, passes its date at <paramref name="date"/> unserved.</summary>
    private static void BreakPromise(ref Supply.SlotState s, double date, double q)
    {
        s.BrokenPromises++;
        s.LateOwed += q;
        s.PromisedLate += q;
        s.StockoutDays++;
        var day = Math.Floor(date);
        if (day != s.LastCustomerShortDay)
        {
            s.CustomerShortDays++;
            s.LastCustomerShortDay = day;
        }

        MarkShort(ref s, date);
        s.CycleShort = true;
    }

    /// <summary><paramref name="x"/> units go to the oldest waiting order; <paramref name="completes"/> when that fills it.</summary>
    private static void Delivered(ref Supply.SlotState s, double x, bool completes)
    {
        if (s.BrokenPromises == 0)
        {
            s.DeliveredByPromise += x;
            return;
        }

        // Already counted late when its date passed.
        s.LateOwed -= x;
        if (completes)
        {
            s.BrokenPromises--;
        }

        if (s.BrokenPromises == 0)
        {
            s.LateOwed = 0;
        }
    }

    /// <summary>The oldest waiting order, of <paramref name="q"/> units, ran out of patience and is lost.</summary>
    private static void Lost(ref Supply.SlotState s, double q)
    {
        if (s.BrokenPromises == 0)
        {
            s.LostBeforePromise += q;
            return;
        }

        s.BrokenPromises--;
        s.LateOwed = s.BrokenPromises == 0 ? 0 : s.LateOwed - q;
    }

    /// <summary>
    /// Customer units whose delivery fell due in the measured period: shipped from stock when asked,
    /// delivered by their promised date, past it, or lost before it. Without a promise every unit
    /// falls due the moment it is asked for, so this is the units demanded.
    /// </summary>
    private double DueUnits(int i, in Supply.SlotState s) =>
        _setup[i].Promises ? s.ShippedOnTime + s.DeliveredByPromise + s.PromisedLate + s.LostBeforePromise : s.Demanded;

    /// <summary>Of <see cref="DueUnits"/>, those delivered on or before the date promised (from stock when asked, without a promise).</summary>
    private double OnTimeUnits(int i, in Supply.SlotState s) =>
        _setup[i].Promises ? s.ShippedOnTime + s.DeliveredByPromise : s.ShippedOnTime;

    /// <summary>Unit-days customers waited that a backorder penalty is charged for: all of them, or only those past a promised date.</summary>
    private double PenaltyDays(int i, in Supply.SlotState s) =>
        _setup[i].Promises ? s.LateOwedArea : s.CustomerBacklogArea;
}
