using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>The inventory fan chart with the warm-up and disruption windows behind it.</summary>
internal sealed partial class ReportSections
{
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
}
