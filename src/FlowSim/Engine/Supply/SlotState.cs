namespace FlowSim.Engine.Supply;

/// <summary>
/// The mutable state of one item at one stock point during a trial, and its running totals.
/// Areas are time integrals (unit-days) kept exactly by advancing them at every change.
/// </summary>
internal struct SlotState
{
    // The fields every event reads or writes come first, so an event touches as few cache lines
    // as possible: large networks have thousands of slots and are bound by memory, not arithmetic.
    public double OnHand;
    public double OnOrder;

    /// <summary>Units owed: to customers and to other stock points or production orders.</summary>
    public double Backlog;

    /// <summary>The part of <see cref="Backlog"/> owed to customers.</summary>
    public double CustomerBacklog;

    /// <summary>The time up to which the areas are accrued.</summary>
    public double LastTime;
    public double OnHandArea;
    public double CustomerBacklogArea;
    public double BacklogArea;
    public double OnOrderArea;

    /// <summary>Customer units still owed past the date promised them (demand-responsive), and its time integral.</summary>
    public double LateOwed;
    public double LateOwedArea;

    /// <summary>How many of the oldest waiting customers' orders are past their promised date (demand-responsive).</summary>
    public int BrokenPromises;

    // Customers.
    public double Demanded;
    public double ShippedOnTime;

    // All demand received here, customers' and other stock points' and production's.
    public double Received;
    public double ReceivedFilled;

    // Replenishment.
    public double OrderedUnits;
    public double Orders;
    public double PurchaseValue;

    // Shortages and the rest: rarer.
    public double ShippedLate;

    // Promised delivery dates (demand-responsive): each waiting customer unit ends up in one of these.
    public double DeliveredByPromise;
    public double PromisedLate;
    public double LostBeforePromise;
    public double BackorderedUnits;
    public double LostUnits;
    public double StockoutDays;
    public double StockoutCycles;
    public double ReplenishmentCycles;

    /// <summary>When the open replenishment cycle began (its last receipt), and whether customers fell short in it.</summary>
    public double CycleStart;
    public bool CycleShort;
    public double CustomerShortDays;
    public double LastCustomerShortDay;
    public double ShortDays;
    public double LastShortDay;
    public double ExpeditedUnits;
    public double ExpeditePremium;
    public double ProductionCost;
    public double CancelledUnits;

    // Leaving without being sold.
    public double SalvagedUnits;
    public double SalvageIncome;
    public double ExpiredUnits;
    public double ScrappedUnits;

    // Circular flow.
    public double ReturnedUnits;
    public double RefurbishedUnits;
    public double RefurbishCost;

    // Orders on lanes with an ordering cost of their own, what they cost, and this slot's shares of joint ordering costs.
    public double LaneOrders;
    public double LaneOrderingCost;
    public double JointOrderingCost;

    /// <summary>Inventory position: on hand plus on order minus everything owed.</summary>
    public readonly double InventoryPosition => OnHand + OnOrder - Backlog;

    /// <summary>Accrues the areas up to <paramref name="time"/>.</summary>
    public void Advance(double time)
    {
        var dt = time - LastTime;
        if (dt > 0)
        {
            OnHandArea += OnHand * dt;
            CustomerBacklogArea += CustomerBacklog * dt;
            BacklogArea += Backlog * dt;
            LateOwedArea += LateOwed * dt;
            OnOrderArea += OnOrder * dt;
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
            CustomerBacklog = CustomerBacklog,
            LateOwed = LateOwed,
            BrokenPromises = BrokenPromises,
            LastTime = time,

            // The open cycle goes on: it counts, shortfalls and all, in the period it ends in.
            CycleStart = CycleStart,
            CycleShort = CycleShort,
            LastShortDay = -1,
            LastCustomerShortDay = -1,
        };
    }
}
