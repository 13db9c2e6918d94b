using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Compiling disruptions: what each hits, and the customers downstream of it.</summary>
internal sealed partial class Model
{
    private static DisruptionModel[] CompileDisruptions(
        Scenario scenario, SlotModel[] slots, LaneModel[] lanes, List<ProductionModel> productionLines,
        Dictionary<string, int> supplierIndex, Dictionary<string, int> stockPointIndex)
    {
        var result = new DisruptionModel[scenario.Disruptions.Length];
        for (var d = 0; d < result.Length; d++)
        {
            var spec = scenario.Disruptions[d];
            var leader = spec.SharedEvent is null ? d : scenario.Disruptions.IndexOf(scenario.Disruptions.First(x => x.SharedEvent == spec.SharedEvent));
            var supplier = spec.TargetKind == DisruptionTarget.Supplier ? supplierIndex[spec.Target] : -1;
            var lane = spec.TargetKind == DisruptionTarget.Lane ? spec.LaneIndex : -1;
            var sp = spec.TargetKind == DisruptionTarget.StockPoint ? stockPointIndex[spec.Target] : -1;

            // Slots hit directly, then everything downstream of them.
            var hit = new HashSet<int>();
            for (var k = 0; k < slots.Length; k++)
            {
                var s = slots[k];
                var direct = spec.TargetKind switch
                {
                    DisruptionTarget.Supplier => s.Lanes.Any(j => lanes[j].Supplier == supplier),
                    DisruptionTarget.Lane => s.Lanes.Contains(lane),
                    DisruptionTarget.StockPoint => s.StockPoint == sp && (spec.ItemId is null || spec.ItemId == s.ItemId),
                    _ => s.HasCustomers && (spec.ItemId is null || spec.ItemId == s.ItemId),
                };
                if (direct)
                {
                    hit.Add(k);
                }
            }

            var grew = true;
            while (grew)
            {
                grew = false;
                for (var k = 0; k < slots.Length; k++)
                {
                    if (hit.Contains(k))
                    {
                        continue;
                    }

                    var fed = slots[k].UpstreamSlots.Any(hit.Contains)
                        || (slots[k].Production >= 0 && productionLines[slots[k].Production].ComponentSlots.Any(hit.Contains));
                    if (fed)
                    {
                        hit.Add(k);
                        grew = true;
                    }
                }
            }

            result[d] = new DisruptionModel
            {
                Spec = spec,
                Leader = leader,
                Supplier = supplier,
                Lane = lane,
                ProductionLines = spec.Kind == DisruptionKind.CapacityLoss && sp >= 0
                    ? [.. productionLines.Select((p, i) => (p, i)).Where(x => slots[x.p.Slot].StockPoint == sp).Select(x => x.i)]
                    : [],
                ShockedSlots = spec.Kind == DisruptionKind.DemandShock ? [.. slots.Select((s, k) => (s, k)).Where(x => x.s.DemandShocks.Contains(d)).Select(x => x.k)] : [],
                AffectedCustomerSlots = [.. hit.Where(k => slots[k].HasCustomers).Order()],
            };
        }

        return result;
    }

    /// <summary>The disruptions of a kind that hit an item at a stock point directly.</summary>
    private static int[] Hitting(Scenario scenario, DisruptionKind kind, StockedItem s, bool hasCustomers) =>
    [
        .. scenario.Disruptions.Select((d, i) => (d, i))
            .Where(x => x.d.Kind == kind
                && (x.d.TargetKind != DisruptionTarget.StockPoint || x.d.Target == s.StockPointId)
                && (x.d.ItemId is null || x.d.ItemId == s.ItemId)
                && (kind != DisruptionKind.DemandShock || hasCustomers))
            .Select(x => x.i),
    ];
}
