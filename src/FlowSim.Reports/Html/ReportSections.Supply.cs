using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>The supply section: how often each supplier and lane was up, and what its outages did to the shipments on it.</summary>
internal sealed partial class ReportSections
{
    /// <summary>A supplier or a lane, as one row of the supply tables.</summary>
    private sealed record SupplyRow(string Kind, string Name, IReadOnlyList<Statistics> Metrics)
    {
        public double this[SupplyMetric m] => Metrics[(int)m].Mean;
    }

    private static List<SupplyRow> SupplyRows(StrategyResult st) =>
    [
        .. st.Suppliers.Select(s => new SupplyRow("supplier", s.Id, s.Metrics)),
        .. st.Lanes.Select(l => new SupplyRow("lane", l.Name, l.Metrics)),
    ];

    // Rows with neither flow nor outage tell the reader nothing.
    private static bool Telling(SupplyRow row) => row[SupplyMetric.Shipments] > 0 || row[SupplyMetric.Availability] < 1;

    public void Supply(StringBuilder h)
    {
        Open(h, "supply");
        var strategies = _r.Strategies.Where(st => SupplyRows(st).Any(Telling)).ToList();
        if (strategies.Count == 0)
        {
            Missing(h, "No supplier or lane moved goods in this run.");
            Close(h);
            return;
        }

        h.Append("<p>Each supplier and lane, least available first, then most delayed. <em>Available</em> is the share of measured days it was up "
            + "(a lane is down while a closure or a capacity cut to zero holds it). <em>Delayed</em> is the share of shipments that arrived later than "
            + "their lead time because of an outage, and <em>average delay</em> how many days late those were. Shares are ratios of totals over all trials; "
            + "money and flows per year. <code>flowsim run --by supplier</code> (or <code>--by lane</code>) prints the same on the console.</p>\n");
        DelayChart(h, strategies);
        foreach (var st in strategies)
        {
            SupplyTable(h, st);
        }

        Close(h);
    }

    private void SupplyTable(StringBuilder h, StrategyResult st)
    {
        var rows = SupplyRows(st).Where(Telling)
            .OrderBy(r => r[SupplyMetric.Availability])
            .ThenBy(r => double.IsNaN(r[SupplyMetric.DelayedShare]) ? 0 : -r[SupplyMetric.DelayedShare])
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        h.Append($"<h3>{E(st.Name)}</h3>\n<div style=\"overflow-x: auto\">\n<table class=\"sortable\">\n<thead><tr><th>Kind</th><th>Name</th><th>Available</th>"
            + "<th>Shipments /yr</th><th>Delayed</th><th>Average delay (days)</th><th>Cancelled orders /yr</th><th>Units /yr</th><th>Purchase /yr</th><th>Transport /yr</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            string Cell(SupplyMetric m)
            {
                var v = row[m] * (m.Info().PeriodTotal ? PerYear : 1);
                return $"<td data-v=\"{SortKey(v)}\">{E(MetricText.Format(v, m.Info().Unit, ""))}</td>";
            }

            h.Append(row[SupplyMetric.Availability] < 1 || row[SupplyMetric.DelayedShipments] > 0 ? "<tr class=\"worst\">" : "<tr>")
                .Append($"<td class=\"text\">{row.Kind}</td><td class=\"text\">{E(row.Name)}</td>")
                .Append(Cell(SupplyMetric.Availability)).Append(Cell(SupplyMetric.Shipments)).Append(Cell(SupplyMetric.DelayedShare))
                .Append(Cell(SupplyMetric.AvgDelayDays)).Append(Cell(SupplyMetric.CancelledOrders)).Append(Cell(SupplyMetric.ShippedUnits))
                .Append(Cell(SupplyMetric.PurchaseCost)).Append(Cell(SupplyMetric.TransportCost))
                .Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n</div>\n");
    }

    /// <summary>Share of shipments delayed by outages, per supplier or lane that had any, one bar per strategy.</summary>
    private void DelayChart(StringBuilder h, List<StrategyResult> strategies)
    {
        var hit = strategies.SelectMany(SupplyRows).Where(r => r[SupplyMetric.DelayedShipments] > 0).Select(r => r.Name).Distinct().ToList();
        if (hit.Count == 0)
        {
            h.Append("<p>No shipment was delayed by an outage.</p>\n");
            return;
        }

        var traces = new List<Trace>();
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var rows = SupplyRows(_r.Strategies[k]);
            var share = hit.Select(name => rows.First(r => r.Name == name)[SupplyMetric.DelayedShare]).Select(v => Plot(v * 100)).ToArray();
            traces.Add(Plotly.Trace("bar", ("orientation", "h"), ("y", hit.Select(Plotly.Label).ToArray()), ("x", share), ("name", Plotly.Label(_r.Strategies[k].Name)),
                ("marker", Plotly.Obj(("color", Plotly.Colour(k)))), ("hovertemplate", "%{y}: %{x:.1f}% of shipments delayed<extra></extra>")));
        }

        h.Append(Plotly.Render(traces, Math.Max(240, 80 + (24 * hit.Count * Math.Min(_r.Strategies.Length, 3))), ("barmode", "group"),
            ("legend", Plotly.Obj(("traceorder", "reversed"))), ("xaxis", Axis("Shipments delayed by an outage (%)")), ("yaxis", Plotly.Obj(("automargin", true)))));
        h.Append('\n');
    }
}
