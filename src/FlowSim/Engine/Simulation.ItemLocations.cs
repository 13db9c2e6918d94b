using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Each item-location's own outcomes of a trial, written when the measured period closes.</summary>
internal sealed partial class Simulation
{
    private double[] _itemLocations = [];

    /// <summary>
    /// The last run's outcomes per item-location: <see cref="ItemLocationMetrics.Count"/> numbers per
    /// slot, slots in model order, ratios derived. Overwritten by the next run.
    /// </summary>
    public ReadOnlySpan<double> ItemLocationOutcomes => _itemLocations;

    /// <summary>Writes slot <paramref name="i"/>'s totals of the measured period; called once per slot by <see cref="Close"/>.</summary>
    private void WriteItemLocation(int i, double t, in Supply.SlotState s)
    {
        var width = ItemLocationMetrics.Count;
        if (_itemLocations.Length != _slots.Length * width)
        {
            _itemLocations = new double[_slots.Length * width];
        }

        var v = _itemLocations.AsSpan(i * width, width);
        var slot = _slots[i];
        var days = t - _model.WarmupDays;
        var customers = slot.HasCustomers;
        var open = customers && t > s.CycleStart ? 1 : 0;
        v[(int)ItemLocationMetric.DemandedUnits] = s.Demanded;
        v[(int)ItemLocationMetric.FilledUnits] = s.ShippedOnTime;
        v[(int)ItemLocationMetric.DueUnits] = customers ? DueUnits(i, in s) : 0;
        v[(int)ItemLocationMetric.OnTimeUnits] = customers ? OnTimeUnits(i, in s) : 0;
        v[(int)ItemLocationMetric.ReplenishmentCycles] = customers ? s.ReplenishmentCycles + open : 0;
        v[(int)ItemLocationMetric.StockoutCycles] = customers ? s.StockoutCycles + (s.CycleShort ? open : 0) : 0;
        v[(int)ItemLocationMetric.StockoutDays] = s.CustomerShortDays;
        v[(int)ItemLocationMetric.AvgOnHandUnits] = s.OnHandArea / days;
        v[(int)ItemLocationMetric.AvgInventoryValue] = s.OnHandArea * slot.UnitCost / days;
        v[(int)ItemLocationMetric.AvgBackorders] = s.BacklogArea / days;
        v[(int)ItemLocationMetric.AvgCustomerBackorders] = s.CustomerBacklogArea / days;
        v[(int)ItemLocationMetric.BackorderedUnits] = s.BackorderedUnits;
        v[(int)ItemLocationMetric.LostUnits] = s.LostUnits;
        v[(int)ItemLocationMetric.OrdersPlaced] = s.Orders;
        v[(int)ItemLocationMetric.OrderedUnits] = s.OrderedUnits;
        v[(int)ItemLocationMetric.AvgOnOrderUnits] = s.OnOrderArea / days;
        v[(int)ItemLocationMetric.ExpiredUnits] = s.ExpiredUnits;
        v[(int)ItemLocationMetric.ScrappedUnits] = s.ScrappedUnits;
        v[(int)ItemLocationMetric.PurchaseCost] = s.PurchaseValue;
        v[(int)ItemLocationMetric.HoldingCost] = (s.OnHandArea * slot.UnitCost * slot.HoldingRatePerYear / Units.DaysPerYear) + (s.OnHandArea * slot.StorageCostPerUnitDay);
        v[(int)ItemLocationMetric.OrderingCost] = OrderingCostOf(i, in s);
        v[(int)ItemLocationMetric.ShortageCost] = (PenaltyDays(i, in s) * slot.BackorderPenaltyPerDay) + (s.LostUnits * (slot.Price + slot.LostSaleGoodwill));
        v[(int)ItemLocationMetric.ObsolescenceCost] = ((s.ExpiredUnits + s.ScrappedUnits + s.SalvagedUnits) * slot.UnitCost) - s.SalvageIncome;
        v[(int)ItemLocationMetric.Revenue] = (s.ShippedOnTime + s.ShippedLate) * slot.Price;
        v[(int)ItemLocationMetric.CustomerDays] = customers ? days : 0;
        ItemLocationMetrics.DeriveRatios(v, days);
    }
}
