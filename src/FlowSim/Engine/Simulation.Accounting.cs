using System.Runtime.CompilerServices;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Day-end bookkeeping and closing the books at the end of the horizon.</summary>
internal sealed partial class Simulation
{
    // Per stock point, for the bullwhip ratio: the day being added up and its units asked for and
    // ordered, then the count, sums and sums of squares of the measured days' totals. A day is
    // closed when the stock point is next busy (or at the end), and the quiet days in between
    // count as days of zero, so nothing needs doing at the end of every day.
    private DailyFlow[] _daily = [];

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

    // Per slot, today's flows, kept only when day-end work reads them; cleared at the end of each day.
    // Apart from the slot states, so closing a day clears one small array instead of visiting every slot.
    private DayFlows[] _today = [];

    /// <summary>Units slot <paramref name="i"/> has sold today so far (tests).</summary>
    internal double SoldToday(int i) => _today.Length > 0 ? _today[i].Sold : 0;

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

    // Largest day-end on-hand value in the measured period.
    private double _peakValue;

    // Value of the goods owned when measuring starts (see OwnedValue).
    private double _openingOwned;

    // Price of the units owed to customers when measuring starts (see OpenOrdersValue).
    private double _openingOpenOrders;

    /// <summary>
    /// Units owed to customers at their price: orders taken and not yet shipped. The change over
    /// the measured period belongs in total cost so that every unit asked for in the period is
    /// valued at its price exactly once: shipped (revenue), lost, or still open at the end.
    /// </summary>
    private double OpenOrdersValue()
    {
        double value = 0;
        for (var i = 0; i < _state.Length; i++)
        {
            value += _slots[i].Price * _state[i].CustomerBacklog;
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
        for (var i = 0; i < _state.Length; i++)
        {
            ref var s = ref _state[i];
            value += _slots[i].UnitCost * (s.OnHand + s.OnOrder - (s.Backlog - s.CustomerBacklog));
        }

        return value;
    }

    /// <summary>The layout of the outcome vectors this simulation writes.</summary>
    public OutcomeLayout Layout { get; private set; }

    private void InitAccounting()
    {
        var sps = _model.StockPointIds.Length;
        _daily = new DailyFlow[sps];
        _perSlotDayEnd = _slots.Any(s => s.Returns is not null || s.InformationDelays.Length > 0)
            || _model.Disruptions.Length > 0
            || _model.Strategies.Any(st => st.Policies.Any(p => p.ForecastWindowDays > 0));
        _today = _perSlotDayEnd ? new DayFlows[_slots.Length] : [];
        Layout = new OutcomeLayout(sps, _model.Disruptions.Length);
    }

    /// <summary>Starts measuring at <paramref name="time"/>: trial start, or the end of the warm-up.</summary>
    /// <remarks>Lane figures need no reset: they are booked clipped to the measured period.</remarks>
    private void ResetAccounting(double time)
    {
        _peakValue = 0;
        for (var k = 0; k < _daily.Length; k++)
        {
            ref var f = ref _daily[k];
            f = time == 0 ? default : new DailyFlow { Day = f.Day, Asked = f.Asked, Ordered = f.Ordered };
        }
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
        ref var f = ref _daily[sp];
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
        var state = _state;
        var setup = _setup;
        double value = 0;
        for (var i = 0; i < state.Length; i++)
        {
            value += state[i].OnHand * setup[i].UnitCost;
        }

        if (value > _peakValue)
        {
            _peakValue = value;
        }
    }

    /// <summary>Day-end work per slot, only for scenarios with forecasts, information delays, returns or disruptions.</summary>
    private void EndOfDay(double day)
    {
        // Disruption impact reads today's flows first; the loop below then closes the day.
        if (_occCount > 0)
        {
            TrackImpact(day);
        }

        if (_slotDayEnd)
        {
            var setup = _setup;
            for (var i = 0; i < setup.Length; i++)
            {
                SlotDayEnd(i, day, in _today[i], in setup[i]);
            }
        }

        Array.Clear(_today);
        _forecastCursor++;
    }

    /// <summary>A slot's own day-end work: its forecast window, its position history, and returns of what it sold.</summary>
    private void SlotDayEnd(int i, double day, in DayFlows today, in SlotSetup setup)
    {
        var w = setup.ForecastWindow;
        if (w > 0)
        {
            var cell = _forecastCursor % w;
            _forecastSum[i] += today.Received - _forecastHistory[i][cell];
            _forecastHistory[i][cell] = today.Received;
        }

        if (setup.KeepsPositions)
        {
            _positionHistory[i][(int)day % 366] = _state[i].InventoryPosition;
        }

        if (today.Sold > 0 && setup.Returns && _slots[i].Returns is { } r)
        {
            _queue.Schedule(day + r.AfterDays, EventKind.Return, i, today.Sold * r.Share);
        }
    }

    private void Close(double t, Span<double> outcome)
    {
        var from = _model.WarmupDays;
        var days = t - from;
        var costs = _model.Scenario.Costs;
        double demanded = 0, onTime = 0, cycles = 0, stockoutCycles = 0, onHandArea = 0, value = 0, stockoutDays = 0;
        double backordered = 0, lost = 0, purchase = 0, holding = 0, ordering = 0, shortage = 0, penalties = 0;
        double revenue = 0, expired = 0, deposits = 0, salvage = 0, expedited = 0, expediteCost = 0, scrapped = 0;
        double returned = 0, refurbished = 0, production = 0;
        double capital = 0, storage = 0, lostSales = 0, goodwill = 0, writtenOff = 0, cogs = 0, storageCarbon = 0, demandValue = 0;
        var layout = Layout;
        var sps = _model.StockPointIds.Length;
        Span<double> spReceived = stackalloc double[sps];
        Span<double> spFilled = stackalloc double[sps];
        Span<double> spOnHand = stackalloc double[sps];
        Span<double> spShort = stackalloc double[sps];
        Span<double> spTransit = stackalloc double[sps];
        for (var i = 0; i < _state.Length; i++)
        {
            CatchUp(i, t);
            ref var s = ref _state[i];
            s.Advance(t);
            var slot = _slots[i];
            var p = _policy[i];
            if (slot.HasCustomers)
            {
                demanded += s.Demanded;
                demandValue += s.Demanded * slot.Price;
                onTime += s.ShippedOnTime;
                cycles += Math.Ceiling(t / p.ReviewDays) - Math.Floor(from / p.ReviewDays);
                stockoutCycles += s.StockoutCycles;
                stockoutDays += s.StockoutDays;
            }

            onHandArea += s.OnHandArea;
            value += s.OnHandArea * slot.UnitCost;
            backordered += s.BackorderedUnits;
            lost += s.LostUnits;
            purchase += s.PurchaseValue;
            capital += s.OnHandArea * slot.UnitCost * slot.HoldingRatePerYear / Units.DaysPerYear;
            storage += s.OnHandArea * slot.StorageCostPerUnitDay;
            storageCarbon += s.OnHandArea * slot.StorageCarbonKgPerUnitDay;
            ordering += s.Orders * slot.OrderingCost;
            penalties += s.CustomerBacklogArea * slot.BackorderPenaltyPerDay;
            // Total cost counts the goods used, so a lost unit, whose goods were never used, costs
            // its whole price (the margin not earned plus the unit cost not spent), not only its margin.
            lostSales += s.LostUnits * (slot.Price + slot.LostSaleGoodwill);
            goodwill += s.LostUnits * slot.LostSaleGoodwill;
            revenue += (s.ShippedOnTime + s.ShippedLate) * slot.Price;
            cogs += slot.HasCustomers ? (s.ShippedOnTime + s.ShippedLate) * slot.UnitCost : 0;
            writtenOff += (s.ExpiredUnits + s.ScrappedUnits + s.SalvagedUnits) * slot.UnitCost;
            expired += s.ExpiredUnits;
            deposits += s.CustomerBacklogArea * slot.Price * p.DepositShare;
            salvage += s.SalvageIncome;
            expedited += s.ExpeditedUnits;
            expediteCost += s.ExpeditePremium;
            scrapped += s.ScrappedUnits;
            returned += s.ReturnedUnits;
            refurbished += s.RefurbishedUnits;
            production += s.ProductionCost + s.RefurbishCost;

            var sp = slot.StockPoint;
            spReceived[sp] += s.Received;
            spFilled[sp] += s.ReceivedFilled;
            spOnHand[sp] += s.OnHandArea;
            spShort[sp] += s.ShortDays;
        }

        double transport = 0, carbon = 0, transit = 0;
        for (var j = 0; j < _lanes.Length; j++)
        {
            var spec = _lanes[j].Spec;
            var flow = _laneFlow[j];
            transport += flow.Shipped * spec.TransportCostPerUnit;
            carbon += flow.Shipped * spec.CarbonKgPerUnit;
            transit += flow.Area;
            spTransit[_lanes[j].ToStockPoint] += flow.Area;
        }

        carbon += storageCarbon;
        var inventoryChange = _openingOwned - OwnedValue();
        var openOrdersChange = OpenOrdersValue() - _openingOpenOrders;
        holding = capital + storage;
        shortage = penalties + lostSales;
        var carbonCost = carbon * costs.CarbonPricePerKg;
        var avgValue = value / days;
        var yearsMeasured = days / Units.DaysPerYear;
        outcome[(int)Metric.DemandedUnits] = demanded;
        outcome[(int)Metric.FillRate] = demanded > 0 ? onTime / demanded : 1;
        outcome[(int)Metric.CycleServiceLevel] = cycles > 0 ? 1 - (stockoutCycles / cycles) : 1;
        outcome[(int)Metric.AvgOnHandUnits] = onHandArea / days;
        outcome[(int)Metric.AvgInventoryValue] = avgValue;
        outcome[(int)Metric.StockoutDays] = stockoutDays;
        outcome[(int)Metric.BackorderedUnits] = backordered;
        outcome[(int)Metric.LostUnits] = lost;
        outcome[(int)Metric.PurchaseCost] = purchase;
        outcome[(int)Metric.HoldingCost] = holding;
        outcome[(int)Metric.OrderingCost] = ordering;
        outcome[(int)Metric.ShortageCost] = shortage;
        outcome[(int)Metric.TotalCost] = purchase + inventoryChange + holding + ordering + shortage + transport + expediteCost + production + carbonCost - salvage + openOrdersChange;
        outcome[(int)Metric.Revenue] = revenue;
        outcome[(int)Metric.SalvageIncome] = salvage;
        outcome[(int)Metric.Profit] = revenue + salvage - purchase - inventoryChange - holding - ordering - penalties - goodwill - transport - expediteCost - production - carbonCost;
        outcome[(int)Metric.ExpiredUnits] = expired;
        outcome[(int)Metric.AvgDepositsHeld] = deposits / days;
        outcome[(int)Metric.AvgInTransitUnits] = transit / days;
        outcome[(int)Metric.ExpeditedUnits] = expedited;
        outcome[(int)Metric.ExpediteCost] = expediteCost;
        outcome[(int)Metric.ScrappedUnits] = scrapped;
        outcome[(int)Metric.ReturnedUnits] = returned;
        outcome[(int)Metric.RefurbishedUnits] = refurbished;
        outcome[(int)Metric.TransportCost] = transport;
        outcome[(int)Metric.ProductionCost] = production;
        outcome[(int)Metric.CarbonKg] = carbon;
        outcome[(int)Metric.CarbonCost] = carbonCost;
        outcome[(int)Metric.CapitalCost] = capital;
        outcome[(int)Metric.StorageCost] = storage;
        outcome[(int)Metric.BackorderPenaltyCost] = penalties;
        outcome[(int)Metric.LostSalesCost] = lostSales;
        outcome[(int)Metric.WrittenOffValue] = writtenOff;
        outcome[(int)Metric.ObsolescenceCost] = writtenOff - salvage;
        outcome[(int)Metric.CostOfGoodsSold] = cogs;
        outcome[(int)Metric.GrossMargin] = revenue - cogs;
        outcome[(int)Metric.PeakInventoryValue] = _peakValue;
        // Ratios to stock are undefined without stock: below a cent on average it is rounding, not stock.
        var stocked = avgValue >= 0.01;
        outcome[(int)Metric.InventoryTurns] = stocked ? cogs / yearsMeasured / avgValue : double.NaN;
        outcome[(int)Metric.DaysOfSupply] = cogs > 0 ? avgValue / (cogs / days) : double.NaN;
        outcome[(int)Metric.Gmroi] = stocked ? (revenue - cogs) / yearsMeasured / avgValue : double.NaN;
        outcome[(int)Metric.AvgCashTiedUp] = avgValue - (deposits / days);
        outcome[(int)Metric.InventoryChange] = inventoryChange;
        outcome[(int)Metric.OpenOrdersChange] = openOrdersChange;
        outcome[(int)Metric.DemandValue] = demandValue;

        // The experiment fills these in from further runs of the same trial.
        outcome[(int)Metric.DisruptionCost] = double.NaN;

        for (var sp = 0; sp < sps; sp++)
        {
            outcome[layout.Of(sp, StockPointMetric.FillRate)] = spReceived[sp] > 0 ? spFilled[sp] / spReceived[sp] : 1;
            outcome[layout.Of(sp, StockPointMetric.AvgOnHandUnits)] = spOnHand[sp] / days;
            outcome[layout.Of(sp, StockPointMetric.AvgInTransitUnits)] = spTransit[sp] / days;
            outcome[layout.Of(sp, StockPointMetric.StockoutDays)] = spShort[sp];
            outcome[layout.Of(sp, StockPointMetric.BullwhipRatio)] = Ratio(sp);
        }

        CloseDisruptions(t, outcome);
    }

    /// <summary>Variance of daily orders over variance of daily demand received; undefined without demand variance.</summary>
    private double Ratio(int sp)
    {
        ref var f = ref _daily[sp];
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
            for (var o = _occFirst[d]; o < _occFirst[d] + (_disruptionsOn ? _occN[d] : 0); o++)
            {
                if (_occStart[o] < _model.WarmupDays || _occStart[o] >= t || _model.Disruptions[d].AffectedCustomerSlots.Length == 0)
                {
                    continue;
                }

                occurrences++;
                if (!double.IsNaN(_occSurvive[o]))
                {
                    dSurvive += _occSurvive[o];
                    dSurviveN++;
                }

                // Not recovered by the horizon: the time so far is a lower bound, and counts as such.
                var recover = !double.IsNaN(_occRecover[o]) ? _occRecover[o] : _occEnd[o] < t ? t - _occEnd[o] : double.NaN;
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
