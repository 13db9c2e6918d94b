using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>The sections of an HTML report, each appended to the page in turn.</summary>
internal sealed class ReportSections(ReportInput input)
{
    private readonly ExperimentResult _r = input.Result;
    private readonly Scenario _s = input.Result.Scenario;
    private string Currency => _s.Currency;

    /// <summary>Days per trial that are measured; money totals are over these days.</summary>
    private double MeasuredDays => _s.HorizonDays - _s.WarmupDays;

    private double PerYear => 365 / MeasuredDays;


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
        var cost = cheapest[Metric.TotalCost];
        if (_r.Rank == RankMeasure.Profit)
        {
            // Ranked by profit: the same order as total cost for strategies facing the same demand.
            var top = _r.Best;
            var profit = top[Metric.Profit];
            h.Append($"<li><strong>{E(top.Name)}</strong> earns the most (ranked by profit): profit {Money(profit.Mean, Currency)} per trial "
                + $"(95% CI {Ci(profit, MetricUnit.Money, Currency)}) over the measured {Days(MeasuredDays)}");
            var next = strategies.Where(st => st != top).MaxBy(st => st[Metric.Profit].Mean);
            if (next is not null)
            {
                var d = _r.Compare(top.Name, next.Name).ProfitDifference;
                h.Append($", {Money(d.Mean, Currency)} more than <strong>{E(next.Name)}</strong>, the next best "
                    + $"(paired difference, 95% CI {Ci(d, MetricUnit.Money, Currency)}){Significance(d)}");
            }

            h.Append(top == cheapest ? "; it is also the cheapest by total cost.</li>\n" : $"; the cheapest by total cost is <strong>{E(cheapest.Name)}</strong>.</li>\n");
        }
        else
        {
            h.Append($"<li><strong>{E(cheapest.Name)}</strong> is the cheapest strategy (ranked by total cost): total cost {Money(cost.Mean, Currency)} per trial "
                + $"(95% CI {Ci(cost, MetricUnit.Money, Currency)}) over the measured {Days(MeasuredDays)}");
            var runnerUp = strategies.Where(st => st != cheapest).MinBy(st => st[Metric.TotalCost].Mean);
            if (runnerUp is not null)
            {
                var d = _r.Compare(runnerUp.Name, cheapest.Name).TotalCostDifference;
                h.Append($", {Money(d.Mean, Currency)} less than <strong>{E(runnerUp.Name)}</strong>, the next cheapest "
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
        var tail = cheapest[Metric.TotalCost].Cvar95;
        h.Append($"<li>In the worst 1 in 20 trials ({Days(MeasuredDays)} each), <strong>{E(cheapest.Name)}</strong> costs {Money(tail, Currency)} on average (CVaR95), "
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
            + "so trial-by-trial differences are compared. Confidence intervals are Student t intervals of the mean.</p>\n");
        Close(h);
    }

    private static string Significance(Statistics d) =>
        d.N > 1 && (d.Ci95Low > 0 || d.Ci95High < 0) ? "" : "; the difference is within the noise of this many trials";

    private static string Points(double share) =>
        (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " points";

    public void CostDistribution(StringBuilder h)
    {
        Open(h, "cost-distribution");
        h.Append("<p>Total cost per trial, one violin per strategy, with the mean (◆), the value at risk VaR95 (▲, the 95th percentile) "
            + "and CVaR95 (✕, the mean of the worst 5% of trials).</p>\n");
        var traces = new List<Trace>();
        var names = _r.Strategies.Select(st => Plotly.Label(st.Name)).ToArray();
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var st = _r.Strategies[k];
            var values = st.Values(Metric.TotalCost).Select(Plot).ToArray();
            traces.Add(Plotly.Trace("violin",
                ("x", Enumerable.Repeat(names[k], values.Length).ToArray()), ("y", values), ("name", names[k]),
                ("box", Plotly.Obj(("visible", true))), ("points", false), ("line", Plotly.Obj(("color", Plotly.Colour(k)))),
                ("fillcolor", Plotly.Colour(k, 0.35)), ("showlegend", false), ("hoverinfo", "y")));
        }

        traces.Add(Marker(names, _r.Strategies.Select(st => st[Metric.TotalCost].Mean), "Mean", "diamond"));
        traces.Add(Marker(names, _r.Strategies.Select(st => st[Metric.TotalCost].P95), "VaR95", "triangle-up"));
        traces.Add(Marker(names, _r.Strategies.Select(st => st[Metric.TotalCost].Cvar95), "CVaR95", "x"));
        h.Append(Plotly.Render(traces, 460, ("yaxis", Axis(MoneyTitle("Total cost per trial"))), ("violinmode", "overlay"),
            ("legend", Plotly.Obj(("orientation", "h"), ("y", -0.12)))));
        h.Append('\n');
        var rows = _r.Strategies.Select(st =>
        {
            var v = st[Metric.TotalCost];
            return new[] { E(st.Name), Money(v.Mean, Currency), Money(v.P5, Currency), Money(v.P50, Currency), Money(v.P95, Currency),
                Money(v.Cvar95, Currency) };
        });
        Table(h, ["Strategy", "Mean", "P5", "Median", "VaR95", "CVaR95"], rows);
        Close(h);
    }

    private static Trace Marker(string[] names, IEnumerable<double> values, string name, string symbol) =>
        Plotly.Trace("scatter", ("x", names), ("y", values.Select(Plot).ToArray()), ("mode", "markers"), ("name", name),
            ("marker", Plotly.Obj(("symbol", symbol), ("size", 11), ("color", "rgba(31,42,55,0.9)"))));

    private Dictionary<string, object> Axis(string title) => Plotly.Obj(("title", Plotly.Obj(("text", title))));

    private string MoneyTitle(string text) => string.IsNullOrEmpty(Currency) ? text : $"{text} ({Plotly.Label(Currency)})";

    public void CostBreakdown(StringBuilder h)
    {
        Open(h, "cost-breakdown");
        h.Append("<p>Mean cost per trial by component of the total cost of flow; the components add up to the total in every trial. "
            + "Goods used are what was bought or made in the period, plus the stock it started with, less the stock it ended with, at unit cost; "
            + "obsolescence is the goods written off less salvage income. Components that are zero in every strategy are left out.</p>\n");
        var names = _r.Strategies.Select(st => Plotly.Label(st.Name)).ToArray();
        var traces = new List<Trace>();
        var shown = FlowSim.Outcomes.CostComponents.All.Where(c => _r.Strategies.Any(st => st[c].Mean != 0)).ToArray();
        for (var c = 0; c < shown.Length; c++)
        {
            var component = shown[c];
            traces.Add(Plotly.Trace("bar", ("x", names), ("y", _r.Strategies.Select(st => Plot(st[component].Mean)).ToArray()),
                ("name", component.Label()), ("marker", Plotly.Obj(("color", ComponentColour(c))))));
        }

        traces.Add(Plotly.Trace("scatter", ("x", names), ("y", _r.Strategies.Select(st => Plot(st[Metric.TotalCost].Mean)).ToArray()),
            ("mode", "markers"), ("name", "Total cost"), ("marker", Plotly.Obj(("symbol", "line-ew-open"), ("size", 40), ("color", "#111827"), ("line", Plotly.Obj(("width", 3)))))));
        h.Append(Plotly.Render(traces, 460, ("barmode", "relative"), ("yaxis", Axis(MoneyTitle("Mean cost per trial")))));
        h.Append('\n');
        var header = new[] { "Component" }.Concat(_r.Strategies.Select(st => E(st.Name))).ToArray();
        var rows = shown.Select(c => new[] { c.Label() }.Concat(_r.Strategies.Select(st => MeanCi(st[c], MetricUnit.Money, Currency))).ToArray())
            .Append(new[] { Metric.TotalCost.Label() }.Concat(_r.Strategies.Select(st => MeanCi(st[Metric.TotalCost], MetricUnit.Money, Currency))).ToArray());
        Table(h, header, rows);
        Close(h);
    }

    private static string ComponentColour(int c)
    {
        string[] colours = ["#4c78a8", "#f58518", "#ffbf79", "#54a24b", "#72b7b2", "#eeca3b", "#b279a2", "#e45756", "#ff9d98", "#9d755d", "#bab0ac"];
        return colours[c % colours.Length];
    }

    public void ServiceVersusCost(StringBuilder h)
    {
        Open(h, "service-vs-cost");
        h.Append("<p>One point per strategy: mean total cost against fill rate, whiskers the 95% confidence intervals on both axes. "
            + "Down and to the left is cheaper; up is better service.</p>\n");
        var traces = new List<Trace>();
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var st = _r.Strategies[k];
            var cost = st[Metric.TotalCost];
            var fill = st[Metric.FillRate];
            traces.Add(Plotly.Trace("scatter", ("x", new[] { Plot(cost.Mean) }), ("y", new[] { Plot(fill.Mean * 100) }),
                ("mode", "markers+text"), ("text", new[] { Plotly.Label(st.Name) }), ("textposition", "top center"), ("name", Plotly.Label(st.Name)),
                ("marker", Plotly.Obj(("size", 14), ("color", Plotly.Colour(k)))),
                ("error_x", Plotly.Obj(("type", "data"), ("array", new[] { Plot(cost.HalfWidth) }), ("visible", true), ("color", Plotly.Colour(k)))),
                ("error_y", Plotly.Obj(("type", "data"), ("array", new[] { Plot(fill.HalfWidth * 100) }), ("visible", true), ("color", Plotly.Colour(k))))));
        }

        h.Append(Plotly.Render(traces, 440, ("xaxis", Axis(MoneyTitle("Mean total cost per trial"))), ("yaxis", Axis("Fill rate (%)"))));
        h.Append('\n');
        Close(h);
    }

    public void Inventory(StringBuilder h)
    {
        Open(h, "inventory");
        var trace = input.Inventory;
        if (trace is null)
        {
            Missing(h, "Inventory over time was not traced in this run.");
            Close(h);
            return;
        }

        h.Append($"<p>Units on hand at the end of each day, all items together: the line is the median, the band the 5th to 95th percentile "
            + $"over the first {trace.SampledTrials:N0} trials. The warm-up is marked grey. ");
        var days = Enumerable.Range(0, trace.Days).Select(d => (double)d).ToArray();
        var shapes = Shading(trace);
        var randomShare = RandomDisruptionShare(trace);
        if (trace.Disruptions.IsEmpty)
        {
            h.Append("No disruption occurred in these trials.");
        }

        if (trace.Disruptions.Any(w => w.Trials == trace.SampledTrials))
        {
            h.Append("Scheduled disruptions are shaded amber where they are active. ");
        }

        if (randomShare is not null)
        {
            h.Append("Random disruptions strike at different times in each trial: the amber area (right axis) counts the occurrences active "
                + "on each day per 100 sampled trials.");
        }

        h.Append("</p>\n");
        var peak = randomShare?.Max() ?? 0;
        var points = trace.Strategies.IsEmpty ? 0 : trace.Strategies[0].StockPoints.Length;
        for (var p = 0; p < points; p++)
        {
            var traces = new List<Trace>();
            for (var k = 0; k < trace.Strategies.Length; k++)
            {
                var band = trace.Strategies[k].StockPoints[p];
                var name = Plotly.Label(trace.Strategies[k].Strategy);
                traces.Add(Plotly.Trace("scatter", ("x", days), ("y", band.P5.Select(Plot).ToArray()), ("mode", "lines"), ("legendgroup", name),
                    ("showlegend", false), ("name", name + " P5"), ("line", Plotly.Obj(("width", 0), ("color", Plotly.Colour(k))))));
                traces.Add(Plotly.Trace("scatter", ("x", days), ("y", band.P95.Select(Plot).ToArray()), ("mode", "lines"), ("legendgroup", name),
                    ("showlegend", false), ("name", name + " P95"), ("fill", "tonexty"), ("fillcolor", Plotly.Colour(k, 0.18)),
                    ("line", Plotly.Obj(("width", 0), ("color", Plotly.Colour(k))))));
                traces.Add(Plotly.Trace("scatter", ("x", days), ("y", band.P50.Select(Plot).ToArray()), ("mode", "lines"), ("legendgroup", name),
                    ("name", name), ("line", Plotly.Obj(("width", 2), ("color", Plotly.Colour(k))))));
            }

            var id = trace.Strategies[0].StockPoints[p].StockPoint;
            if (points > 1)
            {
                h.Append($"<h3>{E(id)}</h3>\n");
            }

            var layout = new List<(string, object)> { ("xaxis", Axis("Day")), ("yaxis", Axis("Units on hand")), ("shapes", shapes), ("hovermode", "x unified") };
            if (randomShare is not null)
            {
                traces.Add(Plotly.Trace("scatter", ("x", days), ("y", randomShare), ("yaxis", "y2"), ("mode", "lines"), ("name", "Random disruptions"),
                    ("line", Plotly.Obj(("shape", "hv"), ("width", 1), ("color", "rgba(161,98,7,0.7)"))), ("fill", "tozeroy"), ("fillcolor", "rgba(234,179,8,0.18)")));
                layout.Add(("yaxis2", Plotly.Obj(("overlaying", "y"), ("side", "right"), ("showgrid", false), ("rangemode", "tozero"),
                    ("range", new[] { 0, Math.Max(peak * 2.5, 1) }), ("title", Plotly.Obj(("text", "Disruptions per 100 trials"))))));
            }

            h.Append(Plotly.Render(traces, 420, [.. layout]));
            h.Append('\n');
        }

        Close(h);
    }

    /// <summary>Rectangles behind the fan chart: the warm-up, and each disruption window weighted by the share of trials it was seen in.</summary>
    private static object[] Shading(InventoryTrace trace)
    {
        var shapes = new List<object>();
        if (trace.WarmupDays > 0)
        {
            shapes.Add(Rect(0, trace.WarmupDays, "rgba(107,114,128,0.12)"));
        }

        foreach (var w in trace.Disruptions.Where(w => w.Trials == trace.SampledTrials))
        {
            shapes.Add(Rect(w.StartDays, w.EndDays, "rgba(234,179,8,0.28)"));
        }

        return [.. shapes];
    }

    /// <summary>
    /// Per day, the occurrences of disruptions that differ between trials active that day per 100
    /// sampled trials (overlapping occurrences in one trial count each); null when every window
    /// is the same in all trials.
    /// </summary>
    private static double[]? RandomDisruptionShare(InventoryTrace trace)
    {
        var random = trace.Disruptions.Where(w => w.Trials < trace.SampledTrials).ToArray();
        if (random.Length == 0)
        {
            return null;
        }

        var count = new double[trace.Days];
        foreach (var w in random)
        {
            for (var d = Math.Max(0, (int)Math.Floor(w.StartDays)); d < Math.Min(trace.Days, Math.Ceiling(w.EndDays)); d++)
            {
                count[d] += w.Trials;
            }
        }

        return [.. count.Select(c => 100 * c / trace.SampledTrials)];
    }

    private static Dictionary<string, object> Rect(double from, double to, string colour) => Plotly.Obj(
        ("type", "rect"), ("xref", "x"), ("yref", "paper"), ("x0", from), ("x1", to), ("y0", 0), ("y1", 1),
        ("fillcolor", colour), ("line", Plotly.Obj(("width", 0))), ("layer", "below"));

    public void DisruptionCost(StringBuilder h)
    {
        Open(h, "disruption-cost");
        if (_s.Disruptions.IsEmpty)
        {
            h.Append("<p>The scenario has no disruptions.</p>\n");
            Close(h);
            return;
        }

        if (input.DisruptionCost is not { } cost)
        {
            Missing(h, "Disruption cost was not computed in this run.");
            Close(h);
            return;
        }

        h.Append("<p>Disruption cost is each trial's total cost minus the cost of the same trial, with the same random demand and lead times, "
            + "with disruptions switched off. Annual figures scale the measured period to 365 days; the tail is the 95th percentile.</p>\n");
        var strategies = _r.Strategies.Where(st => cost.ContainsKey(st.Name)).ToArray();
        var names = strategies.Select(st => Plotly.Label(st.Name)).ToArray();
        var stats = strategies.Select(st => cost[st.Name]).ToArray();
        var traces = new List<Trace>
        {
            Plotly.Trace("bar", ("x", names), ("y", stats.Select(d => Plot(d.Mean * PerYear)).ToArray()), ("name", "Expected per year"),
                ("error_y", Plotly.Obj(("type", "data"), ("array", stats.Select(d => Plot(d.HalfWidth * PerYear)).ToArray()), ("visible", true))),
                ("marker", Plotly.Obj(("color", "#e45756")))),
            Plotly.Trace("bar", ("x", names), ("y", stats.Select(d => Plot(d.P95 * PerYear)).ToArray()), ("name", DisruptionCostParts.OneInTwenty(MeasuredDays) + " (P95)"),
                ("marker", Plotly.Obj(("color", "rgba(228,87,86,0.35)")))),
        };
        if (input.DisruptionCostByDisruption is { } attributed)
        {
            foreach (var d in _s.Disruptions)
            {
                traces.Add(Plotly.Trace("bar", ("x", names), ("name", Plotly.Label(d.Id)), ("xaxis", "x2"), ("yaxis", "y2"),
                    ("y", strategies.Select(st => attributed.TryGetValue(st.Name, out var byId) && byId.TryGetValue(d.Id, out var v) ? Plot(v.Mean * PerYear) : 0).ToArray())));
            }
        }

        var layout = new List<(string, object)> { ("barmode", "group"), ("yaxis", Axis(MoneyTitle("Disruption cost per year"))) };
        if (input.DisruptionCostByDisruption is not null)
        {
            layout.Add(("xaxis", Plotly.Obj(("domain", new[] { 0, 0.48 }))));
            layout.Add(("xaxis2", Plotly.Obj(("domain", new[] { 0.55, 1 }), ("anchor", "y2"))));
            layout.Add(("yaxis2", Plotly.Obj(("anchor", "x2"), ("title", Plotly.Obj(("text", "Per disruption"))))));
        }

        h.Append(Plotly.Render(traces, 420, [.. layout]));
        h.Append('\n');
        Table(h, ["Strategy", "Mean per trial", "95% CI", "Per year", DisruptionCostParts.OneInTwenty(MeasuredDays) + ", per year"],
            strategies.Select((st, k) => new[]
            {
                E(st.Name), Money(stats[k].Mean, Currency), Ci(stats[k], MetricUnit.Money, Currency),
                Money(stats[k].Mean * PerYear, Currency), Money(stats[k].P95 * PerYear, Currency),
            }));
        DisruptionParts(h, strategies);
        if (input.DisruptionCostByDisruption is null)
        {
            Missing(h, "Disruption cost was not attributed to single disruptions in this run.");
        }

        ResilienceReturn(h);
        Close(h);
    }

    /// <summary>Disruption cost per year in its parts (each cost component with disruptions minus without), and what drives it.</summary>
    private void DisruptionParts(StringBuilder h, IReadOnlyList<StrategyResult> strategies)
    {
        var shown = CostComponents.All.Where(c => strategies.Any(st => st.DisruptionCostParts[(int)c].Mean is var m && double.IsFinite(m) && m != 0)).ToArray();
        var demand = strategies.Any(st => st.DisruptionDemandPart.Mean is var d && double.IsFinite(d) && d != 0);
        if (shown.Length == 0 && !demand)
        {
            return;
        }

        h.Append("<h3>What the disruption cost is made of</h3>\n<p>Per year: each part of total cost with disruptions minus the same trials without them, "
            + "and minus the change in demand at price (a demand shock changes what customers ask for; total cost counts that demand, profit does not). "
            + "The parts add up to the disruption cost; a negative part is a cost the disruptions lowered.</p>\n");
        var rows = shown.Select(c => new[] { E(c.Label()) }.Concat(strategies.Select(st => Money(st.DisruptionCostParts[(int)c].Mean * PerYear, Currency))).ToArray()).ToList();
        if (demand)
        {
            rows.Add([E("Demand (minus its change at price)"), .. strategies.Select(st => Money(st.DisruptionDemandPart.Mean * PerYear, Currency))]);
        }

        Table(h, ["Part", .. strategies.Select(st => E(st.Name))], rows);
        var why = strategies.Select(st => DisruptionCostParts.Explain(st, PerYear, Currency)).Where(x => x is not null).ToArray();
        if (why.Length > 0)
        {
            h.Append("<ul>\n");
            foreach (var w in why)
            {
                h.Append($"<li>{E(w!)}</li>\n");
            }

            h.Append("</ul>\n");
        }
    }

    /// <summary>What each strategy's extra stock costs to carry against the disruption cost it avoids, per year.</summary>
    private void ResilienceReturn(StringBuilder h)
    {
        var returns = _r.ResilienceReturns;
        if (returns.IsDefaultOrEmpty)
        {
            return;
        }

        h.Append($"<h3>Resilience return</h3>\n<p>Each strategy against <strong>{E(returns[0].Leanest)}</strong>, the one holding the least stock, "
            + "trial by trial and per year: the extra cost of carrying its stock in an ordinary year (capital, storage, obsolescence), what it saves "
            + "in everyday service (lost sales, backorder penalties, orders left open) and in every other cost, the disruption cost it avoids, "
            + "the net benefit (all of these together: the paired difference in total cost) with its 95% confidence interval, and the months of net "
            + "benefit that pay back the cash its extra stock ties up.</p>\n");
        Table(h, ["Strategy", "Extra carrying cost per year", "Everyday service gain per year", "Other everyday savings per year", "Disruption cost avoided per year",
            "Net benefit per year", "95% CI", "Payback"],
            returns.Select(r => new[]
            {
                E(r.Strategy), Money(r.ExtraCarryingCostPerYear.Mean, Currency), Money(r.EverydayServiceGainPerYear.Mean, Currency),
                Money(r.EverydayOtherSavingsPerYear.Mean, Currency), Money(r.DisruptionCostAvoidedPerYear.Mean, Currency),
                Money(r.NetBenefitPerYear.Mean, Currency), Ci(r.NetBenefitPerYear, MetricUnit.Money, Currency),
                double.IsPositiveInfinity(r.PaybackMonths) ? "does not pay back" : E(r.PaybackMonths.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " months"),
            }));
    }

    public void PairedComparison(StringBuilder h)
    {
        Open(h, "paired-comparison");
        var baseline = _r.Cheapest;
        var others = _r.Strategies.Where(st => st != baseline).ToArray();
        if (others.Length == 0)
        {
            h.Append("<p>The scenario has one strategy: nothing to compare.</p>\n");
            Close(h);
            return;
        }

        h.Append($"<p>Each strategy against <strong>{E(baseline.Name)}</strong>, the cheapest by total cost and so, on the same demand, the most profitable: the mean trial-by-trial difference with its 95% confidence "
            + "interval. An interval that does not cross zero is a difference this many trials can tell apart.</p>\n");
        var names = others.Select(st => Plotly.Label(st.Name)).ToArray();
        var pairs = others.Select(st => _r.Compare(st.Name, baseline.Name)).ToArray();
        var cost = pairs.Select(p => p.TotalCostDifference).ToArray();
        var fill = pairs.Select(p => p.FillRateDifference).ToArray();
        var traces = new List<Trace>
        {
            Forest(names, cost, 1, "Total cost", "x", "y"),
            Forest(names, fill, 100, "Fill rate (points)", "x2", "y2"),
        };
        var zero = new object[]
        {
            Plotly.Obj(("type", "line"), ("xref", "x"), ("yref", "paper"), ("x0", 0), ("x1", 0), ("y0", 0), ("y1", 1), ("line", Plotly.Obj(("color", "#9ca3af"), ("dash", "dot")))),
            Plotly.Obj(("type", "line"), ("xref", "x2"), ("yref", "paper"), ("x0", 0), ("x1", 0), ("y0", 0), ("y1", 1), ("line", Plotly.Obj(("color", "#9ca3af"), ("dash", "dot")))),
        };
        h.Append(Plotly.Render(traces, 120 + (50 * others.Length),
            ("xaxis", Plotly.Obj(("domain", new[] { 0.12, 0.52 }), ("title", Plotly.Obj(("text", MoneyTitle($"Total cost minus {Plotly.Label(baseline.Name)}")))))),
            ("xaxis2", Plotly.Obj(("domain", new[] { 0.6, 1 }), ("anchor", "y2"), ("title", Plotly.Obj(("text", $"Fill rate minus {Plotly.Label(baseline.Name)} (points)"))))),
            ("yaxis", Plotly.Obj(("type", "category"), ("automargin", true))),
            ("yaxis2", Plotly.Obj(("type", "category"), ("anchor", "x2"), ("matches", "y"), ("showticklabels", false))),
            ("shapes", zero), ("showlegend", false)));
        h.Append('\n');
        Table(h, ["Strategy", $"Total cost − {E(baseline.Name)}", "95% CI", $"Fill rate − {E(baseline.Name)}", "95% CI"],
            others.Select((st, k) => new[]
            {
                E(st.Name), Money(cost[k].Mean, Currency), Ci(cost[k], MetricUnit.Money, Currency),
                Points(fill[k].Mean), $"{Points(fill[k].Ci95Low)} to {Points(fill[k].Ci95High)}",
            }));
        Close(h);
    }

    private static Trace Forest(string[] names, Statistics[] d, double scale, string name, string x, string y) =>
        Plotly.Trace("scatter", ("y", names), ("x", d.Select(v => Plot(v.Mean * scale)).ToArray()), ("mode", "markers"), ("name", name),
            ("xaxis", x), ("yaxis", y), ("marker", Plotly.Obj(("size", 10), ("symbol", "square"), ("color", "#1f2a37"))),
            ("error_x", Plotly.Obj(("type", "data"), ("symmetric", false), ("visible", true),
                ("array", d.Select(v => Plot((v.Ci95High - v.Mean) * scale)).ToArray()),
                ("arrayminus", d.Select(v => Plot((v.Mean - v.Ci95Low) * scale)).ToArray()))));

    public void SurviveRecover(StringBuilder h)
    {
        Open(h, "survive-recover");
        if (_s.Disruptions.IsEmpty)
        {
            h.Append("<p>The scenario has no disruptions.</p>\n");
            Close(h);
            return;
        }

        h.Append("<p>Per trial: days from a disruption's start until service to the customers it affects visibly drops (time to survive), "
            + "and days from its end until that service is back to its usual level (time to recover), mean over the trial's occurrences. "
            + "Trials where service never dropped have no time to survive and are left out.</p>\n");
        var traces = new List<Trace>();
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var st = _r.Strategies[k];
            var name = Plotly.Label(st.Name);
            traces.Add(Box(st.Values(Metric.TimeToSurviveDays), name, k, "x", "y", true));
            traces.Add(Box(st.Values(Metric.TimeToRecoverDays), name, k, "x2", "y2", false));
        }

        h.Append(Plotly.Render(traces, 420,
            ("xaxis", Plotly.Obj(("domain", new[] { 0, 0.47 }))), ("xaxis2", Plotly.Obj(("domain", new[] { 0.53, 1 }), ("anchor", "y2"))),
            ("yaxis", Axis("Time to survive (days)")), ("yaxis2", Plotly.Obj(("anchor", "x2"), ("title", Plotly.Obj(("text", "Time to recover (days)")))))));
        h.Append('\n');
        Table(h, ["Strategy", "Survive: mean", "trials with a drop", "Recover: mean", "trials"],
            _r.Strategies.Select(st => new[]
            {
                E(st.Name), MeanCi(st[Metric.TimeToSurviveDays], MetricUnit.Days, Currency), st[Metric.TimeToSurviveDays].N.ToString("N0", CultureInfo.InvariantCulture),
                MeanCi(st[Metric.TimeToRecoverDays], MetricUnit.Days, Currency), st[Metric.TimeToRecoverDays].N.ToString("N0", CultureInfo.InvariantCulture),
            }));
        Close(h);
    }

    private static Trace Box(double[] values, string name, int k, string x, string y, bool legend)
    {
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        return Plotly.Trace("box", ("y", defined), ("x", Enumerable.Repeat(name, defined.Length).ToArray()), ("name", name), ("xaxis", x), ("yaxis", y),
            ("marker", Plotly.Obj(("color", Plotly.Colour(k)))), ("boxmean", true), ("showlegend", legend), ("legendgroup", name));
    }

    public void KpiTables(StringBuilder h)
    {
        Open(h, "kpi-tables");
        h.Append("<p>Mean ± half the 95% confidence interval per trial, with the 5th–95th percentile range below; the best value of each row is highlighted. "
            + "Metrics that are zero in every strategy are left out.</p>\n");
        var header = new[] { "Metric" }.Concat(_r.Strategies.Select(st => E(st.Name))).ToArray();
        h.Append("<table>\n<thead><tr>").AppendJoin("", header.Select(c => $"<th>{c}</th>")).Append("</tr></thead>\n<tbody>\n");
        foreach (var m in Metrics.All)
        {
            var stats = _r.Strategies.Select(st => st[m]).ToArray();
            if (stats.All(v => v.Mean == 0 && v.Std == 0) || stats.All(v => v.N == 0))
            {
                continue;
            }

            var better = m.Info().Better;
            var best = BestIndex(stats, better == Better.Higher, better != Better.Neither && _r.Strategies.Length > 1);
            h.Append($"<tr><td>{E(m.Label())}</td>");
            for (var k = 0; k < stats.Length; k++)
            {
                var unit = m.Unit();
                h.Append(k == best ? "<td class=\"best\">" : "<td>")
                    .Append(MeanCi(stats[k], unit, Currency))
                    .Append($"<span class=\"sub\">{Format(stats[k].P5, unit, Currency)} – {Format(stats[k].P95, unit, Currency)}</span></td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
        if (_s.StockPoints.Length > 1)
        {
            h.Append("<h3>Per stock point</h3>\n");
            var rows = new List<string[]>();
            foreach (var st in _r.Strategies)
            {
                foreach (var sp in st.StockPoints)
                {
                    rows.Add([E(st.Name), E(sp.Id), E(sp.Kind), .. Enum.GetValues<StockPointMetric>().Select(m => MeanCi(sp[m], m.Info().Unit, Currency))]);
                }
            }

            Table(h, ["Strategy", "Stock point", "Kind", .. Enum.GetValues<StockPointMetric>().Select(m => E(m.Info().Label))], rows);
        }

        if (!_s.Disruptions.IsEmpty)
        {
            h.Append("<h3>Per disruption</h3>\n");
            var rows = new List<string[]>();
            foreach (var st in _r.Strategies)
            {
                foreach (var d in st.Disruptions)
                {
                    rows.Add([E(st.Name), E(d.Id), E(d.Kind), .. DisruptionColumns.Select(m => MeanCi(d[m], m.Info().Unit, Currency))]);
                }
            }

            Table(h, ["Strategy", "Disruption", "Kind", .. DisruptionColumns.Select(m => E(m.Info().Label))], rows);
        }

        Close(h);
    }

    /// <summary>The disruption metrics of the per disruption table (attributed cost has its own section).</summary>
    private static readonly DisruptionMetric[] DisruptionColumns = [DisruptionMetric.Occurrences, DisruptionMetric.TimeToSurviveDays, DisruptionMetric.TimeToRecoverDays];

    /// <summary>The index of the best mean, or -1 when there is no winner to show.</summary>
    private static int BestIndex(Statistics[] stats, bool higherIsBetter, bool compare)
    {
        if (!compare)
        {
            return -1;
        }

        var best = -1;
        for (var k = 0; k < stats.Length; k++)
        {
            if (double.IsNaN(stats[k].Mean))
            {
                continue;
            }

            if (best < 0 || (higherIsBetter ? stats[k].Mean > stats[best].Mean : stats[k].Mean < stats[best].Mean))
            {
                best = k;
            }
        }

        // No highlight when every strategy has the same value.
        return best >= 0 && stats.All(v => double.IsNaN(v.Mean) || v.Mean == stats[best].Mean) ? -1 : best;
    }

    public void ScenarioParameters(StringBuilder h)
    {
        Open(h, "scenario");
        Table(h, ["", ""],
        [
            ["Horizon", Days(_s.HorizonDays)],
            ["Warm-up (not measured)", Days(_s.WarmupDays)],
            ["Currency", E(string.IsNullOrEmpty(Currency) ? "none" : Currency)],
            ["Costs", $"ordering {Money(_s.Costs.OrderingCost, Currency)} per order; backorder penalty {Money(_s.Costs.BackorderPenaltyPerDay, Currency)} per unit per day; "
                + $"lost sale {(_s.Costs.LostSaleCost is { } lost ? Money(lost, Currency) : "the item's margin")}"],
        ]);
        h.Append("<h3>Items</h3>\n");
        Table(h, ["Item", "Unit cost", "Price", "Holding rate", "Salvage value", "Shelf life"],
            _s.Items.Select(i => new[]
            {
                E(i.Id), Money(i.UnitCost, Currency), Money(i.Price, Currency), Percent(i.HoldingRatePerYear) + "/year",
                Money(i.SalvageValue, Currency), i.ShelfLifeDays is { } life ? Days(life) : "none",
            }));
        h.Append("<h3>Network</h3>\n");
        Table(h, ["Lane", "Items", "Lead time (days)"],
            _s.Lanes.Select(l => new[] { E(l.Name), l.Items.IsEmpty ? "all" : E(string.Join(", ", l.Items)), E(l.LeadTime.ToString()) }));
        Table(h, ["Demand: item", "At", "Per day", "Patience"],
            _s.Demand.Select(d => new[]
            {
                E(d.ItemId), E(d.StockPointId), E(d.Daily.ToString()),
                double.IsPositiveInfinity(d.PatienceDays) ? "unlimited" : d.PatienceDays == 0 ? "none (lost sales)" : Days(d.PatienceDays),
            }));
        if (!_s.Disruptions.IsEmpty)
        {
            var kinds = _r.Strategies[0].Disruptions;
            Table(h, ["Disruption", "Kind", "Target", "When", "Duration (days)"],
                _s.Disruptions.Select((d, k) => new[]
                {
                    E(d.Id), E(kinds[k].Kind), E(string.IsNullOrEmpty(d.Target) ? "all demand" : d.Target),
                    d.AtDays is { } at ? $"day {Number(at)}" : $"every {E(d.Every?.ToString())} days",
                    E(d.Duration.ToString()),
                }));
        }

        h.Append("<h3>Strategies</h3>\n");
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var st = _r.Strategies[k];
            var description = _s.Strategies.FirstOrDefault(x => x.Name == st.Name)?.Description;
            h.Append($"<p><strong>{E(st.Name)}</strong>{(string.IsNullOrWhiteSpace(description) ? "" : ": " + E(description.Trim()))}</p>\n<ul>\n");
            foreach (var p in st.Policies)
            {
                h.Append($"<li><code>{E(p)}</code></li>\n");
            }

            h.Append("</ul>\n");
        }

        Close(h);
    }

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
