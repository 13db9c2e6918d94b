using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Closing the books at the end of the horizon: every slot and lane added up into the trial's outcomes.</summary>
internal sealed partial class Simulation
{
    /// <summary>Closes the measured period: adds up every slot and lane, then writes the trial's outcomes.</summary>
    private void Close(double t, Span<double> outcome)
    {
        var sps = _model.StockPointIds.Length;
        var perStockPoint = new StockPointTotals(stackalloc double[sps], stackalloc double[sps], stackalloc double[sps], stackalloc double[sps], stackalloc double[sps]);
        var totals = default(PeriodTotals);
        CloseJointOrders();
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
            x.Ordering += OrderingCostOf(i, in s);
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
