using System.Globalization;

namespace FlowSim.Experiments;

/// <summary>
/// What disruption cost is made of: each cost component with disruptions minus without, on the
/// same trials, and a sentence a reader can check against the parts.
/// </summary>
public static class DisruptionCostParts
{
    /// <summary>
    /// One sentence on what drives a strategy's disruption cost: the parts that add to it and, when
    /// some lower it, those; null when disruption cost was not measured or is zero.
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

        var parts = CostComponents.All
            .Select(c => (Component: c, PerYear: strategy.DisruptionCostParts[(int)c].Mean * perYear))
            .Where(p => double.IsFinite(p.PerYear) && Math.Abs(p.PerYear) >= 0.005 * Math.Max(1, Math.Abs(total)))
            .ToList();
        var up = parts.Where(p => p.PerYear > 0).OrderByDescending(p => p.PerYear).ToList();
        var down = parts.Where(p => p.PerYear < 0).OrderBy(p => p.PerYear).ToList();

        // The three largest each way; "mainly" says when smaller parts were left out.
        string List(List<(CostComponent Component, double PerYear)> xs) =>
            string.Join(", ", xs.Take(3).Select(p => $"{Phrase(p.Component)} ({Money.Format(Math.Abs(p.PerYear), currency)})"));
        string Mainly(List<(CostComponent Component, double PerYear)> xs) => xs.Count > 3 ? "mainly " : "";

        var c = CultureInfo.InvariantCulture;
        if (total < 0)
        {
            return string.Create(c, $"Disruptions lower the total cost of {strategy.Name} by {Money.Format(-total, currency)} a year: ")
                + (down.Count > 0 ? $"{Mainly(down)}savings on {List(down)}" : "small savings")
                + (up.Count > 0 ? $" outweigh {Mainly(up)}extra {List(up)}" : "")
                + (down.Any(p => p.Component is CostComponent.Capital or CostComponent.Storage or CostComponent.Purchase)
                    ? " (stock drawn down during a disruption costs less to carry, and goods not replaced by the period's end are not bought in it)" : "")
                + ".";
        }

        return string.Create(c, $"Disruptions add {Money.Format(total, currency)} a year to the total cost of {strategy.Name}: ")
            + (up.Count > 0 ? $"{Mainly(up)}extra {List(up)}" : "small extra costs")
            + (down.Count > 0 ? $", partly offset {Mainly(down)}by savings on {List(down)}" : "")
            + ".";
    }

    /// <summary>A component in words, for a sentence ("lost sales", "holding capital").</summary>
    public static string Phrase(CostComponent c) => c switch
    {
        CostComponent.Purchase => "goods used",
        CostComponent.Capital => "capital holding",
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
