using System.Text;
using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>The JSON and CSV files of <c>flowsim sweep</c> and <c>flowsim optimize</c>.</summary>
public static class PlanningFiles
{
    /// <summary>
    /// Writes a sweep as JSON: the provenance (with the overrides common to every point), the axes,
    /// then per point its settings and every strategy's metrics in the results-file form.
    /// </summary>
    public static void WriteSweepJson(SweepResult sweep, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        using var w = ResultsJson.Writer(stream);
        w.WriteStartObject();
        ResultsJson.Header(w, sweep.Points[0].Result, command, sweep.Axes.Length);
        w.WriteStartArray("axes");
        foreach (var axis in sweep.Axes)
        {
            w.WriteStartObject();
            w.WriteString("path", axis.Path);
            w.WriteStartArray("values");
            foreach (var v in axis.Range.Values)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Baseline(w, sweep);
        w.WriteStartArray("points");
        for (var p = 0; p < sweep.Points.Length; p++)
        {
            var (point, result) = sweep.Points[p];
            w.WriteStartObject();
            w.WriteStartObject("settings");
            foreach (var s in point.Settings)
            {
                w.WriteString(s.Path, s.Value);
            }

            w.WriteEndObject();
            w.WriteBoolean("is_baseline", p == sweep.Baseline.Point);
            w.WriteNumber("trials", result.Trials);
            w.WriteStartArray("strategies");
            for (var k = 0; k < result.Strategies.Length; k++)
            {
                var strategy = result.Strategies[k];
                w.WriteStartObject();
                w.WriteString("name", strategy.Name);
                w.WriteStartObject("metrics");
                foreach (var m in Metrics.All)
                {
                    ResultsJson.Stats(w, m.Key(), strategy[m], result.Trials, m.IsCostLike());
                }

                w.WriteEndObject();
                VsBaseline(w, sweep.VsBaseline(p, k), result.Trials);
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

    /// <summary>The baseline point: its index in <c>points</c>, its settings, and where each value came from.</summary>
    private static void Baseline(Utf8JsonWriter w, SweepResult sweep)
    {
        var baseline = sweep.Points[sweep.Baseline.Point].Point;
        w.WriteStartObject("baseline");
        w.WriteNumber("point", sweep.Baseline.Point);
        w.WriteStartObject("settings");
        foreach (var s in baseline.Settings)
        {
            w.WriteString(s.Path, s.Value);
        }

        w.WriteEndObject();
        w.WriteStartObject("source");
        for (var a = 0; a < baseline.Settings.Length; a++)
        {
            // A result built without a plan's choice has no sources: its baseline is the first point.
            var source = a < sweep.Baseline.Sources.Length ? sweep.Baseline.Sources[a] : SweepBaselineSource.FirstValue;
            w.WriteString(baseline.Settings[a].Path, source.Key());
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Paired differences against the baseline, in the form of a results file's <c>comparisons</c>.</summary>
    internal static void VsBaseline(Utf8JsonWriter w, BaselineDifference d, int trials)
    {
        w.WriteStartObject("vs_baseline");
        ResultsJson.Stats(w, "total_cost_difference", d.TotalCost, trials, tail: false);
        ResultsJson.Stats(w, "profit_difference", d.Profit, trials, tail: false);
        ResultsJson.Stats(w, "fill_rate_difference", d.FillRate, trials, tail: false);
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes a sweep as CSV: one row per point and strategy; the varied paths, <c>strategy</c>,
    /// <c>is_baseline</c>, then <c>KEY</c>, <c>KEY_ci95_low</c>, <c>KEY_ci95_high</c> for every metric,
    /// then the same for the paired differences against the baseline point (<c>total_cost_difference</c>,
    /// <c>profit_difference</c>, <c>fill_rate_difference</c>). The first line is the header; the
    /// provenance goes beside the file (see <see cref="CsvProvenance"/>).
    /// </summary>
    public static void WriteSweepCsv(SweepResult sweep, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        string[] differences = ["total_cost_difference", "profit_difference", "fill_rate_difference"];
        var header = sweep.Axes.Select(a => Csv.Field(a.Path)).Append("strategy").Append("is_baseline")
            .Concat(Metrics.All.SelectMany(m => new[] { m.Key(), m.Key() + "_ci95_low", m.Key() + "_ci95_high" }))
            .Concat(differences.SelectMany(k => new[] { k, k + "_ci95_low", k + "_ci95_high" }));
        w.WriteLine(string.Join(',', header));
        for (var p = 0; p < sweep.Points.Length; p++)
        {
            var (point, result) = sweep.Points[p];
            for (var k = 0; k < result.Strategies.Length; k++)
            {
                var strategy = result.Strategies[k];
                var d = sweep.VsBaseline(p, k);
                var cells = point.Settings.Select(s => Csv.Field(s.Value)).Append(Csv.Field(strategy.Name)).Append(p == sweep.Baseline.Point ? "true" : "false")
                    .Concat(Metrics.All.SelectMany(m => new[] { strategy[m].Mean, strategy[m].Ci95Low, strategy[m].Ci95High }.Select(Csv.Number)))
                    .Concat(new[] { d.TotalCost, d.Profit, d.FillRate }.SelectMany(st => new[] { st.Mean, st.Ci95Low, st.Ci95High }.Select(Csv.Number)));
                w.WriteLine(string.Join(',', cells));
            }
        }
    }

    /// <summary>
    /// Writes a resilience audit as CSV: one row per node, outage duration and strategy, in the
    /// audit's ranking order, with the same figures as the JSON (<c>FIGURE</c>, <c>FIGURE_ci95_low</c>,
    /// <c>FIGURE_ci95_high</c> for each figure with a confidence interval). The first line is the
    /// header; the provenance and the outage's start day go beside the file (see <see cref="CsvProvenance"/>).
    /// </summary>
    public static void WriteAuditCsv(AuditResult audit, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(audit);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        string[] figures = ["time_to_survive_days", "time_to_recover_days", "extra_lost_units", "lost_revenue", "extra_cost", "profit_difference", "fill_rate_difference"];
        var header = new[] { "node", "kind", "duration_days", "strategy", "uses_node", "exposed", "risk_exposure_index", "time_to_survive_median_days" }
            .Concat(figures.SelectMany(k => new[] { k, k + "_ci95_low", k + "_ci95_high" }))
            .Append("fell_short_share");
        w.WriteLine(string.Join(',', header));
        var strategies = audit.Baseline.Strategies;
        foreach (var node in audit.Nodes)
        {
            foreach (var outage in node.Outages)
            {
                foreach (var f in outage.Strategies)
                {
                    var k = strategies.Select(s => s.Name).ToList().IndexOf(f.Strategy);
                    Statistics[] stats = [f.TimeToSurviveDays, f.TimeToRecoverDays, f.ExtraLostUnits, f.LostRevenue, f.ExtraCost, f.ProfitDifference, f.FillRateDifference];
                    var cells = new[]
                        {
                            Csv.Field(node.Node.Id), node.Node.Kind.Key(), Csv.Number(outage.DurationDays), Csv.Field(f.Strategy),
                            f.UsesNode ? "true" : "false", node.Exposed(k) ? "true" : "false",
                            Csv.Number(node.RiskExposureIndex[k]), Csv.Number(f.MedianTimeToSurviveDays),
                        }
                        .Concat(stats.SelectMany(st => new[] { st.Mean, st.Ci95Low, st.Ci95High }.Select(Csv.Number)))
                        .Append(Csv.Number(f.FellShortShare));
                    w.WriteLine(string.Join(',', cells));
                }
            }
        }
    }

    /// <summary>
    /// Writes an optimisation as CSV: one row per value tried, in increasing order; <c>strategy</c>,
    /// the parameter's full path (its value as the scenario reads it), <c>is_best</c>,
    /// <c>is_plausible</c> (not significantly worse than the best), <c>meets_target</c>, then
    /// <c>KEY</c>, <c>KEY_ci95_low</c>, <c>KEY_ci95_high</c> for the objective and for the target's
    /// metric when it is another one, as in the JSON's <c>candidates</c>. The first line is the
    /// header; the provenance goes beside the file (see <see cref="CsvProvenance"/>).
    /// </summary>
    public static void WriteOptimizationCsv(OptimizationResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var metrics = new List<Metric> { result.Objective };
        if (result.Target is { } t && t.Metric != result.Objective)
        {
            metrics.Add(t.Metric);
        }

        var header = new[] { "strategy", Csv.Field(result.Path), "is_best", "is_plausible", "meets_target" }
            .Concat(metrics.SelectMany(m => new[] { m.Key(), m.Key() + "_ci95_low", m.Key() + "_ci95_high" }));
        w.WriteLine(string.Join(',', header));
        foreach (var c in result.Candidates)
        {
            var meets = result.Target is null || result.Target.IsMetBy(c[result.Target.Metric].Mean);
            var cells = new[]
                {
                    Csv.Field(result.Strategy), Csv.Field(c.Value), Bool(ReferenceEquals(c, result.Best)), Bool(result.Plausible.Contains(c)), Bool(meets),
                }
                .Concat(metrics.SelectMany(m => new[] { c[m].Mean, c[m].Ci95Low, c[m].Ci95High }.Select(Csv.Number)));
            w.WriteLine(string.Join(',', cells));
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Writes an optimisation as JSON: the question, the answer and its plausible range, and every candidate.</summary>
    public static void WriteOptimizationJson(OptimizationResult result, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = ResultsJson.Writer(stream);
        w.WriteStartObject();
        ResultsJson.Header(w, result.Candidates[0].Result, command, 1);
        w.WriteString("strategy", result.Strategy);
        w.WriteString("parameter", result.Path);
        w.WriteString(result.Maximize ? "maximize" : "minimize", result.Objective.Key());
        if (result.Target is { } target)
        {
            w.WriteString("target", target.ToString());
        }

        if (result.Best is { } best)
        {
            w.WriteString("best", best.Value);
            w.WriteString("answer", result.Answer());
            w.WriteStartArray("plausible");
            foreach (var c in result.Plausible)
            {
                w.WriteStringValue(c.Value);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("best");
        }

        w.WriteStartArray("candidates");
        foreach (var c in result.Candidates)
        {
            w.WriteStartObject();
            w.WriteString("value", c.Value);
            var trials = c.Result.Trials;
            ResultsJson.Stats(w, result.Objective.Key(), c[result.Objective], trials, result.Objective.IsCostLike());
            if (result.Target is { } t && t.Metric != result.Objective)
            {
                ResultsJson.Stats(w, t.Metric.Key(), c[t.Metric], trials, t.Metric.IsCostLike());
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
