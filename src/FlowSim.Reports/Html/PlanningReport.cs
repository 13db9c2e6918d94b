using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using Plotly.NET;
using static FlowSim.Reports.Html.HtmlText;

namespace FlowSim.Reports.Html;

/// <summary>
/// Self-contained HTML pages for <c>flowsim sweep --report</c> (the cost/service frontier, each
/// setting's effect against the baseline point, and a heatmap for a two-setting grid) and
/// <c>flowsim audit --report</c> (nodes ranked by risk exposure) and <c>flowsim meio --report</c>
/// (where safety stock moved, and what it releases). Like the run report: plotly.js
/// inlined once, every name escaped.
/// </summary>
public static partial class PlanningReport
{
    // Rules only these pages need: compact tables (the audit's has many columns), and a warning
    // colour for exposed nodes (green would read as good).
    private const string Style = "<style>\ntable.planning { font-size: 12px; }\ntable.planning th, table.planning td { padding: 3px 7px; }\n"
        + "table.planning th { white-space: normal; overflow-wrap: anywhere; }\ndiv.wide { overflow-x: auto; }\ntd.kind { text-align: left; }\ntd.exposed { background: #fee2e2; font-weight: 600; }\ntr.baseline td { background: #f3f4f6; }\n</style>\n";

    /// <summary>Writes the sweep page.</summary>
    public static void WriteSweep(SweepResult sweep, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var first = sweep.Points[0].Result;
        var currency = first.Scenario.Currency;
        var h = HtmlPage.Start("sweep", first, $"{sweep.Points.Length:N0} settings x {first.Trials:N0} trials, the same trials at every point; seed {first.Seed}.", Plotly.ScriptSource());
        h.Append(Style);
        var strategies = first.Strategies.Select(s => s.Name).ToList();
        var baseline = sweep.Points[sweep.Baseline.Point].Point;
        h.Append($"<p>Baseline: <strong>{E(Settings(baseline))}</strong> ({E(BaselineSource(sweep))}; <code>--baseline</code> names another). "
            + "Every point ran on the same trials as the baseline (common random numbers), so a point's difference from it is measured trial by trial: "
            + "its confidence interval is far narrower than the overlap of the two points' own intervals suggests.</p>\n");

        // The frontier and curves use the measure strategies are ranked by: points of a sweep can
        // differ in demand or price, where profit and total cost part ways.
        var rank = first.Rank;
        var measure = rank.Metric();
        var byProfit = rank == RankMeasure.Profit;
        Frontier(h, sweep, strategies, measure, byProfit, currency);
        for (var a = 0; a < sweep.Axes.Length; a++)
        {
            Along(h, sweep, a, strategies, byProfit, currency);
        }

        if (sweep.Axes.Length >= 2)
        {
            Heatmap(h, sweep, strategies, measure, byProfit, currency);
        }

        PointTable(h, sweep, currency);
        Finish(h, first, command, stream);
    }

    private static void Frontier(StringBuilder h, SweepResult sweep, List<string> strategies, Metric measure, bool byProfit, string currency)
    {
        var measureTitle = byProfit ? $"Mean profit per trial ({currency})" : $"Mean total cost per trial ({currency})";
        h.Append(byProfit
            ? "<section id=\"frontier\"><h2>Profit and service frontier</h2>\n<p>One point per setting and strategy (hover for its setting): mean profit against fill rate (ranked by profit; <code>--rank</code>), "
                + "whiskers the 95% confidence intervals. Points towards the top right serve better and earn more; the dotted line joins the points no other point beats on both, each labelled with its strategy and setting.</p>\n"
            : "<section id=\"frontier\"><h2>Cost and service frontier</h2>\n<p>One point per setting and strategy (hover for its setting): mean total cost against fill rate (ranked by total cost; <code>--rank</code>), "
                + "whiskers the 95% confidence intervals. Points towards the top left serve better for less; the dotted line joins the points no other point beats on both, each labelled with its strategy and setting.</p>\n");
        var sign = byProfit ? -1.0 : 1.0;
        var traces = new List<Trace>();
        for (var k = 0; k < strategies.Count; k++)
        {
            var points = sweep.Points.Select(p => (Label: Values(p.Point), Cost: p.Result.Strategies[k][measure], Fill: p.Result.Strategies[k][Metric.FillRate])).ToList();
            traces.Add(Plotly.Trace("scatter", ("x", points.Select(p => Plot(p.Cost.Mean)).ToArray()), ("y", points.Select(p => Plot(p.Fill.Mean * 100)).ToArray()),
                ("mode", "markers"), ("name", Plotly.Label(strategies[k])), ("text", points.Select(p => Plotly.Label(p.Label)).ToArray()),
                ("marker", Plotly.Obj(("size", 9), ("color", Plotly.Colour(k)))),
                ("error_x", Plotly.Obj(("type", "data"), ("array", points.Select(p => Plot(p.Cost.HalfWidth)).ToArray()), ("visible", true), ("color", Plotly.Colour(k, 0.5)))),
                ("error_y", Plotly.ShareErrors(points.Select(p => p.Fill), Plotly.Colour(k, 0.5)))));
        }

        // Score: lower is better (total cost, or minus profit). The line has no legend entry: it is
        // often a point or two long and a legend item for it reads as a missing series.
        // Each frontier point is labelled with its strategy and setting: they are the choices worth
        // reading. A strategy the settings do not touch lands on one spot at every point: one label.
        var all = sweep.Points.SelectMany(p => p.Result.Strategies.Select(s => (Value: s[measure].Mean, Score: sign * s[measure].Mean, Fill: s[Metric.FillRate].Mean, s.Name, Setting: Values(p.Point)))).ToList();
        var frontier = all.Where(a => !all.Any(b => (b.Score < a.Score && b.Fill >= a.Fill) || (b.Score <= a.Score && b.Fill > a.Fill)))
            .GroupBy(a => (a.Value, a.Fill, a.Name))
            .Select(g => (g.Key.Value, g.Key.Fill, Label: $"{g.Key.Name}: {(g.Count() == sweep.Points.Length && g.Count() > 1 ? "every setting" : string.Join(" / ", g.Select(a => a.Setting)))}"))
            .OrderBy(a => a.Value).ToList();
        traces.Add(Plotly.Trace("scatter", ("x", frontier.Select(f => Plot(f.Value)).ToArray()), ("y", frontier.Select(f => Plot(f.Fill * 100)).ToArray()),
            ("mode", "lines+text"), ("name", "frontier"), ("showlegend", false), ("hoverinfo", "skip"), ("text", frontier.Select(f => Plotly.Label(f.Label)).ToArray()),
            ("textposition", "bottom left"), ("textfont", Plotly.Obj(("size", 11), ("color", "rgb(31,42,55)"))), ("cliponaxis", false),
            ("line", Plotly.Obj(("color", "rgba(31,42,55,0.6)"), ("dash", "dot"), ("width", 2)))));
        h.Append(Plotly.Render(traces, 500, ("xaxis", Plotly.Obj(("title", Plotly.Obj(("text", Plotly.Label(measureTitle)))))),
            ("yaxis", Plotly.Obj(("title", Plotly.Obj(("text", "Fill rate (%)")))))));
        h.Append("\n</section>\n");
    }

    /// <summary>
    /// One setting's effect, one panel per strategy with its own y-axis (a strategy whose change is
    /// small is not flattened by another's level): the ranked measure's paired difference from the
    /// baseline, then the fill rate.
    /// </summary>
    private static void Along(StringBuilder h, SweepResult sweep, int a, List<string> strategies, bool byProfit, string currency)
    {
        var axis = sweep.Axes[a];
        var baseline = sweep.Points[sweep.Baseline.Point].Point;
        var word = byProfit ? "Profit" : "Total cost";
        h.Append($"<section id=\"curve-{a}\"><h2>{word} and fill rate along {E(axis.Path)}</h2>\n<p>Each strategy in its own panel, with its own scale. "
            + $"Top: mean {word.ToLowerInvariant()} minus the same strategy's at the baseline ({E(baseline.Settings[a].Value)}), trial by trial; whiskers the 95% confidence interval of those differences, "
            + "so a whisker clear of zero is a change the trials can tell from noise. Bottom: mean fill rate, whiskers its 95% confidence interval.");
        if (sweep.Axes.Length > 1)
        {
            h.Append(" The other settings at their baseline values.");
        }

        h.Append("</p>\n");
        var line = Enumerable.Range(0, sweep.Points.Length)
            .Where(p => Enumerable.Range(0, sweep.Axes.Length).All(o => o == a || sweep.Points[p].Point.Settings[o].Value == baseline.Settings[o].Value)).ToList();
        var x = line.Select(p => Plotly.Label(sweep.Points[p].Point.Settings[a].Value)).ToArray();
        var differences = new List<Trace>();
        var fills = new List<Trace>();
        var fillRanges = new List<double[]?>();
        for (var k = 0; k < strategies.Count; k++)
        {
            var d = line.Select(p => byProfit ? sweep.VsBaseline(p, k).Profit : sweep.VsBaseline(p, k).TotalCost).ToList();
            differences.Add(Panel(k, x, d.Select(s => Plot(s.Mean)).ToArray(), d.Select(s => Plot(s.HalfWidth)).ToArray(), strategies[k]));
            var f = line.Select(p => sweep.Points[p].Result.Strategies[k][Metric.FillRate]).ToList();
            fills.Add(Panel(k, x, f.Select(s => Plot(s.Mean * 100)).ToArray(), Plotly.ShareErrors(f, Plotly.Colour(k, 0.5)), strategies[k]));
            fillRanges.Add(AtLeast(f.Select(s => Plot(s.Mean * 100)), f.Select(s => Plot(s.HalfWidth * 100)), 1));
        }

        h.Append(Panels(differences, strategies, axis.Path, $"{word} vs baseline ({currency})", zeroLine: true));
        h.Append(Panels(fills, strategies, axis.Path, "Fill rate (%)", zeroLine: false, ranges: fillRanges));
        h.Append("\n</section>\n");
    }

    private static Trace Panel(int k, string[] x, double[] y, double[] halfWidths, string strategy) =>
        Panel(k, x, y, Plotly.Obj(("type", "data"), ("array", halfWidths), ("visible", true), ("color", Plotly.Colour(k, 0.5))), strategy);

    private static Trace Panel(int k, string[] x, double[] y, Dictionary<string, object> errors, string strategy) =>
        Plotly.Trace("scatter", ("x", x), ("y", y), ("mode", "lines+markers"), ("name", Plotly.Label(strategy)), ("showlegend", false),
            ("xaxis", AxisRef("x", k)), ("yaxis", AxisRef("y", k)), ("line", Plotly.Obj(("color", Plotly.Colour(k)))), ("marker", Plotly.Obj(("color", Plotly.Colour(k)))),
            ("error_y", errors));

    /// <summary>Small multiples: one subplot per strategy, up to four in a row, each titled with the strategy and scaled on its own.</summary>
    private static string Panels(List<Trace> traces, List<string> strategies, string xTitle, string yTitle, bool zeroLine, bool categoryY = false, List<double[]?>? ranges = null)
    {
        var columns = Math.Min(strategies.Count, 4);
        var rows = (strategies.Count + columns - 1) / columns;
        var layout = new List<(string, object)>
        {
            ("grid", Plotly.Obj(("rows", rows), ("columns", columns), ("pattern", "independent"), ("xgap", 0.12), ("ygap", 0.35))),
            ("margin", Plotly.Obj(("l", 80), ("r", 20), ("t", 40), ("b", 70))),
            ("annotations", strategies.Select((s, k) => Plotly.Obj(("text", $"<b>{Plotly.Label(s)}</b>"), ("showarrow", false),
                ("xref", AxisRef("x", k) + " domain"), ("yref", AxisRef("y", k) + " domain"), ("x", 0.5), ("y", 1.0), ("yanchor", "bottom"), ("font", Plotly.Obj(("color", Plotly.Colour(k)))))).ToArray()),
        };
        for (var k = 0; k < strategies.Count; k++)
        {
            var suffix = k == 0 ? "" : (k + 1).ToString(CultureInfo.InvariantCulture);
            layout.Add(("xaxis" + suffix, Plotly.Obj(("type", "category"), ("title", Plotly.Obj(("text", Plotly.Label(xTitle)), ("font", Plotly.Obj(("size", 11))))))));
            var title = Plotly.Obj(("text", k % columns == 0 ? Plotly.Label(yTitle) : ""), ("font", Plotly.Obj(("size", 11))));
            var yAxis = categoryY
                ? Plotly.Obj(("type", "category"), ("title", title))
                : Plotly.Obj(("zeroline", zeroLine), ("zerolinecolor", "rgba(31,42,55,0.6)"), ("zerolinewidth", 1.5), ("title", title));
            if (ranges?[k] is { } range)
            {
                yAxis["range"] = range;
            }

            layout.Add(("yaxis" + suffix, yAxis));
        }

        return Plotly.Render(traces, 60 + (rows * 300), [.. layout]);
    }

    /// <summary>
    /// A y range at least <paramref name="span"/> tall around the values and whiskers (of a share in
    /// percent, so never below zero), or null to let plotly choose: a flat line would otherwise be
    /// scaled to its rounding noise.
    /// </summary>
    private static double[]? AtLeast(IEnumerable<double> means, IEnumerable<double> halfWidths, double span)
    {
        var pairs = means.Zip(halfWidths).ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        var low = pairs.Min(p => p.First - p.Second);
        var high = pairs.Max(p => p.First + p.Second);
        // A share is never below zero: a flat line at 0% sits on the axis, not mid-way.
        var middle = Math.Max((low + high) / 2, span / 2);
        return high - low >= span ? null : [middle - (span / 2), middle + (span / 2)];
    }

    private static string AxisRef(string axis, int k) => k == 0 ? axis : axis + (k + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The ranked measure over the first two settings, one heatmap per strategy, the other settings at their baseline values.</summary>
    private static void Heatmap(StringBuilder h, SweepResult sweep, List<string> strategies, Metric measure, bool byProfit, string currency)
    {
        var (rowsAxis, columnsAxis) = (sweep.Axes[0], sweep.Axes[1]);
        var baseline = sweep.Points[sweep.Baseline.Point].Point;
        var word = byProfit ? "profit" : "total cost";
        h.Append($"<section id=\"heatmap\"><h2>Mean {word} over {E(rowsAxis.Path)} and {E(columnsAxis.Path)}</h2>\n<p>One panel per strategy, each coloured on its own scale: "
            + (byProfit ? "green the most profitable" : "green the cheapest") + " of that strategy's settings, red the least; the cell shows the mean per trial"
            + (sweep.Axes.Length > 2 ? "; the other settings at their baseline values" : "") + ".</p>\n");

        // Green is good whichever the measure: low cost, high profit.
        object[] scale = byProfit ? [new object[] { 0, "#d73027" }, new object[] { 0.5, "#ffffbf" }, new object[] { 1, "#1a9850" }]
            : [new object[] { 0, "#1a9850" }, new object[] { 0.5, "#ffffbf" }, new object[] { 1, "#d73027" }];
        var traces = new List<Trace>();
        var rowValues = rowsAxis.Range.Values;
        var columnValues = columnsAxis.Range.Values;
        for (var k = 0; k < strategies.Count; k++)
        {
            var z = new double?[rowValues.Length][];
            for (var r = 0; r < rowValues.Length; r++)
            {
                z[r] = new double?[columnValues.Length];
            }

            for (var p = 0; p < sweep.Points.Length; p++)
            {
                var settings = sweep.Points[p].Point.Settings;
                if (Enumerable.Range(2, sweep.Axes.Length - 2).Any(o => settings[o].Value != baseline.Settings[o].Value))
                {
                    continue;
                }

                var mean = sweep.Points[p].Result.Strategies[k][measure].Mean;
                z[rowValues.IndexOf(settings[0].Value)][columnValues.IndexOf(settings[1].Value)] = double.IsFinite(mean) ? mean : null;
            }

            traces.Add(Plotly.Trace("heatmap", ("x", columnValues.Select(Plotly.Label).ToArray()), ("y", rowValues.Select(Plotly.Label).ToArray()), ("z", z),
                ("colorscale", scale), ("showscale", false), ("texttemplate", "%{z:,.0f}"), ("textfont", Plotly.Obj(("size", 10))), ("name", Plotly.Label(strategies[k])),
                ("xaxis", AxisRef("x", k)), ("yaxis", AxisRef("y", k)), ("hovertemplate", $"{Plotly.Label(rowsAxis.Path)}=%{{y}}<br>{Plotly.Label(columnsAxis.Path)}=%{{x}}<br>{Plotly.Label(currency)} %{{z:,.0f}}<extra>{Plotly.Label(strategies[k])}</extra>")));
        }

        h.Append(Panels(traces, strategies, columnsAxis.Path, rowsAxis.Path, zeroLine: false, categoryY: true));
        h.Append("\n</section>\n");
    }

    private static void PointTable(StringBuilder h, SweepResult sweep, string currency)
    {
        h.Append("<section id=\"points\"><h2>Every point</h2>\n<p>The differences are each strategy at the point minus the same strategy at the baseline point (shaded), trial by trial, ± the half-width of their 95% confidence interval.</p>\n<div class=\"wide\"><table class=\"planning\"><thead><tr>");
        foreach (var axis in sweep.Axes)
        {
            h.Append($"<th>{E(axis.Path)}</th>");
        }

        h.Append("<th>Strategy</th><th>Profit</th><th>Total cost</th><th>Fill rate</th><th>Profit vs baseline</th><th>Total cost vs baseline</th><th>Fill rate vs baseline</th></tr></thead><tbody>\n");
        for (var p = 0; p < sweep.Points.Length; p++)
        {
            var (point, result) = sweep.Points[p];
            var isBaseline = p == sweep.Baseline.Point;
            for (var k = 0; k < result.Strategies.Length; k++)
            {
                var s = result.Strategies[k];
                var d = sweep.VsBaseline(p, k);
                h.Append(isBaseline ? "<tr class=\"baseline\">" : "<tr>");
                foreach (var setting in point.Settings)
                {
                    h.Append($"<td>{E(setting.Value)}</td>");
                }

                h.Append($"<td class=\"text\">{E(s.Name)}</td><td>{MeanCi(s[Metric.Profit], MetricUnit.Money, currency)}</td><td>{MeanCi(s[Metric.TotalCost], MetricUnit.Money, currency)}</td><td>{MeanCi(s[Metric.FillRate], MetricUnit.Share, currency)}</td>");
                if (isBaseline)
                {
                    h.Append("<td>baseline</td><td>baseline</td><td>baseline</td></tr>\n");
                    continue;
                }

                h.Append($"<td>{E(DifferenceText.Format(d.Profit, MetricUnit.Money, currency))}</td><td>{E(DifferenceText.Format(d.TotalCost, MetricUnit.Money, currency))}</td>")
                    .Append($"<td>{E(DifferenceText.Format(d.FillRate, MetricUnit.Share, currency))}</td></tr>\n");
            }
        }

        h.Append("</tbody></table></div>\n</section>\n");
    }

    /// <summary>Writes the audit page.</summary>
    public static void WriteAudit(AuditResult audit, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var b = audit.Baseline;
        var currency = b.Scenario.Currency;
        var h = HtmlPage.Start("resilience audit", b,
            $"{audit.Nodes.Length} nodes x {audit.Durations.Length} outage durations x {b.Trials:N0} trials, on top of the scenario's own randomness; outages start on day {audit.OutageStartDays:0}; seed {b.Seed}.", Plotly.ScriptSource());
        h.Append(Style);
        h.Append("<section id=\"ranking\"><h2>Risk exposure ranking</h2>\n<p>Each node's mean extra total cost when it is out for the longest duration, "
            + "compared trial by trial with the baseline: the scenario as it is, without the audited outage, on the same trials; whiskers the 95% confidence interval of those differences. "
            + "The index is that cost as a share of the costliest node's (100).</p>\n");
        var longest = audit.Durations[^1];
        var labels = audit.Nodes.Select(n => Plotly.Label($"{n.Node.Id} ({n.Node.Kind.Label()})")).Reverse().ToArray();
        var bars = new List<Trace>();

        // Horizontal grouped bars stack a group's first trace at the bottom, while the legend lists
        // it at the top: adding the strategies last to first and reversing the legend puts both in
        // scenario order, top to bottom.
        for (var k = b.Strategies.Length - 1; k >= 0; k--)
        {
            var cost = audit.Nodes.Select(n => n.Outages[^1].Strategies[k].ExtraCost).Reverse().ToList();
            bars.Add(Plotly.Trace("bar", ("orientation", "h"), ("y", labels), ("x", cost.Select(c => Plot(c.Mean)).ToArray()), ("name", Plotly.Label(b.Strategies[k].Name)),
                ("marker", Plotly.Obj(("color", Plotly.Colour(k)))),
                ("error_x", Plotly.Obj(("type", "data"), ("array", cost.Select(c => Plot(c.HalfWidth)).ToArray()), ("visible", true)))));
        }

        h.Append(Plotly.Render(bars, Math.Max(360, 60 + (28 * audit.Nodes.Length * Math.Min(b.Strategies.Length, 2))), ("barmode", "group"),
            ("legend", Plotly.Obj(("traceorder", "reversed"))),
            ("xaxis", Plotly.Obj(("title", Plotly.Obj(("text", Plotly.Label($"Extra total cost of a {Days(longest)} outage ({currency})")))))),
            ("margin", Plotly.Obj(("l", 260), ("r", 30), ("t", 30), ("b", 60)))));
        h.Append("\n</section>\n");
        AuditBaseline(h, audit, currency);
        h.Append("<section id=\"nodes\"><h2>Every node and outage</h2>\n<p>Differences are with the outage minus without it, trial by trial, ± the half-width of their 95% confidence interval.</p>\n"
            + "<div class=\"wide\"><table class=\"planning\"><thead><tr><th>Node</th><th>Kind</th><th>Out for</th><th>Strategy</th><th>Time to survive (median)</th>"
            + "<th>Time to recover</th><th>Extra lost units</th><th>Lost revenue</th><th>Extra cost</th><th>Fill rate vs baseline</th><th>Index</th></tr></thead><tbody>\n");
        foreach (var node in audit.Nodes)
        {
            foreach (var outage in node.Outages)
            {
                for (var k = 0; k < outage.Strategies.Length; k++)
                {
                    var f = outage.Strategies[k];
                    var exposed = outage == node.Outages[^1] && node.Exposed(k);
                    h.Append($"<tr><td>{E(node.Node.Id)}</td><td class=\"kind\">{E(node.Node.Kind.Label())}</td><td>{E(Days(outage.DurationDays))}</td><td class=\"text\">{E(f.Strategy)}</td>")
                        .Append($"<td>{E(f.DescribeTimeToSurvive())}</td>")
                        .Append($"<td>{(f.UsesNode ? MeanCi(f.TimeToRecoverDays, MetricUnit.Days, currency) : "-")}</td><td>{MeanCi(f.ExtraLostUnits, MetricUnit.Units, currency)}</td>")
                        .Append($"<td>{MeanCi(f.LostRevenue, MetricUnit.Money, currency)}</td><td{(exposed ? " class=\"exposed\"" : "")}>{MeanCi(f.ExtraCost, MetricUnit.Money, currency)}</td>")
                        .Append($"<td>{E(DifferenceText.Format(f.FillRateDifference, MetricUnit.Share, currency))}</td>")
                        .Append($"<td>{(outage == node.Outages[^1] ? Number(Math.Round(node.RiskExposureIndex[k])) + (exposed ? " exposed" : "") : "")}</td></tr>\n");
                }
            }
        }

        h.Append("</tbody></table></div>\n<p class=\"note\">Time to survive: the median over trials of the days from the outage's start until customers fall short, a trial in which they never do counting as surviving; (N% short) is the share of trials in which they did; \"not used\": the outage changes nothing for this strategy. Exposed (shaded red): the longest outage loses significantly more units, and customers fall short before the node is back in most trials.</p>\n</section>\n");
        Finish(h, b, command, stream);
    }

    /// <summary>The baseline every outage is compared with: each strategy's figures without an audited outage.</summary>
    private static void AuditBaseline(StringBuilder h, AuditResult audit, string currency)
    {
        h.Append("<section id=\"baseline\"><h2>Baseline</h2>\n<p>The scenario as it is (its own disruptions included, no audited outage), on the same trials as every outage.</p>\n"
            + "<table class=\"planning\"><thead><tr><th>Strategy</th><th>Total cost</th><th>Profit</th><th>Fill rate</th></tr></thead><tbody>\n");
        foreach (var s in audit.Baseline.Strategies)
        {
            h.Append($"<tr><td class=\"text\">{E(s.Name)}</td><td>{MeanCi(s[Metric.TotalCost], MetricUnit.Money, currency)}</td><td>{MeanCi(s[Metric.Profit], MetricUnit.Money, currency)}</td>")
                .Append($"<td>{MeanCi(s[Metric.FillRate], MetricUnit.Share, currency)}</td></tr>\n");
        }

        h.Append("</tbody></table>\n</section>\n");
    }

    private static string Settings(SweepPoint point) => string.Join(", ", point.Settings.Select(s => s.ToString()));

    private static string Values(SweepPoint point) => string.Join(", ", point.Settings.Select(s => s.Value));

    private static string BaselineSource(SweepResult sweep) => sweep.Baseline.Sources.Distinct().ToList() switch
    {
        [SweepBaselineSource.Scenario] => "the scenario's own setting",
        [SweepBaselineSource.Chosen] => "named with --baseline",
        [SweepBaselineSource.FirstValue] => "the first point: the scenario's own setting is not among the values",
        _ => "each setting at the scenario's own value where it is among the values, else at its first",
    };

    private static void Finish(StringBuilder h, ExperimentResult r, IReadOnlyList<string>? command, Stream stream)
    {
        HtmlPage.Provenance(h, r, command);
        HtmlPage.Write(h.Append(HtmlPage.Footer).ToString(), stream);
    }
}
