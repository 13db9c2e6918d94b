using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>The item-level section: where service falls short and where the money sits, item by item.</summary>
internal sealed partial class ReportSections
{
    /// <summary>Item-locations listed per strategy, worst fill rate first.</summary>
    private const int ItemRowsShown = 20;

    /// <summary>The worst rows of each list, marked.</summary>
    private const int WorstMarked = 5;

    public void Items(StringBuilder h)
    {
        Open(h, "items");
        var strategies = _r.Strategies.Where(st => st.ItemLocations.Length > 0).ToList();
        if (strategies.Count == 0)
        {
            Missing(h, "No item-level results in this run.");
            Close(h);
            return;
        }

        h.Append("<p>Each item at each stock point that serves customers, worst fill rate first (click a heading to sort). "
            + $"The {WorstMarked} worst of each strategy are marked. Fill rate and cycle service level are ratios of totals over all trials; "
            + "money and flows per year. <code>flowsim run --by item-location</code> prints the same on the console.</p>\n");
        FillRateHeatmaps(h, strategies);
        foreach (var st in strategies)
        {
            ItemTable(h, st);
        }

        ServiceVersusCostByItem(h, strategies);
        Close(h);
    }

    private void ItemTable(StringBuilder h, StrategyResult st)
    {
        var rows = st.ItemLocations.Where(il => il[ItemLocationMetric.DemandedUnits].Mean > 0)
            .OrderBy(il => double.IsNaN(il[ItemLocationMetric.FillRate].Mean) ? 1 : 0)
            .ThenBy(il => il[ItemLocationMetric.FillRate].Mean)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        // Make-to-order customers wait for a promised date by design: beside their fill rate (near 0),
        // on-time delivery against the promise; elsewhere the two are the same figure, shown once.
        var onTime = rows.Any(il => !il[ItemLocationMetric.OnTimeDelivery].Mean.Equals(il[ItemLocationMetric.FillRate].Mean));
        h.Append($"<h3>{E(st.Name)}</h3>\n<div style=\"overflow-x: auto\">\n<table class=\"sortable\">\n<thead><tr><th>Item</th><th>Location</th><th>Fill rate</th>"
            + (onTime ? "<th>On-time delivery</th>" : "") + "<th>Cycle service level</th>"
            + $"<th>Stockout probability</th><th>Avg inventory value</th><th>Lost units /yr</th><th>Avg customer wait (days)</th><th>Holding cost /yr</th><th>Shortage cost /yr</th></tr></thead>\n<tbody>\n");
        for (var k = 0; k < Math.Min(ItemRowsShown, rows.Count); k++)
        {
            var il = rows[k];
            string Cell(ItemLocationMetric m)
            {
                var v = il[m].Mean * (m.Info().PeriodTotal ? PerYear : 1);
                return $"<td data-v=\"{SortKey(v)}\">{E(MetricText.Format(v, m.Info().Unit, ""))}</td>";
            }

            // Marking every row of a short list would say nothing.
            h.Append(k < WorstMarked && rows.Count > WorstMarked ? "<tr class=\"worst\">" : "<tr>")
                .Append($"<td class=\"text\">{E(il.ItemId)}</td><td class=\"text\">{E(il.Location)}</td>")
                .Append(Cell(ItemLocationMetric.FillRate)).Append(onTime ? Cell(ItemLocationMetric.OnTimeDelivery) : "").Append(Cell(ItemLocationMetric.CycleServiceLevel))
                .Append(Cell(ItemLocationMetric.StockoutProbability)).Append(Cell(ItemLocationMetric.AvgInventoryValue))
                .Append(Cell(ItemLocationMetric.LostUnits)).Append(Cell(ItemLocationMetric.AvgCustomerWaitDays))
                .Append(Cell(ItemLocationMetric.HoldingCost)).Append(Cell(ItemLocationMetric.ShortageCost))
                .Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n</div>\n");
        if (rows.Count > ItemRowsShown)
        {
            h.Append($"<p class=\"note\">... and {rows.Count - ItemRowsShown:N0} more item-locations; the JSON (<code>item_locations</code>) has them all.</p>\n");
        }
    }

    private static string SortKey(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>Fill rate by item and stock point, one heatmap per strategy: where service falls short at a glance.</summary>
    private void FillRateHeatmaps(StringBuilder h, List<StrategyResult> strategies)
    {
        var customerFacing = strategies[0].ItemLocations.Where(il => il[ItemLocationMetric.DemandedUnits].Mean > 0).ToList();
        var items = customerFacing.Select(il => il.ItemId).Distinct().ToList();
        var locations = customerFacing.Select(il => il.Location).Distinct().ToList();
        if (items.Count * locations.Count < 2)
        {
            return;
        }

        // The colour scale starts at the lowest tens of percent any strategy shows, so differences among high fill rates stay visible.
        var lowest = strategies.SelectMany(st => st.ItemLocations).Select(il => il[ItemLocationMetric.FillRate].Mean).Where(double.IsFinite).DefaultIfEmpty(0).Min();
        var floor = Math.Min(90, Math.Floor(lowest * 10) * 10);
        h.Append($"<p>Fill rate by item and stock point (blank where the stock point does not serve that item's customers); the colours run from {floor:0}% (red) to 100% (green).</p>\n");
        foreach (var st in strategies)
        {
            var z = items.Select(item => locations.Select(loc =>
            {
                var il = st.ItemLocations.FirstOrDefault(x => x.ItemId == item && x.Location == loc);
                var fill = il is null ? double.NaN : il[ItemLocationMetric.FillRate].Mean;
                return double.IsFinite(fill) ? (object)Math.Round(fill * 100, 2) : null!;
            }).ToArray()).ToArray();
            var trace = Plotly.Trace("heatmap", ("z", z), ("x", locations.Select(Plotly.Label).ToArray()), ("y", items.Select(Plotly.Label).ToArray()),
                ("zmin", floor), ("zmax", 100), ("colorscale", new object[] { new object[] { 0, "#b91c1c" }, new object[] { 0.5, "#facc15" }, new object[] { 1, "#15803d" } }), ("colorbar", Plotly.Obj(("title", Plotly.Obj(("text", "Fill rate (%)"))))),
                ("hovertemplate", "%{y} at %{x}: %{z:.1f}%<extra></extra>"));
            h.Append($"<h3>{E(st.Name)}: fill rate by item and stock point</h3>\n");
            h.Append(Plotly.Render([trace], Math.Max(220, 60 + (28 * items.Count)), ("xaxis", Axis("Stock point")), ("yaxis", Axis("Item"))));
            h.Append('\n');
        }
    }

    /// <summary>Per item: its fill rate against what its stock and shortfalls cost a year, one point per item and strategy.</summary>
    private void ServiceVersusCostByItem(StringBuilder h, List<StrategyResult> strategies)
    {
        h.Append("<h3>Service versus cost, item by item</h3>\n<p>One point per item and strategy: holding, ordering and shortage cost per year against its fill rate over all its stock points.</p>\n");
        var traces = new List<Trace>();
        for (var k = 0; k < _r.Strategies.Length; k++)
        {
            var st = _r.Strategies[k];
            var items = st.Items.Where(it => it[ItemLocationMetric.DemandedUnits].Mean > 0).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var cost = items.Select(it => Plot((it[ItemLocationMetric.HoldingCost].Mean + it[ItemLocationMetric.OrderingCost].Mean + it[ItemLocationMetric.ShortageCost].Mean) * PerYear)).ToArray();
            var fill = items.Select(it => Plot(it[ItemLocationMetric.FillRate].Mean * 100)).ToArray();
            traces.Add(Plotly.Trace("scatter", ("x", cost), ("y", fill), ("mode", "markers"), ("name", Plotly.Label(st.Name)),
                ("text", items.Select(it => Plotly.Label(it.ItemId)).ToArray()), ("hovertemplate", "%{text}: %{y:.1f}%, %{x:,.0f}<extra></extra>"),
                ("marker", Plotly.Obj(("size", 10), ("color", Plotly.Colour(k))))));
        }

        h.Append(Plotly.Render(traces, 420, ("xaxis", Axis(MoneyTitle("Holding, ordering and shortage cost per year"))), ("yaxis", Axis("Fill rate (%)"))));
        h.Append('\n');
    }
}
