using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FlowSim.Engine;

/// <summary>
/// A 4-ary min-heap of <see cref="SimEvent"/> ordered by time, then event class, then insertion
/// sequence. Four children per node halve the depth of a binary heap and keep siblings in one
/// cache line; the array only grows, so a queue reused across trials stops allocating.
/// </summary>
internal sealed class EventQueue
{
    private SimEvent[] _heap = new SimEvent[64];
    private int _count;
    private long _sequence;

    public int Count => _count;

    /// <summary>Empties the queue and restarts the insertion sequence, keeping the storage.</summary>
    public void Clear()
    {
        _count = 0;
        _sequence = 0;
    }

    public void Schedule(double time, EventKind kind, int slot, double quantity = 0, int aux = 0)
    {
        Debug.Assert(double.IsFinite(time), "event time must be finite");
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var e = new SimEvent
        {
            Time = time,
            Order = ((long)SimEvent.ClassOf(kind) << 56) | _sequence++,
            Slot = slot,
            Kind = kind,
            Aux = aux,
            Quantity = quantity,
        };
        SiftUp(_count++, e);
    }

    /// <summary>Removes and returns the earliest event. The queue must not be empty.</summary>
    public SimEvent Next()
    {
        Debug.Assert(_count > 0, "queue is empty");
        var heap = _heap;
        var top = heap[0];
        var n = --_count;
        if (n > 0)
        {
            SiftDown(heap, n);
        }

        return top;
    }

    public ref readonly SimEvent Peek() => ref _heap[0];

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
}
