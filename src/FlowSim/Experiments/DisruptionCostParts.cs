using System.Globalization;
using FlowSim.Outcomes;

namespace FlowSim.Experiments;

/// <summary>
/// What disruption cost is made of: each cost component with disruptions minus without, on the
/// same trials, and a sentence a reader can check against the parts.
/// </summary>
public static class DisruptionCostParts
{
    /// <summary>
    /// One sentence on what drives a strategy's disruption cost: every sizeable part with its sign,
    /// largest first, and why a negative total can happen; null when disruption cost was not
    /// measured or is zero.
    /// </summary>
    /// <param name="strategy">The strategy's results.</param>
    /// <param name="perYear">Multiplies a total over the measured period into a figure per year.</param>
    /// <param name="currency">The scenario's currency code.</param>
    public static string? Explain(StrategyResult strategy, double perYear, string currency)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var total = strategy[Metric.DisruptionCost].Mean * perYear;
        if (double.IsNaN(total) || total == 0)
        {
            return null;
        }

        // Each part with the component it is (null for the change in demand), largest first.
        var parts = CostComponents.All
            .Select(c => (Component: (CostComponent?)c, PerYear: strategy.DisruptionCostParts[(int)c].Mean * perYear))
            .Append((Component: null, PerYear: strategy.DisruptionDemandPart.Mean * perYear))
            .Where(p => double.IsFinite(p.PerYear) && Math.Abs(p.PerYear) >= 0.005 * Math.Max(1, Math.Abs(total)))
            .OrderByDescending(p => Math.Abs(p.PerYear))
            .ToList();

        // At most five parts; "and smaller parts" says when some were left out.
        var shown = string.Join(", ", parts.Take(5).Select(p =>
                $"{(p.Component is { } k ? Phrase(k) : p.PerYear > 0 ? "demand they take away (at price)" : "demand they bring (at price)")} "
                + $"{(p.PerYear > 0 ? "+" : "-")}{Money.Format(Math.Abs(p.PerYear), currency)}"))
            + (parts.Count > 5 ? " and smaller parts" : "");
        var c = CultureInfo.InvariantCulture;
        if (total < 0)
        {
            // Why a disruption can pay: a shock that brings demand, or stock that costs less while drawn down.
            var why = parts.Count > 0 && parts[0] is { Component: null, PerYear: < 0 }
                ? " (the shock brings more orders than the chain loses: the margin on its extra sales outweighs its shortfalls)"
                : parts.Any(p => p is { PerYear: < 0, Component: CostComponent.Capital or CostComponent.InTransitHolding or CostComponent.Storage or CostComponent.Purchase })
                    ? " (stock drawn down during a disruption costs less to carry, and goods not replaced by the period's end are not bought in it)"
                    : "";
            return string.Create(c, $"Disruptions lower the total cost of {strategy.Name} by {Money.Format(-total, currency)} a year: {shown}") + why + ".";
        }

        return string.Create(c, $"Disruptions add {Money.Format(total, currency)} a year to the total cost of {strategy.Name}: {shown}.");
    }

    /// <summary>A component in words, for a sentence ("lost sales", "holding capital").</summary>
    public static string Phrase(CostComponent c) => c switch
    {
        CostComponent.Purchase => "goods used",
        CostComponent.Capital => "capital holding",
        CostComponent.InTransitHolding => "capital in transit",
        CostComponent.Storage => "storage",
        CostComponent.Ordering => "ordering",
        CostComponent.Transport => "transport",
        CostComponent.Expediting => "expediting",
        CostComponent.BackorderPenalty => "backorder penalties",
        CostComponent.LostSales => "lost sales",
        CostComponent.Obsolescence => "write-offs",
        CostComponent.Carbon => "carbon",
        CostComponent.OpenOrders => "orders left open",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>
    /// How to name a once-in-20 figure: "1 year in 20" when a trial measures one year, otherwise
    /// "1 trial in 20" with the trial's length, because a percentile of multi-year totals divided
    /// per year is not the percentile of a single year.
    /// </summary>
    /// <param name="measuredDays">Days measured per trial.</param>
    public static string OneInTwenty(double measuredDays) =>
        Math.Abs(measuredDays - Scenarios.Units.DaysPerYear) < 1 ? "1 year in 20"
        : string.Create(CultureInfo.InvariantCulture, $"1 trial in 20 ({measuredDays / Scenarios.Units.DaysPerYear:0.##}-year trials)");
}
