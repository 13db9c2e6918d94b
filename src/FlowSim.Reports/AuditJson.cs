using FlowSim.Outcomes;
using FlowSim.Planning;

namespace FlowSim.Reports;

/// <summary>Writes a resilience audit as JSON: provenance, then every node ranked, with its figures per outage and strategy.</summary>
public static class AuditJson
{
    /// <summary>Writes the audit.</summary>
    public static void Write(AuditResult audit, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        using var w = ResultsJson.Writer(stream);
        w.WriteStartObject();
        ResultsJson.Header(w, audit.Baseline, command);
        w.WriteNumber("outage_start_day", audit.OutageStartDays);
        w.WriteStartArray("durations_days");
        foreach (var d in audit.Durations)
        {
            w.WriteNumberValue(d);
        }

        w.WriteEndArray();
        var trials = audit.Baseline.Trials;
        var strategies = audit.Baseline.Strategies;

        // What every outage is compared with, trial by trial: the scenario as it is.
        w.WriteStartObject("baseline");
        w.WriteString("outage", "none");
        w.WriteStartArray("strategies");
        foreach (var s in strategies)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteStartObject("metrics");
            foreach (var m in new[] { Metric.TotalCost, Metric.Profit, Metric.FillRate })
            {
                ResultsJson.Stats(w, m.Key(), s[m], trials, m.IsCostLike());
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("nodes");
        foreach (var node in audit.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", node.Node.Id);
            w.WriteString("kind", node.Node.Kind.Key());
            w.WriteStartObject("risk_exposure_index");
            for (var k = 0; k < strategies.Length; k++)
            {
                ResultsJson.Number(w, strategies[k].Name, node.RiskExposureIndex[k]);
            }

            w.WriteEndObject();
            w.WriteStartArray("exposed");
            for (var k = 0; k < strategies.Length; k++)
            {
                if (node.Exposed(k))
                {
                    w.WriteStringValue(strategies[k].Name);
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("outages");
            foreach (var outage in node.Outages)
            {
                w.WriteStartObject();
                w.WriteNumber("duration_days", outage.DurationDays);
                w.WriteStartArray("strategies");
                foreach (var f in outage.Strategies)
                {
                    w.WriteStartObject();
                    w.WriteString("name", f.Strategy);
                    w.WriteBoolean("uses_node", f.UsesNode);

                    // Null when customers fell short in at most half the trials (or the node is not used).
                    ResultsJson.Number(w, "time_to_survive_median_days", f.MedianTimeToSurviveDays);
                    ResultsJson.Stats(w, "time_to_survive_days", f.TimeToSurviveDays, trials, tail: false);
                    ResultsJson.Stats(w, "time_to_recover_days", f.TimeToRecoverDays, trials, tail: false);
                    ResultsJson.Stats(w, "extra_lost_units", f.ExtraLostUnits, trials, tail: false);
                    ResultsJson.Stats(w, "lost_revenue", f.LostRevenue, trials, tail: true);
                    ResultsJson.Stats(w, "extra_cost", f.ExtraCost, trials, tail: true);
                    ResultsJson.Number(w, "fell_short_share", f.FellShortShare);
                    PlanningFiles.VsBaseline(w, new BaselineDifference(f.ExtraCost, f.ProfitDifference, f.FillRateDifference), trials);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
