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
        var n = result.Trials;
        var cost = new double[n];
        var fill = new double[n];
        var profit = new double[n];
        var aCheaper = 0;
        for (var k = 0; k < n; k++)
        {
            cost[k] = a.Outcome(k, Metric.TotalCost) - b.Outcome(k, Metric.TotalCost);
            fill[k] = a.Outcome(k, Metric.FillRate) - b.Outcome(k, Metric.FillRate);
            profit[k] = a.Outcome(k, Metric.Profit) - b.Outcome(k, Metric.Profit);
            aCheaper += cost[k] < 0 ? 1 : 0;
        }

        return new PairedComparison(a.Name, b.Name, Statistics.Of(cost), Statistics.Of(fill), (double)aCheaper / n, result.PerYear, Statistics.Of(profit));
    }

    public static ImmutableArray<ResilienceReturn> ResilienceReturns(ExperimentResult result)
    {
        if (result.Scenario.Disruptions.Length == 0 || result.Strategies.Length < 2)
        {
            return [];
        }

        var leanest = result.Strategies.MinBy(s => s[Metric.AvgInventoryValue].Mean)!;
        var n = result.Trials;
        var perYear = result.PerYear;
        var returns = ImmutableArray.CreateBuilder<ResilienceReturn>();
        foreach (var s in result.Strategies)
        {
            if (ReferenceEquals(s, leanest))
            {
                continue;
            }

            var carrying = new double[n];
            var avoided = new double[n];
            var service = new double[n];
            var other = new double[n];
            var net = new double[n];
            var extraValue = new double[n];
            for (var k = 0; k < n; k++)
            {
                // Every component of the paired difference, split into the run without disruptions
                // (an ordinary year) and what disruptions add: the parts add up to the verdict.
                double carry = 0, serve = 0, rest = 0;
                foreach (var c in CostComponents.All)
                {
                    var saved = Everyday(leanest, k, c) - Everyday(s, k, c);
                    switch (c)
                    {
                        case CostComponent.Capital or CostComponent.Storage or CostComponent.Obsolescence:
                            carry -= saved;
                            break;
                        case CostComponent.LostSales or CostComponent.BackorderPenalty or CostComponent.OpenOrders:
                            serve += saved;
                            break;
                        default:
                            rest += saved;
                            break;
                    }
                }

                carrying[k] = carry * perYear;
                service[k] = serve * perYear;
                other[k] = rest * perYear;
                avoided[k] = (leanest.Outcome(k, Metric.DisruptionCost) - s.Outcome(k, Metric.DisruptionCost)) * perYear;
                net[k] = (leanest.Outcome(k, Metric.TotalCost) - s.Outcome(k, Metric.TotalCost)) * perYear;
                extraValue[k] = s.Outcome(k, Metric.AvgInventoryValue) - leanest.Outcome(k, Metric.AvgInventoryValue);
            }

            returns.Add(new ResilienceReturn(s.Name, leanest.Name, Statistics.Of(carrying), Statistics.Of(avoided), Statistics.Of(net), Statistics.Of(extraValue),
                Statistics.Of(service), Statistics.Of(other)));
        }

        return returns.ToImmutable();
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
            var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, stats.N - 1, 0.975);
            factor = Math.Max(factor, Math.Pow(stats.HalfWidth / allowed * 1.959963984540054 / t, 2));
        }

        return met;
    }
}
