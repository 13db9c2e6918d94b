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

    /// <summary>
    /// Warnings for speculative selling windows that overlap: a batch whose <c>sell_until</c> is
    /// after the next batch (or the next period's first) arrives, so the next batch sells in its
    /// window (and its clearance clears both), or after the horizon, where the window is cut.
    /// Arrivals are at the commit plus the mean lead time, as the newsvendor sizing takes them.
    /// </summary>
    public static List<ScenarioError> OverlappingWindows(Scenario scenario)
    {
        var warnings = new List<ScenarioError>();
        if (!scenario.Strategies.Any(st => st.Policies.Any(p => p.Policy is SpeculativePolicy sp && sp.Batches.Any(b => b.SellUntilDays is not null))))
        {
            return warnings;
        }

        var model = Model.Compile(scenario);
        var seen = new HashSet<(SourceLocation, int, bool)>();
        for (var i = 0; i < model.Strategies.Length; i++)
        {
            for (var k = 0; k < model.Slots.Length; k++)
            {
                var slot = model.Slots[k];
                if (scenario.Strategies[i].PolicyFor(slot.ItemId, slot.StockPointId) is not SpeculativePolicy spec)
                {
                    continue;
                }

                var season = model.Strategies[i].Policies[k].Season;
                for (var b = 0; b < spec.Batches.Length && b < season.Batches.Length; b++)
                {
                    if (spec.Batches[b].SellUntilDays is not { } until)
                    {
                        continue;
                    }

                    var path = $"strategies[{i}].batches[{b}].sell_until";
                    var at = spec.Location;
                    if (until > scenario.HorizonDays && seen.Add((at, b, false)))
                    {
                        warnings.Add(new ScenarioError(at.File, at.Line, at.Column, path,
                            $"{Units.FormatDays(until)} is after the horizon ({Units.FormatDays(scenario.HorizonDays)}): the selling window, and the newsvendor quantity sized for it, end at the horizon", Severity.Warning));
                    }

                    var nextArrival = b + 1 < season.Batches.Length ? season.Batches[b + 1].AtDays + season.LeadTimeMeanDays : double.PositiveInfinity;
                    if (season.Batches[b].SellUntilDays > nextArrival + Tolerances.Quantity && seen.Add((at, b, true)))
                    {
                        var next = b + 1 < spec.Batches.Length ? $"batch {b + 1}" : "the next period's first batch";
                        warnings.Add(new ScenarioError(at.File, at.Line, at.Column, path,
                            $"{Units.FormatDays(until)} is after {next} arrives (day {nextArrival.ToString("0.##", CultureInfo.InvariantCulture)} for '{slot.ItemId}' at '{slot.StockPointId}'): the selling windows overlap, both batches are sized for the days they share, and the window's close clears the next batch's stock too unless leftovers carry", Severity.Warning));
                    }
                }
            }
        }

        return warnings;
    }
}
