using FlowSim.Outcomes;
using FlowSim.Planning;
using Plotly.NET;
using static FlowSim.Reports.Html.HtmlText;

namespace FlowSim.Reports.Html;

public static partial class PlanningReport
{
    /// <summary>Writes the placement page: the release, where safety stock moved by echelon, service, and every item-location's level.</summary>
    public static void WriteMeio(MeioResult result, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var proof = result.Proofs[0];
        var b = proof.Experiment;
        var currency = b.Scenario.Currency;
        var r = result.Request;
        var h = HtmlPage.Start("inventory placement", b,
            (r.Target is null ? $"Strategy {r.Strategy}; no service target; minimising {r.Objective.Key()}. "
                : $"Strategy {r.Strategy}; target {r.Target} per {(r.Per == TargetScope.Item ? "item" : "item-location")}, with 95% confidence; minimising {r.Objective.Key()}. ")
            + $"Search: {result.TrialsUsed:N0} trials ({r.SearchTrials:N0} per candidate, seed {r.Seed}); proof: {proof.Trials:N0} fresh trials (seed {proof.Seed}).",
            Plotly.ScriptSource());
        h.Append(Style);
        h.Append("<section id=\"release\"><h2>What each placement releases</h2>\n<p>The three placements on the same fresh trials. Released: the baseline's average inventory value "
            + "less the placement's, trial by trial, with its 95% confidence interval. The baseline sizes every item-location alone for the target; the analytic placement is the guaranteed-service model's; "
            + "the searched one is where the simulation search ended.</p>\n");
        foreach (var run in result.Proofs)
        {
            h.Append($"<h3>{E(run.Label)}</h3>\n<table class=\"planning\"><thead><tr><th style=\"white-space: nowrap\">Placement</th><th>Avg inventory value</th><th>Released</th><th>Released (%)</th>"
                + "<th>Total cost per year</th><th>Customers meeting the target</th><th>Lowest service</th></tr></thead><tbody>\n");
            foreach (var p in run.Placements)
            {
                var lowest = p.Services.MinBy(s => s.Service.Mean);
                h.Append($"<tr><td class=\"text\">{E(p.Placement)}</td><td>{MeanCi(p.InventoryValue, MetricUnit.Money, currency)}</td>")
                    .Append($"<td>{(p.Placement == "baseline" ? "-" : MeanCi(p.Released, MetricUnit.Money, currency))}</td>")
                    .Append($"<td>{(p.Placement == "baseline" ? "-" : MeanCi(p.ReleasedShare, MetricUnit.Share, currency))}</td>")
                    .Append($"<td>{MeanCi(p.TotalCostPerYear, MetricUnit.Money, currency)}</td>")
                    .Append($"<td>{p.Services.Count(s => s.Met)} of {p.Services.Length}</td>")
                    .Append($"<td>{(lowest is null ? "-" : $"{E(lowest.Name)}: {MeanCi(lowest.Service, MetricUnit.Share, currency)}")}</td></tr>\n");
            }

            h.Append("</tbody></table>\n");
        }

        if (result.LeftOut.Count > 0)
        {
            h.Append("<p class=\"note\">Left out of the target: ")
                .AppendJoin("; ", result.LeftOut.Select(l => $"{E(l.Key)} {E(l.Value)}")).Append(".</p>\n");
        }

        h.Append("</section>\n");

        // Where the stock sits: safety stock value by echelon, for each placement.
        var echelons = result.Searched.Levels.Select(l => l.Echelon).Distinct().Order().ToArray();
        string EchelonName(int e) => e == 0 ? "customer-facing" : e == 1 ? "1 step up" : $"{e} steps up";
        var unitCost = result.Stages.ToDictionary(s => $"{s.ItemId}@{s.StockPointId}", s => s.UnitCost);
        double Value(Placement p, int e) => p.Levels.Where(l => l.Echelon == e).Sum(l => Math.Max(0, l.SafetyStock) * unitCost[l.Name]);
        var bars = result.Placements.Select((p, k) => Plotly.Trace("bar", ("x", echelons.Select(e => Plotly.Label(EchelonName(e))).ToArray()),
            ("y", echelons.Select(e => Plot(Value(p, e))).ToArray()), ("name", Plotly.Label(p.Name)), ("marker", Plotly.Obj(("color", Plotly.Colour(k)))))).ToList();
        h.Append("<section id=\"echelons\"><h2>Where the safety stock sits</h2>\n<p>Safety stock value (units above the expected demand over each item-location's own protection period, at unit cost; "
            + "negative safety stock counts as none) by steps from the customers.</p>\n");
        h.Append(Plotly.Render(bars, 380, ("barmode", "group"),
            ("yaxis", Plotly.Obj(("title", Plotly.Obj(("text", Plotly.Label($"Safety stock value ({currency})")))))),
            ("margin", Plotly.Obj(("l", 80), ("r", 30), ("t", 30), ("b", 60)))));
        h.Append("</section>\n");

        h.Append("<section id=\"levels\"><h2>Every item-location's level</h2>\n<p>The level each placement sets (order-up-to S, or reorder point s), with its safety stock in brackets, "
            + "and the guaranteed-service model's service times: SI the days its feeders quote, S the days it quotes.</p>\n"
            + "<div class=\"wide\"><table class=\"planning\"><thead><tr><th>Item-location</th><th>Echelon</th><th>Setting</th><th>Baseline</th><th>Analytic</th><th>Searched</th><th>SI</th><th>S</th></tr></thead><tbody>\n");
        for (var i = 0; i < result.Searched.Levels.Length; i++)
        {
            var l = result.Searched.Levels[i];
            var gs = result.Analytic[result.Stages.First(s => s.ItemId == l.ItemId && s.StockPointId == l.StockPointId).Index];
            h.Append($"<tr><td class=\"text\">{E(l.Name)}</td><td class=\"kind\">{E(EchelonName(l.Echelon))}</td><td class=\"kind\">{E(l.Setting)}</td>");
            foreach (var p in result.Placements)
            {
                h.Append($"<td>{Number(p.Levels[i].Level)} ({Number(Math.Round(p.Levels[i].SafetyStock, 1))})</td>");
            }

            h.Append($"<td>{gs.InboundServiceDays}</td><td>{gs.OutboundServiceDays}</td></tr>\n");
        }

        h.Append("</tbody></table></div>\n</section>\n");
        h.Append("<section id=\"service\"><h2>Service per customer</h2>\n<p>The target's metric in the proof run (as written), with its one-sided 95% lower bound; shaded where the bound misses the target.</p>\n"
            + "<div class=\"wide\"><table class=\"planning\"><thead><tr><th>Customers</th>");
        foreach (var p in proof.Placements)
        {
            h.Append($"<th>{E(p.Placement)}</th>");
        }

        h.Append("</tr></thead><tbody>\n");
        for (var g = 0; g < proof.Placements[0].Services.Length; g++)
        {
            h.Append($"<tr><td class=\"text\">{E(proof.Placements[0].Services[g].Name)}</td>");
            foreach (var p in proof.Placements)
            {
                var s = p.Services[g];
                h.Append($"<td{(s.Met ? "" : " class=\"exposed\"")}>{MeanCi(s.Service, MetricUnit.Share, currency)} (≥ {Percent(s.LowerBound)})</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody></table></div>\n</section>\n");
        Finish(h, b, command, stream);
    }
}
