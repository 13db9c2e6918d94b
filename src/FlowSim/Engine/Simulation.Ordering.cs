using System.Runtime.CompilerServices;
using FlowSim.Engine.Disruptions;
using FlowSim.Engine.Supply;
using FlowSim.Policies;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Ordering: reviews, orders on lanes, expediting and supplier capacity (the sourcing rules are in Simulation.Sourcing.cs).</summary>
internal sealed partial class Simulation
{
    // For the "late" backup rule: per slot, whether it watches its primary lane's open orders.
    private bool[] _lateWatch = [];

    // What ordering remembers between reviews (see Ordering).
    private Ordering _ordering;

    /// <summary>
    /// What ordering remembers from one review to the next: backup triggers, open orders on
    /// primary lanes, the capacity suppliers and lines have taken up, and moving-average
    /// forecasts. Held by the simulation as a field of its own, so reviews reach each part as
    /// directly as before.
    /// </summary>
    private partial struct Ordering
    {
        // Backups: when the current trigger was first seen (NaN when none), and for the "late"
        // rule, the expected arrivals of open orders on the primary lane, oldest first.
        public double[] TriggerSince;
        public TimedQueue[] PrimaryOpen;

        // Capacity per day of each supplier and production line.
        public CapacityQueue[] SupplierQueues;
        public CapacityQueue[] LineQueues;

        // Each supplier's queue as it would be without its disruptions: where an order would have
        // started, to tell the delay its outages and lost capacity caused.
        public CapacityQueue[] UndisruptedSupplierQueues;

        // Moving-average forecasts: the last days' demand received per slot, their sum, and the
        // day's place in the window.
        public double[][] ForecastHistory;
        public double[] ForecastSum;
        public int ForecastCursor;

        // Exponentially smoothed forecasts: each slot's forecast as of yesterday.
        public double[] Smoothed;

        // Per slot split in whole units, per lane: its share of the orders so far less the units
        // it was given, carried from order to order (see Simulation.Sourcing).
        public double[][] SplitCarry;

        // Estimated sd (see Simulation.Forecasts): the last days' squared one-step forecast errors
        // and their sum for a moving average, their exponentially smoothed mean for smoothing.
        public double[][] ErrorSquares;
        public double[] ErrorSquareSum;
        public double[] SmoothedSquare;

        /// <summary>Clears the state for a new trial: no trigger seen, nothing open or taken, forecasts at the planning mean.</summary>
        public void Reset(SlotModel[] slots, SlotPolicy[] policy)
        {
            Array.Fill(TriggerSince, double.NaN);
            foreach (var q in PrimaryOpen)
            {
                q.Clear();
            }

            foreach (var q in SupplierQueues)
            {
                q.Clear();
            }

            foreach (var q in UndisruptedSupplierQueues)
            {
                q.Clear();
            }

            foreach (var q in LineQueues)
            {
                q.Clear();
            }

            ForecastCursor = 0;
            foreach (var carry in SplitCarry)
            {
                Array.Clear(carry);
            }

            for (var i = 0; i < slots.Length; i++)
            {
                // A forecast starts from the planning mean, as if the window had seen average days.
                var w = (int)policy[i].Buffer.ForecastWindowDays;
                Array.Fill(ForecastHistory[i], slots[i].DemandMean, 0, Math.Min(w, ForecastHistory[i].Length));
                ForecastSum[i] = w * slots[i].DemandMean;
                Smoothed[i] = slots[i].DemandMean;
                ResetForecastErrors(i, policy[i].Buffer);
            }
        }

        /// <summary>Makes this ordering state that of <paramref name="from"/>; forecast windows only when <paramref name="forecasts"/>.</summary>
        public void CopyFrom(in Ordering from, bool forecasts)
        {
            Array.Copy(from.TriggerSince, TriggerSince, TriggerSince.Length);
            for (var i = 0; i < PrimaryOpen.Length; i++)
            {
                PrimaryOpen[i].CopyFrom(from.PrimaryOpen[i]);
                if (forecasts)
                {
                    Array.Copy(from.ForecastHistory[i], ForecastHistory[i], ForecastHistory[i].Length);
                    Array.Copy(from.ErrorSquares[i], ErrorSquares[i], ErrorSquares[i].Length);
                }
            }

            for (var k = 0; k < SupplierQueues.Length; k++)
            {
                SupplierQueues[k].CopyFrom(from.SupplierQueues[k]);
                UndisruptedSupplierQueues[k].CopyFrom(from.UndisruptedSupplierQueues[k]);
            }

            for (var k = 0; k < LineQueues.Length; k++)
            {
                LineQueues[k].CopyFrom(from.LineQueues[k]);
            }

            for (var i = 0; i < SplitCarry.Length; i++)
            {
                Array.Copy(from.SplitCarry[i], SplitCarry[i], SplitCarry[i].Length);
            }

            Array.Copy(from.ForecastSum, ForecastSum, ForecastSum.Length);
            Array.Copy(from.Smoothed, Smoothed, Smoothed.Length);
            Array.Copy(from.ErrorSquareSum, ErrorSquareSum, ErrorSquareSum.Length);
            Array.Copy(from.SmoothedSquare, SmoothedSquare, SmoothedSquare.Length);
            ForecastCursor = from.ForecastCursor;
        }
    }

    // Some policy forecasts from a moving window.
    private bool _forecasts;

    private void InitOrdering()
    {
        var n = _slots.Length;
        _ordering.TriggerSince = new double[n];
        _ordering.SplitCarry = [.. _slots.Select(s => s.Rule == SourcingRule.Split && s.WholeUnits ? new double[s.Lanes.Length] : [])];
        _lateWatch = new bool[n];
        _ordering.PrimaryOpen = new TimedQueue[n];
        for (var i = 0; i < n; i++)
        {
            _ordering.PrimaryOpen[i] = new TimedQueue();
            var slot = _slots[i];
            _lateWatch[i] = slot.Rule == SourcingRule.PrimaryBackup && slot.Backup!.When == BackupTrigger.PrimaryLate;
        }

        _ordering.SupplierQueues = [.. _model.SupplierCapacityPerDay.Select(_ => new CapacityQueue())];
        _ordering.UndisruptedSupplierQueues = [.. _model.SupplierCapacityPerDay.Select(_ => new CapacityQueue())];
        _ordering.LineQueues = [.. _model.ProductionLines.Select(_ => new CapacityQueue())];
        var longest = _model.Strategies.SelectMany(s => s.Policies).Select(p => (int)p.Buffer.ForecastWindowDays).DefaultIfEmpty(0).Max();
        _forecasts = longest > 0 || _model.Strategies.SelectMany(s => s.Policies).Any(p => p.Buffer.ForecastSmoothing > 0);
        _ordering.ForecastHistory = new double[n][];
        for (var i = 0; i < n; i++)
        {
            _ordering.ForecastHistory[i] = new double[Math.Max(1, longest)];
        }

        _ordering.ForecastSum = new double[n];
        _ordering.Smoothed = new double[n];
        var estimates = _model.Strategies.SelectMany(s => s.Policies).Any(p => p.Buffer.EstimatesSd);
        _ordering.ErrorSquares = [.. Enumerable.Range(0, n).Select(_ => new double[estimates ? Math.Max(1, longest) : 0])];
        _ordering.ErrorSquareSum = new double[n];
        _ordering.SmoothedSquare = new double[n];
    }

    private void OnReview(int i, double t)
    {
        CatchUp(i, t);
        ref readonly var s = ref _stock.Slots[i];
        ref readonly var setup = ref _setup[i];
        var position = s.InventoryPosition;
        if (setup.DelayedInformation && SeenPosition(i, t) is var seen && seen != position)
        {
            position = seen;
            Changed();
        }

        double q = 0;
        if (setup.FixedOrderUpTo)
        {
            // The most common review, from the slot's setup alone: up to the fixed level.
            q = OrderRules.OrderUpTo(position, setup.OrderUpTo);
            if (q > Tolerances.Quantity)
            {
                PlaceOrder(i, t, q, position);
            }

            return;
        }

        var p = _policy[i];
        if (p.Kind == PolicyKind.Speculative)
        {
            q = OrderRules.InSeason(p.Season, position, t);
        }
        else if (p.Kind == PolicyKind.DemandResponsive)
        {
            q = OrderRules.DemandResponsive(s.Backlog, s.OnHand, s.OnOrder, p.Release.MinBatch);
        }
        else
        {
            var b = p.Buffer;
            var upTo = b.OrderUpTo;
            var reorder = b.ReorderPoint;
            if (b.Forecasts)
            {
                ForecastLevels(i, in b, out reorder, out upTo);
            }
            else if (b.SeasonalLevels is { } levels)
            {
                // Sized at compile time over each review day's coverage window: a look-up here.
                reorder = levels[Math.Min((int)t, levels.Length - 1)];
                upTo = b.OrdersUpToLevel ? reorder : reorder + b.OrderQuantity;
            }

            q = OrderRules.Buffer(b.Rule, position, reorder, upTo, b.OrderQuantity);
        }

        if (q > Tolerances.Quantity)
        {
            PlaceOrder(i, t, q, position);
        }
    }

    /// <summary>Orders <paramref name="q"/> units for slot <paramref name="i"/> from its sources.</summary>
    /// <remarks>Inlined into the review: the direct case is short, the rest is a call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PlaceOrder(int i, double t, double q, double position)
    {
        if (q <= 0)
        {
            return;
        }

        ref readonly var setup = ref _setup[i];
        BookOrdered(setup.StockPoint, t, q);
        if (setup.DirectLane >= 0)
        {
            OrderDirect(i, in setup, t, q);
        }
        else if (setup.UpstreamSlot >= 0)
        {
            // One stock point upstream: what OrderOnLane does for it, without the sourcing rules.
            ref var s = ref _stock.Slots[i];
            s.OnOrder += q;
            s.OrderedUnits += q;
            s.Orders++;
            _books.LaneFlow[setup.UpstreamLane].Ordering += setup.OrderingCost;
            Request(setup.UpstreamSlot, t, q, i, setup.UpstreamLane);
        }
        else
        {
            OrderFromSources(i, t, q, position);
        }
    }

    /// <summary>Places an order for slot <paramref name="i"/> on its <paramref name="k"/>-th lane.</summary>
    private void OrderOnLane(int i, int k, double t, double q, double position)
    {
        if (q <= 0)
        {
            return;
        }

        var slot = _slots[i];
        var j = slot.Lanes[k];
        ref var s = ref _stock.Slots[i];
        if (_lanes[j].OrderTerms)
        {
            q = ApplyOrderTerms(i, k, j, t, q, ref s);
        }

        s.OnOrder += q;
        s.OrderedUnits += q;
        s.Orders++;
        _books.LaneFlow[j].Ordering += _lanes[j].Spec.OrderingCost ?? _setup[i].OrderingCost;
        var upstream = slot.UpstreamSlots[k];
        if (upstream >= 0)
        {
            Request(upstream, t, q, i, j);
            return;
        }

        var lane = _lanes[j];
        var spec = lane.Spec;
        var paid = q * slot.UnitCost * spec.PriceFactor(q);
        s.PurchaseValue += paid;
        _books.LaneFlow[j].Purchase += paid;
        double arrival;
        if (lane.Plain)
        {
            // No expediting, capacity or disruption on this lane or its supplier: the common case, kept short.
            arrival = t + LeadTime(j);
        }
        else
        {
            arrival = Arrival(i, j, t, q, ref s);
            if (double.IsNaN(arrival))
            {
                return;
            }
        }

        InTransit(j, t, arrival, q, in _setup[i]);
        if (_lateWatch[i] && k == 0)
        {
            _ordering.PrimaryOpen[i].Enqueue(t + slot.LeadTimeMean, q);
        }

        if (double.IsFinite(arrival))
        {
            _queue.Schedule(arrival, EventKind.Receipt, i, q, j);
        }
    }

    /// <summary>
    /// What <see cref="OrderOnLane"/> does for a slot whose only source is one plain supplier lane:
    /// most slots, so they skip the sourcing rules and the lane's checks.
    /// </summary>
    private void OrderDirect(int i, in SlotSetup setup, double t, double q)
    {
        var j = setup.DirectLane;
        ref var s = ref _stock.Slots[i];
        s.OnOrder += q;
        s.OrderedUnits += q;
        s.Orders++;
        var paid = q * setup.UnitCost * setup.DirectPremiumFactor;
        s.PurchaseValue += paid;
        ref var flow = ref _books.LaneFlow[j];
        flow.Purchase += paid;
        flow.Ordering += setup.OrderingCost;
        var arrival = t + LeadTime(j);
        InTransit(j, t, arrival, q, in setup);
        if (double.IsFinite(arrival))
        {
            _queue.Schedule(arrival, EventKind.Receipt, i, q, j);
        }
    }

    /// <summary>
    /// When an order placed on a supplier lane arrives: expedited when stock is low, queued behind
    /// the supplier's other orders when its capacity is limited, held while the supplier is down from
    /// an outage that affects new orders only, and on a lead-time clock that stops while the supplier
    /// is down from any other outage or the lane is closed. NaN when the order is cancelled instead
    /// (its cancellation is scheduled); infinity when it never arrives.
    /// </summary>
    private double Arrival(int i, int j, double t, double q, ref Supply.SlotState s)
    {
        var slot = _slots[i];
        var lane = _lanes[j];
        var spec = lane.Spec;
        double leadTime;
        // Expedite when the shelf runs low: stock on hand net of what is owed, not the position,
        // which a reorder rule keeps near its reorder point whatever is on the shelf.
        if (spec.Expedite is { } x && s.OnHand - s.Backlog < (x.BelowUnits ?? (x.BelowDays!.Value * slot.DemandMean)))
        {
            leadTime = x.LeadTime.Sample(ref _streams.Lane[j]);
            s.ExpeditedUnits += q;
            s.ExpeditePremium += q * x.PremiumPerUnit;
        }
        else
        {
            leadTime = LeadTime(j);
        }

        var undisruptedLeadTime = leadTime;
        if (_disruptionsOn && !_surge[j].IsEmpty)
        {
            leadTime *= _surge[j].RateAt(t);
        }

        var start = t;
        var undisruptedStart = t;
        var supplier = lane.Supplier;
        var capacity = _model.SupplierCapacityPerDay[supplier];
        if (!double.IsPositiveInfinity(capacity))
        {
            // The supplier works through its orders in turn at its (possibly reduced) capacity. An
            // order placed while an outage of new orders holds it joins the queue when it is back.
            var from = _disruptionsOn && !_supplierGate[supplier].IsEmpty ? RateTimeline.Advance(t, 0, _supplierGate[supplier], null) : t;
            var day = _ordering.SupplierQueues[supplier].Admit(from, q, capacity, _disruptionsOn ? _supplierWork[supplier] : null);

            // Whole days added to t: (t + day) - floor(t) could round to just before t.
            start = from + (day - Math.Floor(from));
            undisruptedStart = start;
            if (_disruptionsOn)
            {
                // Where it would have started without the supplier's disruptions (outages, lost
                // capacity): later than that is their delay.
                var without = _ordering.UndisruptedSupplierQueues[supplier].Admit(t, q, capacity, null);
                undisruptedStart = Math.Min(start, t + (without - Math.Floor(t)));
                if (from != t || without != day || CapacityLostBy(_supplierWork[supplier], day))
                {
                    Changed();
                }
            }
        }

        var work = start;
        if (_disruptionsOn && !_supplierGate[supplier].IsEmpty)
        {
            // An outage that affects new orders only: an order starting while it lasts waits for its end.
            work = RateTimeline.Advance(start, 0, _supplierGate[supplier], null);
        }

        var arrival = _disruptionsOn ? RateTimeline.Advance(work, leadTime, _supplierClock[supplier], _laneOpen[j]) : start + leadTime;
        if (arrival != start + undisruptedLeadTime)
        {
            Changed();
        }

        if (_disruptionsOn && _cancelling[supplier] && FirstCancellingOutage(supplier, t, arrival) is var cancelAt && cancelAt < arrival)
        {
            // Cancelled orders are not shipped: they travel nowhere and cost no transport. The
            // arrival above need not have moved: an outage of no length, or one while the order
            // still waits for the supplier's capacity, stops no clock but still cancels.
            Changed();
            _queue.Schedule(cancelAt, EventKind.Cancel, i, q, j);
            return double.NaN;
        }

        BookDelay(j, t, undisruptedStart + undisruptedLeadTime, arrival);
        return arrival;
    }

    /// <summary>
    /// True when lost capacity may have changed when an order admitted up to <paramref name="day"/>
    /// starts: the loss begins by the day after it (admitting looks one day ahead), or the order never starts.
    /// </summary>
    private static bool CapacityLostBy(RateTimeline rate, double day) => !rate.IsEmpty && rate.StartOf(0) <= day + 1;

    private void OnCancel(int i, double t, double q, int lane)
    {
        ref var s = ref _stock.Slots[i];
        var slot = _slots[i];
        s.OnOrder -= q;
        s.CancelledUnits += q;
        var refund = q * slot.UnitCost * _lanes[lane].Spec.PriceFactor(q);
        s.PurchaseValue -= refund;
        ref var flow = ref _books.LaneFlow[lane];
        flow.Purchase -= refund;
        flow.Cancelled++;
        if (_lateWatch[i] && lane == slot.Lanes[0] && _ordering.PrimaryOpen[i].Count > 0)
        {
            _ordering.PrimaryOpen[i].DropHead();
        }

        ReviewAsPositionFalls(i, t);
    }
}
