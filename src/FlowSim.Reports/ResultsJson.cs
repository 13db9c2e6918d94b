using System.Text.Encodings.Web;
using System.Text.Json;
using FlowSim.Experiments;

namespace FlowSim.Reports;

/// <summary>
/// Writes the <c>--json</c> results file. Its keys are a contract other tools rely on; the same
/// scenario and seed give a byte-identical file whatever the thread count.
/// </summary>
public static class ResultsJson
{
    /// <summary>Writes the results as indented UTF-8 JSON.</summary>
    /// <param name="result">The experiment's results.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="command">
    /// The command that produced the result, as <c>flowsim</c> arguments without output paths and
    /// thread count (see <see cref="Provenance.ReproducibleCommand"/>); written as <c>command</c> so
    /// <c>flowsim rerun</c> can repeat it. Null leaves the key out.
    /// </param>
    public static void Write(ExperimentResult result, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var w = new Utf8JsonWriter(stream, options);
        var s = result.Scenario;
        w.WriteStartObject();
        w.WriteString("flowsim_version", Provenance.Version);
        w.WriteStartObject("scenario");
        w.WriteString("name", s.Name);
        w.WriteString("path", s.Source.Path.Replace('\\', '/'));
        w.WriteString("sha256", s.Source.Sha256);
        w.WriteNumber("horizon_days", s.HorizonDays);
        w.WriteNumber("warmup_days", s.WarmupDays);
        w.WriteString("currency", s.Currency);
        w.WriteEndObject();
        w.WriteNumber("seed", result.Seed);
        w.WriteNumber("trials", result.Trials);
        if (command is not null)
        {
            w.WriteStartArray("command");
            foreach (var arg in command)
            {
                w.WriteStringValue(arg);
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("strategies");
        foreach (var strategy in result.Strategies)
        {
            w.WriteStartObject();
            w.WriteString("name", strategy.Name);
            w.WriteStartArray("policies");
            foreach (var p in strategy.Policies)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteStartObject("metrics");
            foreach (var m in Metrics.All)
            {
                Stats(w, m.Key(), strategy[m], result.Trials);
            }

            w.WriteEndObject();
            w.WriteStartArray("stock_points");
            foreach (var sp in strategy.StockPoints)
            {
                w.WriteStartObject();
                w.WriteString("id", sp.Id);
                w.WriteString("kind", sp.Kind);
                foreach (var m in Enum.GetValues<StockPointMetric>())
                {
                    Stats(w, m.Key(), sp[m], result.Trials);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("disruptions");
            foreach (var d in strategy.Disruptions)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("kind", d.Kind);
                foreach (var m in Enum.GetValues<DisruptionMetric>())
                {
                    Stats(w, m.Key(), d[m], result.Trials);
                }

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

    /// <summary>One quantity's statistics; <c>n</c> appears when it was undefined in some trials.</summary>
    private static void Stats(Utf8JsonWriter w, string key, Statistics m, int trials)
    {
        w.WriteStartObject(key);
        Number(w, "mean", m.Mean);
        Number(w, "std", m.Std);
        w.WriteStartArray("ci95");
        Value(w, m.Ci95Low);
        Value(w, m.Ci95High);
        w.WriteEndArray();
        Number(w, "p5", m.P5);
        Number(w, "p50", m.P50);
        Number(w, "p95", m.P95);
        if (m.N != trials)
        {
            w.WriteNumber("n", m.N);
        }

        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        w.WritePropertyName(name);
        Value(w, v);
    }

    // JSON has no NaN or infinity; a metric that is not a number is written as null.
    private static void Value(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
