using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>Paired comparisons against the reference strategy, and the times to survive and recover.</summary>
internal sealed partial class ReportSections
{
    public void PairedComparison(StringBuilder h)
    {
        Open(h, "paired-comparison");
        var baseline = _r.Cheapest;
        var others = _r.Strategies.Where(st => st != baseline).ToArray();
        if (others.Length == 0)
        {
            h.Append("<p class=\"brief\">The scenario has one strategy: nothing to compare.</p>\n");
            Close(h);
            return;
        }

        h.Append($"<p>Each strategy against <strong>{E(baseline.Name)}</strong>, the cheapest by total cost and so, on the same demand, the most profitable: the mean trial-by-trial difference with its 95% confidence "
            + "interval, in total cost per year and in fill rate. An interval that does not cross zero is a difference this many trials can tell apart.</p>\n");
        var names = others.Select(st => Plotly.Label(st.Name)).ToArray();
        var pairs = others.Select(st => _r.Compare(st.Name, baseline.Name)).ToArray();
        var cost = pairs.Select(p => Yearly(p.TotalCostDifference)).ToArray();
        var fill = pairs.Select(p => p.FillRateDifference).ToArray();
        var traces = new List<Trace>
        {
            Forest(names, cost, 1, "Total cost per year", "x", "y"),
            Forest(names, fill, 100, "Fill rate (points)", "x2", "y2"),
        };
        var zero = new object[]
        {
            Plotly.Obj(("type", "line"), ("xref", "x"), ("yref", "paper"), ("x0", 0), ("x1", 0), ("y0", 0), ("y1", 1), ("line", Plotly.Obj(("color", "#9ca3af"), ("dash", "dot")))),
            Plotly.Obj(("type", "line"), ("xref", "x2"), ("yref", "paper"), ("x0", 0), ("x1", 0), ("y0", 0), ("y1", 1), ("line", Plotly.Obj(("color", "#9ca3af"), ("dash", "dot")))),
        };
        h.Append(Plotly.Render(traces, 120 + (50 * others.Length),
            ("xaxis", Plotly.Obj(("domain", new[] { 0.12, 0.52 }), ("title", Plotly.Obj(("text", MoneyTitle($"Total cost per year minus {Plotly.Label(baseline.Name)}'s")))))),
            ("xaxis2", Plotly.Obj(("domain", new[] { 0.6, 1 }), ("anchor", "y2"), ("title", Plotly.Obj(("text", $"Fill rate minus {Plotly.Label(baseline.Name)} (points)"))))),
            ("yaxis", Plotly.Obj(("type", "category"), ("automargin", true))),
            ("yaxis2", Plotly.Obj(("type", "category"), ("anchor", "x2"), ("matches", "y"), ("showticklabels", false))),
            ("shapes", zero), ("showlegend", false)));
        h.Append('\n');
        Table(h, ["Strategy", $"Total cost per year − {E(baseline.Name)}", "95% CI", $"Fill rate − {E(baseline.Name)}", "95% CI"],
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
            h.Append("<p class=\"brief\">The scenario has no disruptions.</p>\n");
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
}
