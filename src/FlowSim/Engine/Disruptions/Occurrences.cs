using System.Runtime.CompilerServices;

namespace FlowSim.Engine.Disruptions;

/// <summary>
/// One trial's disruption occurrences, grouped by disruption in time order, and how the
/// customers each one hits fare: how long they survive it and how long they take to recover. The
/// array only grows, so occurrences reused across trials stop allocating.
/// </summary>
internal sealed class Occurrences
{
    private Occurrence[] _items = new Occurrence[8];
    private readonly int[] _first;
    private readonly int[] _count;

    // Per disruption: its occurrences start in time order and none starts before the one before
    // it ends, so at most one holds a time and a binary search finds it. Draws always give that
    // (a renewal process starts the next one after the last ends); the scan is kept for the rest.
    private readonly bool[] _ordered;

    /// <param name="disruptions">Number of disruptions in the model.</param>
    public Occurrences(int disruptions)
    {
        _first = new int[disruptions];
        _count = new int[disruptions];
        _ordered = new bool[disruptions];
    }

    /// <summary>Occurrences in this trial, all disruptions together.</summary>
    public int Count { get; private set; }

    /// <summary>Occurrence <paramref name="o"/>, to read or update.</summary>
    public ref Occurrence this[int o]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _items[o];
    }

    /// <summary>The number of disruption <paramref name="d"/>'s first occurrence.</summary>
    public int FirstOf(int d) => _first[d];

    /// <summary>How many occurrences disruption <paramref name="d"/> has in this trial.</summary>
    public int CountOf(int d) => _count[d];

    /// <summary>Forgets every occurrence; with <paramref name="keepGroups"/> false, every disruption also counts none.</summary>
    public void Clear(bool keepGroups)
    {
        Count = 0;
        if (!keepGroups)
        {
            Array.Clear(_count);
        }
    }

    /// <summary>Disruption <paramref name="d"/>'s occurrences are added next.</summary>
    public void Begin(int d) => _first[d] = Count;

    /// <summary>Disruption <paramref name="d"/>'s occurrences are all added (none when it is switched off).</summary>
    public void End(int d)
    {
        _count[d] = Count - _first[d];
        var ordered = true;
        for (var k = _first[d] + 1; k < Count && ordered; k++)
        {
            ordered = _items[k - 1].Start <= _items[k].Start && _items[k - 1].End <= _items[k].Start;
        }

        _ordered[d] = ordered;
    }

    /// <summary>
    /// The occurrence of disruption <paramref name="d"/> under way at <paramref name="t"/>
    /// (start &lt;= t &lt; end), any one of them if several are; -1 if none is.
    /// </summary>
    public int During(int d, double t)
    {
        int first = _first[d], end = first + _count[d];
        if (!_ordered[d])
        {
            for (var k = first; k < end; k++)
            {
                if (_items[k].Start <= t && t < _items[k].End)
                {
                    return k;
                }
            }

            return -1;
        }

        // The last occurrence starting by t is the only one that can hold it.
        var last = LastStartingBy(first, end, t);
        return last >= first && t < _items[last].End ? last : -1;
    }

    /// <summary>
    /// The earliest start of an occurrence of disruption <paramref name="d"/> strictly between
    /// <paramref name="from"/> and <paramref name="to"/>; infinity if none.
    /// </summary>
    public double FirstStartBetween(int d, double from, double to)
    {
        int first = _first[d], end = first + _count[d];
        var earliest = double.PositiveInfinity;
        if (!_ordered[d])
        {
            for (var k = first; k < end; k++)
            {
                if (_items[k].Start > from && _items[k].Start < to)
                {
                    earliest = Math.Min(earliest, _items[k].Start);
                }
            }

            return earliest;
        }

        // Starts rise, so the first after from is the earliest of them.
        var next = LastStartingBy(first, end, from) + 1;
        while (next < end && !(_items[next].Start > from))
        {
            next++;
        }

        return next < end && _items[next].Start < to ? _items[next].Start : earliest;
    }

    /// <summary>The last occurrence in [first, end) with start &lt;= t (starts in order); first - 1 if none.</summary>
    private int LastStartingBy(int first, int end, double t)
    {
        int lo = first, hi = end;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_items[mid].Start <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    public void Add(int disruption, double start, double end)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        ref var o = ref _items[Count];
        o.Start = start;
        o.End = end;
        o.Disruption = disruption;
        Count++;
    }
}

/// <summary>One occurrence of a disruption, and how the customers it hits fare.</summary>
internal struct Occurrence
{
    public double Start;
    public double End;
    public int Disruption;

    /// <summary>True while its customers' survival or recovery is still being measured.</summary>
    public bool Tracking;

    /// <summary>Days from its start until service dropped; NaN until it does.</summary>
    public double Survive;

    /// <summary>Days from its end until service was back; NaN until it is.</summary>
    public double Recover;

    // The affected customers' demand and fills in the baseline days before it.
    public double BaseDemand;
    public double BaseFilled;

    // Their demand and fills on each day of the trailing recovery window, by day modulo its length.
    public RecoveryWindow WindowDemand;
    public RecoveryWindow WindowFilled;
}

/// <summary>One number per day of the trailing recovery window, inline in its occurrence.</summary>
[InlineArray(Simulation.RecoveryWindowDays)]
internal struct RecoveryWindow
{
    private double _day;
}
