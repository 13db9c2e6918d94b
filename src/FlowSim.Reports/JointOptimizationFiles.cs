using System.Text;
using FlowSim.Outcomes;
using FlowSim.Planning;

namespace FlowSim.Reports;

/// <summary>
/// The files of an optimisation of several settings at once: the JSON (the question, the answer
/// per setting with its plausible values, every combination tried) and the CSV (one row per
/// combination, one column per setting).
/// </summary>
public static class JointOptimizationFiles
{
    /// <summary>
    /// Writes the JSON: as for one setting, but <c>parameters</c> (the full paths) instead of
    /// <c>parameter</c>, <c>search</c> (<c>full-grid</c> or <c>profile</c>), <c>best</c> and each
    /// entry of <c>plausible</c> as an object from path to value, <c>settings</c> with each
    /// setting's best value, its <c>answer</c> to the precision the trials support and its
    /// plausible values, and <c>candidates[].values</c> as an object from path to value.
    /// </summary>
    public static void WriteJson(JointOptimizationResult result, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = ResultsJson.Writer(stream);
        w.WriteStartObject();
        ResultsJson.Header(w, result.Candidates[0].Result, command, result.Paths.Length);
        w.WriteString("strategy", result.Strategy);
        w.WriteStartArray("parameters");
        foreach (var path in result.Paths)
        {
            w.WriteStringValue(path);
        }

        w.WriteEndArray();
        w.WriteString("search", result.Method == JointSearchMethod.FullGrid ? "full-grid" : "profile");
        w.WriteString(result.Maximize ? "maximize" : "minimize", result.Objective.Key());
        if (result.Target is { } target)
        {
            w.WriteString("target", target.ToString());
        }

        if (result.Best is { } best)
        {
            w.WritePropertyName("best");
            Values(w, result, best);
            w.WriteStartArray("settings");
            for (var i = 0; i < result.Paths.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("parameter", result.Paths[i]);
                w.WriteString("best", best.Values[i]);
                w.WriteString("answer", result.Answer(i));
                w.WriteStartArray("plausible");
                foreach (var number in result.PlausibleNumbers(i))
                {
                    w.WriteStringValue(result.Plausible.First(c => c.Numbers[i] == number).Values[i]);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("plausible");
            foreach (var c in result.Plausible)
            {
                Values(w, result, c);
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
            w.WritePropertyName("values");
            Values(w, result, c);
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

    /// <summary>
    /// Writes one row per combination tried: <c>strategy</c>, one column per setting named by its
    /// full path, <c>is_best</c>, <c>is_plausible</c>, <c>meets_target</c>, then the objective's
    /// and the target metric's mean and 95% CI, as for one setting.
    /// </summary>
    public static void WriteCsv(JointOptimizationResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var metrics = new List<Metric> { result.Objective };
        if (result.Target is { } t && t.Metric != result.Objective)
        {
            metrics.Add(t.Metric);
        }

        var header = new[] { "strategy" }.Concat(result.Paths.Select(Csv.Field)).Concat(["is_best", "is_plausible", "meets_target"])
            .Concat(metrics.SelectMany(m => new[] { m.Key(), m.Key() + "_ci95_low", m.Key() + "_ci95_high" }));
        w.WriteLine(string.Join(',', header));
        foreach (var c in result.Candidates)
        {
            var meets = result.Target is null || result.Target.IsMetBy(c[result.Target.Metric].Mean);
            var cells = new[] { Csv.Field(result.Strategy) }.Concat(c.Values.Select(Csv.Field))
                .Concat([Bool(ReferenceEquals(c, result.Best)), Bool(result.Plausible.Contains(c)), Bool(meets)])
                .Concat(metrics.SelectMany(m => new[] { c[m].Mean, c[m].Ci95Low, c[m].Ci95High }.Select(Csv.Number)));
            w.WriteLine(string.Join(',', cells));
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static void Values(System.Text.Json.Utf8JsonWriter w, JointOptimizationResult result, JointCandidate c)
    {
        w.WriteStartObject();
        for (var i = 0; i < result.Paths.Length; i++)
        {
            w.WriteString(result.Paths[i], c.Values[i]);
        }

        w.WriteEndObject();
    }
}
