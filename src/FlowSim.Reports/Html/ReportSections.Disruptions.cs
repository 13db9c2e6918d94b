using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using static FlowSim.Reports.Html.HtmlText;
using Trace = Plotly.NET.Trace;

namespace FlowSim.Reports.Html;

/// <summary>Disruption cost, its parts, and the resilience return of extra stock.</summary>
internal sealed partial class ReportSections
{
    public void DisruptionCost(StringBuilder h)
    {
        Open(h, "disruption-cost");
        if (_s.Disruptions.IsEmpty)
        {
            h.Append("<p class=\"brief\">The scenario has no disruptions.</p>\n");
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
            + "with disruptions switched off, per year (the measured period scaled to 365 days); the tail is the 95th percentile.</p>\n");
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
            // A shared event is one bar, named with its disruptions and targets: its later disruptions carry nothing of their own.
            foreach (var d in _s.Disruptions.Where(d => DisruptionCostParts.CarriesAttribution(_s, d)))
            {
                traces.Add(Plotly.Trace("bar", ("x", names), ("name", Plotly.Label(DisruptionCostParts.AttributedTo(_s, d.Id))), ("xaxis", "x2"), ("yaxis", "y2"),
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
        Table(h, ["Strategy", "Per year", "95% CI", DisruptionCostParts.OneInTwenty(MeasuredDays) + ", per year"],
            strategies.Select((st, k) => new[]
            {
                E(st.Name), Money(stats[k].Mean * PerYear, Currency), Ci(Yearly(stats[k]), MetricUnit.Money, Currency), Money(stats[k].P95 * PerYear, Currency),
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
}
