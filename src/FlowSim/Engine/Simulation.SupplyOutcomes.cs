using FlowSim.Engine.Disruptions;
using FlowSim.Outcomes;

namespace FlowSim.Engine;

/// <summary>Each supplier's and lane's own outcomes of a trial, written when the measured period closes.</summary>
internal sealed partial class Simulation
{
    private double[] _supply = [];

    /// <summary>
    /// The last run's outcomes per supplier, then per lane: <see cref="SupplyMetrics.Count"/> numbers
    /// each, in model order, ratios derived. Overwritten by the next run.
    /// </summary>
    public ReadOnlySpan<double> SupplyOutcomes => _supply;

    /// <summary>Writes every lane's figures of the measured period, and adds them up per supplier; called once by <see cref="Close"/>.</summary>
    private void WriteSupply(double t)
    {
        var width = SupplyMetrics.Count;
        var suppliers = _model.SupplierCapacityPerDay.Length;
        var rows = suppliers + _lanes.Length;
        if (_supply.Length != rows * width)
        {
            _supply = new double[rows * width];
        }
        else
        {
            Array.Clear(_supply);
        }

        var from = _model.WarmupDays;
        var days = t - from;
        for (var j = 0; j < _lanes.Length; j++)
        {
            var v = _supply.AsSpan((suppliers + j) * width, width);
            var flow = _books.LaneFlow[j];
            v[(int)SupplyMetric.ShippedUnits] = flow.Shipped;
            v[(int)SupplyMetric.ShippedValue] = flow.Value;
            v[(int)SupplyMetric.PurchaseCost] = flow.Purchase;
            v[(int)SupplyMetric.TransportCost] = flow.Shipped * _lanes[j].Spec.TransportCostPerUnit;
            v[(int)SupplyMetric.OrderingCost] = flow.Ordering;
            v[(int)SupplyMetric.Shipments] = flow.Shipments;
            v[(int)SupplyMetric.DelayedShipments] = flow.Delayed;
            v[(int)SupplyMetric.DelayDays] = flow.DelayDays;
            v[(int)SupplyMetric.CancelledOrders] = flow.Cancelled;
            v[(int)SupplyMetric.AvgInTransitUnits] = flow.Area / days;
            v[(int)SupplyMetric.UpDays] = days - DownDays(_laneOpen[j], from, t);
            v[(int)SupplyMetric.MeasuredDays] = days;
            SupplyMetrics.DeriveRatios(v);
            if (_lanes[j].Supplier is var s and >= 0)
            {
                var sum = _supply.AsSpan(s * width, width);
                foreach (var m in AddedUp)
                {
                    sum[m] += v[m];
                }
            }
        }

        for (var s = 0; s < suppliers; s++)
        {
            var v = _supply.AsSpan(s * width, width);
            // Down while out, and while its capacity is lost entirely: it makes nothing either way.
            v[(int)SupplyMetric.UpDays] = days - DownDays(_supplierUp[s], _supplierCapacity[s], from, t);
            v[(int)SupplyMetric.MeasuredDays] = days;
            SupplyMetrics.DeriveRatios(v);
        }
    }

    // The figures a supplier adds up over its lanes: every total and average but time up, which is its own.
    private static readonly int[] AddedUp =
    [
        .. SupplyMetrics.All
            .Where(m => m.Info().Ratio is null && m is not SupplyMetric.UpDays and not SupplyMetric.MeasuredDays)
            .Select(m => (int)m),
    ];

    /// <summary>Days between <paramref name="from"/> and <paramref name="to"/> on which either timeline is at rate 0, each day counted once.</summary>
    private static double DownDays(RateTimeline a, RateTimeline b, double from, double to)
    {
        if (b.IsEmpty)
        {
            return DownDays(a, from, to);
        }

        // Both timelines' segments are disjoint and in time order: merge their stopped spans.
        var spans = new List<(double Start, double End)>();
        foreach (var timeline in new[] { a, b })
        {
            for (var k = 0; k < timeline.Count; k++)
            {
                if (timeline.RateOf(k) == 0)
                {
                    spans.Add((Math.Max(from, timeline.StartOf(k)), Math.Min(to, timeline.EndOf(k))));
                }
            }
        }

        spans.Sort();
        double down = 0, reached = from;
        foreach (var (start, end) in spans)
        {
            var begin = Math.Max(start, reached);
            if (end > begin)
            {
                down += end - begin;
                reached = end;
            }
        }

        return down;
    }

    /// <summary>Days between <paramref name="from"/> and <paramref name="to"/> on which a supplier was down or a lane closed (rate 0).</summary>
    private static double DownDays(RateTimeline timeline, double from, double to)
    {
        var down = 0.0;
        for (var k = 0; k < timeline.Count; k++)
        {
            if (timeline.RateOf(k) == 0)
            {
                down += Math.Max(0, Math.Min(to, timeline.EndOf(k)) - Math.Max(from, timeline.StartOf(k)));
            }
        }

        return down;
    }
}
