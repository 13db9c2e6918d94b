using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>Cost sections: the distribution of total cost, its breakdown by component, and service against cost.</summary>
internal sealed partial class ReportSections
{
    public void CostDistribution(StringBuilder h)
    {
        Open(h, "cost-distribution");
        h.Append($"<p>Total cost per year of each trial (its total over the measured {Days(MeasuredDays)} scaled to 365 days), one violin per strategy, "
            + "with the mean (◆), the value at risk VaR95 (▲, the 95th percentile) and CVaR95 (✕, the mean of the worst 5% of trials).</p>\n");
        var traces = new List<Trace>();
        var names = _r.Strategies.Select(st => Plotly.Label(st.Name)).ToArray();
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var st = _r.Strategies[k];
            var values = st.Values(Metric.TotalCost).Select(v => Plot(v * PerYear)).ToArray();
            traces.Add(Plotly.Trace("violin",
                ("x", Enumerable.Repeat(names[k], values.Length).ToArray()), ("y", values), ("name", names[k]),
                ("box", Plotly.Obj(("visible", true))), ("points", false), ("line", Plotly.Obj(("color", Plotly.Colour(k)))),
                ("fillcolor", Plotly.Colour(k, 0.35)), ("showlegend", false), ("hoverinfo", "y")));
        }

        traces.Add(Marker(names, _r.Strategies.Select(st => Yearly(st[Metric.TotalCost]).Mean), "Mean", "diamond"));
        traces.Add(Marker(names, _r.Strategies.Select(st => Yearly(st[Metric.TotalCost]).P95), "VaR95", "triangle-up"));
        traces.Add(Marker(names, _r.Strategies.Select(st => Yearly(st[Metric.TotalCost]).Cvar95), "CVaR95", "x"));
        h.Append(Plotly.Render(traces, 460, ("yaxis", Axis(MoneyTitle("Total cost per year"))), ("violinmode", "overlay"),
            ("legend", Plotly.Obj(("orientation", "h"), ("y", -0.12)))));
        h.Append('\n');
        var rows = _r.Strategies.Select(st =>
        {
            var v = Yearly(st[Metric.TotalCost]);
            return new[] { E(st.Name), Money(v.Mean, Currency), Money(v.P5, Currency), Money(v.P50, Currency), Money(v.P95, Currency),
                Money(v.Cvar95, Currency) };
        });
        Table(h, ["Strategy", "Mean per year", "P5", "Median", "VaR95", "CVaR95"], rows);
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
        h.Append("<p>Mean cost per year by component of the total cost of flow; the components add up to the total in every trial. "
            + "Goods used are what was bought or made in the period, plus the stock it started with, less the stock it ended with, at unit cost; "
            + "obsolescence is the goods written off less salvage income. Components that are zero in every strategy are left out.</p>\n");
        var names = _r.Strategies.Select(st => Plotly.Label(st.Name)).ToArray();
        var traces = new List<Trace>();
        var shown = FlowSim.Outcomes.CostComponents.All.Where(c => _r.Strategies.Any(st => st[c].Mean != 0)).ToArray();
        for (var c = 0; c < shown.Length; c++)
        {
            var component = shown[c];
            traces.Add(Plotly.Trace("bar", ("x", names), ("y", _r.Strategies.Select(st => Plot(st[component].Mean * PerYear)).ToArray()),
                ("name", component.Label()), ("marker", Plotly.Obj(("color", ComponentColour(c))))));
        }

        traces.Add(Plotly.Trace("scatter", ("x", names), ("y", _r.Strategies.Select(st => Plot(st[Metric.TotalCost].Mean * PerYear)).ToArray()),
            ("mode", "markers"), ("name", "Total cost"), ("marker", Plotly.Obj(("symbol", "line-ew-open"), ("size", 40), ("color", "#111827"), ("line", Plotly.Obj(("width", 3)))))));
        h.Append(Plotly.Render(traces, 460, ("barmode", "relative"), ("yaxis", Axis(MoneyTitle("Mean cost per year")))));
        h.Append('\n');
        var header = new[] { "Component, per year" }.Concat(_r.Strategies.Select(st => E(st.Name))).ToArray();
        var rows = shown.Select(c => new[] { c.Label() }.Concat(_r.Strategies.Select(st => MeanCi(Yearly(st[c]), MetricUnit.Money, Currency))).ToArray())
            .Append(new[] { Metric.TotalCost.Label() }.Concat(_r.Strategies.Select(st => MeanCi(Yearly(st[Metric.TotalCost]), MetricUnit.Money, Currency))).ToArray());
        Table(h, header, rows);
        Close(h);
    }

    private static string ComponentColour(int c)
    {
        string[] colours = ["#4c78a8", "#f58518", "#ffbf79", "#54a24b", "#72b7b2", "#eeca3b", "#b279a2", "#e45756", "#ff9d98", "#9d755d", "#bab0ac", "#1f3a5f"];
        return colours[c % colours.Length];
    }

    public void ServiceVersusCost(StringBuilder h)
    {
        Open(h, "service-vs-cost");
        h.Append("<p>One point per strategy: mean total cost per year against fill rate, whiskers the 95% confidence intervals on both axes. "
            + "Down and to the left is cheaper; up is better service.</p>\n");
        var traces = new List<Trace>();
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var st = _r.Strategies[k];
            var cost = Yearly(st[Metric.TotalCost]);
            var fill = st[Metric.FillRate];
            traces.Add(Plotly.Trace("scatter", ("x", new[] { Plot(cost.Mean) }), ("y", new[] { Plot(fill.Mean * 100) }),
                ("mode", "markers+text"), ("text", new[] { Plotly.Label(st.Name) }), ("textposition", "top center"), ("name", Plotly.Label(st.Name)),
                ("marker", Plotly.Obj(("size", 14), ("color", Plotly.Colour(k)))),
                ("error_x", Plotly.Obj(("type", "data"), ("array", new[] { Plot(cost.HalfWidth) }), ("visible", true), ("color", Plotly.Colour(k)))),
                ("error_y", Plotly.ShareErrors([fill], Plotly.Colour(k)))));
        }

        h.Append(Plotly.Render(traces, 440, ("xaxis", Axis(MoneyTitle("Mean total cost per year"))), ("yaxis", Axis("Fill rate (%)"))));
        h.Append('\n');
        Close(h);
    }
}
