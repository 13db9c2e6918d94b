using System.Runtime.CompilerServices;
using FlowSim.Experiments;
using FlowSim.Policies;
using FlowSim.Stochastic;
using FlowSim.Supply;

namespace FlowSim.Engine;

/// <summary>
/// The event loop for one trial of one strategy. An instance belongs to one thread and is reset
/// and reused for every trial it runs: after the first few trials it allocates nothing.
/// </summary>
/// <remarks>
/// Events at the same time run by class (calendar, receipts, demand, reviews, accounting), then in
/// the order they were scheduled. Random draws come from one stream per source (each demand
/// stream, each lane's lead times) seeded from (seed, trial, source), so every strategy in a
/// trial sees the same demand and the same sequence of lead times.
/// </remarks>
internal sealed class Simulation
{
    /// <summary>Source ids: demand stream i draws from source DemandSource + i, lane j from LaneSource + j.</summary>
    internal const int DemandSource = 1 << 20;
    internal const int LaneSource = 2 << 20;

    private readonly Model _model;
    private readonly SlotModel[] _slots;
    private readonly EventQueue _queue = new();
    private readonly SlotState[] _state;
    private readonly RandomStream[] _demandRng;
    private readonly RandomStream[] _laneRng;
    private readonly TimedQueue[] _waiting;
    private readonly TimedQueue[] _lots;
    private readonly double[] _nextReview;

    // True for slots that can have lots expiring or customers giving up between events.
    private readonly bool[] _timed;
    private SlotPolicy[] _policy = [];
    private double _salvageIncome;

    public Simulation(Model model)
    {
        _model = model;
        _slots = model.Slots;
        var n = _slots.Length;
        _state = new SlotState[n];
        _demandRng = new RandomStream[n];
        _laneRng = new RandomStream[model.LaneCount];
        _waiting = new TimedQueue[n];
        _lots = new TimedQueue[n];
        _nextReview = new double[n];
        _timed = new bool[n];
        for (var i = 0; i < n; i++)
        {
            _waiting[i] = new TimedQueue();
            _lots[i] = new TimedQueue();
        }
    }

    /// <summary>Events processed since this instance was made.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>When set, sees every event as it runs (tests only; null in production runs).</summary>
    internal Action<SimEvent>? Trace { get; set; }

    /// <summary>Runs one trial of one strategy and writes each <see cref="Metric"/> into <paramref name="outcome"/>.</summary>
    /// <remarks>
    /// Demand and reviews recur on whole days for every slot, so they run as day ticks instead of
    /// going through the heap; heap events (calendar changes, receipts, batch commits, the end of the
    /// horizon) are merged around them in the same documented class order. This keeps the heap small
    /// and is what makes a trial cheap.
    /// </remarks>
    public void Run(int strategy, long trial, ulong seed, Span<double> outcome)
    {
        Reset(strategy, trial, seed);
        var queue = _queue;
        var horizon = _model.HorizonDays;
        var slots = _state.Length;
        var nextReview = _nextReview;
        long events = 0;
        for (double day = 0; ; day++)
        {
            // Heap events before this day's demand: anything earlier, then calendar changes and receipts.
            while (queue.Count > 0)
            {
                ref readonly var head = ref queue.Peek();
                if (head.Time > day || (head.Time == day && head.Class >= EventClass.Demand))
                {
                    break;
                }

                events++;
                if (Dispatch(queue.Next(), outcome))
                {
                    EventsProcessed += events;
                    return;
                }
            }

            if (day < horizon)
            {
                for (var i = 0; i < slots; i++)
                {
                    events++;
                    Trace?.Invoke(Tick(day, EventKind.Demand, i));
                    OnDemand(i, day);
                }

                for (var i = 0; i < slots; i++)
                {
                    if (nextReview[i] == day)
                    {
                        events++;
                        Trace?.Invoke(Tick(day, EventKind.Review, i));
                        OnReview(i, day);
                        nextReview[i] = day + _policy[i].ReviewDays;
                    }
                }
            }

            // The rest of this day: batch commits, accounting, and anything else at this time.
            while (queue.Count > 0 && queue.Peek().Time == day)
            {
                events++;
                if (Dispatch(queue.Next(), outcome))
                {
                    EventsProcessed += events;
                    return;
                }
            }
        }
    }

    private static SimEvent Tick(double day, EventKind kind, int slot) =>
        new() { Time = day, Order = (long)SimEvent.ClassOf(kind) << 56, Slot = slot, Kind = kind };

    /// <summary>Runs one heap event; true when it closed the trial.</summary>
    private bool Dispatch(in SimEvent e, Span<double> outcome)
    {
        Trace?.Invoke(e);
        switch (e.Kind)
        {
            case EventKind.Receipt:
                OnReceipt(e.Slot, e.Time, e.Quantity);
                break;
            case EventKind.BatchCommit:
                PlaceOrder(e.Slot, e.Time, _policy[e.Slot].Batches[(int)e.Quantity].Quantity);
                break;
            case EventKind.SeasonClose:
                OnSeasonClose(e.Slot, e.Time);
                break;
            case EventKind.EndOfWarmup:
                for (var i = 0; i < _state.Length; i++)
                {
                    CatchUp(i, e.Time);
                    _state[i].ResetTotals(e.Time);
                }

                _salvageIncome = 0;
                break;
            case EventKind.EndOfHorizon:
                Close(e.Time, outcome);
                return true;
        }

        return false;
    }

    private void Reset(int strategy, long trial, ulong seed)
    {
        _policy = _model.Strategies[strategy].Policies;
        _queue.Clear();
        _salvageIncome = 0;
        var horizon = _model.HorizonDays;
        for (var j = 0; j < _laneRng.Length; j++)
        {
            _laneRng[j] = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, LaneSource + j));
        }

        for (var i = 0; i < _state.Length; i++)
        {
            var p = _policy[i];
            _demandRng[i] = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, DemandSource + i));
            _waiting[i].Clear();
            _lots[i].Clear();
            _state[i] = new SlotState { LastStockoutCycle = -1 };
            if (p.InitialStock > 0)
            {
                Stock(i, 0, p.InitialStock);
            }

            _timed[i] = !double.IsPositiveInfinity(_slots[i].ShelfLifeDays) || (p.PatienceDays > 0 && !double.IsPositiveInfinity(p.PatienceDays));
            _nextReview[i] = p.Kind == PolicyKind.Speculative && !p.ReplenishesInSeason ? double.PositiveInfinity : 0;
            for (var b = 0; b < p.Batches.Length; b++)
            {
                if (p.Batches[b].AtDays < horizon)
                {
                    _queue.Schedule(p.Batches[b].AtDays, EventKind.BatchCommit, i, b);
                }

                if (!p.CarryLeftovers || b == p.Batches.Length - 1)
                {
                    _queue.Schedule(p.Batches[b].SellUntilDays, EventKind.SeasonClose, i);
                }
            }
        }

        if (_model.WarmupDays > 0)
        {
            _queue.Schedule(_model.WarmupDays, EventKind.EndOfWarmup, -1);
        }

        _queue.Schedule(horizon, EventKind.EndOfHorizon, -1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double DrawDemand(int i, double day)
    {
        var slot = _slots[i];
        if (slot.DemandTable is { } table)
        {
            return table.Sample(ref _demandRng[i]);
        }

        return slot.Seasonality.IsFlat
            ? slot.Demand.Sample(ref _demandRng[i])
            : slot.Demand.Sample(ref _demandRng[i], slot.Seasonality.FactorOn(day));
    }

    private void OnDemand(int i, double t)
    {
        var d = DrawDemand(i, t);
        if (d <= 0)
        {
            return;
        }

        CatchUp(i, t);
        ref var s = ref _state[i];
        s.Advance(t);
        s.Demanded += d;
        var shipped = Math.Min(s.OnHand, d);
        if (shipped > 0)
        {
            Unstock(i, shipped);
            s.ShippedOnTime += shipped;
        }

        var shortfall = d - shipped;
        if (shortfall <= 0)
        {
            return;
        }

        s.StockoutDays++;
        var p = _policy[i];
        var cycle = (long)(t / p.ReviewDays);
        if (cycle != s.LastStockoutCycle)
        {
            s.StockoutCycles++;
            s.LastStockoutCycle = cycle;
        }

        if (p.PatienceDays <= 0)
        {
            s.LostUnits += shortfall;
            return;
        }

        s.Backlog += shortfall;
        s.BackorderedUnits += shortfall;
        if (!double.IsPositiveInfinity(p.PatienceDays))
        {
            _waiting[i].Enqueue(t + p.PatienceDays, shortfall);
        }
    }

    private void OnReview(int i, double t)
    {
        CatchUp(i, t);
        ref readonly var s = ref _state[i];
        var p = _policy[i];
        var position = s.InventoryPosition;
        double q = 0;
        if (p.Kind == PolicyKind.Speculative)
        {
            if (position <= p.ReorderPoint && CanStillArrive(p, t))
            {
                q = (Math.Floor((p.ReorderPoint - position) / p.OrderQuantity) + 1) * p.OrderQuantity;
            }
        }
        else if (p.Kind == PolicyKind.DemandResponsive)
        {
            var need = s.Backlog - s.OnHand - s.OnOrder;
            if (need > 0)
            {
                q = Math.Max(need, p.MinBatch);
            }
        }
        else
        {
            switch (p.Rule)
            {
                case Scenarios.BufferRule.BaseStock:
                case Scenarios.BufferRule.PeriodicReview:
                    q = p.OrderUpTo - position;
                    break;
                case Scenarios.BufferRule.MinMax:
                    q = position <= p.ReorderPoint ? p.OrderUpTo - position : 0;
                    break;
                case Scenarios.BufferRule.ReorderPoint:
                    if (position <= p.ReorderPoint)
                    {
                        q = (Math.Floor((p.ReorderPoint - position) / p.OrderQuantity) + 1) * p.OrderQuantity;
                    }

                    break;
            }
        }

        if (q > 1e-9)
        {
            PlaceOrder(i, t, q);
        }
    }

    /// <summary>True when an order placed now is expected before the open selling window closes.</summary>
    private static bool CanStillArrive(SlotPolicy p, double t)
    {
        foreach (var b in p.Batches)
        {
            if (b.AtDays <= t && t < b.SellUntilDays)
            {
                return PolicySizing.FirstSellingDay(t, p.LeadTimeMeanDays) < b.SellUntilDays;
            }
        }

        return false;
    }

    private void PlaceOrder(int i, double t, double q)
    {
        if (q <= 0)
        {
            return;
        }

        var slot = _slots[i];
        var leadTime = slot.FixedLeadTimeDays >= 0 ? slot.FixedLeadTimeDays : slot.LeadTime.Sample(ref _laneRng[slot.Lane]);
        ref var s = ref _state[i];
        s.OnOrder += q;
        s.OrderedUnits += q;
        s.Orders++;
        _queue.Schedule(t + leadTime, EventKind.Receipt, i, q);
    }

    private void OnReceipt(int i, double t, double q)
    {
        CatchUp(i, t);
        ref var s = ref _state[i];
        s.Advance(t);
        s.OnOrder -= q;
        Stock(i, t, q);

        // Waiting customers are served first, oldest first.
        var fill = Math.Min(s.OnHand, s.Backlog);
        if (fill > 0)
        {
            Unstock(i, fill);
            s.Backlog -= fill;
            s.ShippedLate += fill;
            if (_waiting[i].Count > 0)
            {
                _waiting[i].Take(fill);
            }
        }
    }

    private void OnSeasonClose(int i, double t)
    {
        CatchUp(i, t);
        ref var s = ref _state[i];
        s.Advance(t);
        if (s.OnHand > 0)
        {
            s.SalvagedUnits += s.OnHand;
            _salvageIncome += s.OnHand * _slots[i].SalvageValue;
            s.OnHand = 0;
            _lots[i].Clear();
        }

        // The season is over: customers still waiting for this item are lost.
        if (s.Backlog > 0)
        {
            s.LostUnits += s.Backlog;
            s.Backlog = 0;
            _waiting[i].Clear();
        }
    }

    private void Stock(int i, double t, double q)
    {
        _state[i].OnHand += q;
        var shelfLife = _slots[i].ShelfLifeDays;
        if (!double.IsPositiveInfinity(shelfLife))
        {
            _lots[i].Enqueue(t + shelfLife, q);
        }
    }

    private void Unstock(int i, double q)
    {
        _state[i].OnHand -= q;
        if (_lots[i].Count > 0)
        {
            _lots[i].Take(q);
        }
    }

    /// <summary>
    /// Applies what happened since the slot's last event without events of its own: lots that
    /// expired and customers whose patience ran out, in time order, each at its own time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CatchUp(int i, double t)
    {
        if (_timed[i])
        {
            CatchUpTimed(i, t);
        }
    }

    private void CatchUpTimed(int i, double t)
    {
        var lots = _lots[i];
        var waiting = _waiting[i];
        if (lots.Count == 0 && waiting.Count == 0)
        {
            return;
        }

        ref var s = ref _state[i];
        while (true)
        {
            var lotDue = lots.Count > 0 ? lots.HeadDue : double.PositiveInfinity;
            var waitDue = waiting.Count > 0 ? waiting.HeadDue : double.PositiveInfinity;
            var due = Math.Min(lotDue, waitDue);
            if (due > t)
            {
                return;
            }

            s.Advance(due);
            if (lotDue <= waitDue)
            {
                var q = lots.HeadQuantity;
                lots.DropHead();
                s.OnHand -= q;
                s.ExpiredUnits += q;
            }
            else
            {
                var q = waiting.HeadQuantity;
                waiting.DropHead();
                s.Backlog -= q;
                s.LostUnits += q;
            }
        }
    }

    private void Close(double t, Span<double> outcome)
    {
        double demanded = 0, onTime = 0, cycles = 0, stockoutCycles = 0, onHandArea = 0, value = 0, stockoutDays = 0;
        double backordered = 0, lost = 0, purchase = 0, holding = 0, ordering = 0, shortage = 0, penalties = 0;
        double revenue = 0, expired = 0, deposits = 0;
        var from = _model.WarmupDays;
        var days = t - from;
        for (var i = 0; i < _state.Length; i++)
        {
            CatchUp(i, t);
            ref var s = ref _state[i];
            s.Advance(t);
            var slot = _slots[i];
            var p = _policy[i];
            demanded += s.Demanded;
            onTime += s.ShippedOnTime;
            cycles += Math.Ceiling(t / p.ReviewDays) - Math.Floor(from / p.ReviewDays);
            stockoutCycles += s.StockoutCycles;
            onHandArea += s.OnHandArea;
            value += s.OnHandArea * slot.UnitCost;
            stockoutDays += s.StockoutDays;
            backordered += s.BackorderedUnits;
            lost += s.LostUnits;
            purchase += s.OrderedUnits * slot.UnitCost;
            holding += s.OnHandArea * slot.UnitCost * slot.HoldingRatePerYear / Scenarios.Units.DaysPerYear;
            ordering += s.Orders * slot.OrderingCost;
            var penalty = s.BacklogArea * slot.BackorderPenaltyPerDay;
            penalties += penalty;
            shortage += penalty + s.LostUnits * slot.LostSaleCost;
            revenue += (s.ShippedOnTime + s.ShippedLate) * slot.Price;
            expired += s.ExpiredUnits;
            deposits += s.BacklogArea * slot.Price * p.DepositShare;
        }

        outcome[(int)Metric.DemandedUnits] = demanded;
        outcome[(int)Metric.FillRate] = demanded > 0 ? onTime / demanded : 1;
        outcome[(int)Metric.CycleServiceLevel] = cycles > 0 ? 1 - (stockoutCycles / cycles) : 1;
        outcome[(int)Metric.AvgOnHandUnits] = onHandArea / days;
        outcome[(int)Metric.AvgInventoryValue] = value / days;
        outcome[(int)Metric.StockoutDays] = stockoutDays;
        outcome[(int)Metric.BackorderedUnits] = backordered;
        outcome[(int)Metric.LostUnits] = lost;
        outcome[(int)Metric.PurchaseCost] = purchase;
        outcome[(int)Metric.HoldingCost] = holding;
        outcome[(int)Metric.OrderingCost] = ordering;
        outcome[(int)Metric.ShortageCost] = shortage;
        outcome[(int)Metric.TotalCost] = purchase + holding + ordering + shortage - _salvageIncome;
        outcome[(int)Metric.Revenue] = revenue;
        outcome[(int)Metric.SalvageIncome] = _salvageIncome;
        outcome[(int)Metric.Profit] = revenue + _salvageIncome - purchase - holding - ordering - penalties;
        outcome[(int)Metric.ExpiredUnits] = expired;
        outcome[(int)Metric.AvgDepositsHeld] = deposits / days;
    }
}
