using System.Runtime.CompilerServices;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Day-end bookkeeping and closing the books at the end of the horizon.</summary>
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
                (l.Purchase, l.Delayed, l.DelayDays, l.Cancelled) = (0, 0, 0, 0);
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

    /// <summary>Closes the measured period: adds up every slot and lane, then writes the trial's outcomes.</summary>
    private void Close(double t, Span<double> outcome)
    {
        var sps = _model.StockPointIds.Length;
        var perStockPoint = new StockPointTotals(stackalloc double[sps], stackalloc double[sps], stackalloc double[sps], stackalloc double[sps], stackalloc double[sps]);
        var totals = default(PeriodTotals);
        SumSlots(t, ref totals, perStockPoint);
        SumLanes(ref totals, perStockPoint);
        WriteSupply(t);
        WriteChainOutcomes(t - _model.WarmupDays, ref totals, outcome);

        // The experiment fills these in from further runs of the same trial.
        outcome[(int)Metric.DisruptionCost] = double.NaN;

        WriteStockPointOutcomes(t - _model.WarmupDays, perStockPoint, outcome);
        CloseDisruptions(t, outcome);
    }

    /// <summary>What the measured period adds up to over every slot and lane, before it becomes outcomes.</summary>
    private struct PeriodTotals
    {
        public double Demanded, OnTime, Cycles, StockoutCycles, OnHandArea, Value, StockoutDays;
        public double Backordered, Lost, Purchase, Ordering, Penalties;
        public double Revenue, Expired, Deposits, Salvage, Expedited, ExpediteCost, Scrapped;
        public double Returned, Refurbished, Production;
        public double Capital, Storage, LostSales, Goodwill, WrittenOff, Cogs, StorageCarbon, DemandValue;
        public double Transport, Carbon, Transit, TransitCapital;
        public double CustomerShortDays, CustomerSlots, CustomerBacklogArea, BacklogArea, Orders, OrderedUnits;
        public double DeliveredOnTime, Due;
    }

    /// <summary>Per stock point totals of the measured period (one entry per stock point each).</summary>
    private readonly ref struct StockPointTotals(Span<double> received, Span<double> filled, Span<double> onHand, Span<double> shortDays, Span<double> transit)
    {
        public readonly Span<double> Received = received;
        public readonly Span<double> Filled = filled;
        public readonly Span<double> OnHand = onHand;
        public readonly Span<double> ShortDays = shortDays;
        public readonly Span<double> Transit = transit;
    }

    private void SumSlots(double t, ref PeriodTotals x, StockPointTotals perStockPoint)
    {
        for (var i = 0; i < _stock.Slots.Length; i++)
        {
            CatchUp(i, t);
            ref var s = ref _stock.Slots[i];
            s.Advance(t);
            var slot = _slots[i];
            var p = _policy[i];
            if (slot.HasCustomers)
            {
                x.Demanded += s.Demanded;
                x.DemandValue += s.Demanded * slot.Price;
                x.OnTime += s.ShippedOnTime;
                x.DeliveredOnTime += OnTimeUnits(i, in s);
                x.Due += DueUnits(i, in s);
                // The cycle still open at the horizon counts as one that ends there.
                var open = t > s.CycleStart ? 1 : 0;
                x.Cycles += s.ReplenishmentCycles + open;
                x.StockoutCycles += s.StockoutCycles + (s.CycleShort ? open : 0);
                x.StockoutDays += s.StockoutDays;
                x.CustomerShortDays += s.CustomerShortDays;
                x.CustomerSlots++;
                x.CustomerBacklogArea += s.CustomerBacklogArea;
            }

            x.BacklogArea += s.BacklogArea;
            x.Orders += s.Orders;
            x.OrderedUnits += s.OrderedUnits;

            x.OnHandArea += s.OnHandArea;
            x.Value += s.OnHandArea * slot.UnitCost;
            x.Backordered += s.BackorderedUnits;
            x.Lost += s.LostUnits;
            x.Purchase += s.PurchaseValue;
            x.Capital += s.OnHandArea * slot.UnitCost * slot.HoldingRatePerYear / Units.DaysPerYear;
            x.Storage += s.OnHandArea * slot.StorageCostPerUnitDay;
            x.StorageCarbon += s.OnHandArea * slot.StorageCarbonKgPerUnitDay;
            x.Ordering += s.Orders * slot.OrderingCost;
            x.Penalties += PenaltyDays(i, in s) * slot.BackorderPenaltyPerDay;
            // Total cost counts the goods used, so a lost unit, whose goods were never used, costs
            // its whole price (the margin not earned plus the unit cost not spent), not only its margin.
            x.LostSales += s.LostUnits * (slot.Price + slot.LostSaleGoodwill);
            x.Goodwill += s.LostUnits * slot.LostSaleGoodwill;
            x.Revenue += (s.ShippedOnTime + s.ShippedLate) * slot.Price;
            x.Cogs += slot.HasCustomers ? (s.ShippedOnTime + s.ShippedLate) * slot.UnitCost : 0;
            x.WrittenOff += (s.ExpiredUnits + s.ScrappedUnits + s.SalvagedUnits) * slot.UnitCost;
            x.Expired += s.ExpiredUnits;
            x.Deposits += s.CustomerBacklogArea * slot.Price * p.Release.DepositShare;
            x.Salvage += s.SalvageIncome;
            x.Expedited += s.ExpeditedUnits;
            x.ExpediteCost += s.ExpeditePremium;
            x.Scrapped += s.ScrappedUnits;
            x.Returned += s.ReturnedUnits;
            x.Refurbished += s.RefurbishedUnits;
            x.Production += s.ProductionCost + s.RefurbishCost;

            WriteItemLocation(i, t, in s);
            var sp = slot.StockPoint;
            perStockPoint.Received[sp] += s.Received;
            perStockPoint.Filled[sp] += s.ReceivedFilled;
            perStockPoint.OnHand[sp] += s.OnHandArea;
            perStockPoint.ShortDays[sp] += s.ShortDays;
        }
    }

    private void SumLanes(ref PeriodTotals x, StockPointTotals perStockPoint)
    {
        for (var j = 0; j < _lanes.Length; j++)
        {
            var spec = _lanes[j].Spec;
            var flow = _books.LaneFlow[j];
            x.Transport += flow.Shipped * spec.TransportCostPerUnit;
            x.Carbon += flow.Shipped * spec.CarbonKgPerUnit;
            // Unit-days from each order (or shipment) to its receipt, the order's own day included: see Metric.AvgInTransitUnits.
            x.Transit += flow.Area;
            x.TransitCapital += flow.CapitalArea;
            perStockPoint.Transit[_lanes[j].ToStockPoint] += flow.Area;
        }

        x.Carbon += x.StorageCarbon;
    }

    private void WriteChainOutcomes(double days, ref PeriodTotals x, Span<double> outcome)
    {
        var inventoryChange = _books.OpeningOwned - OwnedValue();
        var openOrdersChange = OpenOrdersValue() - _books.OpeningOpenOrders;
        var holding = x.Capital + x.Storage;
        var transitHolding = _model.Scenario.Costs.HoldInTransit ? x.TransitCapital : 0;
        var shortage = x.Penalties + x.LostSales;
        var carbonCost = x.Carbon * _model.Scenario.Costs.CarbonPricePerKg;
        var avgValue = x.Value / days;
        var yearsMeasured = days / Units.DaysPerYear;
        var (purchase, revenue, salvage, cogs) = (x.Purchase, x.Revenue, x.Salvage, x.Cogs);
        outcome[(int)Metric.DemandedUnits] = x.Demanded;
        outcome[(int)Metric.FillRate] = x.Demanded > 0 ? x.OnTime / x.Demanded : 1;
        outcome[(int)Metric.OnTimeDelivery] = x.Due > 0 ? x.DeliveredOnTime / x.Due : 1;
        outcome[(int)Metric.OnTimeUnits] = x.DeliveredOnTime;
        outcome[(int)Metric.DueUnits] = x.Due;
        outcome[(int)Metric.CycleServiceLevel] = x.Cycles > 0 ? 1 - (x.StockoutCycles / x.Cycles) : 1;
        outcome[(int)Metric.AvgOnHandUnits] = x.OnHandArea / days;
        outcome[(int)Metric.AvgInventoryValue] = avgValue;
        outcome[(int)Metric.StockoutDays] = x.StockoutDays;
        outcome[(int)Metric.BackorderedUnits] = x.Backordered;
        outcome[(int)Metric.LostUnits] = x.Lost;
        outcome[(int)Metric.PurchaseCost] = purchase;
        outcome[(int)Metric.HoldingCost] = holding;
        outcome[(int)Metric.OrderingCost] = x.Ordering;
        outcome[(int)Metric.ShortageCost] = shortage;
        outcome[(int)Metric.TotalCost] = purchase + inventoryChange + holding + x.Ordering + shortage + x.Transport + x.ExpediteCost + x.Production + carbonCost - salvage + openOrdersChange + transitHolding;
        outcome[(int)Metric.Revenue] = revenue;
        outcome[(int)Metric.SalvageIncome] = salvage;
        outcome[(int)Metric.Profit] = revenue + salvage - purchase - inventoryChange - holding - x.Ordering - x.Penalties - x.Goodwill - x.Transport - x.ExpediteCost - x.Production - carbonCost - transitHolding;
        outcome[(int)Metric.ExpiredUnits] = x.Expired;
        outcome[(int)Metric.AvgDepositsHeld] = x.Deposits / days;
        outcome[(int)Metric.AvgInTransitUnits] = x.Transit / days;
        outcome[(int)Metric.ExpeditedUnits] = x.Expedited;
        outcome[(int)Metric.ExpediteCost] = x.ExpediteCost;
        outcome[(int)Metric.ScrappedUnits] = x.Scrapped;
        outcome[(int)Metric.ReturnedUnits] = x.Returned;
        outcome[(int)Metric.RefurbishedUnits] = x.Refurbished;
        outcome[(int)Metric.TransportCost] = x.Transport;
        outcome[(int)Metric.ProductionCost] = x.Production;
        outcome[(int)Metric.CarbonKg] = x.Carbon;
        outcome[(int)Metric.CarbonCost] = carbonCost;
        outcome[(int)Metric.CapitalCost] = x.Capital;
        outcome[(int)Metric.InTransitHoldingCost] = transitHolding;
        outcome[(int)Metric.StorageCost] = x.Storage;
        outcome[(int)Metric.BackorderPenaltyCost] = x.Penalties;
        outcome[(int)Metric.LostSalesCost] = x.LostSales;
        outcome[(int)Metric.WrittenOffValue] = x.WrittenOff;
        outcome[(int)Metric.ObsolescenceCost] = x.WrittenOff - salvage;
        outcome[(int)Metric.CostOfGoodsSold] = cogs;
        outcome[(int)Metric.GrossMargin] = revenue - cogs;
        outcome[(int)Metric.PeakInventoryValue] = _books.PeakValue;
        // Ratios to stock are undefined without stock: below a cent on average it is rounding, not stock.
        var stocked = avgValue >= 0.01;
        outcome[(int)Metric.InventoryTurns] = stocked ? cogs / yearsMeasured / avgValue : double.NaN;
        outcome[(int)Metric.DaysOfSupply] = cogs > 0 ? avgValue / (cogs / days) : double.NaN;
        outcome[(int)Metric.Gmroi] = stocked ? (revenue - cogs) / yearsMeasured / avgValue : double.NaN;
        outcome[(int)Metric.AvgCashTiedUp] = avgValue - (x.Deposits / days);
        outcome[(int)Metric.InventoryChange] = inventoryChange;
        outcome[(int)Metric.OpenOrdersChange] = openOrdersChange;
        outcome[(int)Metric.DemandValue] = x.DemandValue;
        outcome[(int)Metric.FilledUnits] = x.OnTime;
        outcome[(int)Metric.ReplenishmentCycles] = x.Cycles;
        outcome[(int)Metric.StockoutCycles] = x.StockoutCycles;
        outcome[(int)Metric.StockoutProbability] = x.CustomerSlots > 0 && days > 0 ? x.CustomerShortDays / (x.CustomerSlots * days) : double.NaN;
        outcome[(int)Metric.OrdersPlaced] = x.Orders;
        outcome[(int)Metric.OrderedUnits] = x.OrderedUnits;
        outcome[(int)Metric.AvgOrderSize] = x.Orders > 0 ? x.OrderedUnits / x.Orders : double.NaN;
        outcome[(int)Metric.AvgBackorders] = x.BacklogArea / days;
        outcome[(int)Metric.AvgCustomerBackorders] = x.CustomerBacklogArea / days;
        outcome[(int)Metric.AvgCustomerWaitDays] = x.Backordered > 0 ? x.CustomerBacklogArea / x.Backordered : double.NaN;
        outcome[(int)Metric.AvgInProductionUnits] = _books.ProductionArea / days;
    }

    private void WriteStockPointOutcomes(double days, StockPointTotals perStockPoint, Span<double> outcome)
    {
        var layout = Layout;
        for (var sp = 0; sp < perStockPoint.Received.Length; sp++)
        {
            outcome[layout.Of(sp, StockPointMetric.FillRate)] = perStockPoint.Received[sp] > 0 ? perStockPoint.Filled[sp] / perStockPoint.Received[sp] : 1;
            outcome[layout.Of(sp, StockPointMetric.AvgOnHandUnits)] = perStockPoint.OnHand[sp] / days;
            outcome[layout.Of(sp, StockPointMetric.AvgInTransitUnits)] = perStockPoint.Transit[sp] / days;
            outcome[layout.Of(sp, StockPointMetric.StockoutDays)] = perStockPoint.ShortDays[sp];
            outcome[layout.Of(sp, StockPointMetric.BullwhipRatio)] = Ratio(sp);
        }
    }

    /// <summary>Variance of daily orders over variance of daily demand received; undefined without demand variance.</summary>
    private double Ratio(int sp)
    {
        ref var f = ref _books.Daily[sp];
        CloseDays(ref f, Math.Ceiling(_model.HorizonDays), _model.WarmupDays);
        var n = f.Days;
        if (n < 2)
        {
            return double.NaN;
        }

        var demandVariance = (f.AskedSquares - (f.AskedSum * f.AskedSum / n)) / (n - 1);
        var orderVariance = (f.OrderedSquares - (f.OrderedSum * f.OrderedSum / n)) / (n - 1);
        return demandVariance > 1e-12 ? Math.Max(0, orderVariance) / demandVariance : double.NaN;
    }

    private void CloseDisruptions(double t, Span<double> outcome)
    {
        double surviveSum = 0, recoverSum = 0;
        int surviveN = 0, recoverN = 0;
        var layout = Layout;
        for (var d = 0; d < _model.Disruptions.Length; d++)
        {
            double dSurvive = 0, dRecover = 0;
            int occurrences = 0, dSurviveN = 0, dRecoverN = 0;
            var first = _occurrences.FirstOf(d);
            for (var k = first; k < first + (_disruptionsOn ? _occurrences.CountOf(d) : 0); k++)
            {
                ref readonly var o = ref _occurrences[k];
                if (o.Start < _model.WarmupDays || o.Start >= t || _model.Disruptions[d].AffectedCustomerSlots.Length == 0)
                {
                    continue;
                }

                occurrences++;
                if (!double.IsNaN(o.Survive))
                {
                    dSurvive += o.Survive;
                    dSurviveN++;
                }

                // Not recovered by the horizon: the time so far is a lower bound, and counts as such.
                var recover = !double.IsNaN(o.Recover) ? o.Recover : o.End < t ? t - o.End : double.NaN;
                if (!double.IsNaN(recover))
                {
                    dRecover += recover;
                    dRecoverN++;
                }
            }

            outcome[layout.Of(d, DisruptionMetric.Occurrences)] = occurrences;
            outcome[layout.Of(d, DisruptionMetric.TimeToSurviveDays)] = dSurviveN > 0 ? dSurvive / dSurviveN : double.NaN;
            outcome[layout.Of(d, DisruptionMetric.TimeToRecoverDays)] = dRecoverN > 0 ? dRecover / dRecoverN : double.NaN;
            outcome[layout.Of(d, DisruptionMetric.AttributedCost)] = double.NaN;
            surviveSum += dSurvive;
            surviveN += dSurviveN;
            recoverSum += dRecover;
            recoverN += dRecoverN;
        }

        outcome[(int)Metric.TimeToSurviveDays] = surviveN > 0 ? surviveSum / surviveN : double.NaN;
        outcome[(int)Metric.TimeToRecoverDays] = recoverN > 0 ? recoverSum / recoverN : double.NaN;
    }
}
