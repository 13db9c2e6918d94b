using FlowSim.Engine.Disruptions;
using FlowSim.Policies;

namespace FlowSim.Engine;

/// <summary>Production orders: released against a plant's stock, started when their components are in.</summary>
internal sealed partial class Simulation
{
    /// <summary>Releases a production order: it asks the component slots for its materials, and starts when all have come.</summary>
    private void Release(int line, double t, double q)
    {
        var p = _model.ProductionLines[line];
        q = Math.Max(q, p.MinBatch);
        if (p.BatchMultiple > 0)
        {
            q = Math.Ceiling((q / p.BatchMultiple) - Tolerances.Quantity) * p.BatchMultiple;
        }

        ref var s = ref _stock.Slots[p.Slot];
        s.OnOrder += q;
        s.OrderedUnits += q;
        s.Orders++;
        s.ProductionCost += q * p.CostPerUnit;
        var order = _productionOrders.Open(p.Slot, q);
        ref var pending = ref _productionOrders.Pending(order);
        for (var c = 0; c < p.ComponentSlots.Length; c++)
        {
            pending += q * p.ComponentQuantities[c];
        }

        if (p.ComponentSlots.Length == 0)
        {
            StartProduction(order, t);
            return;
        }

        // Pending is fully set before any component can deliver, so the order starts exactly once.
        for (var c = 0; c < p.ComponentSlots.Length; c++)
        {
            Request(p.ComponentSlots[c], t, q * p.ComponentQuantities[c], p.Slot, -order - 1);
        }
    }

    /// <summary>
    /// All components are in: the order starts on the first day the line has capacity for it
    /// (less while capacity is lost, none while the plant is down), then takes the production lead time.
    /// </summary>
    private void StartProduction(int order, double t)
    {
        var (slot, q) = _productionOrders.Start(order);
        var lineIndex = _slots[slot].Production;
        var line = _model.ProductionLines[lineIndex];
        if (line.Servers > 0)
        {
            StartOnServer(lineIndex, slot, t, q);
            return;
        }

        var rate = _disruptionsOn && !_lineCapacity[lineIndex].IsEmpty ? _lineCapacity[lineIndex] : null;
        var start = t;
        if (!double.IsPositiveInfinity(line.CapacityPerDay) || rate is not null)
        {
            var perDay = double.IsPositiveInfinity(line.CapacityPerDay) ? double.MaxValue : line.CapacityPerDay;
            var day = _ordering.LineQueues[lineIndex].Admit(t, q, perDay, rate);
            if (rate is not null && CapacityLostBy(rate, day))
            {
                Changed();
            }

            // Whole days added to t: (t + day) - floor(t) could round to just before t.
            start = t + (day - Math.Floor(t));
        }

        var done = start + line.LeadTime.Sample(ref _streams.Production[lineIndex]);
        InProduction(start, done, q);
        if (double.IsFinite(done))
        {
            _queue.Schedule(done, EventKind.Receipt, slot, q, -1);
        }
    }
}
