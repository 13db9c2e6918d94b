namespace FlowSim.Supply;

/// <summary>
/// A first-in-first-out queue of quantities with a time and two tags: lots on the shelf (time =
/// expiry), customers waiting (time = when they ordered), or other stock points and production
/// orders waiting (tags = who, and by which lane). A ring buffer that only grows, so a queue
/// reused across trials stops allocating.
/// </summary>
internal sealed class TimedQueue
{
    private double[] _time = new double[16];
    private double[] _qty = new double[16];
    private int[] _a = new int[16];
    private int[] _b = new int[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public double HeadTime => _time[_head];

    public double HeadQuantity => _qty[_head];

    public int HeadA => _a[_head];

    public int HeadB => _b[_head];

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
            var i = (other._head + k) % other._time.Length;
            Enqueue(other._time[i], other._qty[i], other._a[i], other._b[i]);
        }
    }

    public void Enqueue(double time, double quantity, int a = 0, int b = 0)
    {
        if (_count == _time.Length)
        {
            Grow();
        }

        var i = (_head + _count) % _time.Length;
        _time[i] = time;
        _qty[i] = quantity;
        _a[i] = a;
        _b[i] = b;
        _count++;
    }

    public void DropHead()
    {
        _head = (_head + 1) % _time.Length;
        _count--;
    }

    /// <summary>Takes part of the oldest entry's quantity (less than all of it).</summary>
    public void ReduceHead(double quantity) => _qty[_head] -= quantity;

    /// <summary>Takes up to <paramref name="quantity"/> from the oldest entries; returns what was taken.</summary>
    public double Take(double quantity)
    {
        var taken = 0.0;
        while (_count > 0 && taken < quantity)
        {
            var want = quantity - taken;
            if (_qty[_head] <= want)
            {
                taken += _qty[_head];
                DropHead();
            }
            else
            {
                _qty[_head] -= want;
                taken = quantity;
            }
        }

        return taken;
    }

    private void Grow()
    {
        var n = _time.Length * 2;
        var (time, qty, a, b) = (new double[n], new double[n], new int[n], new int[n]);
        for (var k = 0; k < _count; k++)
        {
            var i = (_head + k) % _time.Length;
            (time[k], qty[k], a[k], b[k]) = (_time[i], _qty[i], _a[i], _b[i]);
        }

        (_time, _qty, _a, _b, _head) = (time, qty, a, b, 0);
    }
}
