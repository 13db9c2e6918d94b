using System.Collections.Immutable;
using FlowSim.Outcomes;

namespace FlowSim.Experiments;

/// <summary>Paired comparisons, resilience return and the precision rule, from trial outcomes.</summary>
internal static class Finance
{
    public static ImmutableArray<PairedComparison> Compare(ExperimentResult result)
    {
        var pairs = ImmutableArray.CreateBuilder<PairedComparison>();
        for (var a = 0; a < result.Strategies.Length; a++)
        {
            for (var b = a + 1; b < result.Strategies.Length; b++)
            {
                pairs.Add(Pair(result, result.Strategies[a], result.Strategies[b]));
            }
        }

        return pairs.ToImmutable();
    }

    public static PairedComparison Pair(ExperimentResult result, StrategyResult a, StrategyResult b)
    {
        var cost = PairedTrials.Differences(a, b, Metric.TotalCost);
        var aCheaper = 0;
        foreach (var c in cost)
        {
            aCheaper += c < 0 ? 1 : 0;
        }

        return new PairedComparison(a.Name, b.Name, Statistics.Of(cost), PairedTrials.Difference(a, b, Metric.FillRate), (double)aCheaper / result.Trials, result.PerYear,
            PairedTrials.Difference(a, b, Metric.Profit));
    }

    public static ImmutableArray<ResilienceReturn> ResilienceReturns(ExperimentResult result)
    {
        if (result.Scenario.Disruptions.Length == 0 || result.Strategies.Length < 2)
        {
            return [];
        }

        var leanest = result.Strategies.MinBy(s => s[Metric.AvgInventoryValue].Mean)!;
        var perYear = result.PerYear;
        var returns = ImmutableArray.CreateBuilder<ResilienceReturn>();
        foreach (var s in result.Strategies)
        {
            if (ReferenceEquals(s, leanest))
            {
                continue;
            }

            // Every component of the paired difference, split into the run without disruptions
            // (an ordinary year) and what disruptions add: the parts add up to the verdict.
            var carrying = PairedTrials.Difference(leanest, s, k => Saved(leanest, s, k, CostGroup.Carrying), perYear);
            var service = PairedTrials.Difference(leanest, s, k => Saved(leanest, s, k, CostGroup.Service), perYear);
            var other = PairedTrials.Difference(leanest, s, k => Saved(leanest, s, k, CostGroup.Other), perYear);
            var avoided = PairedTrials.Difference(leanest, s, Metric.DisruptionCost, perYear);
            var net = PairedTrials.Difference(leanest, s, Metric.TotalCost, perYear);
            var extraValue = PairedTrials.Difference(s, leanest, Metric.AvgInventoryValue);
            returns.Add(new ResilienceReturn(s.Name, leanest.Name, carrying, avoided, net, extraValue, service, other));
        }

        return returns.ToImmutable();
    }

    private enum CostGroup
    {
        Carrying,
        Service,
        Other,
    }

    private static CostGroup GroupOf(CostComponent c) => c switch
    {
        CostComponent.Capital or CostComponent.InTransitHolding or CostComponent.Storage or CostComponent.Obsolescence => CostGroup.Carrying,
        CostComponent.LostSales or CostComponent.BackorderPenalty or CostComponent.OpenOrders => CostGroup.Service,
        _ => CostGroup.Other,
    };

    // What the stronger strategy saves on one group of components in an ordinary year's run of one
    // trial (carrying costs it pays: negative), summed in component order.
    private static double Saved(StrategyResult leanest, StrategyResult s, int trial, CostGroup group)
    {
        double sum = 0;
        foreach (var c in CostComponents.All)
        {
            if (GroupOf(c) != group)
            {
                continue;
            }

            var saved = Everyday(leanest, trial, c) - Everyday(s, trial, c);
            if (group == CostGroup.Carrying)
            {
                sum -= saved;
            }
            else
            {
                sum += saved;
            }
        }

        return sum;
    }

    // A component in the same trial run without disruptions.
    private static double Everyday(StrategyResult s, int trial, CostComponent c) => c.ValueIn(m => s.Outcome(trial, m)) - s.DisruptionPart(trial, c);

    /// <summary>
    /// True when every strategy's 95% CI half-width of mean total cost is within
    /// <paramref name="precision"/> of the mean; <paramref name="factor"/> is how many times the
    /// trials so far the worst strategy needs (the CI narrows with the square root of n).
    /// </summary>
    public static bool PrecisionReached(TrialRunner runner, double precision, out double factor)
    {
        factor = 1;
        var met = true;
        for (var s = 0; s < runner.Strategies; s++)
        {
            var stats = Statistics.Of(runner.TotalCosts(s));
            var allowed = precision * Math.Abs(stats.Mean);
            if (stats.HalfWidth <= allowed)
            {
                continue;
            }

            met = false;
            if (stats.N < 2 || !(allowed > 0))
            {
                // No spread measured yet, or nothing to be a share of: one more batch tells more.
                factor = Math.Max(factor, 2);
                continue;
            }

            // The interval narrows with the square root of n, and its t quantile falls towards the
            // normal one as n grows: plan with the normal quantile so a small first batch does not overshoot.
            var t = Statistics.StudentTQuantile(0.975, stats.N - 1);
            factor = Math.Max(factor, Math.Pow(stats.HalfWidth / allowed * Statistics.NormalQuantile975 / t, 2));
        }

        return met;
    }
}
