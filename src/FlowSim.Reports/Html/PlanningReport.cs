using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using Plotly.NET;
using static FlowSim.Reports.Html.HtmlText;

namespace FlowSim.Reports.Html;

/// <summary>
/// Self-contained HTML pages for <c>flowsim sweep --report</c> (the cost/service frontier and the
/// cost curve along each varied setting) and <c>flowsim audit --report</c> (nodes ranked by risk
/// exposure). Like the run report: plotly.js inlined once, every name escaped.
/// </summary>
public static class PlanningReport
{
    /// <summary>Writes the sweep page.</summary>
    public static void WriteSweep(SweepResult sweep, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var first = sweep.Points[0].Result;
        var currency = first.Scenario.Currency;
        var h = HtmlPage.Start("sweep", first, $"{sweep.Points.Length:N0} settings x {first.Trials:N0} trials, the same trials at every point; seed {first.Seed}.", Plotly.ScriptSource());
        var strategies = first.Strategies.Select(s => s.Name).ToList();

        // The frontier and curves use the measure strategies are ranked by: points of a sweep can
        // differ in demand or price, where profit and total cost part ways.
        var rank = first.Rank;
        var measure = rank.Metric();
        var sign = rank == RankMeasure.Profit ? -1.0 : 1.0;
        var measureTitle = rank == RankMeasure.Profit ? $"Mean profit per trial ({currency})" : $"Mean total cost per trial ({currency})";
        h.Append(rank == RankMeasure.Profit
            ? "<section id=\"frontier\"><h2>Profit and service frontier</h2>\n<p>One point per setting and strategy: mean profit against fill rate (ranked by profit; <code>--rank</code>), "
                + "whiskers the 95% confidence intervals. Points towards the top right serve better and earn more; the frontier is the line through the points no other point beats on both.</p>\n"
            : "<section id=\"frontier\"><h2>Cost and service frontier</h2>\n<p>One point per setting and strategy: mean total cost against fill rate (ranked by total cost; <code>--rank</code>), "
                + "whiskers the 95% confidence intervals. Points towards the top left serve better for less; the frontier is the line through the points no other point beats on both.</p>\n");
        var traces = new List<Trace>();
        for (var k = 0; k < strategies.Count; k++)
        {
            var points = sweep.Points.Select(p => (Label: Settings(p.Point), Cost: p.Result.Strategies[k][measure], Fill: p.Result.Strategies[k][Metric.FillRate])).ToList();
            traces.Add(Plotly.Trace("scatter", ("x", points.Select(p => Plot(p.Cost.Mean)).ToArray()), ("y", points.Select(p => Plot(p.Fill.Mean * 100)).ToArray()),
                ("mode", "markers"), ("name", Plotly.Label(strategies[k])), ("text", points.Select(p => Plotly.Label(p.Label)).ToArray()),
                ("marker", Plotly.Obj(("size", 9), ("color", Plotly.Colour(k)))),
                ("error_x", Plotly.Obj(("type", "data"), ("array", points.Select(p => Plot(p.Cost.HalfWidth)).ToArray()), ("visible", true), ("color", Plotly.Colour(k, 0.5)))),
                ("error_y", Plotly.Obj(("type", "data"), ("array", points.Select(p => Plot(p.Fill.HalfWidth * 100)).ToArray()), ("visible", true), ("color", Plotly.Colour(k, 0.5))))));
        }

        // Score: lower is better (total cost, or minus profit).
        var all = sweep.Points.SelectMany(p => p.Result.Strategies.Select(s => (Value: s[measure].Mean, Score: sign * s[measure].Mean, Fill: s[Metric.FillRate].Mean))).ToList();
        var frontier = all.Where(a => !all.Any(b => (b.Score < a.Score && b.Fill >= a.Fill) || (b.Score <= a.Score && b.Fill > a.Fill))).OrderBy(a => a.Value).ToList();
        traces.Add(Plotly.Trace("scatter", ("x", frontier.Select(f => Plot(f.Value)).ToArray()), ("y", frontier.Select(f => Plot(f.Fill * 100)).ToArray()),
            ("mode", "lines"), ("name", "frontier"), ("line", Plotly.Obj(("color", "rgba(31,42,55,0.5)"), ("dash", "dot")))));
        h.Append(Plotly.Render(traces, 480, ("xaxis", Plotly.Obj(("title", Plotly.Obj(("text", Plotly.Label(measureTitle)))))),
            ("yaxis", Plotly.Obj(("title", Plotly.Obj(("text", "Fill rate (%)")))))));
        h.Append("\n</section>\n");

        for (var a = 0; a < sweep.Axes.Length; a++)
        {
            var axis = sweep.Axes[a];
            h.Append($"<section id=\"curve-{a}\"><h2>{(rank == RankMeasure.Profit ? "Profit" : "Total cost")} along {E(axis.Path)}</h2>\n");
            if (sweep.Axes.Length > 1)
            {
                h.Append("<p>The other settings at their first value.</p>\n");
            }

            var line = sweep.Points.Where(p => Enumerable.Range(0, sweep.Axes.Length).All(o => o == a || p.Point.Settings[o].Value == sweep.Axes[o].Range.Values[0])).ToList();
            var curves = new List<Trace>();
            for (var k = 0; k < strategies.Count; k++)
            {
                var stats = line.Select(p => p.Result.Strategies[k][measure]).ToList();
                curves.Add(Plotly.Trace("scatter", ("x", line.Select(p => Plotly.Label(p.Point.Settings[a].Value)).ToArray()), ("y", stats.Select(s => Plot(s.Mean)).ToArray()),
                    ("mode", "lines+markers"), ("name", Plotly.Label(strategies[k])), ("line", Plotly.Obj(("color", Plotly.Colour(k)))),
                    ("error_y", Plotly.Obj(("type", "data"), ("array", stats.Select(s => Plot(s.HalfWidth)).ToArray()), ("visible", true), ("color", Plotly.Colour(k, 0.5))))));
            }

            h.Append(Plotly.Render(curves, 400, ("xaxis", Plotly.Obj(("title", Plotly.Obj(("text", Plotly.Label(axis.Path)))), ("type", "category"))),
                ("yaxis", Plotly.Obj(("title", Plotly.Obj(("text", Plotly.Label(measureTitle))))))));
            h.Append("\n</section>\n");
        }

        h.Append("<section id=\"points\"><h2>Every point</h2>\n<table><thead><tr>");
        foreach (var axis in sweep.Axes)
        {
            h.Append($"<th>{E(axis.Path)}</th>");
        }

        h.Append("<th>Strategy</th><th>Profit</th><th>Total cost</th><th>Fill rate</th></tr></thead><tbody>\n");
        foreach (var (point, result) in sweep.Points)
        {
            foreach (var s in result.Strategies)
            {
                h.Append("<tr>");
                foreach (var setting in point.Settings)
                {
                    h.Append($"<td>{E(setting.Value)}</td>");
                }

                h.Append($"<td class=\"text\">{E(s.Name)}</td><td>{MeanCi(s[Metric.Profit], MetricUnit.Money, currency)}</td><td>{MeanCi(s[Metric.TotalCost], MetricUnit.Money, currency)}</td><td>{MeanCi(s[Metric.FillRate], MetricUnit.Share, currency)}</td></tr>\n");
            }
        }

        h.Append("</tbody></table>\n</section>\n");
        Finish(h, first, command, stream);
    }

    /// <summary>Writes the audit page.</summary>
    public static void WriteAudit(AuditResult audit, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var b = audit.Baseline;
        var currency = b.Scenario.Currency;
        var h = HtmlPage.Start("resilience audit", b,
            $"{audit.Nodes.Length} nodes x {audit.Durations.Length} outage durations x {b.Trials:N0} trials, on top of the scenario's own randomness; outages start on day {audit.OutageStartDays:0}; seed {b.Seed}.", Plotly.ScriptSource());
        h.Append("<section id=\"ranking\"><h2>Risk exposure ranking</h2>\n<p>Each node's mean extra total cost when it is out for the longest duration, "
            + "compared trial by trial with the scenario as it is; whiskers the 95% confidence interval. The index is that cost as a share of the costliest node's (100).</p>\n");
        var longest = audit.Durations[^1];
        var labels = audit.Nodes.Select(n => Plotly.Label($"{n.Node.Id} ({n.Node.Kind.Label()})")).Reverse().ToArray();
        var bars = new List<Trace>();
        for (var k = 0; k < b.Strategies.Length; k++)
        {
            var cost = audit.Nodes.Select(n => n.Outages[^1].Strategies[k].ExtraCost).Reverse().ToList();
            bars.Add(Plotly.Trace("bar", ("orientation", "h"), ("y", labels), ("x", cost.Select(c => Plot(c.Mean)).ToArray()), ("name", Plotly.Label(b.Strategies[k].Name)),
                ("marker", Plotly.Obj(("color", Plotly.Colour(k)))),
                ("error_x", Plotly.Obj(("type", "data"), ("array", cost.Select(c => Plot(c.HalfWidth)).ToArray()), ("visible", true)))));
        }

        h.Append(Plotly.Render(bars, Math.Max(360, 60 + (28 * audit.Nodes.Length * Math.Min(b.Strategies.Length, 2))), ("barmode", "group"),
            ("xaxis", Plotly.Obj(("title", Plotly.Obj(("text", Plotly.Label($"Extra total cost of a {Days(longest)} outage ({currency})")))))),
            ("margin", Plotly.Obj(("l", 260), ("r", 30), ("t", 30), ("b", 60)))));
        h.Append("\n</section>\n<section id=\"nodes\"><h2>Every node and outage</h2>\n<table><thead><tr><th>Node</th><th>Out for</th><th>Strategy</th><th>Time to survive (median)</th>"
            + "<th>Time to recover</th><th>Extra lost units</th><th>Lost revenue</th><th>Extra cost</th><th>Index</th></tr></thead><tbody>\n");
        foreach (var node in audit.Nodes)
        {
            foreach (var outage in node.Outages)
            {
                for (var k = 0; k < outage.Strategies.Length; k++)
                {
                    var f = outage.Strategies[k];
                    var exposed = outage == node.Outages[^1] && node.Exposed(k);
                    h.Append($"<tr><td class=\"text\">{E(node.Node.Id)}</td><td>{E(Days(outage.DurationDays))}</td><td class=\"text\">{E(f.Strategy)}</td>")
                        .Append($"<td>{E(f.DescribeTimeToSurvive())}</td>")
                        .Append($"<td>{(f.UsesNode ? MeanCi(f.TimeToRecoverDays, MetricUnit.Days, currency) : "-")}</td><td>{MeanCi(f.ExtraLostUnits, MetricUnit.Units, currency)}</td>")
                        .Append($"<td>{MeanCi(f.LostRevenue, MetricUnit.Money, currency)}</td><td{(exposed ? " class=\"best\"" : "")}>{MeanCi(f.ExtraCost, MetricUnit.Money, currency)}</td>")
                        .Append($"<td>{(outage == node.Outages[^1] ? Number(Math.Round(node.RiskExposureIndex[k])) + (exposed ? " exposed" : "") : "")}</td></tr>\n");
                }
            }
        }

        h.Append("</tbody></table>\n<p class=\"note\">Time to survive: the median over trials of the days from the outage's start until customers fall short, a trial in which they never do counting as surviving; (N% short) is the share of trials in which they did; \"not used\": the outage changes nothing for this strategy. Exposed: the longest outage loses significantly more units, and customers fall short before the node is back in most trials.</p>\n</section>\n");
        Finish(h, b, command, stream);
    }

    private static string Settings(SweepPoint point) => string.Join(", ", point.Settings.Select(s => s.ToString()));

    private static void Finish(StringBuilder h, ExperimentResult r, IReadOnlyList<string>? command, Stream stream)
    {
        HtmlPage.Provenance(h, r, command);
        HtmlPage.Write(h.Append(HtmlPage.Footer).ToString(), stream);
    }
}
