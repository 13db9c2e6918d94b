namespace FlowSim.Engine.Disruptions;

/// <summary>
/// A piecewise-constant rate over one trial: 1 outside disruptions, 0 while a supplier is down or
/// a lane is closed, a fraction while capacity is lost, a multiplier for surges and shocks.
/// Intervals may be added in any order and may overlap; <see cref="Seal"/> turns them into
/// disjoint segments, taking the smallest rate where they overlap (the lowest multiplier for
/// capacity, the largest for <see cref="SealLargest"/>). The arrays only grow, so a timeline reused
/// across trials stops allocating.
/// </summary>
internal sealed class RateTimeline
{
    private Interval[] _adds = new Interval[8];
    private int _added;

    private Interval[] _intervals = new Interval[8];
    private int _count;

    private double[] _bounds = new double[16];

    // The segment of the last lookup: where the next one most likely is.
    private int _hint;

    /// <summary>Number of disjoint segments after sealing.</summary>
    public int Count => _count;

    public bool IsEmpty => _count == 0;

    public double StartOf(int k) => _intervals[k].Start;

    public double EndOf(int k) => _intervals[k].End;

    public double RateOf(int k) => _intervals[k].Rate;

    public void Clear()
    {
        _added = 0;
        _count = 0;
        _hint = 0;
    }

    /// <summary>Adds [start, end) at a rate; empty intervals are ignored.</summary>
    public void Add(double start, double end, double rate)
    {
        if (!(end > start))
        {
            return;
        }

        if (_added == _adds.Length)
        {
            Array.Resize(ref _adds, _added * 2);
        }

        _adds[_added++] = new Interval(start, end, rate);
    }

    /// <summary>Makes the segments; where intervals overlap, the smallest rate holds.</summary>
    public void Seal() => Build(largest: false);

    /// <summary>Makes the segments; where intervals overlap, the largest rate holds (surges, shocks).</summary>
    public void SealLargest() => Build(largest: true);

    private void Build(bool largest)
    {
        _count = 0;
        _hint = 0;
        if (_added == 0)
        {
            return;
        }

        var n = 2 * _added;
        if (_bounds.Length < n)
        {
            _bounds = new double[n * 2];
        }

        for (var i = 0; i < _added; i++)
        {
            _bounds[2 * i] = _adds[i].Start;
            _bounds[(2 * i) + 1] = _adds[i].End;
        }

        var bounds = _bounds.AsSpan(0, n);
        bounds.Sort();
        for (var b = 0; b + 1 < n; b++)
        {
            var (lo, hi) = (bounds[b], bounds[b + 1]);
            if (!(hi > lo))
            {
                continue;
            }

            var covered = false;
            var rate = largest ? double.NegativeInfinity : double.PositiveInfinity;
            for (var i = 0; i < _added; i++)
            {
                if (_adds[i].Start <= lo && _adds[i].End >= hi)
                {
                    covered = true;
                    rate = largest ? Math.Max(rate, _adds[i].Rate) : Math.Min(rate, _adds[i].Rate);
                }
            }

            if (!covered)
            {
                continue;
            }

            if (_count > 0 && _intervals[_count - 1].End == lo && _intervals[_count - 1].Rate == rate)
            {
                _intervals[_count - 1].End = hi;
                continue;
            }

            if (_count == _intervals.Length)
            {
                Array.Resize(ref _intervals, _count * 2);
            }

            _intervals[_count++] = new Interval(lo, hi, rate);
        }
    }

    /// <summary>The rate at time <paramref name="t"/>, and when it next changes (infinity if never).</summary>
    public double RateAt(double t, out double next)
    {
        var k = SegmentAt(t);
        if (k == _count)
        {
            next = double.PositiveInfinity;
            return 1;
        }

        if (t < _intervals[k].Start)
        {
            next = _intervals[k].Start;
            return 1;
        }

        next = _intervals[k].End;
        return _intervals[k].Rate;
    }

    /// <summary>
    /// The first segment that ends after <paramref name="t"/> (<see cref="Count"/> if none): the
    /// one holding <paramref name="t"/>, or the next to start. Asked mostly at times that move
    /// forward, so the last answer or the one after it usually fits; otherwise a binary search.
    /// The time of a trial spent here grows with the segments a time crosses, not with all of them.
    /// </summary>
    internal int SegmentAt(double t)
    {
        var k = _hint;
        if (k < _count && t < _intervals[k].End && (k == 0 || !(t < _intervals[k - 1].End)))
        {
            return k;
        }

        if (k + 1 < _count && t < _intervals[k + 1].End && !(t < _intervals[k].End))
        {
            _hint = k + 1;
            return k + 1;
        }

        // Segments are disjoint and in order, so their ends rise: find the first end after t.
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (t < _intervals[mid].End)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        if (lo < _count)
        {
            _hint = lo;
        }

        return lo;
    }

    /// <summary>The rate at time <paramref name="t"/>.</summary>
    public double RateAt(double t) => _count == 0 ? 1 : RateAt(t, out _);

    /// <summary>
    /// The time at which <paramref name="work"/> days of progress, started at <paramref name="start"/>,
    /// are complete when progress runs at the product of the rates of <paramref name="a"/> and
    /// <paramref name="b"/> (either may be null): a lead-time clock that stops while a supplier is
    /// down or a lane is closed, and slows while capacity is short. Work never starts while the rate
    /// is 0. Infinity when the rate stays 0 for good (a supplier lost).
    /// </summary>
    public static double Advance(double start, double work, RateTimeline? a, RateTimeline? b)
    {
        if ((a is null || a._count == 0) && (b is null || b._count == 0))
        {
            return start + work;
        }

        var t = start;
        var remaining = work;
        while (true)
        {
            var nextA = double.PositiveInfinity;
            var nextB = double.PositiveInfinity;
            var rate = (a is null ? 1 : a.RateAt(t, out nextA)) * (b is null ? 1 : b.RateAt(t, out nextB));
            var next = Math.Min(nextA, nextB);
            if (rate > 0)
            {
                var need = remaining / rate;
                if (t + need <= next)
                {
                    return t + need;
                }

                remaining -= (next - t) * rate;
            }
            else if (double.IsPositiveInfinity(next))
            {
                return double.PositiveInfinity;
            }

            t = next;
        }
    }

    /// <summary>[Start, End) at a rate: an interval as added, or one of the timeline's.</summary>
    private record struct Interval(double Start, double End, double Rate);
}
