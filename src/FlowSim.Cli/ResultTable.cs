using System.Globalization;
using FlowSim.Experiments;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary>
/// The console comparison: one column per strategy, one row per metric, each cell the mean and
/// the half-width of its 95% confidence interval.
/// </summary>
internal static class ResultTable
{
    public static void Write(ExperimentResult result, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Math.Max(100, 32 + (24 * result.Strategies.Length));
        var s = result.Scenario;
        console.WriteLine($"{s.Name}: {result.Trials:N0} trials, seed {result.Seed}, {Scenarios.Units.FormatDays(s.HorizonDays - s.WarmupDays)} measured per trial"
            + (s.WarmupDays > 0 ? $" after {Scenarios.Units.FormatDays(s.WarmupDays)} warm-up" : ""));
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("Metric (mean ± 95% CI)"));
        foreach (var strategy in result.Strategies)
        {
            table.AddColumn(new TableColumn(Markup.Escape(strategy.Name)).RightAligned());
        }

        foreach (var metric in Metrics.All.Where(m => Core.Contains(m) || result.Strategies.Any(st => st[m].N > 0 && (st[m].Mean != 0 || st[m].Std != 0))))
        {
            var row = new List<string> { Markup.Escape(metric.Label()) };
            row.AddRange(result.Strategies.Select(st => Markup.Escape(Cell(st[metric], metric, s.Currency))));
            table.AddRow(row.ToArray());
        }

        var p95 = new List<string> { "Total cost P95" };
        p95.AddRange(result.Strategies.Select(st => Markup.Escape(Format(st[Metric.TotalCost].P95, MetricUnit.Money, s.Currency))));
        table.AddRow(p95.ToArray());
        console.Write(table);
        if (result.Scenario.StockPoints.Length > 1)
        {
            WriteStockPoints(console, result);
        }

        foreach (var strategy in result.Strategies)
        {
            console.WriteLine($"{strategy.Name}: {string.Join("; ", strategy.Policies)}");
        }
    }

    /// <summary>Rows shown even when zero everywhere: the issue's core comparison.</summary>
    private static readonly HashSet<Metric> Core =
    [
        Metric.FillRate, Metric.CycleServiceLevel, Metric.AvgOnHandUnits, Metric.AvgInventoryValue, Metric.StockoutDays,
        Metric.BackorderedUnits, Metric.LostUnits, Metric.PurchaseCost, Metric.HoldingCost, Metric.OrderingCost,
        Metric.ShortageCost, Metric.TotalCost,
    ];

    private static void WriteStockPoints(IAnsiConsole console, ExperimentResult result)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Per stock point: fill rate | avg on hand | bullwhip ratio");
        table.AddColumn("Stock point");
        foreach (var strategy in result.Strategies)
        {
            table.AddColumn(new TableColumn(Markup.Escape(strategy.Name)).RightAligned());
        }

        for (var k = 0; k < result.Scenario.StockPoints.Length; k++)
        {
            var sp = result.Scenario.StockPoints[k];
            var row = new List<string> { Markup.Escape(sp.Kind.Length > 0 ? $"{sp.Id} ({sp.Kind})" : sp.Id) };
            row.AddRange(result.Strategies.Select(st =>
            {
                var r = st.StockPoints[k];
                var bullwhip = r[StockPointMetric.BullwhipRatio];
                return Markup.Escape($"{Format(r[StockPointMetric.FillRate].Mean, MetricUnit.Share, "")} | "
                    + $"{Format(r[StockPointMetric.AvgOnHandUnits].Mean, MetricUnit.Units, "")} | "
                    + (bullwhip.N > 0 ? bullwhip.Mean.ToString("0.00", CultureInfo.InvariantCulture) : "-"));
            }));
            table.AddRow(row.ToArray());
        }

        console.Write(table);
    }

    internal static string Cell(Statistics m, Metric metric, string currency) =>
        m.N == 0 ? "-" : $"{Format(m.Mean, metric.Unit(), currency)} ± {Format(m.HalfWidth, metric.Unit(), "")}";

    internal static string Format(double v, MetricUnit unit, string currency)
    {
        var c = CultureInfo.InvariantCulture;
        return unit switch
        {
            MetricUnit.Share => (v * 100).ToString("0.0", c) + "%",
            MetricUnit.Money => (currency.Length > 0 ? currency + " " : "") + v.ToString(Math.Abs(v) >= 100 ? "N0" : "N2", c),
            _ => v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.0", c),
        };
    }
}
