using System.Runtime.CompilerServices;
using FlowSim.Engine.Disruptions;
using FlowSim.Engine.Supply;
using FlowSim.Outcomes;
using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// The event loop for one trial of one strategy. An instance belongs to one thread and is reset
/// and reused for every trial it runs: after the first few trials it allocates nothing.
/// </summary>
/// <remarks>
/// Events at the same time run by class (calendar, receipts, demand, reviews, accounting), then in
/// the order they were scheduled. Random draws come from one stream per source (each demand
/// stream, each lane's lead times, each production line, each disruption) seeded from
/// (seed, trial, source), so every strategy in a trial sees the same demand, the same sequence of
/// lead times on each lane, and the same disruptions.
/// </remarks>
internal sealed partial class Simulation
{
    /// <summary>Source ids: demand of slot i draws from DemandSource + its stream key (its place in the scenario's own order), lane j from LaneSource + j, and so on.</summary>
    internal const int DemandSource = 1 << 20;
    internal const int LaneSource = 2 << 20;
    internal const int ProductionSource = 3 << 20;
    internal const int DisruptionSource = 4 << 20;
    internal const int StartSource = 5 << 20;

    private readonly Model _model;

    // The model's horizon and warm-up, kept here for the hot paths.
    private readonly double _horizonDays;
    private readonly double _warmupDays;
    private readonly SlotModel[] _slots;
    private readonly LaneModel[] _lanes;
    private readonly EventQueue _queue = new();
    // Stock, lots and who waits, per slot; the random streams the run draws from.
    private readonly StockState _stock;
    private readonly TrialStreams _streams;

    // Per slot: what its events check every day, in one place.
    private readonly SlotSetup[] _setup;

    // Slots with customers of their own, in slot order; and those where demand is drawn every day
    // (the others' customers arrive one by one as events).
    private readonly int[] _customerSlots;
    private readonly int[] _dailyCustomerSlots;

    // No stock point with customers is drawn on by another (customers only at the ends of the
    // network): demand and reviews can run in one pass over the slots (see Run).
    private readonly bool _onePass;

    private SlotPolicy[] _policy = [];
    private bool _usesBackups = true;
    private bool _disruptionsOn = true;

    /// <param name="model">The compiled scenario.</param>
    /// <param name="shareDraws">Draw demand and lead times once per trial for all its runs (see <see cref="ShareDraws"/>).</param>
    /// <param name="forkRuns">Start each run without disruptions from the run with them that came just before (see <see cref="ForkRuns"/>).</param>
    public Simulation(Model model, bool shareDraws = false, bool forkRuns = false)
    {
        _model = model;
        ShareDraws = shareDraws;
        ForkRuns = forkRuns;
        _horizonDays = model.HorizonDays;
        _warmupDays = model.WarmupDays;
        _slots = model.Slots;
        _lanes = model.Lanes;
        var n = _slots.Length;
        _stock = new StockState(n);
        _streams = new TrialStreams([.. _slots.Select(s => s.StreamKey)], model.LaneCount, [.. model.ProductionLines.Select(p => p.StreamKey)]);
        _customerSlots = [.. Enumerable.Range(0, n).Where(i => _slots[i].HasCustomers)];
        _dailyCustomerSlots = [.. _customerSlots.Where(i => _slots[i].Arrivals is null)];
        _setup = new SlotSetup[n];
        _hasOthers = new bool[n];
        for (var i = 0; i < n; i++)
        {
            foreach (var u in _slots[i].UpstreamSlots)
            {
                if (u >= 0)
                {
                    _hasOthers[u] = true;
                }
            }

            if (_slots[i].Production >= 0)
            {
                foreach (var c in model.ProductionLines[_slots[i].Production].ComponentSlots)
                {
                    _hasOthers[c] = true;
                }
            }
        }

        // Then a slot's demand touches nothing another slot's review touches, and each stock point's
        // daily totals add up in the same order in one pass as in two.
        var selling = _customerSlots.Select(i => _slots[i].StockPoint).ToHashSet();
        _onePass = Enumerable.Range(0, n).All(i => !_hasOthers[i] || !selling.Contains(_slots[i].StockPoint));
        InitFlow();
        InitDisruptions();
        InitOrdering();
        InitOrderTerms();
        InitAccounting();
        InitDraws();
        for (var i = 0; i < n; i++)
        {
            var slot = _slots[i];
            // Lanes with order terms go through OrderOnLane, which applies them.
            var single = slot.Rule == SourcingRule.Single && !_lanes[slot.Lanes[0]].OrderTerms;
            var direct = single && slot.UpstreamSlots[0] < 0 && _lanes[slot.Lanes[0]].Plain;
            var fromStockPoint = single && slot.UpstreamSlots[0] >= 0;
            var lane = direct ? _lanes[slot.Lanes[0]] : null;
            _setup[i] = new SlotSetup
            {
                StockPoint = slot.StockPoint,
                DailyCustomers = slot.HasCustomers && slot.Arrivals is null,
                ArrivalBound = ArrivalBound(slot),
                DirectLane = direct ? slot.Lanes[0] : -1,
                UpstreamSlot = fromStockPoint ? slot.UpstreamSlots[0] : -1,
                UpstreamLane = fromStockPoint ? slot.Lanes[0] : -1,
                KeepsPositions = _positionHistory[i].Length > 0,
                Returns = slot.Returns is { Share: > 0 },
                DirectPremiumFactor = lane is null ? 1 : 1 + lane.Spec.CostPremium,
                UnitCost = slot.UnitCost,
                OrderingCost = slot.OrderingCost,
                CapitalPerUnitDay = slot.UnitCost * slot.HoldingRatePerYear / Units.DaysPerYear,
                Perishable = !double.IsPositiveInfinity(slot.ShelfLifeDays),
            };
        }
    }

    /// <summary>Demand and reviews run in one pass over the slots when no trace is watching (see <see cref="Run"/>).</summary>
    internal bool OnePass => _onePass;

    /// <summary>Days the event loop has stepped through since this instance was made (days without anything to do can be skipped).</summary>
    internal long DaysVisited { get; private set; }

    /// <summary>Events processed since this instance was made.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>Checked once per simulated day, so a cancelled run (Ctrl+C) stops even inside a long trial.</summary>
    internal CancellationToken Cancellation { get; init; }

    /// <summary>When set, sees every event as it runs (tests only; null in production runs).</summary>
    internal Action<SimEvent>? Trace { get; set; }

    /// <summary>Runs one trial of one strategy and writes its outcome into <paramref name="outcome"/> (see <see cref="OutcomeLayout"/>).</summary>
    /// <param name="strategy">Strategy index.</param>
    /// <param name="trial">Trial number: with the seed, it fixes every random draw.</param>
    /// <param name="seed">Master seed.</param>
    /// <param name="outcome">Where the metrics go.</param>
    /// <param name="disruptions">False to run the same trial with its disruptions switched off.</param>
    /// <param name="switchedOff">
    /// A disruption to switch off alone, with every disruption that shares its event; -1 for none.
    /// The others keep exactly the occurrences they have with everything on (each draws from its own stream).
    /// </param>
    /// <remarks>
    /// Demand and reviews recur on whole days for every slot, so they run as day ticks instead of
    /// going through the heap; heap events (calendar changes, receipts, batch commits, the end of the
    /// horizon) are merged around them in the same documented class order. This keeps the heap small
    /// and is what makes a trial cheap.
    /// </remarks>
    public void Run(int strategy, long trial, ulong seed, Span<double> outcome, bool disruptions = true, int switchedOff = -1)
    {
        _disruptionsOn = disruptions;
        _switchedOff = switchedOff < 0 ? -1 : _model.Disruptions[switchedOff].Leader;
        Reset(strategy, trial, seed);
        LedgerStart();
        StartDay = ForkDay(strategy, trial, seed, disruptions, switchedOff);
        var queue = _queue;
        var horizon = _model.HorizonDays;
        var slots = _stock.Slots.Length;
        var nextReview = _stock.NextReview;
        var customerSlots = _dailyCustomerSlots;
        var perSlotDayEnd = _perSlotDayEnd;
        var warmup = _warmupDays;

        // Days can be skipped only when no customers buy a day at a time and no work is done at
        // each day's end (forecasts, returns, delayed information, traces).
        var quietDaysSkip = customerSlots.Length == 0 && !perSlotDayEnd && Trace is null && _traceOnHand is null;
        long events = 0;
        for (var day = StartDay; ; day++)
        {
            DaysVisited++;
            Cancellation.ThrowIfCancellationRequested();
            if (_checkpointing && day >= _nextCheckpoint)
            {
                Checkpoint(day);
            }

            // Queued events before this day's demand: anything earlier, then calendar changes and receipts.
            while (queue.TryTakeBefore(day, (long)EventClass.Demand << 56, out var e))
            {
                events++;
                if (Dispatch(e, outcome))
                {
                    EventsProcessed += events;
                    return;
                }
            }

            if (day < horizon)
            {
                _demandRow = (int)day * _demandWidth;
                if (_onePass && Trace is null)
                {
                    // Nothing draws on a stock point with customers, so a slot's demand and review affect
                    // no other slot's demand: one pass does each slot's demand, then its review, with the
                    // same results as the documented two (which a trace shows) and one sweep instead of two.
                    for (var i = 0; i < slots; i++)
                    {
                        if (_setup[i].DailyCustomers)
                        {
                            events++;
                            OnDemand(i, day);
                        }

                        if (nextReview[i] == day)
                        {
                            events++;
                            Review(i, day);
                        }
                    }
                }
                else
                {
                    foreach (var i in customerSlots)
                    {
                        events++;
                        Trace?.Invoke(Tick(day, EventKind.Demand, i));
                        OnDemand(i, day);
                    }

                    // Customer-facing slots review first, so what they order reaches their suppliers today.
                    for (var i = 0; i < slots; i++)
                    {
                        if (nextReview[i] == day)
                        {
                            events++;
                            Trace?.Invoke(Tick(day, EventKind.Review, i));
                            Review(i, day);
                        }
                    }
                }
            }

            // The rest of this day: batch commits, accounting, and anything else at this time.
            while (queue.TryTakeBefore(day, long.MaxValue, out var e))
            {
                events++;
                if (Dispatch(e, outcome))
                {
                    EventsProcessed += events;
                    return;
                }
            }

            if (perSlotDayEnd && day < horizon)
            {
                EndOfDay(day);
            }

            if (day >= warmup && day < horizon)
            {
                TrackPeakValue();
            }

            if (_traceOnHand is not null && day < horizon)
            {
                TraceDay(day);
            }

            if (quietDaysSkip)
            {
                // Nothing happens on a day without customers buying a day's demand, a review or an
                // event: go straight to the next day with one.
                day = NextBusyDay(day, nextReview) - 1;
            }
        }
    }

    /// <summary>The first day after <paramref name="day"/> with a review due or an event queued.</summary>
    private double NextBusyDay(double day, double[] nextReview)
    {
        var next = _queue.Count > 0 ? Math.Ceiling(_queue.Peek().Time) : _horizonDays;
        foreach (var r in nextReview)
        {
            next = Math.Min(next, r);
        }

        return Math.Max(day + 1, next);
    }

    /// <summary>Slot <paramref name="i"/>'s review, due today, and the day of its next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Review(int i, double day)
    {
        ref readonly var setup = ref _setup[i];
        if (setup.FixedOrderUpTo && day < setup.NextDue)
        {
            // The most common review, inline: nothing to catch up, order up to the level.
            var position = _stock.Slots[i].InventoryPosition;
            var q = OrderRules.OrderUpTo(position, setup.OrderUpTo);
            if (q > Tolerances.Quantity)
            {
                PlaceOrder(i, day, q, position);
            }
        }
        else
        {
            OnReview(i, day);
        }

        _stock.NextReview[i] = day + setup.ReviewDays;
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
                OnReceipt(e.Slot, e.Time, e.Quantity, e.Aux);
                break;
            case EventKind.HoldRelease:
                OnHoldRelease(e.Slot, e.Time, e.Quantity);
                break;
            case EventKind.Cancel:
                OnCancel(e.Slot, e.Time, e.Quantity, e.Aux);
                break;
            case EventKind.Return:
                OnReturn(e.Slot, e.Time, e.Quantity);
                break;
            case EventKind.Refurbished:
                OnRefurbished(e.Slot, e.Time, e.Quantity);
                break;
            case EventKind.BatchCommit:
                PlaceOrder(e.Slot, e.Time, _policy[e.Slot].Season.Batches[e.Aux].Quantity, _stock.Slots[e.Slot].InventoryPosition);
                break;
            case EventKind.SeasonClose:
                OnSeasonClose(e.Slot, e.Time);
                break;
            case EventKind.EndOfWarmup:
                for (var i = 0; i < _stock.Slots.Length; i++)
                {
                    CatchUp(i, e.Time);
                    _stock.Slots[i].ResetTotals(e.Time);
                }

                _books.StartMeasuring(e.Time);

                // Today's flows restart with the totals: sales of the warm-up (late fills at
                // fractions of its last day) bring no returns and feed no forecast after it.
                Array.Clear(_books.Today);
                _books.OpeningOwned = OwnedValue();
                _books.OpeningOpenOrders = OpenOrdersValue();
                LedgerStart();
                break;
            case EventKind.CustomerOrder:
                OnCustomerOrder(e.Slot, e.Time);
                break;
            case EventKind.EndOfHorizon:
                Close(e.Time, outcome);
                CheckInvariants(outcome);
                return true;
        }

        return false;
    }

    private void Reset(int strategy, long trial, ulong seed)
    {
        _policy = _model.Strategies[strategy].Policies;
        _usesBackups = _model.Strategies[strategy].UsesBackups;
        _queue.Clear();
        var horizon = _model.HorizonDays;
        _streams.Reset(seed, trial);
        ResetDraws(trial, seed);
        _productionOrders.Clear();
        ResetServers();
        _ordering.Reset(_slots, _policy);
        _joint.Reset();
        ResetDisruptions(trial, seed);
        for (var j = 0; j < _laneSetup.Length; j++)
        {
            _laneSetup[j].Disrupted = _disruptionsOn && !(_surge[j].IsEmpty && _laneOpen[j].IsEmpty);
        }

        _books.Reset();
        for (var i = 0; i < _stock.Slots.Length; i++)
        {
            var p = _policy[i];
            var slot = _slots[i];
            _stock.Reset(i);
            var finitePatience = p.PatienceDays > 0 && !double.IsPositiveInfinity(p.PatienceDays);
            ref var setup = ref _setup[i];
            setup.Promises = slot.HasCustomers && p.Kind == PolicyKind.DemandResponsive && p.PatienceDays > 0;
            setup.QueueCustomers = slot.HasCustomers && (finitePatience || _hasOthers[i] || setup.Promises);
            setup.NextDue = double.PositiveInfinity;
            setup.OrderUpTo = p.Buffer.OrderUpTo;
            setup.ForecastWindow = (int)p.Buffer.ForecastWindowDays;
            setup.ForecastSmoothing = p.Buffer.ForecastSmoothing;
            setup.EstimatesSd = p.Buffer.EstimatesSd;
            setup.PlainDemand = slot.DemandShocks.Length == 0 || !_disruptionsOn ? slot.DemandTable : null;
            setup.DemandColumn = DemandColumn(i);
            setup.CheckReceipts = _lateWatch[i] || (slot.QualityHolds.Length > 0 && _disruptionsOn);
            setup.DelayedInformation = slot.InformationDelays.Length > 0 && _disruptionsOn;
            setup.ReviewDays = p.ReviewDays;
            setup.Continuous = p.ContinuousReview;
            setup.FixedOrderUpTo = p.Kind == PolicyKind.Buffer && !p.Buffer.Forecasts && p.Buffer.SeasonalLevels is null && !setup.DelayedInformation
                && p.Buffer.OrdersUpToLevel;
            var season = p.Season;
            // A continuous review runs as the position falls; a slot whose customers come a day at a
            // time still reviews after each day's demand, when its position falls.
            var noReviewDays = (p.Kind == PolicyKind.Speculative && !season.ReplenishesInSeason) || (p.ContinuousReview && !setup.DailyCustomers);
            _stock.NextReview[i] = noReviewDays ? double.PositiveInfinity : 0;
            var initial = p.Start.Random ? RandomStart(i, p, trial, seed, noReviewDays) : p.InitialStock;
            if (initial > 0)
            {
                Stock(i, 0, initial);
            }

            if (setup.ArrivalBound > 0)
            {
                ScheduleCustomerOrder(i, 0);
            }

            for (var b = 0; b < season.Batches.Length; b++)
            {
                if (season.Batches[b].AtDays < horizon)
                {
                    _queue.Schedule(season.Batches[b].AtDays, EventKind.BatchCommit, i, aux: b);
                }

                if (!season.CarryLeftovers || b == season.Batches.Length - 1)
                {
                    _queue.Schedule(season.Batches[b].SellUntilDays, EventKind.SeasonClose, i);
                }
            }
        }

        _slotDayEnd = false;
        foreach (ref readonly var x in _setup.AsSpan())
        {
            _slotDayEnd |= x.ForecastWindow > 0 || x.ForecastSmoothing > 0 || x.KeepsPositions || x.Returns;
        }

        _books.OpeningOwned = OwnedValue();
        _books.OpeningOpenOrders = OpenOrdersValue();
        if (_model.WarmupDays > 0)
        {
            _queue.Schedule(_model.WarmupDays, EventKind.EndOfWarmup, -1);
        }

        _queue.Schedule(horizon, EventKind.EndOfHorizon, -1);
    }
}
