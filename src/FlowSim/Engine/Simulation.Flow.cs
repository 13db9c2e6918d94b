using System.Runtime.CompilerServices;
using FlowSim.Engine.Disruptions;
using FlowSim.Engine.Supply;
using FlowSim.Policies;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>Material flow: customers buying, stock points and production asking their suppliers, goods moving and arriving.</summary>
internal sealed partial class Simulation
{
    // Per slot: true when other stock points or production draw on it.
    private readonly bool[] _hasOthers;

    // Per lane, what a shipment needs, in one place for the hot path.
    private LaneSetup[] _laneSetup = [];

    /// <summary>A lane's constant lead time (-1 when drawn), and whether a surge or a closure hits it in this run.</summary>
    private struct LaneSetup
    {
        public double FixedLeadTimeDays;
        public bool Disrupted;
    }

    // Production orders waiting for components.
    private readonly ProductionOrders _productionOrders = new();

    /// <summary>
    /// A lane's figures over the measured period: the time integral of units in transit, and units
    /// shipped, their value and their shipments, clipped to the period as they are booked; what
    /// was paid, delays and cancellations, cleared when measuring starts.
    /// </summary>
    private struct LaneFlow
    {
        public double Area;
        public double CapitalArea;
        public double Shipped;
        public double Value;
        public double Shipments;
        public double Purchase;
        public double Ordering;
        public double Delayed;
        public double DelayDays;
        public double Cancelled;
    }

    private void InitFlow()
    {
        var lanes = _model.LaneCount;
        _books.LaneFlow = new LaneFlow[lanes];
        _laneSetup = [.. _lanes.Select(l => new LaneSetup { FixedLeadTimeDays = l.FixedLeadTimeDays })];
    }

    /// <summary>Today's customers at slot <paramref name="i"/>: on many days of a slow item there are none, which is decided here, inline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnDemand(int i, double t)
    {
        var d = DrawDemand(i, t);
        if (d > 0)
        {
            Sell(i, t, d);
        }
    }

    /// <summary>Customers at slot <paramref name="i"/> ask for <paramref name="d"/> units: what is on hand ships, the rest falls short.</summary>
    private void Sell(int i, double t, double d)
    {
        BookAsked(_setup[i].StockPoint, t, d);

        CatchUp(i, t);
        ref var s = ref _stock.Slots[i];
        s.Advance(t);
        s.Demanded += d;
        s.Received += d;

        // Today's flows are only read by day-end work.
        var today = _perSlotDayEnd;
        if (today)
        {
            ref var f = ref _books.Today[i];
            f.Received += d;
            f.CustomerDemand += d;
        }

        // Math.Min(s.OnHand, d) for d > 0, without its cost.
        var shipped = s.OnHand < d ? s.OnHand : d;
        if (shipped > 0)
        {
            Unstock(i, shipped);
            s.ShippedOnTime += shipped;
            s.ReceivedFilled += shipped;
            if (today)
            {
                ref var f = ref _books.Today[i];
                f.Sold += shipped;
                f.CustomerFilled += shipped;
            }
        }

        var shortfall = d - shipped;
        if (shortfall > 0)
        {
            OnShortfall(i, t, shortfall);
        }
    }

    /// <summary>Customers of slot <paramref name="i"/> could not get <paramref name="shortfall"/> units from stock: they wait or go.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnShortfall(int i, double t, double shortfall)
    {
        ref var s = ref _stock.Slots[i];
        var p = _policy[i];
        if (_setup[i].Promises)
        {
            // Ordered ahead by design: a stockout only if the promised date passes (BreakPromise).
            s.Backlog += shortfall;
            s.CustomerBacklog += shortfall;
            s.BackorderedUnits += shortfall;
            _stock.Customers[i].Enqueue(t, shortfall);
            DueBy(i, t + Math.Min(p.PatienceDays, p.PromiseDays));
            return;
        }

        s.StockoutDays++;
        MarkShort(ref s, t);
        s.CycleShort = true;
        var day = Math.Floor(t);
        if (day != s.LastCustomerShortDay)
        {
            s.CustomerShortDays++;
            s.LastCustomerShortDay = day;
        }

        if (p.PatienceDays <= 0)
        {
            s.LostUnits += shortfall;
            return;
        }

        s.Backlog += shortfall;
        s.CustomerBacklog += shortfall;
        s.BackorderedUnits += shortfall;
        if (_setup[i].QueueCustomers)
        {
            _stock.Customers[i].Enqueue(t, shortfall);
            DueBy(i, t + p.PatienceDays);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MarkShort(ref Supply.SlotState s, double t)
    {
        var day = Math.Floor(t);
        if (day != s.LastShortDay)
        {
            s.ShortDays++;
            s.LastShortDay = day;
        }
    }

    /// <summary>
    /// Slot <paramref name="u"/> is asked for <paramref name="q"/> units by another stock point
    /// (<paramref name="requester"/> over <paramref name="lane"/>) or by a production order
    /// (<paramref name="lane"/> = -(order + 1)). What is on hand ships now; the rest waits its turn.
    /// </summary>
    private void Request(int u, double t, double q, int requester, int lane)
    {
        CatchUp(u, t);
        ref var s = ref _stock.Slots[u];
        s.Advance(t);
        s.Received += q;
        if (_perSlotDayEnd)
        {
            _books.Today[u].Received += q;
        }

        BookAsked(_setup[u].StockPoint, t, q);
        var shipped = Math.Min(s.OnHand, q);
        if (shipped > 0)
        {
            Unstock(u, shipped);
            s.ReceivedFilled += shipped;
            Deliver(u, t, shipped, requester, lane);
        }

        var rest = q - shipped;
        if (rest > 0)
        {
            s.Backlog += rest;
            MarkShort(ref s, t);
            _stock.Others[u].Enqueue(t, rest, requester, lane);
        }

        ReviewAsPositionFalls(u, t);
    }

    /// <summary>Sends units taken from slot <paramref name="u"/> to whoever asked for them.</summary>
    private void Deliver(int u, double t, double q, int requester, int lane)
    {
        if (lane < 0)
        {
            var order = -lane - 1;
            // A component needed in a tiny quantity can arrive after the tolerance below started the
            // order; the order is then marked started (NaN) and must not start twice.
            ref var pending = ref _productionOrders.Pending(order);
            if (double.IsNaN(pending))
            {
                return;
            }

            pending -= q;
            if (pending <= Tolerances.Quantity)
            {
                StartProduction(order, t);
            }

            return;
        }

        Ship(lane, requester, t, q);
    }

    /// <summary>Puts units on a lane from a stock point: they travel its transit time, stopping while it is closed.</summary>
    private void Ship(int j, int to, double t, double q)
    {
        var transit = LeadTime(j);
        var arrival = t + transit;
        if (_laneSetup[j].Disrupted)
        {
            arrival = DisruptedArrival(j, t, transit);
        }

        InTransit(j, t, arrival, q, in _setup[to]);
        if (double.IsFinite(arrival))
        {
            _queue.Schedule(arrival, EventKind.Receipt, to, q, j);
        }
    }

    /// <summary>When goods shipped at <paramref name="t"/> on a lane with a surge or a closure this run arrive.</summary>
    private double DisruptedArrival(int j, double t, double transit)
    {
        var undisrupted = t + transit;
        if (!_surge[j].IsEmpty)
        {
            transit *= _surge[j].RateAt(t);
        }

        var arrival = RateTimeline.Advance(t, transit, _laneOpen[j], null);
        if (arrival != undisrupted)
        {
            Changed();
            BookDelay(j, t, undisrupted, arrival);
        }

        return arrival;
    }

    /// <summary>
    /// Books <paramref name="q"/> units on lane <paramref name="j"/> from <paramref name="from"/> to
    /// <paramref name="until"/>: their unit-days in transit within the measured period, all at once,
    /// so a receipt has nothing to update. Units count as shipped when they leave after the warm-up.
    /// </summary>
    private void InTransit(int j, double from, double until, double q, in SlotSetup item)
    {
        // Math.Min and Math.Max as they work here (a NaN time stays NaN), without their cost.
        var days = (_horizonDays < until ? _horizonDays : until) - (from < _warmupDays ? _warmupDays : from);
        ref var flow = ref _books.LaneFlow[j];
        if (days > 0)
        {
            flow.Area += q * days;
            flow.CapitalArea += q * days * item.CapitalPerUnitDay;
        }

        if (from >= _warmupDays)
        {
            flow.Shipped += q;
            flow.Value += q * item.UnitCost;
            flow.Shipments++;
        }
    }

    /// <summary>Books a shipment that left at <paramref name="t"/> and arrives later than <paramref name="undisrupted"/> because of a disruption.</summary>
    private void BookDelay(int j, double t, double undisrupted, double arrival)
    {
        if (arrival > undisrupted && t >= _warmupDays)
        {
            ref var flow = ref _books.LaneFlow[j];
            flow.Delayed++;
            flow.DelayDays += Math.Max(0, Math.Min(arrival, _horizonDays) - undisrupted);
        }
    }

    /// <summary>Serves what is owed from stock on hand, first come first served: customers and others by the time they asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Allocate(int i, double t)
    {
        // Usually nothing is owed: only that test is inlined.
        ref readonly var s = ref _stock.Slots[i];
        if (s.Backlog > 0 && s.OnHand > 0)
        {
            Serve(i, t);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Serve(int i, double t)
    {
        ref var s = ref _stock.Slots[i];
        var queueCustomers = _setup[i].QueueCustomers;
        if (!queueCustomers && _stock.Others[i].Count == 0)
        {
            // Only customers wait, and with unlimited patience: no queue to keep.
            var fill = Math.Min(s.OnHand, s.CustomerBacklog);
            Unstock(i, fill);
            s.Backlog -= fill;
            s.CustomerBacklog -= fill;
            s.ShippedLate += fill;
            if (_perSlotDayEnd)
            {
                _books.Today[i].Sold += fill;
            }

            return;
        }

        var customers = _stock.Customers[i];
        var others = _stock.Others[i];
        while (s.OnHand > 1e-12 && (customers.Count > 0 || others.Count > 0 || (!queueCustomers && s.CustomerBacklog > 0)))
        {
            var customerFirst = queueCustomers
                ? customers.Count > 0 && (others.Count == 0 || customers.HeadTime <= others.HeadTime)
                : s.CustomerBacklog > 0;
            if (customerFirst)
            {
                var owed = queueCustomers ? customers.HeadQuantity : s.CustomerBacklog;
                var x = Math.Min(s.OnHand, owed);
                Unstock(i, x);
                s.Backlog -= x;
                s.CustomerBacklog -= x;
                s.ShippedLate += x;
                if (_perSlotDayEnd)
                {
                    _books.Today[i].Sold += x;
                }

                if (_setup[i].Promises)
                {
                    Delivered(ref s, x, x >= owed);
                }

                if (queueCustomers)
                {
                    if (x >= owed)
                    {
                        customers.DropHead();
                    }
                    else
                    {
                        customers.ReduceHead(x);
                    }
                }
            }
            else
            {
                var owed = others.HeadQuantity;
                var x = Math.Min(s.OnHand, owed);
                var (requester, lane) = (others.HeadA, others.HeadB);
                if (x >= owed)
                {
                    others.DropHead();
                }
                else
                {
                    others.ReduceHead(x);
                }

                Unstock(i, x);
                s.Backlog -= x;
                Deliver(i, t, x, requester, lane);
            }
        }
    }

    private void Stock(int i, double t, double q)
    {
        LedgerIn(i, q);
        _stock.Slots[i].OnHand += q;
        if (_setup[i].Perishable)
        {
            var expiry = t + _slots[i].ShelfLifeDays;
            _stock.Lots[i].Enqueue(expiry, q);
            DueBy(i, expiry);
        }
    }

    private void Unstock(int i, double q)
    {
        LedgerOut(i, q);
        _stock.Slots[i].OnHand -= q;
        if (_setup[i].Perishable && _stock.Lots[i].Count > 0)
        {
            _stock.Lots[i].Take(q);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CatchUp(int i, double t)
    {
        if (t >= _setup[i].NextDue)
        {
            CatchUpTimed(i, t);
        }
    }

    /// <summary>Something becomes due at <paramref name="due"/> (a lot expires, a customer gives up): the next catch-up at or after it must look.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DueBy(int i, double due)
    {
        ref var next = ref _setup[i].NextDue;
        if (due < next)
        {
            next = due;
        }
    }

    /// <summary>
    /// Applies what happened since the slot's last event without events of its own: lots that
    /// expired, customers whose patience ran out and promised dates that passed, in time order,
    /// each at its own time. A promise breaks only after its date: goods arriving on it are on time.
    /// </summary>
    private void CatchUpTimed(int i, double t)
    {
        var lots = _stock.Lots[i];
        var waiting = _stock.Customers[i];
        var patience = _policy[i].PatienceDays;
        var promises = _setup[i].Promises;
        ref var s = ref _stock.Slots[i];
        while (true)
        {
            var lotDue = lots.Count > 0 ? lots.HeadTime : double.PositiveInfinity;
            var waitDue = waiting.Count > 0 ? waiting.HeadTime + patience : double.PositiveInfinity;
            var promiseDue = promises && waiting.Count > s.BrokenPromises ? waiting.TimeAt(s.BrokenPromises) + _policy[i].PromiseDays : double.PositiveInfinity;
            var due = Math.Min(lotDue, waitDue);
            var breaks = promiseDue < t && promiseDue <= due;
            if (due > t && !breaks)
            {
                // Nothing is due before this time; later changes to the queues only bring it forward through DueBy.
                _setup[i].NextDue = Math.Min(due, promiseDue);
                return;
            }

            if (breaks)
            {
                s.Advance(promiseDue);
                BreakPromise(ref s, promiseDue, waiting.QuantityAt(s.BrokenPromises));
                continue;
            }

            s.Advance(due);
            if (lotDue <= waitDue)
            {
                var q = lots.HeadQuantity;
                lots.DropHead();
                LedgerExpired(i, q);
                s.OnHand -= q;
                s.ExpiredUnits += q;
            }
            else
            {
                var q = waiting.HeadQuantity;
                waiting.DropHead();
                s.Backlog -= q;
                s.CustomerBacklog -= q;
                s.LostUnits += q;
                if (promises)
                {
                    Lost(ref s, q);
                }
            }
        }
    }
}
