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

    /// <param name="disruptions">Number of disruptions in the model.</param>
    public Occurrences(int disruptions)
    {
        _first = new int[disruptions];
        _count = new int[disruptions];
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
    public void End(int d) => _count[d] = Count - _first[d];

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
