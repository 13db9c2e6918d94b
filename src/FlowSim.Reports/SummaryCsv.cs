using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports;

/// <summary>
/// Writes the summary as CSV: one row per strategy and metric, columns
/// <c>strategy,metric,mean,std,ci95_low,ci95_high,p5,p50,p95,n</c>. Metric names are the JSON
/// keys; numbers use a dot and no thousands separator; undefined numbers are empty. The first line
/// is the header (it goes to stdout, which has no room for provenance: the JSON carries it).
/// </summary>
public static class SummaryCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "strategy,metric,mean,std,ci95_low,ci95_high,p5,p50,p95,n";

    /// <summary>Writes the header and one row per strategy x metric.</summary>
    public static void Write(ExperimentResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\n");
        foreach (var strategy in result.Strategies)
        {
            foreach (var m in Metrics.All)
            {
                var s = strategy[m];
                var line = new StringBuilder();
                line.Append(Csv.Field(strategy.Name)).Append(',').Append(m.Key());
                foreach (var v in new[] { s.Mean, s.Std, s.Ci95Low, s.Ci95High, s.P5, s.P50, s.P95 })
                {
                    line.Append(',').Append(Csv.Number(v));
                }

                line.Append(',').Append(s.N.ToString(CultureInfo.InvariantCulture));
                writer.Write(line.Append('\n').ToString());
            }
        }
    }
}
