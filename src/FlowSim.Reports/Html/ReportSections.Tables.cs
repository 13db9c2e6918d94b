using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>The tables of every result and of the scenario's parameters.</summary>
internal sealed partial class ReportSections
{
    public void KpiTables(StringBuilder h)
    {
        Open(h, "kpi-tables");
        h.Append("<p>Mean ± half the 95% confidence interval, with the 5th–95th percentile of trials below. Money and quantities that add up over time "
            + "are per year; averages, peaks and ratios are as measured. The best value of a row is highlighted where one direction is better for the business: "
            + "not for figures that follow the volume sold (demand, revenue, purchase cost, cost of goods sold) nor for differences such as disruption cost. "
            + "Metrics that are zero in every strategy are left out.</p>\n");
        var header = new[] { "Metric" }.Concat(_r.Strategies.Select(st => E(st.Name))).ToArray();
        h.Append("<table>\n<thead><tr>").AppendJoin("", header.Select(c => $"<th>{c}</th>")).Append("</tr></thead>\n<tbody>\n");
        foreach (var m in Metrics.All)
        {
            var yearly = m.Info().PeriodTotal;
            var stats = _r.Strategies.Select(st => yearly ? Yearly(st[m]) : st[m]).ToArray();
            if (stats.All(v => v.Mean == 0 && v.Std == 0) || stats.All(v => v.N == 0))
            {
                continue;
            }

            var better = m.Info().BestMarked;
            var best = BestIndex(stats, better == Better.Higher, better != Better.Neither && _r.Strategies.Length > 1);
            h.Append($"<tr><td>{E(m.Label())}{(yearly ? " per year" : "")}</td>");
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
                for (var k = 0; k < st.Disruptions.Length; k++)
                {
                    var d = st.Disruptions[k];
                    var members = SameEventFigures(st, k);
                    if (members.Count == 0)
                    {
                        continue;
                    }

                    // A shared event whose disruptions measure alike is one row naming them and their targets.
                    var name = members.Count > 1 ? DisruptionCostParts.AttributedTo(_s, d.Id) : d.Id;
                    var kinds = string.Join(", ", members.Select(j => st.Disruptions[j].Kind).Distinct());
                    rows.Add([E(st.Name), E(name), E(kinds), .. DisruptionColumns.Select(m => MeanCi(d[m], m.Info().Unit, Currency))]);
                }
            }

            Table(h, ["Strategy", "Disruption", "Kind", .. DisruptionColumns.Select(m => E(m.Info().Label))], rows);
        }

        Close(h);
    }

    /// <summary>
    /// The disruptions row <paramref name="k"/> of the per disruption table stands for: itself, or
    /// for the first of a shared event whose disruptions all show the same figures, every one of
    /// them; empty for a later disruption of such an event (its row is the first's).
    /// </summary>
    private List<int> SameEventFigures(StrategyResult st, int k)
    {
        var spec = _s.Disruptions[k];
        if (spec.SharedEvent is not { } name)
        {
            return [k];
        }

        var members = Enumerable.Range(0, _s.Disruptions.Length).Where(j => _s.Disruptions[j].SharedEvent == name).ToList();
        var alike = members.All(j => DisruptionColumns.All(m => SameFigure(st.Disruptions[j][m], st.Disruptions[members[0]][m])));
        return !alike ? [k] : members[0] == k ? members : [];
    }

    private static bool SameFigure(Statistics a, Statistics b) =>
        (a.N == 0 && b.N == 0) || (a.N == b.N && a.Mean.Equals(b.Mean) && a.HalfWidth.Equals(b.HalfWidth));

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
                E(d.ItemId), E(d.StockPointId), E(d.Customers?.ToString() ?? d.Daily.ToString()),
                double.IsPositiveInfinity(d.PatienceDays) ? "unlimited" : d.PatienceDays == 0 ? "none (lost sales)" : Days(d.PatienceDays),
            }));
        if (!_s.Disruptions.IsEmpty)
        {
            var kinds = _r.Strategies[0].Disruptions;
            Table(h, ["Disruption", "Kind", "Target", "When", "Duration (days)"],
                _s.Disruptions.Select((d, k) => new[]
                {
                    E(d.Id), E(kinds[k].Kind), E(string.IsNullOrEmpty(d.Target) ? "all demand" : d.Target),
                    // A shared event's later disruptions take the timing of its first.
                    !DisruptionCostParts.CarriesAttribution(_s, d) ? $"with {E(_s.Disruptions.First(x => x.SharedEvent == d.SharedEvent).Id)} (event {E(d.SharedEvent)})"
                        : (d.Markov is { } chain ? $"each day: fails with probability {Number(chain.Fail)} when up"
                            : d.AtDays is { } at ? $"day {Number(at)}" : $"every {E(d.Every?.ToString())} days") + (d.SharedEvent is { } e ? $" (event {E(e)})" : ""),
                    d.Markov is { } c ? $"recovers with probability {Number(c.Recover)} a day (up {Number(100 * c.Availability)}% of days in the long run)" : E(d.Duration.ToString()),
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
}
