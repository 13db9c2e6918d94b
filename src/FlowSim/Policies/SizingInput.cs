using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Policies;

/// <summary>
/// What sizing a policy needs to know about one item at one stock point: its demand, its
/// replenishment lead time and its costs. The engine fills it in from its compiled model.
/// </summary>
internal sealed record SizingInput
{
    /// <summary>Customer demand here; null when the stock point only supplies others.</summary>
    public Distribution? Demand { get; init; }

    /// <summary>Lag-1 autocorrelation of the customers' daily demand here; 0 for independent days.</summary>
    public double Autocorrelation { get; init; }

    /// <summary>Days per block when empirical demand is resampled in blocks; 0 for independent days.</summary>
    public int DemandBlockDays { get; init; }

    public Seasonality Seasonality { get; init; } = Seasonality.None;

    /// <summary>Customers arrive one by one at exact times (<c>customers:</c>), not as a day's total.</summary>
    public bool ArrivalsWithinDay { get; init; }

    /// <summary>Mean daily demand to supply: customers' plus what flows through to others.</summary>
    public required double DemandMean { get; init; }

    public required double DemandVariance { get; init; }

    /// <summary>True when demand comes in whole units, so derived levels are rounded up to whole units.</summary>
    public required bool WholeUnits { get; init; }

    public required double LeadTimeMean { get; init; }

    public required double LeadTimeVariance { get; init; }

    public required double UnitCost { get; init; }

    public required double HoldingRatePerYear { get; init; }

    public required double SalvageValue { get; init; }

    public required double OrderingCost { get; init; }

    /// <summary>The newsvendor's underage cost: what a lost unit costs net of the goods not used.</summary>
    public required double LostSaleCost { get; init; }

    /// <summary>Customers' patience; infinity for full backorders.</summary>
    public required double PatienceDays { get; init; }
}
