namespace FlowSim.Scenarios;

/// <summary>What orders on a lane cost and how big they must be.</summary>
public sealed partial record Lane
{
    /// <summary>Money per order placed on this lane, instead of the item's ordering cost; null means the item's.</summary>
    public double? OrderingCost { get; init; }

    /// <summary>Smallest order on this lane, in units; 0 for none.</summary>
    public double MinOrder { get; init; }

    /// <summary>Orders on this lane are whole multiples of this many units (a container); 0 for any size.</summary>
    public double OrderMultiple { get; init; }

    /// <summary>
    /// Money per day on which anything is ordered from <see cref="From"/> to <see cref="To"/>, whatever
    /// the items, on top of the per-order costs: one purchase order covering several items.
    /// </summary>
    public double JointOrderingCost { get; init; }

    /// <summary>True when orders on this lane have a cost or size of their own.</summary>
    public bool HasOrderTerms => OrderingCost is not null || MinOrder > 0 || OrderMultiple > 0 || JointOrderingCost > 0;

    /// <summary>
    /// The units ordered when <paramref name="quantity"/> are wanted: at least <see cref="MinOrder"/>,
    /// rounded up to a whole <see cref="OrderMultiple"/>.
    /// </summary>
    public double OrderSize(double quantity)
    {
        var q = Math.Max(quantity, MinOrder);
        if (OrderMultiple > 0)
        {
            // A wanted quantity a rounding error above a whole multiple needs no further container.
            q = Math.Max(1, Math.Ceiling((q / OrderMultiple) - 1e-9)) * OrderMultiple;
        }

        return q;
    }
}

/// <summary>The space an item takes.</summary>
public sealed partial record Item
{
    /// <summary>Volume per unit, in the user's unit of volume; null when not given.</summary>
    public double? Volume { get; init; }
}

/// <summary>Storage charged by the space stock takes.</summary>
public sealed partial record StockPoint
{
    /// <summary>Money per unit of volume per day held here, on top of <see cref="StorageCostPerUnitDay"/>.</summary>
    public double StorageCostPerVolumeDay { get; init; }
}
