using System.Collections.Immutable;
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

    /// <summary>
    /// Every customer stream whose demand this slot supplies, its own first, each scaled by what
    /// reaches here (split shares, bill-of-materials quantities): how their days are correlated
    /// matters upstream too, where a warehouse sees the same busy spells as the DC it feeds.
    /// </summary>
    public ImmutableArray<DemandPart> DemandParts { get; init; } = [];

    public Seasonality Seasonality { get; init; } = Seasonality.None;

    /// <summary>Customers arrive one by one at exact times (<c>customers:</c>), not as a day's total.</summary>
    public bool ArrivalsWithinDay { get; init; }

    /// <summary>Units in one customer order when customers arrive one by one; 0 for daily demand.</summary>
    public double OrderSizeMean { get; init; }

    /// <summary>Mean daily demand to supply: customers' plus what flows through to others.</summary>
    public required double DemandMean { get; init; }

    public required double DemandVariance { get; init; }

    /// <summary>True when demand comes in whole units, so derived levels are rounded up to whole units.</summary>
    public required bool WholeUnits { get; init; }

    public required double LeadTimeMean { get; init; }

    public required double LeadTimeVariance { get; init; }

    /// <summary>
    /// For a split: how many days fewer the demand whose variance the protection carries spans than
    /// its mean does. Every order is shared out, so a unit's share ordered over a short lane is
    /// replaced early and the long lane's covers only its own share of the older days: the
    /// variance weighs the days by the squares of the shares still on their way. 0 for one source.
    /// </summary>
    public double SplitShortfallDays { get; init; }

    /// <summary>Days of demand whose variance a window of <paramref name="days"/> days carries (fewer for a split).</summary>
    public double VarianceDays(double days) => SplitShortfallDays > 0 ? Math.Max(days - SplitShortfallDays, 0) : days;

    public required double UnitCost { get; init; }

    public required double HoldingRatePerYear { get; init; }

    public required double SalvageValue { get; init; }

    public required double OrderingCost { get; init; }

    /// <summary>The newsvendor's underage cost: what a lost unit costs net of the goods not used.</summary>
    public required double LostSaleCost { get; init; }

    /// <summary>Customers' patience; infinity for full backorders.</summary>
    public required double PatienceDays { get; init; }
}

/// <summary>One customer stream a slot supplies: its daily variance, how its days are correlated, and what share of it reaches the slot.</summary>
/// <param name="Scale">Units here per unit the customers ask for (split shares and bill quantities multiplied).</param>
/// <param name="Variance">The stream's daily variance.</param>
/// <param name="Autocorrelation">Its lag-1 autocorrelation; 0 for independent days.</param>
/// <param name="BlockValues">The observed days it resamples in blocks; null when it does not.</param>
/// <param name="BlockDays">Days per block; 0 when not resampled in blocks.</param>
internal readonly record struct DemandPart(double Scale, double Variance, double Autocorrelation, IReadOnlyList<double>? BlockValues, int BlockDays)
{
    /// <summary>The stream's mean daily demand, before its seasonality.</summary>
    public double Mean { get; init; }

    /// <summary>The stream's weekly and annual factors and trend.</summary>
    public Seasonality Seasonality { get; init; } = Seasonality.None;

    /// <summary>
    /// The part of <see cref="Variance"/> a day's factor f scales by f, as the engine draws it: all
    /// of it for Poisson and customers arriving one by one (thinned arrivals), the Poisson part (the
    /// mean) of a negative binomial; the rest scales by f² (a draw multiplied by f).
    /// </summary>
    public double VarianceLinearInFactor { get; init; }

    /// <summary>True when the stream's days are not independent.</summary>
    public bool Correlated => Autocorrelation != 0 || BlockDays > 0;
}
