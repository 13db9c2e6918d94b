namespace FlowSim.Engine.Supply;

/// <summary>
/// A first-in-first-out queue of quantities with a time and two tags: lots on the shelf (time =
/// expiry), customers waiting (time = when they ordered), or other stock points and production
/// orders waiting (tags = who, and by which lane). A ring buffer that only grows, so a queue
/// reused across trials stops allocating.
/// </summary>
/// <remarks>
/// An entry's fields sit together (one cache line for most operations), and the capacity is a
/// power of two, so moving round the ring is a mask rather than a division.
/// </remarks>
internal sealed class TimedQueue
{
    private Entry[] _entries = new Entry[16];
    private int _head;
    private int _count;

    private struct Entry
    {
        public double Time;
        public double Quantity;
        public int A;
        public int B;
    }

    public int Count => _count;

    public double HeadTime => _entries[_head].Time;

    public double HeadQuantity => _entries[_head].Quantity;

    public int HeadA => _entries[_head].A;

    public int HeadB => _entries[_head].B;

    /// <summary>The time of the entry <paramref name="k"/> places behind the oldest (0 = the oldest); k below <see cref="Count"/>.</summary>
    public double TimeAt(int k) => _entries[(_head + k) & (_entries.Length - 1)].Time;

    /// <summary>The quantity of the entry <paramref name="k"/> places behind the oldest; k below <see cref="Count"/>.</summary>
    public double QuantityAt(int k) => _entries[(_head + k) & (_entries.Length - 1)].Quantity;

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }

    /// <summary>Makes this queue hold what <paramref name="other"/> holds, oldest first.</summary>
    public void CopyFrom(TimedQueue other)
    {
        _head = 0;
        _count = 0;
        for (var k = 0; k < other._count; k++)
        {
            ref readonly var e = ref other._entries[(other._head + k) & (other._entries.Length - 1)];
            Enqueue(e.Time, e.Quantity, e.A, e.B);
        }
    }

    public void Enqueue(double time, double quantity, int a = 0, int b = 0)
    {
        if (_count == _entries.Length)
        {
            Grow();
        }

        ref var e = ref _entries[(_head + _count) & (_entries.Length - 1)];
        e.Time = time;
        e.Quantity = quantity;
        e.A = a;
        e.B = b;
        _count++;
    }

    public void DropHead()
    {
        _head = (_head + 1) & (_entries.Length - 1);
        _count--;
    }

    /// <summary>Takes part of the oldest entry's quantity (less than all of it).</summary>
    public void ReduceHead(double quantity) => _entries[_head].Quantity -= quantity;

    /// <summary>Takes up to <paramref name="quantity"/> from the oldest entries; returns what was taken.</summary>
    public double Take(double quantity)
    {
        var taken = 0.0;
        while (_count > 0 && taken < quantity)
        {
            var want = quantity - taken;
            ref var head = ref _entries[_head];
            if (head.Quantity <= want)
            {
                taken += head.Quantity;
                DropHead();
            }
            else
            {
                head.Quantity -= want;
                taken = quantity;
            }
        }

        return taken;
    }

    private void Grow()
    {
        // Doubling keeps the capacity a power of two.
        var entries = new Entry[_entries.Length * 2];
        for (var k = 0; k < _count; k++)
        {
            entries[k] = _entries[(_head + k) & (_entries.Length - 1)];
        }

        (_entries, _head) = (entries, 0);
    }
}
