using System.Globalization;
using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// Checks of a loaded scenario that need its policies sized over the network, which only the
/// compiled model knows (demand over each slot's lead time); the loader checks everything else.
/// </summary>
internal static class SizingCheck
{
    /// <summary>
    /// A service level below 50% gives a negative safety stock, which is sound; one so low that the
    /// order-up-to level itself is negative (the policy would wait for backorders before it orders)
    /// is not. Only levels below 50% can do that, so only then are the policies sized here.
    /// </summary>
    public static List<ScenarioError> NegativeOrderUpTo(Scenario scenario)
    {
        var errors = new List<ScenarioError>();
        if (!scenario.Strategies.Any(st => st.Policies.Any(p => p.Policy is BufferPolicy { ServiceLevel: < 0.5, SafetyStockUnits: null, SafetyStockDays: null })))
        {
            return errors;
        }

        var model = Model.Compile(scenario);
        for (var i = 0; i < model.Strategies.Length; i++)
        {
            var strategy = scenario.Strategies[i];
            for (var k = 0; k < model.Slots.Length; k++)
            {
                var slot = model.Slots[k];
                var levels = model.Strategies[i].Policies[k].Buffer;
                if (strategy.PolicyFor(slot.ItemId, slot.StockPointId) is not BufferPolicy { ServiceLevel: < 0.5, SafetyStockUnits: null, SafetyStockDays: null } spec
                    || spec.OrderUpTo is not null || spec.ReorderPoint is not null)
                {
                    continue;
                }

                var top = levels.Rule == BufferRule.ReorderPoint ? levels.ReorderPoint + levels.OrderQuantity : levels.OrderUpTo;
                if (top >= 0)
                {
                    continue;
                }

                // Safety stock is z * sigma: the level is cycle stock + z * sigma, zero at z = -cycle / sigma.
                var z = StandardNormal.Quantile(spec.ServiceLevel);
                var sigma = levels.SafetyStock / z;
                var cycle = top - levels.SafetyStock;
                var lowest = sigma > 0 ? StandardNormal.Probability(-cycle / sigma) : 0.5;
                var at = spec.Location;
                errors.Add(new ScenarioError(at.File, at.Line, at.Column, $"strategies[{i}].service_level",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{spec.ServiceLevel} gives '{slot.ItemId}' at '{slot.StockPointId}' a negative order-up-to level ({top:0.##}); a stock level below zero means ordering only once customers wait. Use a service level of at least {Math.Ceiling(lowest * 10000) / 10000:0.####}")));
            }
        }

        return errors;
    }
}
