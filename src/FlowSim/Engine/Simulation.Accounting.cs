using System.Runtime.CompilerServices;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>The books of a run and its day-end bookkeeping: daily flows per stock point, the peak value, day-end work per slot.</summary>
internal sealed partial class Simulation
{
    // The books of the run: what it has measured so far (see Books).
    private Books _books;

    /// <summary>
    /// What a run has measured so far: per stock point its daily totals, per lane its flow, per
    /// slot today's flows, and the figures of the whole measured period. Held by the simulation as
    /// a field of its own, so the event loop reaches each part as directly as before.
    /// </summary>
    private struct Books
    {
        // Per stock point, for the bullwhip ratio: the day being added up and its units asked for
        // and ordered, then the count, sums and sums of squares of the measured days' totals. A
        // day is closed when the stock point is next busy (or at the end), and the quiet days in
        // between count as days of zero, so nothing needs doing at the end of every day.
        public DailyFlow[] Daily;

        // Per lane, over the measured period.
        public LaneFlow[] LaneFlow;

        // Per slot, today's flows, kept only when day-end work reads them; cleared at the end of
        // each day. Apart from the slot states, so closing a day clears one small array instead of
        // visiting every slot.
        public DayFlows[] Today;

        // Largest day-end on-hand value in the measured period.
        public double PeakValue;

        // Value of the goods owned when measuring starts (see OwnedValue).
        public double OpeningOwned;

        // Price of the units owed to customers when measuring starts (see OpenOrdersValue).
        public double OpeningOpenOrders;

        // Unit-days in production within the measured period, booked when each order starts.
        public double ProductionArea;

        // Per slot, in debug builds: the ledger the invariants check (null until first kept).
        public Ledger[]? Ledger;

        /// <summary>Clears the books for a new trial: nothing booked on any day, lane or slot, measuring from day 0.</summary>
        public void Reset()
        {
            StartMeasuring(0);
            Array.Clear(Today);
            Array.Clear(LaneFlow);
            ProductionArea = 0;
        }

        /// <summary>Starts measuring at <paramref name="time"/>: trial start, or the end of the warm-up.</summary>
        /// <remarks>
        /// Lane flows are booked clipped to the measured period; what was paid, delays and
        /// cancellations are booked as they happen, so they restart here, as the slots' totals do.
        /// </remarks>
        public void StartMeasuring(double time)
        {
            PeakValue = 0;
            for (var j = 0; j < LaneFlow.Length; j++)
            {
                ref var l = ref LaneFlow[j];
                (l.Purchase, l.Ordering, l.Delayed, l.DelayDays, l.Cancelled) = (0, 0, 0, 0, 0);
            }

            for (var k = 0; k < Daily.Length; k++)
            {
                ref var f = ref Daily[k];
                f = time == 0 ? default : new DailyFlow { Day = f.Day, Asked = f.Asked, Ordered = f.Ordered };
            }
        }

        /// <summary>Makes these books those of <paramref name="from"/> (the arrays are sized by the model, so equal).</summary>
        public void CopyFrom(in Books from)
        {
            Array.Copy(from.Daily, Daily, Daily.Length);
            Array.Copy(from.LaneFlow, LaneFlow, LaneFlow.Length);
            Array.Copy(from.Today, Today, Today.Length);
            (PeakValue, OpeningOwned, OpeningOpenOrders, ProductionArea) = (from.PeakValue, from.OpeningOwned, from.OpeningOpenOrders, from.ProductionArea);
            if (from.Ledger is not null)
            {
                Ledger ??= new Ledger[from.Ledger.Length];
                Array.Copy(from.Ledger, Ledger, Ledger.Length);
            }
        }
    }

    /// <summary>One stock point's daily totals and their running sums, in one place for the hot path.</summary>
    private struct DailyFlow
    {
        public double Day;
        public double Asked;
        public double Ordered;
        public double Days;
        public double AskedSum;
        public double AskedSquares;
        public double OrderedSum;
        public double OrderedSquares;
    }

    // True when forecasts, information delays, returns or disruptions need day-end work per slot.
    private bool _perSlotDayEnd;

    /// <summary>Units slot <paramref name="i"/> has sold today so far (tests).</summary>
    internal double SoldToday(int i) => _books.Today.Length > 0 ? _books.Today[i].Sold : 0;

    /// <summary>A slot's flows today: asked for (by anyone), customers' asked and filled from stock, sold (on time or late).</summary>
    private struct DayFlows
    {
        public double Received;
        public double CustomerDemand;
        public double CustomerFilled;
        public double Sold;
    }

    // Some slot has day-end work of its own under the current strategy (see SlotDayEnd).
    private bool _slotDayEnd;

    // The leader of the disruption event switched off alone in this run; -1 for none.
    private int _switchedOff = -1;

    /// <summary>
    /// Units owed to customers at their price: orders taken and not yet shipped. The change over
    /// the measured period belongs in total cost so that every unit asked for in the period is
    /// valued at its price exactly once: shipped (revenue), lost, or still open at the end.
    /// </summary>
    private double OpenOrdersValue()
    {
        double value = 0;
        for (var i = 0; i < _stock.Slots.Length; i++)
        {
            value += _slots[i].Price * _stock.Slots[i].CustomerBacklog;
        }

        return value;
    }

    /// <summary>
    /// Goods owned at unit cost: on hand, on order from suppliers and in transit between stock
    /// points. A unit a stock point has on order from another is owned only once shipped, so what
    /// the upstream still owes it is taken off. The difference between the start and the end of the
    /// measured period charges goods bought before it and used in it, and credits goods bought in
    /// it and still held or on their way at its end.
    /// </summary>
    private double OwnedValue()
    {
        double value = 0;
        for (var i = 0; i < _stock.Slots.Length; i++)
        {
            ref var s = ref _stock.Slots[i];
            value += _slots[i].UnitCost * (s.OnHand + s.OnOrder - (s.Backlog - s.CustomerBacklog));
        }

        return value;
    }

    /// <summary>The layout of the outcome vectors this simulation writes.</summary>
    public OutcomeLayout Layout { get; private set; }

    private void InitAccounting()
    {
        var sps = _model.StockPointIds.Length;
        _books.Daily = new DailyFlow[sps];
        _perSlotDayEnd = _slots.Any(s => s.Returns is not null || s.InformationDelays.Length > 0)
            || _model.Disruptions.Length > 0
            || _model.Strategies.Any(st => st.Policies.Any(p => p.Buffer.Forecasts));
        _books.Today = _perSlotDayEnd ? new DayFlows[_slots.Length] : [];
        Layout = new OutcomeLayout(sps, _model.Disruptions.Length);
    }

    /// <summary>Adds units asked of a stock point to the day of <paramref name="t"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BookAsked(int sp, double t, double q) => OpenDay(sp, t).Asked += q;

    /// <summary>Adds units ordered by a stock point to the day of <paramref name="t"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BookOrdered(int sp, double t, double q) => OpenDay(sp, t).Ordered += q;

    /// <summary>A stock point's totals for the day of <paramref name="t"/>, closing the days before it first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref DailyFlow OpenDay(int sp, double t)
    {
        ref var f = ref _books.Daily[sp];
        var day = Math.Floor(t);
        if (day != f.Day)
        {
            CloseDays(ref f, day, _warmupDays);
        }

        return ref f;
    }

    /// <summary>Closes a stock point's open day and the quiet days after it, up to (not including) <paramref name="day"/>.</summary>
    private static void CloseDays(ref DailyFlow f, double day, double warmup)
    {
        if (f.Day >= warmup)
        {
            f.Days++;
            f.AskedSum += f.Asked;
            f.AskedSquares += f.Asked * f.Asked;
            f.OrderedSum += f.Ordered;
            f.OrderedSquares += f.Ordered * f.Ordered;
        }

        // Usually the next day: no quiet days to count.
        if (day > f.Day + 1)
        {
            f.Days += Math.Max(0, day - Math.Max(f.Day + 1, Math.Ceiling(warmup)));
        }

        f.Day = day;
        f.Asked = 0;
        f.Ordered = 0;
    }

    /// <summary>Keeps the largest day-end on-hand value (as of each slot's last event).</summary>
    private void TrackPeakValue()
    {
        var state = _stock.Slots;
        var setup = _setup;
        double value = 0;
        for (var i = 0; i < state.Length; i++)
        {
            value += state[i].OnHand * setup[i].UnitCost;
        }

        if (value > _books.PeakValue)
        {
            _books.PeakValue = value;
        }
    }

    /// <summary>Day-end work per slot, only for scenarios with forecasts, information delays, returns or disruptions.</summary>
    private void EndOfDay(double day)
    {
        // Disruption impact reads today's flows first; the loop below then closes the day.
        if (_occurrences.Count > 0)
        {
            TrackImpact(day);
        }

        if (_slotDayEnd)
        {
            var setup = _setup;
            for (var i = 0; i < setup.Length; i++)
            {
                SlotDayEnd(i, day, in _books.Today[i], in setup[i]);
            }
        }

        Array.Clear(_books.Today);
        _ordering.ForecastCursor++;
    }

    /// <summary>A slot's own day-end work: its forecast window, its position history, and returns of what it sold.</summary>
    private void SlotDayEnd(int i, double day, in DayFlows today, in SlotSetup setup)
    {
        if (setup.EstimatesSd)
        {
            ForecastErrorDayEnd(i, today.Received, in setup);
        }

        var w = setup.ForecastWindow;
        if (w > 0)
        {
            var cell = _ordering.ForecastCursor % w;
            _ordering.ForecastSum[i] += today.Received - _ordering.ForecastHistory[i][cell];
            _ordering.ForecastHistory[i][cell] = today.Received;
        }

        if (setup.ForecastSmoothing > 0)
        {
            _ordering.Smoothed[i] += setup.ForecastSmoothing * (today.Received - _ordering.Smoothed[i]);
        }

        if (setup.KeepsPositions)
        {
            _positionHistory[i][(int)day % PositionHistoryDays] = _stock.Slots[i].InventoryPosition;
        }

        if (today.Sold > 0 && setup.Returns && _slots[i].Returns is { } r)
        {
            _queue.Schedule(day + r.AfterDays, EventKind.Return, i, today.Sold * r.Share);
        }
    }
}
