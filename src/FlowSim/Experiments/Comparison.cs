using System.Globalization;
using FlowSim.Outcomes;

namespace FlowSim.Experiments;

/// <summary>Which of two strategies costs less, as far as the trials can tell.</summary>
public enum CostVerdict
{
    /// <summary>The 95% CI of the paired difference contains zero.</summary>
    NotDistinguishable,

    /// <summary>The first strategy is cheaper: the whole CI of A - B is below zero.</summary>
    ACheaper,

    /// <summary>The second strategy is cheaper: the whole CI of A - B is above zero.</summary>
    BCheaper,
}

/// <summary>Which of two strategies does better on the measure ranked by, as far as the trials can tell.</summary>
public enum PairVerdict
{
    /// <summary>The 95% CI of the paired difference contains zero.</summary>
    NotDistinguishable,

    /// <summary>The first strategy does better: the whole CI of the difference favours A.</summary>
    ABetter,

    /// <summary>The second strategy does better: the whole CI of the difference favours B.</summary>
    BBetter,
}

/// <summary>
/// The measure strategies are ranked by. For strategies that face the same demand (every strategy
/// of a run does: common random numbers) the two give the same order and the same intervals, since
/// total cost is the revenue of the units asked for minus profit; they part only where demand or
/// prices differ, as between the points of a sweep.
/// </summary>
public enum RankMeasure
{
    /// <summary>Highest profit first: the default for a business that sells.</summary>
    Profit,

    /// <summary>Lowest total cost first: for chains whose items carry no price.</summary>
    TotalCost,
}

/// <summary>Names and defaults of the ranking measures.</summary>
public static class RankMeasures
{
    /// <summary>The name used by <c>--rank</c> and in JSON (a contract).</summary>
    public static string Key(this RankMeasure r) => r == RankMeasure.Profit ? "profit" : "total_cost";

    /// <summary>The metric the measure reads.</summary>
    public static Metric Metric(this RankMeasure r) => r == RankMeasure.Profit ? Outcomes.Metric.Profit : Outcomes.Metric.TotalCost;

    /// <summary>Reads <c>profit</c> or <c>total_cost</c> (also <c>total-cost</c>).</summary>
    public static bool TryParse(string? text, out RankMeasure rank)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "profit":
                rank = RankMeasure.Profit;
                return true;
            case "total_cost" or "total-cost":
                rank = RankMeasure.TotalCost;
                return true;
            default:
                rank = default;
                return false;
        }
    }

    /// <summary>Profit when some item has a price (the business sells), total cost otherwise.</summary>
    public static RankMeasure DefaultFor(Scenarios.Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Items.Any(i => i.Price > 0) ? RankMeasure.Profit : RankMeasure.TotalCost;
    }
}

/// <summary>
/// Two strategies compared trial by trial. Both saw the same demand, lead times and disruptions
/// in every trial (common random numbers), so the spread of the per-trial difference is much
/// smaller than the spread of either strategy's own results, and so is its confidence interval.
/// </summary>
/// <param name="A">The first strategy.</param>
/// <param name="B">The second strategy.</param>
/// <param name="TotalCostDifference">Statistics of A's total cost minus B's, per trial (over the measured period).</param>
/// <param name="FillRateDifference">Statistics of A's fill rate minus B's, per trial.</param>
/// <param name="ACheaperShare">Share of trials in which A's total cost was lower than B's.</param>
/// <param name="PerYear">Multiplies a total over the measured period into a figure per year.</param>
/// <param name="ProfitDifference">Statistics of A's profit minus B's, per trial (over the measured period).</param>
public sealed record PairedComparison(string A, string B, Statistics TotalCostDifference, Statistics FillRateDifference, double ACheaperShare, double PerYear,
    Statistics ProfitDifference)
{
    /// <summary>The verdict on a measure: which strategy does better, if the interval says so.</summary>
    public PairVerdict VerdictOn(RankMeasure measure)
    {
        // A better means a higher profit or a lower cost.
        if (measure == RankMeasure.Profit)
        {
            return ProfitDifference switch
            {
                { Ci95Low: > 0 } => PairVerdict.ABetter,
                { Ci95High: < 0 } => PairVerdict.BBetter,
                _ => PairVerdict.NotDistinguishable,
            };
        }

        return Verdict switch
        {
            CostVerdict.ACheaper => PairVerdict.ABetter,
            CostVerdict.BCheaper => PairVerdict.BBetter,
            _ => PairVerdict.NotDistinguishable,
        };
    }

    /// <summary>The verdict on <paramref name="measure"/> in plain words, with the yearly difference and its 95% CI.</summary>
    /// <param name="currency">The scenario's currency code.</param>
    /// <param name="measure">The measure ranked by.</param>
    public string Describe(string currency, RankMeasure measure)
    {
        if (measure == RankMeasure.TotalCost)
        {
            return Describe(currency);
        }

        var d = ProfitDifference;
        var c = CultureInfo.InvariantCulture;
        return VerdictOn(measure) switch
        {
            PairVerdict.ABetter => string.Create(c,
                $"{A} earns {Money.Format(d.Mean * PerYear, currency)} a year more than {B}, 95% CI [{Money.Format(d.Ci95Low * PerYear, currency)}, {Money.Format(d.Ci95High * PerYear, currency)}]"),
            PairVerdict.BBetter => string.Create(c,
                $"{B} earns {Money.Format(-d.Mean * PerYear, currency)} a year more than {A}, 95% CI [{Money.Format(-d.Ci95High * PerYear, currency)}, {Money.Format(-d.Ci95Low * PerYear, currency)}]"),
            _ => string.Create(c, $"{A} and {B} are not distinguishable on profit at {d.N:N0} trial{(d.N == 1 ? "" : "s")}"),
        };
    }

    /// <summary>The verdict on total cost.</summary>
    public CostVerdict Verdict => TotalCostDifference switch
    {
        { Ci95High: < 0 } => CostVerdict.ACheaper,
        { Ci95Low: > 0 } => CostVerdict.BCheaper,
        _ => CostVerdict.NotDistinguishable,
    };

    /// <summary>The verdict in plain words, with the yearly difference and its 95% CI.</summary>
    /// <param name="currency">The scenario's currency code.</param>
    public string Describe(string currency)
    {
        var d = TotalCostDifference;
        var c = CultureInfo.InvariantCulture;
        return Verdict switch
        {
            CostVerdict.ACheaper => string.Create(c,
                $"{A} is cheaper than {B} by {Money.Format(-d.Mean * PerYear, currency)} a year, 95% CI [{Money.Format(-d.Ci95High * PerYear, currency)}, {Money.Format(-d.Ci95Low * PerYear, currency)}]"),
            CostVerdict.BCheaper => string.Create(c,
                $"{B} is cheaper than {A} by {Money.Format(d.Mean * PerYear, currency)} a year, 95% CI [{Money.Format(d.Ci95Low * PerYear, currency)}, {Money.Format(d.Ci95High * PerYear, currency)}]"),
            _ => string.Create(c, $"{A} and {B} are not distinguishable on total cost at {d.N:N0} trial{(d.N == 1 ? "" : "s")}"),
        };
    }
}

/// <summary>
/// What a strategy's extra stock buys against the leanest strategy (the one with the least
/// average inventory value), per year, compared trial by trial. Its parts add up to the whole
/// paired difference in total cost, so the net benefit is the verdict's difference: what the extra
/// stock costs to carry in an ordinary year, what it saves in ordinary service, what else it
/// changes in ordinary years, and the disruption cost it avoids.
/// </summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Leanest">The leanest strategy it is measured against.</param>
/// <param name="ExtraCarryingCostPerYear">Holding (capital and storage) plus obsolescence cost without disruptions, this strategy minus the leanest, per year.</param>
/// <param name="DisruptionCostAvoidedPerYear">The leanest strategy's disruption cost minus this one's, per year.</param>
/// <param name="NetBenefitPerYear">The leanest strategy's total cost minus this one's, per year: every part together.</param>
/// <param name="ExtraInventoryValue">Average inventory value, this strategy minus the leanest: the cash the buffer ties up.</param>
/// <param name="EverydayServiceGainPerYear">Without disruptions: the leanest strategy's lost sales, backorder penalties and change in open orders minus this one's, per year.</param>
/// <param name="EverydayOtherSavingsPerYear">Without disruptions: every other part of total cost (goods used, ordering, transport, expediting, carbon), the leanest minus this one, per year.</param>
public sealed record ResilienceReturn(string Strategy, string Leanest, Statistics ExtraCarryingCostPerYear, Statistics DisruptionCostAvoidedPerYear,
    Statistics NetBenefitPerYear, Statistics ExtraInventoryValue, Statistics EverydayServiceGainPerYear, Statistics EverydayOtherSavingsPerYear)
{
    /// <summary>
    /// Months of net benefit that pay back the cash the extra stock ties up: 12 x extra inventory
    /// value / net benefit per year. Infinite when there is no net benefit; zero when no extra
    /// cash is tied up.
    /// </summary>
    public double PaybackMonths => double.IsNaN(NetBenefitPerYear.Mean) ? double.NaN
        : NetBenefitPerYear.Mean > 0 ? 12 * Math.Max(0, ExtraInventoryValue.Mean) / NetBenefitPerYear.Mean
        : double.PositiveInfinity;
}

/// <summary>Money in a scenario's currency, as the console and reports show it.</summary>
public static class Money
{
    /// <summary>Formats an amount: <c>EUR 12,300</c>, with cents below 100.</summary>
    public static string Format(double amount, string currency)
    {
        var number = amount.ToString(Math.Abs(amount) >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(currency) ? number : $"{currency} {number}";
    }
}
