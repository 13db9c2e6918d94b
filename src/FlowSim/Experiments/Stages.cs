using System.Collections.Immutable;
using FlowSim.Engine;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>
/// One item at one stock point as a stage of the network, with what a placement model needs to
/// know about it: the demand it supplies, the lead time of what feeds it, its value, and the
/// level its policy holds in the strategy as written.
/// </summary>
/// <param name="Index">Position among the stages (the scenario's stocked item-locations).</param>
/// <param name="ItemId">Item id.</param>
/// <param name="StockPointId">Stock point id.</param>
public sealed record Stage(int Index, string ItemId, string StockPointId)
{
    /// <summary>Mean daily demand it supplies: its customers' plus what flows through it to others.</summary>
    public required double DemandMean { get; init; }

    /// <summary>Variance of that daily demand.</summary>
    public required double DemandVariance { get; init; }

    /// <summary>True when customers buy here.</summary>
    public required bool FacesCustomers { get; init; }

    /// <summary>Mean days from ordering to receipt when nothing upstream is short (lane or production lead time).</summary>
    public required double LeadTimeMean { get; init; }

    /// <summary>Variance of that lead time.</summary>
    public required double LeadTimeVariance { get; init; }

    /// <summary>
    /// The stages that feed it: the same item at the stock points its lanes come from, or, when it
    /// is made here, its components (each with units per unit made). A stage fed by suppliers only has none.
    /// </summary>
    public required ImmutableArray<(int Stage, double PerUnit)> Upstream { get; init; }

    /// <summary>Value of one unit (the item's unit cost).</summary>
    public required double UnitCost { get; init; }

    /// <summary>Holding cost per unit and year: unit cost x holding rate, plus the stock point's storage cost.</summary>
    public required double HoldingPerUnitYear { get; init; }

    /// <summary>True when demand comes in whole units, so levels are whole numbers.</summary>
    public required bool WholeUnits { get; init; }

    /// <summary>The policy family in the strategy: buffer, demand-responsive or speculative.</summary>
    public required string Family { get; init; }

    /// <summary>The policy's numbers as sized in the strategy (levels, protection period, safety stock).</summary>
    public required PolicyNumbers Numbers { get; init; }

    /// <summary>Days a demand-responsive policy promises its customers (order to delivery); 0 for the other families.</summary>
    public double PromiseDays { get; init; }

    /// <summary>The level that protects against a stockout: S for base-stock and (R,S), s for (s,S) and (s,Q); null for other families.</summary>
    public double? ProtectingLevel => Numbers.Rule switch
    {
        null => null,
        BufferRule.BaseStock or BufferRule.PeriodicReview => Numbers.OrderUpTo,
        _ => Numbers.ReorderPoint,
    };

    /// <inheritdoc />
    public override string ToString() => $"{ItemId}@{StockPointId}";
}

/// <summary>The network of stages of a scenario under one of its strategies.</summary>
public static class Stages
{
    /// <summary>
    /// The stages of <paramref name="scenario"/> with the policies of <paramref name="strategy"/>,
    /// in the scenario's order of stocked item-locations. Only the first lane of a stage counts as
    /// what feeds it (a backup or a split share is left out).
    /// </summary>
    public static ImmutableArray<Stage> Of(Scenario scenario, string strategy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var s = scenario.Strategies.Select((st, k) => (st, k)).First(x => x.st.Name == strategy).k;
        var compiled = Model.Compile(scenario with { Strategies = [scenario.Strategies[s]] });
        var model = compiled.For(0);
        var result = ImmutableArray.CreateBuilder<Stage>(model.Slots.Length);
        for (var k = 0; k < model.Slots.Length; k++)
        {
            var slot = model.Slots[k];
            var policy = model.Strategies[0].Policies[k];
            var upstream = slot.Production >= 0
                ? model.ProductionLines[slot.Production].ComponentSlots.Zip(model.ProductionLines[slot.Production].ComponentQuantities).ToImmutableArray()
                : slot.UpstreamSlots.Length > 0 && slot.UpstreamSlots[0] >= 0 ? [(slot.UpstreamSlots[0], 1.0)] : [];
            result.Add(new Stage(k, slot.ItemId, slot.StockPointId)
            {
                DemandMean = slot.DemandMean,
                DemandVariance = slot.DemandVariance,
                FacesCustomers = slot.HasCustomers,
                LeadTimeMean = slot.LeadTimeMean,
                LeadTimeVariance = slot.LeadTimeVariance,
                Upstream = upstream,
                UnitCost = slot.UnitCost,
                HoldingPerUnitYear = (slot.UnitCost * slot.HoldingRatePerYear) + (slot.StorageCostPerUnitDay * Units.DaysPerYear),
                WholeUnits = slot.WholeUnits,
                Family = policy.Family,
                Numbers = policy.Numbers,
                PromiseDays = policy.Family == "demand-responsive" ? policy.PromiseDays : 0,
            });
        }

        return result.MoveToImmutable();
    }
}
