using FlowSim.Policies;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Sizing each strategy's policies over the compiled slots.</summary>
internal sealed partial class Model
{
    /// <summary>
    /// Sizes a strategy's policy at every slot. Suppliers of a slot come after it, so sizing from
    /// the last slot back sizes a stock point before those it supplies: a policy that includes the
    /// waits upstream (<c>upstream_waits: include</c>) reads its first feeding stock point's sized
    /// levels and adds the expected wait there to its lead time, and the wait's variance to the lead time's.
    /// </summary>
    private static SlotPolicy[] CompilePolicies(Scenario scenario, Strategy strategy, SlotModel[] slots)
    {
        var policies = new SlotPolicy[slots.Length];
        for (var k = slots.Length - 1; k >= 0; k--)
        {
            var slot = slots[k];
            var spec = strategy.PolicyFor(slot.ItemId, slot.StockPointId);
            var sizing = slot.Sizing;
            if (spec is BufferPolicy { IncludesUpstreamWaits: true } && slot.UpstreamSlots is [var up, ..] && up > k)
            {
                var (wait, variance) = PolicySizing.ExpectedUpstreamWait(policies[up], slots[up].Sizing);
                sizing = sizing with { LeadTimeMean = sizing.LeadTimeMean + wait, LeadTimeVariance = sizing.LeadTimeVariance + variance };
            }

            policies[k] = PolicySizing.Compile(spec, sizing, scenario.HorizonDays);
        }

        return policies;
    }
}
