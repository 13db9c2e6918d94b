namespace FlowSim.Supply;

/// <summary>
/// A first-in-first-out queue of quantities with a due time: lots on the shelf (due = expiry)
/// or customers waiting (due = when their patience runs out). A ring buffer that only grows,
/// so a queue reused across trials stops allocating.
/// </summary>
internal sealed class TimedQueue
{
    private double[] _due = new double[16];
    private double[] _qty = new double[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public double HeadDue => _due[_head];

    public double HeadQuantity => _qty[_head];

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }

    public void Enqueue(double due, double quantity)
    {
        if (_count == _due.Length)
        {
            Grow();
        }

        var i = (_head + _count) % _due.Length;
        _due[i] = due;
        _qty[i] = quantity;
        _count++;
    }

    public void DropHead()
    {
        _head = (_head + 1) % _due.Length;
        _count--;
    }

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
        var due = new double[_due.Length * 2];
        var qty = new double[_due.Length * 2];
        for (var k = 0; k < _count; k++)
        {
            due[k] = _due[(_head + k) % _due.Length];
            qty[k] = _qty[(_head + k) % _due.Length];
        }

        (_due, _qty, _head) = (due, qty, 0);
    }
}
