using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>The page for the board: the decision in plain words on one screen, and the words the page uses.</summary>
internal sealed partial class ReportSections
{
    public void Decision(StringBuilder h)
    {
        Open(h, "decision");
        var best = _r.Best;
        var byProfit = _r.Rank == RankMeasure.Profit;
        var runnerUp = RunnerUp();
        h.Append($"<p class=\"verdict\">Use <strong>{E(best.Name)}</strong>{(runnerUp is null ? "" : byProfit ? ": it earns the most." : ": it costs the least.")}</p>\n<ul class=\"headline\">\n");
        if (runnerUp is null)
        {
            h.Append("<li>It is the only strategy in this scenario: there is nothing to choose between.</li>\n");
        }
        else
        {
            var (mean, low, high) = YearlyGain(best.Name, runnerUp.Name);
            var range = $"95% range {Money(low, Currency)} to {Money(high, Currency)} a year";
            h.Append(byProfit
                ? $"<li>It earns <strong>{Money(mean, Currency)} a year more</strong> than <strong>{E(runnerUp.Name)}</strong>, the runner-up ({range})."
                : $"<li>It costs <strong>{Money(mean, Currency)} a year less</strong> than <strong>{E(runnerUp.Name)}</strong>, the runner-up ({range}).");
            h.Append(low > 0 ? "</li>\n"
                : $" The range includes zero: {_r.Trials:N0} trials cannot tell the two apart, so choose between them on other grounds, or run more trials.</li>\n");
        }

        var profit = best[Metric.Profit].Times(_r.PerYear);
        var cost = best[Metric.TotalCost].Times(_r.PerYear);
        h.Append($"<li>Profit: <strong>{Money(profit.Mean, Currency)} a year</strong> (95% range {Ci(profit, MetricUnit.Money, Currency)}); "
            + $"total cost of flow {Money(cost.Mean, Currency)} a year.</li>\n");
        var fill = best[Metric.FillRate].Mean;
        h.Append($"<li>It ships {Percent(fill)} of what customers ask for straight from stock (fill rate)"
            + (runnerUp is null ? "" : $", against {Percent(runnerUp[Metric.FillRate].Mean)} for {E(runnerUp.Name)}")
            + (Promised ? $"; it delivers {Percent(best[Metric.OnTimeDelivery].Mean)} by the date promised (on-time delivery)"
                + (runnerUp is null ? "" : $", against {Percent(runnerUp[Metric.OnTimeDelivery].Mean)} for {E(runnerUp.Name)}") : "")
            + ".</li>\n");
        var oneInTwenty = E(DisruptionCostParts.OneInTwenty(MeasuredDays));
        h.Append($"<li>A bad year: in {oneInTwenty}, "
            + (byProfit ? $"its profit falls to <strong>{Money(profit.P5, Currency)} a year</strong> or less, and " : "")
            + $"its total cost reaches {(byProfit ? "" : "<strong>")}{Money(cost.P95, Currency)} a year{(byProfit ? "" : "</strong>")} or more (VaR95), "
            + $"against {Money(cost.Mean, Currency)} on average; the worst of those average {Money(cost.Cvar95, Currency)} a year (CVaR95).</li>\n");
        if (input.DisruptionCost is { } disruption && disruption.TryGetValue(best.Name, out var dc))
        {
            var yearly = dc.Times(_r.PerYear);
            h.Append(yearly.Mean >= 0
                ? $"<li>Disruptions cost it {Money(yearly.Mean, Currency)} a year on average; in {oneInTwenty}, {Money(yearly.P95, Currency)} a year or more.</li>\n"
                : $"<li>Disruptions add nothing to its cost: on average they lower it by {Money(-yearly.Mean, Currency)} a year (the disruption cost section says why).</li>\n");
        }

        h.Append("</ul>\n");
        DecisionChart(h, best, byProfit);
        h.Append("<p class=\"note\">Every figure comes from simulating the same demand, lead times and disruptions for every strategy; "
            + "the details, and how they were measured, follow the list of words below.</p>\n");
        Close(h);
    }

    /// <summary>The strategy second on the measure ranked by; null with one strategy.</summary>
    private StrategyResult? RunnerUp()
    {
        var best = _r.Best;
        var others = _r.Strategies.Where(st => st != best);
        return _r.Rank == RankMeasure.Profit ? others.MaxBy(st => st[Metric.Profit].Mean) : others.MinBy(st => st[Metric.TotalCost].Mean);
    }

    /// <summary>
    /// What <paramref name="best"/> gains over <paramref name="other"/> per year on the measure ranked by (more profit, or
    /// less total cost), from the experiment's paired comparison: mean and 95% confidence interval.
    /// </summary>
    private (double Mean, double Low, double High) YearlyGain(string best, string other)
    {
        var pair = _r.Comparisons.First(c => (c.A == best && c.B == other) || (c.A == other && c.B == best));

        // Profit difference A - B is a gain for A; total cost difference A - B is a gain for B.
        var d = _r.Rank == RankMeasure.Profit ? pair.ProfitDifference : pair.TotalCostDifference;
        var forA = _r.Rank == RankMeasure.Profit;
        var sign = (pair.A == best) == forA ? 1 : -1;
        var (low, high) = sign > 0 ? (d.Ci95Low, d.Ci95High) : (-d.Ci95High, -d.Ci95Low);
        return (sign * d.Mean * pair.PerYear, low * pair.PerYear, high * pair.PerYear);
    }

    /// <summary>
    /// The one chart of the decision: what the recommended strategy earns (or saves) per year against each other strategy,
    /// from the paired comparisons, with the 95% range: the size of the decision and how sure it is.
    /// </summary>
    private void DecisionChart(StringBuilder h, StrategyResult best, bool byProfit)
    {
        var others = _r.Strategies.Where(st => st != best).Select(st => (Name: st.Name, Gain: YearlyGain(best.Name, st.Name)))
            .OrderBy(o => o.Gain.Mean).ToArray();
        if (others.Length == 0)
        {
            return;
        }

        var names = others.Select(o => $"against {Plotly.Label(o.Name)}").ToArray();
        var traces = new List<Trace>
        {
            Plotly.Trace("bar", ("orientation", "h"), ("y", names), ("x", others.Select(o => Plot(o.Gain.Mean)).ToArray()),
                ("name", byProfit ? "More profit per year" : "Less total cost per year"),
                ("text", others.Select(o => MetricText.Format(o.Gain.Mean, MetricUnit.Money, Currency)).ToArray()), ("textposition", "inside"),
                ("insidetextanchor", "middle"), ("textfont", Plotly.Obj(("color", "#ffffff"), ("size", 14))),
                ("marker", Plotly.Obj(("color", others.Select(o => o.Gain.Low > 0 ? "#1d4ed8" : "#9ca3af").ToArray()))),
                ("error_x", Plotly.Obj(("type", "data"), ("symmetric", false), ("visible", true), ("color", "#111827"), ("thickness", 2),
                    ("array", others.Select(o => Plot(o.Gain.High - o.Gain.Mean)).ToArray()), ("arrayminus", others.Select(o => Plot(o.Gain.Mean - o.Gain.Low)).ToArray())))),
        };
        var title = $"{Plotly.Label(best.Name)} {(byProfit ? "earns more" : "costs less")} per year, with its 95% range";
        h.Append(Plotly.Render(traces, 90 + (60 * others.Length),
            ("xaxis", Axis(MoneyTitle(title))), ("yaxis", Plotly.Obj(("automargin", true))), ("showlegend", false),
            ("margin", Plotly.Obj(("l", 80), ("r", 30), ("t", 20), ("b", 50)))));
        h.Append('\n');
    }

    /// <summary>Some strategy promises its customers a date (demand-responsive), so on-time delivery differs from the fill rate.</summary>
    private bool Promised => _r.Strategies.Any(st => !st[Metric.OnTimeDelivery].Mean.Equals(st[Metric.FillRate].Mean));

    public void Glossary(StringBuilder h)
    {
        Open(h, "glossary");
        var trials = _r.Trials.ToString("N0", CultureInfo.InvariantCulture);
        (string Term, string Meaning)[] words =
        [
            ("Trial", $"One simulated run of the whole period ({Days(MeasuredDays)} measured), with its own random demand, lead times and disruptions. "
                + $"The page sums up {trials} trials; more trials give narrower ranges."),
            ("Per year", "Money and quantities that add up over time (costs, profit, units sold) are scaled from the measured period to 365 days. "
                + "Averages and ratios (fill rate, average stock) are shown as they are."),
            ("95% confidence interval (95% range)", "Where the true average lies, given the trials run: an interval drawn this way holds it 19 times in 20. "
                + "It is not the spread of single years; VaR95 is."),
            ("Paired comparison", "Every strategy meets the same demand, lead times and disruptions in the same trial, so two strategies are compared "
                + "trial by trial. Luck then cancels out, and a difference shows with far fewer trials than comparing two averages."),
            ("Fill rate", "The share of the units customers ask for that are shipped at once from stock, without waiting."),
            .. (Promised ? [("On-time delivery", "The share of the units delivered by the date promised to the customer. Customers of a "
                + "demand-responsive (make-to-order) item wait by design for a promised date; elsewhere the promise is the day they ask, "
                + "and on-time delivery is the fill rate.")] : Array.Empty<(string, string)>()),
            ("VaR95 (value at risk)", "The cost reached or exceeded in 1 trial in 20 (the 95th percentile): the bad-year figure."),
            ("CVaR95 (conditional value at risk)", "The average cost of the worst 1 trial in 20: how bad the bad years are on average."),
        ];
        h.Append("<dl class=\"glossary\">\n");
        foreach (var (term, meaning) in words)
        {
            h.Append($"<dt>{E(term)}</dt><dd>{E(meaning)}</dd>\n");
        }

        h.Append("</dl>\n");
        Close(h);
    }
}
