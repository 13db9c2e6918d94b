using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlowSim.Engine;

/// <summary>
/// The events still to come, taken earliest first: by time, then event class, then insertion
/// sequence. When many events wait, those on a whole day within the next <see cref="DayBuckets"/>
/// days wait in a bucket for their day; those at a fraction of a later day wait unsorted beside
/// their day's bucket and join the heap (a 4-ary min-heap) when the earliest event reaches that
/// day; the rest go to the heap at once. Storage only grows, so a queue reused across trials
/// stops allocating.
/// </summary>
/// <remarks>
/// Most events of a network are receipts on whole days (a lane's lead time in days, from an order
/// placed at a day's review), and a large network keeps thousands of them in flight: a bucket
/// takes one in and gives it back in constant time, where the heap moves every one of them
/// through a dozen comparisons and cache lines. Receipts at fractions of a day (drawn lead times)
/// join the heap only on their day, so it holds about a day of them rather than every order in
/// flight and stays a few levels deep. The order in which events come out does not depend on
/// where they waited.
/// </remarks>
internal sealed class EventQueue
{
    /// <summary>Days ahead that have a bucket: a power of two, longer than any fixed lead time in practice.</summary>
    internal const int DayBuckets = 128;

    /// <summary>
    /// Below this many events the heap is cheaper than the buckets (a few comparisons in one
    /// cache line), so whole-day events go to the heap too. Where an event waits never changes
    /// the order in which events come out.
    /// </summary>
    internal const int SmallHeap = 32;

    private SimEvent[] _heap = new SimEvent[64];
    private int _heapCount;
    private long _sequence;

    // Bucket d holds the events of the one day congruent to d that lies in [_today, _today + DayBuckets),
    // sorted by Order (insertion order within a class); _read is where the bucket's next event is.
    private readonly Bucket[] _buckets = new Bucket[DayBuckets];
    private int _bucketed;

    // The day of the last event taken (no event is ever scheduled before it), and the earliest day
    // with a non-empty bucket when _bucketed > 0.
    private double _today;
    private double _firstBucketDay;

    // Events at a fraction of a later day, waiting beside their day's bucket, and the earliest
    // such day (infinity when there are none): once the earliest event is on or after it, that
    // day's fractions move to the heap.
    private int _later;
    private double _laterFirstDay = double.PositiveInfinity;

    // Storage of drained buckets, most recently drained on top: the next day to fill takes the
    // array still in the cache instead of the one it last used a hundred days ago.
    private readonly Stack<SimEvent[]> _spare = new();

    public EventQueue()
    {
        for (var d = 0; d < DayBuckets; d++)
        {
            _buckets[d] = new Bucket(_spare);
        }
    }

    public int Count => _heapCount + _bucketed + _later;

    /// <summary>Empties the queue and restarts the insertion sequence, keeping the storage.</summary>
    public void Clear()
    {
        _heapCount = 0;
        _sequence = 0;
        if (_bucketed > 0 || _later > 0)
        {
            foreach (var b in _buckets)
            {
                b.Clear();
                b.ClearLater();
            }
        }

        _bucketed = 0;
        _later = 0;
        _laterFirstDay = double.PositiveInfinity;
        _today = 0;
        _firstBucketDay = 0;
    }

    /// <summary>Makes this queue hold the events <paramref name="other"/> holds, to come out in the same order.</summary>
    public void CopyFrom(EventQueue other)
    {
        if (_heap.Length < other._heapCount)
        {
            _heap = new SimEvent[other._heap.Length];
        }

        Array.Copy(other._heap, _heap, other._heapCount);
        _heapCount = other._heapCount;
        _sequence = other._sequence;
        for (var d = 0; d < DayBuckets; d++)
        {
            _buckets[d].CopyFrom(other._buckets[d]);
        }

        _bucketed = other._bucketed;
        _later = other._later;
        _laterFirstDay = other._laterFirstDay;
        _today = other._today;
        _firstBucketDay = other._firstBucketDay;
    }

    public void Schedule(double time, EventKind kind, int slot, double quantity = 0, int aux = 0)
    {
        Debug.Assert(double.IsFinite(time), "event time must be finite");
        Debug.Assert(time >= _today, "events are never scheduled in the past");
        var order = ((long)SimEvent.ClassOf(kind) << 56) | _sequence++;
        var day = Math.Floor(time);
        if (Count >= SmallHeap && day - Math.Floor(_today) < DayBuckets)
        {
            if (day == time)
            {
                BucketOf(time).Add(time, order, slot, kind, aux, quantity);
                if (_bucketed++ == 0 || time < _firstBucketDay)
                {
                    _firstBucketDay = time;
                }

                return;
            }

            if (day > Math.Floor(_today))
            {
                BucketOf(day).AddLater(time, order, slot, kind, aux, quantity);
                _later++;
                if (day < _laterFirstDay)
                {
                    _laterFirstDay = day;
                }

                return;
            }
        }

        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var e = default(SimEvent);
        e.Set(time, order, slot, kind, aux, quantity);

        SiftUp(_heapCount++, e);
    }

    /// <summary>Removes and returns the earliest event. The queue must not be empty.</summary>
    public SimEvent Next()
    {
        Debug.Assert(Count > 0, "queue is empty");
        Head(out var fromBucket);
        return Take(fromBucket);
    }

    /// <summary>
    /// Takes the earliest event when it comes before time <paramref name="time"/> and order
    /// <paramref name="order"/> (class and sequence): what <see cref="Peek"/> then <see cref="Next"/>
    /// do, deciding once where the earliest event waits.
    /// </summary>
    public bool TryTakeBefore(double time, long order, out SimEvent next)
    {
        if (Count > 0)
        {
            ref readonly var head = ref Head(out var fromBucket);
            if (head.Time < time || (head.Time == time && head.Order < order))
            {
                next = Take(fromBucket);
                return true;
            }
        }

        next = default;
        return false;
    }

    /// <summary>The earliest event, without taking it. The queue must not be empty.</summary>
    public ref readonly SimEvent Peek() => ref Head(out _);

    /// <summary>
    /// The earliest event and whether it waits in a bucket, after moving into the heap the
    /// fractions of any day it has reached. The queue must not be empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly SimEvent Head(out bool fromBucket)
    {
        while (true)
        {
            fromBucket = FromBucket();
            if (fromBucket)
            {
                ref readonly var head = ref BucketOf(_firstBucketDay).Head;
                if (head.Time < _laterFirstDay)
                {
                    return ref head;
                }
            }
            else if (_heapCount > 0 && _heap[0].Time < _laterFirstDay)
            {
                return ref _heap[0];
            }
            else if (_later == 0)
            {
                // Only an empty queue gets here: a caller's error, which the assertions catch.
                return ref _heap[0];
            }

            Settle();
        }
    }

    private SimEvent Take(bool fromBucket)
    {
        SimEvent next;
        if (fromBucket)
        {
            var bucket = BucketOf(_firstBucketDay);
            next = bucket.Take();
            if (--_bucketed > 0 && bucket.IsEmpty)
            {
                FindFirstBucket();
            }
        }
        else
        {
            var heap = _heap;
            next = heap[0];
            var n = --_heapCount;
            if (n > 0)
            {
                SiftDown(heap, n);
            }
        }

        _today = next.Time;
        return next;
    }


    /// <summary>Moves the fractions of the earliest day that has any into the heap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Settle()
    {
        var bucket = BucketOf(_laterFirstDay);
        var n = bucket.LaterCount;
        if (_heapCount + n > _heap.Length)
        {
            Array.Resize(ref _heap, Math.Max(_heap.Length * 2, _heapCount + n));
        }

        for (var k = 0; k < n; k++)
        {
            SiftUp(_heapCount++, bucket.Later(k));
        }

        bucket.ClearLater();
        _later -= n;
        if (_later == 0)
        {
            _laterFirstDay = double.PositiveInfinity;
            return;
        }

        // Every waiting fraction is on a later day within the buckets' reach.
        var day = _laterFirstDay + 1;
        while (BucketOf(day).LaterCount == 0)
        {
            day++;
        }

        _laterFirstDay = day;
    }

    /// <summary>True when the earliest event waits in a bucket rather than in the heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool FromBucket() =>
        _bucketed > 0 && (_heapCount == 0 || Before(BucketOf(_firstBucketDay).Head, _heap[0]));

    /// <summary>The bucket of a whole day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Bucket BucketOf(double day) => _buckets[(int)((long)day & (DayBuckets - 1))];

    private void FindFirstBucket()
    {
        var day = _firstBucketDay;
        while (BucketOf(day).IsEmpty)
        {
            day++;
        }

        _firstBucketDay = day;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in SimEvent a, in SimEvent b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private void SiftUp(int i, SimEvent e)
    {
        var heap = _heap;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (!Before(e, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = e;
    }

    /// <summary>Moves the event just past the end of the heap (index <paramref name="n"/>) down from the root into place.</summary>
    private static void SiftDown(SimEvent[] heap, int n)
    {
        // Read where it lies: it is never overwritten, as the hole only moves among the first n.
        ref readonly var e = ref heap[n];
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= n)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + 4, n);
            for (var c = first + 1; c < end; c++)
            {
                if (Before(heap[c], heap[best]))
                {
                    best = c;
                }
            }

            if (!Before(heap[best], e))
            {
                break;
            }

            heap[i] = heap[best];
            i = best;
        }

        heap[i] = e;
    }

    /// <summary>One day's events, sorted by <see cref="SimEvent.Order"/>: appended in insertion order, so only an event of an earlier class than the last one moves.</summary>
    /// <remarks>An empty bucket holds no storage: it takes an array from the shared spares when it gets an event and gives it back when it is drained.</remarks>
    private sealed class Bucket(Stack<SimEvent[]> spare)
    {
        private SimEvent[] _events = [];
        private int _read;
        private int _count;

        // Events at a fraction of this day, in the order they came.
        private SimEvent[] _later = [];
        private int _laterCount;

        public int LaterCount => _laterCount;

        public ref readonly SimEvent Later(int k) => ref _later[k];

        public void ClearLater() => _laterCount = 0;

        public void AddLater(double time, long order, int slot, EventKind kind, int aux, double quantity)
        {
            if (_laterCount == _later.Length)
            {
                Array.Resize(ref _later, Math.Max(16, _later.Length * 2));
            }

            _later[_laterCount++].Set(time, order, slot, kind, aux, quantity);
        }

        public bool IsEmpty => _read == _count;

        public ref readonly SimEvent Head => ref _events[_read];

        public void Clear()
        {
            if (_events.Length > 0)
            {
                spare.Push(_events);
                _events = [];
            }

            _read = 0;
            _count = 0;
        }

        public void CopyFrom(Bucket other)
        {
            if (_later.Length < other._laterCount)
            {
                _later = new SimEvent[other._later.Length];
            }

            Array.Copy(other._later, _later, other._laterCount);
            _laterCount = other._laterCount;
            Clear();
            var n = other._count - other._read;
            if (n == 0)
            {
                return;
            }

            // A spare too small is dropped, as in Add: arrays only grow.
            if (!spare.TryPop(out var storage) || storage.Length < n)
            {
                storage = new SimEvent[Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)n))];
            }

            Array.Copy(other._events, other._read, storage, 0, n);
            (_events, _read, _count) = (storage, 0, n);
        }

        /// <summary>Adds an event, written field by field where it goes (a whole event copied from the stack right after being built there would wait on the writes).</summary>
        public void Add(double time, long order, int slot, EventKind kind, int aux, double quantity)
        {
            if (_count == _events.Length)
            {
                if (_count == 0 && spare.TryPop(out var storage))
                {
                    _events = storage;
                }
                else if (_read > 0)
                {
                    // Events added to today's bucket while it is being taken: reuse the taken part.
                    Array.Copy(_events, _read, _events, 0, _count - _read);
                    _count -= _read;
                    _read = 0;
                }
                else
                {
                    // The smaller array is dropped, not kept as a spare: arrays only grow, so a
                    // reused queue stops allocating once they are as large as the busiest day.
                    Array.Resize(ref _events, Math.Max(16, _events.Length * 2));
                }
            }

            var i = _count++;
            while (i > _read && _events[i - 1].Order > order)
            {
                _events[i] = _events[i - 1];
                i--;
            }

            _events[i].Set(time, order, slot, kind, aux, quantity);
        }

        public SimEvent Take()
        {
            var e = _events[_read++];
            if (_read == _count)
            {
                Clear();
            }

            return e;
        }
    }
}
