namespace FlowSim.Engine.Disruptions;

/// <summary>
/// The occurrences whose customers are being followed on a day: each joins on the day its
/// baseline begins and stays until its follower takes it out (recovered, or nothing to recover
/// from). Occurrences wait in order of the day they join, so a day costs the occurrences under
/// way that day, not every occurrence of the trial. The arrays only grow, so a list reused across
/// trials stops allocating.
/// </summary>
internal sealed class TrackedOccurrences
{
    private double[] _joinDays = new double[8];
    private int[] _waiting = new int[8];
    private int _count;
    private int _next;

    private int[] _active = new int[8];

    /// <summary>Occurrences being followed now, in no particular order.</summary>
    public int Count { get; private set; }

    /// <summary>The number of the <paramref name="a"/>-th occurrence followed now.</summary>
    public int this[int a] => _active[a];

    /// <summary>Forgets every occurrence.</summary>
    public void Clear()
    {
        _count = 0;
        _next = 0;
        Count = 0;
    }

    /// <summary>Occurrence <paramref name="occurrence"/> is followed from the first day not before <paramref name="joinDay"/>.</summary>
    public void Add(int occurrence, double joinDay)
    {
        if (_count == _waiting.Length)
        {
            Array.Resize(ref _waiting, _count * 2);
            Array.Resize(ref _joinDays, _count * 2);
            Array.Resize(ref _active, _count * 2);
        }

        _joinDays[_count] = joinDay;
        _waiting[_count] = occurrence;
        _count++;
    }

    /// <summary>Puts the occurrences added since <see cref="Clear"/> in the order they join.</summary>
    public void Seal() => _joinDays.AsSpan(0, _count).Sort(_waiting.AsSpan(0, _count));

    /// <summary>Starts following every waiting occurrence that joins by <paramref name="day"/>.</summary>
    public void Admit(double day)
    {
        while (_next < _count && !(day < _joinDays[_next]))
        {
            _active[Count++] = _waiting[_next++];
        }
    }

    /// <summary>Stops following the <paramref name="a"/>-th occurrence; the last one takes its place.</summary>
    public void RemoveAt(int a) => _active[a] = _active[--Count];
}
