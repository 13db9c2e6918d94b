using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// One item at one stock point, compiled: its demand, its supply lane and its economics as plain
/// numbers, indexed by slot number in every engine array.
/// </summary>
internal sealed class SlotModel
{
    public required string ItemId { get; init; }

    public required string StockPointId { get; init; }

    public required Distribution Demand { get; init; }

    public required Seasonality Seasonality { get; init; }

    /// <summary>O(1) sampler when demand is Poisson with a flat mean; null otherwise.</summary>
    public PoissonTable? DemandTable { get; init; }

    public required double DemandMean { get; init; }

    public required double DemandVariance { get; init; }

    /// <summary>True when demand comes in whole units, so derived levels are rounded up to whole units.</summary>
    public required bool WholeUnits { get; init; }

    public required int Lane { get; init; }

    public required Distribution LeadTime { get; init; }

    /// <summary>The lead time when it is constant (no draw needed); -1 otherwise.</summary>
    public required double FixedLeadTimeDays { get; init; }

    public required double UnitCost { get; init; }

    public required double Price { get; init; }

    public required double HoldingRatePerYear { get; init; }

    public required double SalvageValue { get; init; }

    /// <summary>Days a unit stays sellable; infinity for no limit.</summary>
    public required double ShelfLifeDays { get; init; }

    public required double OrderingCost { get; init; }

    public required double BackorderPenaltyPerDay { get; init; }

    public required double LostSaleCost { get; init; }

    public required double PatienceDays { get; init; }
}

/// <summary>A compiled strategy: one policy per slot.</summary>
internal sealed record StrategyModel(string Name, SlotPolicy[] Policies);

/// <summary>
/// The scenario compiled for the engine: flat arrays indexed by int ids, samplers ready to draw.
/// Immutable and shared by every simulation thread.
/// </summary>
internal sealed class Model
{
    private Model(Scenario scenario, SlotModel[] slots, int laneCount, StrategyModel[] strategies)
    {
        Scenario = scenario;
        Slots = slots;
        LaneCount = laneCount;
        Strategies = strategies;
    }

    public Scenario Scenario { get; }

    public double HorizonDays => Scenario.HorizonDays;

    public double WarmupDays => Scenario.WarmupDays;

    public SlotModel[] Slots { get; }

    public int LaneCount { get; }

    public StrategyModel[] Strategies { get; }

    public static Model Compile(Scenario scenario)
    {
        var items = scenario.Items.ToDictionary(i => i.Id);
        var slots = new SlotModel[scenario.Demand.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            var d = scenario.Demand[i];
            var item = items[d.ItemId];
            var laneIndex = scenario.Lanes.IndexOf(scenario.Lanes.First(l => l.To == d.StockPointId && l.Carries(d.ItemId)));
            var lane = scenario.Lanes[laneIndex];
            slots[i] = new SlotModel
            {
                ItemId = d.ItemId,
                StockPointId = d.StockPointId,
                Demand = d.Daily,
                Seasonality = d.Seasonality,
                DemandTable = d.Daily.Kind == DistributionKind.Poisson && d.Seasonality.IsFlat ? PoissonTable.TryCreate(d.Daily.Mean) : null,
                DemandMean = d.Daily.Mean,
                DemandVariance = d.Daily.Variance,
                WholeUnits = IsWholeUnits(d.Daily),
                Lane = laneIndex,
                LeadTime = lane.LeadTime,
                FixedLeadTimeDays = lane.LeadTime.Kind == DistributionKind.Constant ? lane.LeadTime.Mean : -1,
                UnitCost = item.UnitCost,
                Price = item.Price,
                HoldingRatePerYear = item.HoldingRatePerYear,
                SalvageValue = item.SalvageValue,
                ShelfLifeDays = item.ShelfLifeDays ?? double.PositiveInfinity,
                OrderingCost = item.OrderingCost ?? scenario.Costs.OrderingCost,
                BackorderPenaltyPerDay = item.BackorderPenaltyPerDay ?? scenario.Costs.BackorderPenaltyPerDay,
                LostSaleCost = item.LostSaleCost ?? scenario.Costs.LostSaleCost ?? Math.Max(0, item.Margin),
                PatienceDays = d.PatienceDays,
            };
        }

        var strategies = scenario.Strategies
            .Select(s => new StrategyModel(s.Name, slots.Select(slot => PolicySizing.Compile(s.PolicyFor(slot.ItemId), slot, scenario.HorizonDays)).ToArray()))
            .ToArray();
        return new Model(scenario, slots, scenario.Lanes.Length, strategies);
    }

    private static bool IsWholeUnits(Distribution d) => d.Kind switch
    {
        DistributionKind.Poisson or DistributionKind.NegativeBinomial => true,
        DistributionKind.Empirical => d.Values.All(v => v == Math.Floor(v)),
        DistributionKind.Constant => d.Mean == Math.Floor(d.Mean),
        _ => false,
    };
}
