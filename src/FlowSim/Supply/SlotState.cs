namespace FlowSim.Supply;

/// <summary>
/// The mutable state of one item at one stock point during a trial, and its running totals.
/// Areas are time integrals (unit-days) kept exactly by advancing them at every change.
/// </summary>
internal struct SlotState
{
    public double OnHand;
    public double OnOrder;
    public double Backlog;

    /// <summary>The time up to which the areas are accrued.</summary>
    public double LastTime;
    public double OnHandArea;
    public double BacklogArea;

    public double Demanded;
    public double ShippedOnTime;
    public double ShippedLate;
    public double BackorderedUnits;
    public double LostUnits;
    public double OrderedUnits;
    public double Orders;
    public double StockoutDays;
    public double StockoutCycles;
    public long LastStockoutCycle;
    public double SalvagedUnits;
    public double ExpiredUnits;

    /// <summary>Inventory position: on hand plus on order minus backorders.</summary>
    public readonly double InventoryPosition => OnHand + OnOrder - Backlog;

    /// <summary>Accrues the areas up to <paramref name="time"/>.</summary>
    public void Advance(double time)
    {
        var dt = time - LastTime;
        if (dt > 0)
        {
            OnHandArea += OnHand * dt;
            BacklogArea += Backlog * dt;
            LastTime = time;
        }
    }

    /// <summary>Clears the running totals at the end of the warm-up, keeping the stock.</summary>
    public void ResetTotals(double time)
    {
        this = new SlotState
        {
            OnHand = OnHand,
            OnOrder = OnOrder,
            Backlog = Backlog,
            LastTime = time,
            LastStockoutCycle = -1,
        };
    }
}
