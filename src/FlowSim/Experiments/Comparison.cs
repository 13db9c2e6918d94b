using System.Globalization;

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
public sealed record PairedComparison(string A, string B, Statistics TotalCostDifference, Statistics FillRateDifference, double ACheaperShare, double PerYear)
{
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
/// average inventory value): its extra carrying cost against the disruption cost it avoids, per
/// year, compared trial by trial.
/// </summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Leanest">The leanest strategy it is measured against.</param>
/// <param name="ExtraCarryingCostPerYear">Holding (capital and storage) plus obsolescence cost, this strategy minus the leanest, per year.</param>
/// <param name="DisruptionCostAvoidedPerYear">The leanest strategy's disruption cost minus this one's, per year.</param>
/// <param name="NetBenefitPerYear">Disruption cost avoided minus extra carrying cost, per year.</param>
/// <param name="ExtraInventoryValue">Average inventory value, this strategy minus the leanest: the cash the buffer ties up.</param>
public sealed record ResilienceReturn(string Strategy, string Leanest, Statistics ExtraCarryingCostPerYear, Statistics DisruptionCostAvoidedPerYear,
    Statistics NetBenefitPerYear, Statistics ExtraInventoryValue)
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
