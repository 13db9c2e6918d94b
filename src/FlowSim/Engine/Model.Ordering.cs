using System.Collections.Immutable;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>What an order costs a slot, for sizing its policy.</summary>
internal sealed partial class SlotModel
{
    /// <summary>Cost per order that sizing reads (the economic order quantity): the primary lane's own ordering cost, else <see cref="OrderingCost"/>.</summary>
    public required double SizingOrderingCost { get; init; }
}

/// <summary>Compiling joint ordering costs.</summary>
internal sealed partial class Model
{
    /// <summary>
    /// Per lane, its joint ordering group, or -1: lanes from one source to one stock point share a
    /// group when any of them gives a joint ordering cost (one purchase order covers them all).
    /// </summary>
    private static int[] JointGroups(ImmutableArray<Lane> lanes)
    {
        var groupOf = new Dictionary<(string From, string To), int>();
        foreach (var l in lanes)
        {
            if (l.JointOrderingCost > 0)
            {
                groupOf.TryAdd((l.From, l.To), groupOf.Count);
            }
        }

        return [.. lanes.Select(l => groupOf.TryGetValue((l.From, l.To), out var g) ? g : -1)];
    }
}
