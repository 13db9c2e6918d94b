using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports;

/// <summary>
/// Writes the <c>--csv</c> file: one row per trial and strategy with every metric, every cost
/// component, every stock point's and disruption's metrics, for a spreadsheet or pandas.
/// </summary>
/// <remarks>
/// Columns: <c>trial</c>, <c>strategy</c>, the metric keys, <c>cost.COMPONENT</c>, then
/// <c>STOCK_POINT.KEY</c> and <c>DISRUPTION.KEY</c>. Numbers use a dot and round-trip exactly;
/// an undefined value is an empty cell. Names are quoted when they hold a comma, quote or newline;
/// a name a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> first) begins with a single quote.
/// The first line is the header; where the rows came from goes beside the file (see <see cref="CsvProvenance"/>).
/// </remarks>
public static class TrialsCsv
{
    /// <summary>Writes the rows, trial by trial, strategies in scenario order within a trial.</summary>
    public static void Write(ExperimentResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var scenario = result.Scenario;
        var header = new List<string> { "trial", "strategy" };
        header.AddRange(Metrics.All.Select(m => m.Key()));
        header.AddRange(CostComponents.All.Select(c => "cost." + c.Key()));
        var spMetrics = Enum.GetValues<StockPointMetric>();
        var dMetrics = Enum.GetValues<DisruptionMetric>().Where(m => m != DisruptionMetric.AttributedCost || result.Attributed).ToArray();
        foreach (var sp in scenario.StockPoints)
        {
            header.AddRange(spMetrics.Select(m => $"{sp.Id}.{m.Key()}"));
        }

        foreach (var d in scenario.Disruptions)
        {
            header.AddRange(dMetrics.Select(m => $"{d.Id}.{m.Key()}"));
        }

        w.WriteLine(string.Join(',', header.Select(Csv.Field)));
        var row = new StringBuilder();
        for (var k = 0; k < result.Trials; k++)
        {
            foreach (var strategy in result.Strategies)
            {
                row.Clear();
                row.Append(k.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv.Field(strategy.Name));
                foreach (var m in Metrics.All)
                {
                    Cell(row, strategy.Outcome(k, m));
                }

                foreach (var c in CostComponents.All)
                {
                    Cell(row, c.ValueIn(m => strategy.Outcome(k, m)));
                }

                for (var sp = 0; sp < scenario.StockPoints.Length; sp++)
                {
                    foreach (var m in spMetrics)
                    {
                        Cell(row, strategy.Outcome(k, sp, m));
                    }
                }

                for (var d = 0; d < scenario.Disruptions.Length; d++)
                {
                    foreach (var m in dMetrics)
                    {
                        Cell(row, strategy.Outcome(k, d, m));
                    }
                }

                w.WriteLine(row);
            }
        }
    }

    private static void Cell(StringBuilder row, double v) => row.Append(',').Append(Csv.Number(v));
}
