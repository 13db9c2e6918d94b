namespace FlowSim.Engine.Supply;

/// <summary>
/// Production orders released and waiting for their components. An order's number is its place
/// here; numbers of started orders are reused, and the arrays only grow, so orders reused across
/// trials stop allocating.
/// </summary>
internal sealed class ProductionOrders
{
    private Order[] _orders = new Order[16];
    private int[] _free = new int[16];
    private int _count;
    private int _freeCount;

    private struct Order
    {
        public int Slot;
        public double Quantity;

        /// <summary>Component units still to come; NaN once the order has started.</summary>
        public double Pending;
    }

    public void Clear()
    {
        _count = 0;
        _freeCount = 0;
    }

    /// <summary>Makes these orders those of <paramref name="other"/>.</summary>
    public void CopyFrom(ProductionOrders other)
    {
        if (_orders.Length < other._orders.Length)
        {
            _orders = new Order[other._orders.Length];
            _free = new int[other._orders.Length];
        }

        Array.Copy(other._orders, _orders, other._count);
        Array.Copy(other._free, _free, other._freeCount);
        (_count, _freeCount) = (other._count, other._freeCount);
    }

    /// <summary>Opens an order of <paramref name="quantity"/> units for <paramref name="slot"/> with no components pending yet; returns its number.</summary>
    public int Open(int slot, double quantity)
    {
        int order;
        if (_freeCount > 0)
        {
            order = _free[--_freeCount];
        }
        else
        {
            order = _count++;
            if (order == _orders.Length)
            {
                Array.Resize(ref _orders, order * 2);
                Array.Resize(ref _free, order * 2);
            }
        }

        _orders[order].Slot = slot;
        _orders[order].Quantity = quantity;
        _orders[order].Pending = 0;
        return order;
    }

    /// <summary>Component units order <paramref name="order"/> still waits for; NaN once started.</summary>
    public ref double Pending(int order) => ref _orders[order].Pending;

    /// <summary>Marks order <paramref name="order"/> started, frees its number, and returns what it makes.</summary>
    public (int Slot, double Quantity) Start(int order)
    {
        ref var o = ref _orders[order];
        o.Pending = double.NaN;
        _free[_freeCount++] = order;
        return (o.Slot, o.Quantity);
    }
}
