using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>Inventory value over time as fan charts, with the warm-up and disruption windows behind them.</summary>
internal sealed partial class ReportSections
{
    /// <summary>Stock points drawn one by one, worst served first: more make a wash of overlapping bands.</summary>
    private const int WorstStockPointsShown = 3;

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

        h.Append($"<p>Value of the stock on hand at the end of each day, every item at its unit cost, all stock points together: the line is the median, "
            + $"the band the 5th to 95th percentile over the first {trace.SampledTrials:N0} trials. The warm-up is marked grey. ");
        var days = Enumerable.Range(0, trace.Days).Select(d => (double)d).ToArray();
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
        var traces = new List<Trace>();
        for (var k = 0; k < trace.Strategies.Length; k++)
        {
            traces.AddRange(Fan(days, trace.Strategies[k].ChainValue, Plotly.Label(trace.Strategies[k].Strategy), k, "x", "y", true));
        }

        var layout = new List<(string, object)> { ("xaxis", Axis("Day")), ("yaxis", Axis(MoneyTitle("Inventory value"))), ("shapes", Shading(trace, "x")), ("hovermode", "x unified") };
        if (randomShare is not null)
        {
            var peak = randomShare.Max();
            traces.Add(Plotly.Trace("scatter", ("x", days), ("y", randomShare), ("yaxis", "y2"), ("mode", "lines"), ("name", "Random disruptions"),
                ("line", Plotly.Obj(("shape", "hv"), ("width", 1), ("color", "rgba(161,98,7,0.7)"))), ("fill", "tozeroy"), ("fillcolor", "rgba(234,179,8,0.18)")));
            layout.Add(("yaxis2", Plotly.Obj(("overlaying", "y"), ("side", "right"), ("showgrid", false), ("rangemode", "tozero"),
                ("range", new[] { 0, Math.Max(peak * 2.5, 1) }), ("title", Plotly.Obj(("text", "Disruptions per 100 trials"))))));
        }

        h.Append(Plotly.Render(traces, 420, [.. layout]));
        h.Append('\n');
        if (trace.Strategies.Length > 0 && trace.Strategies[0].StockPointValues.Length > 1)
        {
            WorstStockPoints(h, trace, days);
        }

        Close(h);
    }

    /// <summary>
    /// The stock points with the lowest fill rate (the lowest of any strategy), each as small multiples: one panel per
    /// strategy with the same value axis, so no band hides another.
    /// </summary>
    private void WorstStockPoints(StringBuilder h, InventoryTrace trace, double[] days)
    {
        var ids = trace.Strategies[0].StockPointValues.Select(b => b.StockPoint).ToArray();
        var fill = ids.Select(id => _r.Strategies
            .Select(st => st.StockPoints.FirstOrDefault(sp => sp.Id == id)?[StockPointMetric.FillRate].Mean ?? double.NaN)
            .Where(double.IsFinite).DefaultIfEmpty(double.NaN).ToArray()).ToArray();

        // Stock points that fill no orders (NaN) come last.
        var worst = Enumerable.Range(0, ids.Length).OrderBy(p => double.IsNaN(fill[p][0]) ? 1 : 0).ThenBy(p => fill[p].Min()).Take(WorstStockPointsShown).ToArray();
        h.Append($"<h3>Where service is weakest</h3>\n<p>The {(worst.Length == 1 ? "stock point" : $"{worst.Length} stock points")} with the lowest fill rate, "
            + "value on hand per strategy side by side on the same scale"
            + (ids.Length > worst.Length ? $"; the other {ids.Length - worst.Length} serve better and are in the tables of all results.</p>\n" : ".</p>\n"));
        var n = trace.Strategies.Length;
        foreach (var p in worst)
        {
            var traces = new List<Trace>();
            var layout = new List<(string, object)> { ("showlegend", false), ("hovermode", "x unified") };
            var shapes = new List<object>();
            var annotations = new List<object>();
            for (var k = 0; k < n; k++)
            {
                var x = k == 0 ? "x" : $"x{k + 1}";
                var y = k == 0 ? "y" : $"y{k + 1}";
                var name = Plotly.Label(trace.Strategies[k].Strategy);
                traces.AddRange(Fan(days, trace.Strategies[k].StockPointValues[p], name, k, x, y, false));
                var gap = 0.04;
                var width = (1 - (gap * (n - 1))) / n;
                layout.Add((k == 0 ? "xaxis" : $"xaxis{k + 1}", Plotly.Obj(("domain", new[] { k * (width + gap), (k * (width + gap)) + width }), ("anchor", y), ("title", Plotly.Obj(("text", "Day"))))));
                layout.Add((k == 0 ? "yaxis" : $"yaxis{k + 1}", k == 0
                    ? Plotly.Obj(("anchor", x), ("rangemode", "tozero"), ("title", Plotly.Obj(("text", MoneyTitle("Inventory value")))))
                    : Plotly.Obj(("anchor", x), ("matches", "y"), ("showticklabels", false))));
                shapes.AddRange(Shading(trace, x));
                annotations.Add(Plotly.Obj(("text", name), ("showarrow", false), ("xref", $"{x} domain"), ("yref", "paper"), ("x", 0.5), ("y", 1.08), ("font", Plotly.Obj(("color", Plotly.Colour(k))))));
            }

            layout.Add(("shapes", shapes.ToArray()));
            layout.Add(("annotations", annotations.ToArray()));
            var rates = string.Join(", ", _r.Strategies.Select(st => st.StockPoints.FirstOrDefault(sp => sp.Id == ids[p]) is { } sp
                ? $"{E(st.Name)} {Percent(sp[StockPointMetric.FillRate].Mean)}" : ""));
            h.Append($"<h3>{E(ids[p])}</h3>\n<p class=\"note\">Fill rate: {rates}.</p>\n");
            h.Append(Plotly.Render(traces, 300, [.. layout]));
            h.Append('\n');
        }
    }

    /// <summary>A fan: the 5th to 95th percentile band and the median line of one strategy.</summary>
    private static Trace[] Fan(double[] days, InventoryBand band, string name, int k, string x, string y, bool legend) =>
    [
        Plotly.Trace("scatter", ("x", days), ("y", band.P5.Select(Plot).ToArray()), ("mode", "lines"), ("legendgroup", name), ("xaxis", x), ("yaxis", y),
            ("showlegend", false), ("name", name + " P5"), ("line", Plotly.Obj(("width", 0), ("color", Plotly.Colour(k))))),
        Plotly.Trace("scatter", ("x", days), ("y", band.P95.Select(Plot).ToArray()), ("mode", "lines"), ("legendgroup", name), ("xaxis", x), ("yaxis", y),
            ("showlegend", false), ("name", name + " P95"), ("fill", "tonexty"), ("fillcolor", Plotly.Colour(k, 0.18)),
            ("line", Plotly.Obj(("width", 0), ("color", Plotly.Colour(k))))),
        Plotly.Trace("scatter", ("x", days), ("y", band.P50.Select(Plot).ToArray()), ("mode", "lines"), ("legendgroup", name), ("xaxis", x), ("yaxis", y),
            ("showlegend", legend), ("name", name), ("line", Plotly.Obj(("width", 2), ("color", Plotly.Colour(k))))),
    ];

    /// <summary>Rectangles behind the fan chart: the warm-up, and each disruption window weighted by the share of trials it was seen in.</summary>
    private static object[] Shading(InventoryTrace trace, string x)
    {
        var shapes = new List<object>();
        if (trace.WarmupDays > 0)
        {
            shapes.Add(Rect(x, 0, trace.WarmupDays, "rgba(107,114,128,0.12)"));
        }

        foreach (var w in trace.Disruptions.Where(w => w.Trials == trace.SampledTrials))
        {
            shapes.Add(Rect(x, w.StartDays, w.EndDays, "rgba(234,179,8,0.28)"));
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

    private static Dictionary<string, object> Rect(string x, double from, double to, string colour) => Plotly.Obj(
        ("type", "rect"), ("xref", x), ("yref", "paper"), ("x0", from), ("x1", to), ("y0", 0), ("y1", 1),
        ("fillcolor", colour), ("line", Plotly.Obj(("width", 0))), ("layer", "below"));
}
