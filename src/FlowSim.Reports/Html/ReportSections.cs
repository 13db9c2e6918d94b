using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>The sections of an HTML report, each appended to the page in turn.</summary>
internal sealed partial class ReportSections(ReportInput input)
{
    private readonly ExperimentResult _r = input.Result;
    private readonly Scenario _s = input.Result.Scenario;
    private string Currency => _s.Currency;

    /// <summary>Days per trial that are measured; money totals are over these days.</summary>
    private double MeasuredDays => _s.HorizonDays - _s.WarmupDays;

    /// <summary>Multiplies a total over the measured period into a figure per year.</summary>
    private double PerYear => _r.PerYear;

    /// <summary>A total over the measured period as a figure per year.</summary>
    private Statistics Yearly(Statistics total) => total.Times(PerYear);

    private static void Open(StringBuilder h, string id) =>
        h.Append($"<section id=\"{id}\">\n<h2>{HtmlReport.Titles[id]}</h2>\n");

    private static void Close(StringBuilder h) => h.Append("</section>\n");

    private static void Missing(StringBuilder h, string text) => h.Append($"<p class=\"missing\">{text}</p>\n");

    public void Summary(StringBuilder h)
    {
        Open(h, "summary");
        h.Append("<ul class=\"headline\">\n");
        var strategies = _r.Strategies;
        var cheapest = _r.Cheapest;
        var cost = Yearly(cheapest[Metric.TotalCost]);
        if (_r.Rank == RankMeasure.Profit)
        {
            // Ranked by profit: the same order as total cost for strategies facing the same demand.
            var top = _r.Best;
            var profit = Yearly(top[Metric.Profit]);
            h.Append($"<li><strong>{E(top.Name)}</strong> earns the most (ranked by profit): profit {Money(profit.Mean, Currency)} a year "
                + $"(95% CI {Ci(profit, MetricUnit.Money, Currency)})");
            var next = strategies.Where(st => st != top).MaxBy(st => st[Metric.Profit].Mean);
            if (next is not null)
            {
                var d = Yearly(_r.Compare(top.Name, next.Name).ProfitDifference);
                h.Append($", {Money(d.Mean, Currency)} a year more than <strong>{E(next.Name)}</strong>, the next best "
                    + $"(paired difference, 95% CI {Ci(d, MetricUnit.Money, Currency)}){Significance(d)}");
            }

            h.Append(top == cheapest ? "; it is also the cheapest by total cost.</li>\n" : $"; the cheapest by total cost is <strong>{E(cheapest.Name)}</strong>.</li>\n");
        }
        else
        {
            h.Append($"<li><strong>{E(cheapest.Name)}</strong> is the cheapest strategy (ranked by total cost): total cost {Money(cost.Mean, Currency)} a year "
                + $"(95% CI {Ci(cost, MetricUnit.Money, Currency)})");
            var runnerUp = strategies.Where(st => st != cheapest).MinBy(st => st[Metric.TotalCost].Mean);
            if (runnerUp is not null)
            {
                var d = Yearly(_r.Compare(runnerUp.Name, cheapest.Name).TotalCostDifference);
                h.Append($", {Money(d.Mean, Currency)} a year less than <strong>{E(runnerUp.Name)}</strong>, the next cheapest "
                    + $"(paired difference, 95% CI {Ci(d, MetricUnit.Money, Currency)}){Significance(d)}");
            }

            h.Append(".</li>\n");
        }

        var best = strategies.MaxBy(st => st[Metric.FillRate].Mean)!;
        var fill = best[Metric.FillRate];
        h.Append($"<li><strong>{E(best.Name)}</strong> serves best: fill rate {Percent(fill.Mean)} (95% CI {Ci(fill, MetricUnit.Share, Currency)})");
        var second = strategies.Where(st => st != best).MaxBy(st => st[Metric.FillRate].Mean);
        if (second is not null)
        {
            var d = _r.Compare(best.Name, second.Name).FillRateDifference;
            h.Append($", {Points(d.Mean)} above <strong>{E(second.Name)}</strong>, the next best "
                + $"(paired difference, 95% CI {Points(d.Ci95Low)} to {Points(d.Ci95High)}){Significance(d)}");
        }

        h.Append(best == cheapest ? "; it is also the cheapest.</li>\n" : ".</li>\n");
        var tail = cost.Cvar95;
        h.Append($"<li>In the worst 1 in 20 trials ({Days(MeasuredDays)} each), <strong>{E(cheapest.Name)}</strong> costs {Money(tail, Currency)} a year on average (CVaR95), "
            + $"{Percent((tail / cost.Mean) - 1)} above its mean.</li>\n");
        if (_s.Disruptions.IsEmpty)
        {
            h.Append("<li>The scenario has no disruptions.</li>\n");
        }
        else if (input.DisruptionCost is null)
        {
            var count = _s.Disruptions.Length == 1 ? "one disruption; its" : $"{_s.Disruptions.Length} disruptions; their";
            h.Append($"<li>The scenario has {count} cost was not computed in this run.</li>\n");
        }
        else
        {
            foreach (var st in strategies)
            {
                if (input.DisruptionCost.TryGetValue(st.Name, out var dc))
                {
                    h.Append($"<li>Disruptions cost <strong>{E(st.Name)}</strong> {Money(dc.Mean * PerYear, Currency)} a year on average "
                        + $"(95% CI {Money(dc.Ci95Low * PerYear, Currency)} to {Money(dc.Ci95High * PerYear, Currency)}); "
                        + $"{E(DisruptionCostParts.OneInTwenty(MeasuredDays))} they cost {Money(dc.P95 * PerYear, Currency)} a year or more."
                        + (dc.Mean < 0 && DisruptionCostParts.Explain(st, PerYear, Currency) is { } why ? $" {E(why)}" : "") + "</li>\n");
                }
            }
        }

        h.Append("</ul>\n<p class=\"note\">Differences are paired: every strategy meets the same demand, lead times and disruptions in the same trial, "
            + "so trial-by-trial differences are compared. Confidence intervals are Student t intervals of the mean. "
            + $"Money is per year: each trial's total over the measured {Days(MeasuredDays)} times 365 / {Number(MeasuredDays)}.</p>\n");
        Close(h);
    }

    private static string Significance(Statistics d) =>
        d.N > 1 && (d.Ci95Low > 0 || d.Ci95High < 0) ? "" : "; the difference is within the noise of this many trials";

    private static string Points(double share) =>
        (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " points";

    /// <summary>A table of already-escaped cells; a header of empty cells is left out, and its table reads as label: value.</summary>
    private static void Table(StringBuilder h, string[] header, IEnumerable<string[]> rows)
    {
        if (header.All(string.IsNullOrEmpty))
        {
            h.Append("<table class=\"settings\">\n<tbody>\n");
        }
        else
        {
            h.Append("<table>\n<thead><tr>").AppendJoin("", header.Select(c => $"<th>{c}</th>")).Append("</tr></thead>\n<tbody>\n");
        }

        foreach (var row in rows)
        {
            h.Append("<tr>").AppendJoin("", row.Select((c, i) => i == 0 || c.Length > 60 ? $"<td class=\"text\">{c}</td>" : $"<td>{c}</td>")).Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
    }
}
