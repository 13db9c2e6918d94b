using FlowSim.Engine.Disruptions;

namespace FlowSim.Engine.Supply;

/// <summary>
/// Capacity per day of a production line or a supplier, used in whole days: an order starts on
/// the first day with capacity left, takes what that day has, and spills into later days. While
/// capacity is lost the days hold less; while it is nil they hold nothing.
/// </summary>
internal sealed class CapacityQueue
{
    private double _day;
    private double _used;

    public void Clear()
    {
        _day = 0;
        _used = 0;
    }

    /// <summary>Makes this queue's days as full as <paramref name="other"/>'s.</summary>
    public void CopyFrom(CapacityQueue other) => (_day, _used) = (other._day, other._used);

    /// <summary>
    /// Takes <paramref name="quantity"/> units of capacity from day <paramref name="t"/> on and
    /// returns the day the last unit starts (whole days after <c>floor(t)</c>); infinity if never.
    /// </summary>
    public double Admit(double t, double quantity, double perDay, RateTimeline? rate)
    {
        var day = Math.Floor(t);
        if (_day < day)
        {
            (_day, _used) = (day, 0);
        }

        var left = quantity;
        while (true)
        {
            var factor = rate is null ? 1 : rate.RateAt(_day, out var next);
            if (factor <= 0 && rate is not null)
            {
                rate.RateAt(_day, out next);
                if (double.IsPositiveInfinity(next))
                {
                    return double.PositiveInfinity;
                }

                (_day, _used) = (Math.Max(_day + 1, Math.Ceiling(next)), 0);
                continue;
            }

            var dayCapacity = perDay * factor;
            var room = dayCapacity - _used;
            if (left <= room + 1e-9)
            {
                _used += left;
                return _day;
            }

            left -= Math.Max(0, room);
            (_day, _used) = (_day + 1, 0);

            // An order many days' capacity long (a tiny capacity) skips the days it fills completely at
            // once, up to the next change of rate; short spills step day by day, as always.
            var fullDays = Math.Ceiling((left - dayCapacity - 1e-9) / dayCapacity);
            var change = double.PositiveInfinity;
            if (fullDays > 64 && (rate is null || rate.RateAt(_day, out change) == factor))
            {
                var sameRate = Math.Max(0, Math.Ceiling(change) - _day);
                var skip = Math.Min(fullDays, sameRate);
                left -= skip * dayCapacity;
                _day += skip;
            }
        }
    }
}
