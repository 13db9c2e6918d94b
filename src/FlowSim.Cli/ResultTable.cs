using System.Globalization;
using FlowSim.Experiments;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary>
/// The console comparison: one column per strategy, one row per metric, each cell the mean and
/// the half-width of its 95% confidence interval; then the verdicts against the best
/// strategy, the cost of disruption and what buffers return.
/// </summary>
internal static class ResultTable
{
    /// <summary>Rows in the order a planner reads them: service, stock and cash, cost, income, flows.</summary>
    private static readonly Metric[] Rows =
    [
        Metric.FillRate, Metric.CycleServiceLevel, Metric.StockoutDays, Metric.BackorderedUnits, Metric.LostUnits,
        Metric.TimeToSurviveDays, Metric.TimeToRecoverDays,
        Metric.AvgOnHandUnits, Metric.AvgInTransitUnits, Metric.AvgInventoryValue, Metric.PeakInventoryValue, Metric.AvgDepositsHeld,
        Metric.AvgCashTiedUp, Metric.InventoryTurns, Metric.DaysOfSupply, Metric.Gmroi,
        Metric.TotalCost,
        Metric.DisruptionCost,
        Metric.Revenue, Metric.SalvageIncome, Metric.GrossMargin, Metric.Profit,
        Metric.ExpiredUnits, Metric.ScrappedUnits, Metric.ExpeditedUnits, Metric.ReturnedUnits, Metric.RefurbishedUnits, Metric.CarbonKg,
    ];

    /// <summary>Rows shown even when zero everywhere: the core comparison.</summary>
    private static readonly HashSet<Metric> Core =
    [
        Metric.FillRate, Metric.CycleServiceLevel, Metric.AvgOnHandUnits, Metric.AvgInventoryValue, Metric.StockoutDays,
        Metric.BackorderedUnits, Metric.LostUnits, Metric.TotalCost,
    ];

    /// <summary>Cost components shown even when zero everywhere.</summary>
    private static readonly HashSet<CostComponent> CoreCosts =
    [
        CostComponent.Purchase, CostComponent.Capital, CostComponent.Ordering, CostComponent.BackorderPenalty, CostComponent.LostSales,
    ];

    public static IAnsiConsole PlainConsole(TextWriter output, int width, bool color = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>Writes the comparison.</summary>
    /// <param name="result">The results.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="highlight">Mark the best value of each row in bold green (for a terminal; plain text otherwise).</param>
    public static void Write(ExperimentResult result, TextWriter output, bool highlight = false)
    {
        var console = PlainConsole(output, Math.Max(100, 36 + (24 * result.Strategies.Length)), highlight);
        var s = result.Scenario;
        var currency = ConsoleText.Plain(s.Currency);
        output.WriteLine($"{ConsoleText.Plain(s.Name)}: {result.Trials:N0} trials, seed {result.Seed}, {Scenarios.Units.FormatDays(result.MeasuredDays)} measured per trial"
            + (s.WarmupDays > 0 ? $" after {Scenarios.Units.FormatDays(s.WarmupDays)} warm-up" : "")
            + "; money is the total over the measured period");
        if (!s.Source.Overrides.IsDefaultOrEmpty)
        {
            output.WriteLine(ConsoleText.Plain("with " + string.Join(" ", s.Source.Overrides.Select(o => $"{o.Origin} {o}"))));
        }
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("Metric (mean ± 95% CI)"));
        foreach (var strategy in result.Strategies)
        {
            table.AddColumn(new TableColumn(ConsoleText.Cell(strategy.Name)).RightAligned());
        }

        foreach (var metric in Rows.Where(m => Core.Contains(m) || Shown(result, m)))
        {
            if (metric == Metric.TotalCost)
            {
                // The cost of flow in parts that add up to the total, then the total.
                foreach (var c in CostComponents.All.Where(c => CoreCosts.Contains(c) || result.Strategies.Any(st => st[c].Mean != 0 || st[c].Std != 0)))
                {
                    AddRow(table, "  " + c.Label(), result, st => Cell(st[c], Metric.TotalCost, currency), highlight ? Best(result, st => st[c], -1) : null);
                }
            }

            AddRow(table, metric.Label(), result, st => Cell(st[metric], metric, currency), highlight ? Best(result, metric) : null);
            if (metric == Metric.TotalCost)
            {
                AddRow(table, "Total cost VaR95 (P95)", result, st => Money.Format(st[Metric.TotalCost].Var95, currency));
                AddRow(table, "Total cost CVaR95 (worst 5%)", result, st => Money.Format(st[Metric.TotalCost].Cvar95, currency));
            }
        }

        console.Write(table);
        if (result.Scenario.StockPoints.Length > 1)
        {
            WriteStockPoints(console, result);
        }

        // Sentences go straight to the writer: the console would wrap them at its width.
        WriteFinance(output, result);
        foreach (var strategy in result.Strategies)
        {
            output.WriteLine(ConsoleText.Plain($"{strategy.Name}: {PolicyLine(strategy.Policies)}"));
        }
    }

    /// <summary>Policies shown per strategy under the table; a large network lists the rest in the JSON only.</summary>
    internal const int PoliciesShown = 12;

    internal static string PolicyLine(IReadOnlyList<string> policies) =>
        policies.Count <= PoliciesShown
            ? string.Join("; ", policies)
            : $"{string.Join("; ", policies.Take(PoliciesShown))}; and {policies.Count - PoliciesShown:N0} more item-locations (all in --json)";

    private static bool Shown(ExperimentResult result, Metric m) =>
        result.Strategies.Any(st => st[m].N > 0 && (st[m].Mean != 0 || st[m].Std != 0));

    private static void AddRow(Table table, string label, ExperimentResult result, Func<StrategyResult, string> cell, StrategyResult? best = null)
    {
        var row = new List<string> { ConsoleText.Cell(label) };
        row.AddRange(result.Strategies.Select(st => ReferenceEquals(st, best) ? $"[bold green]{ConsoleText.Cell(cell(st))}[/]" : ConsoleText.Cell(cell(st))));
        table.AddRow(row.ToArray());
    }

    /// <summary>Metrics where less is better though they are not money: shortfalls and waste.</summary>
    private static readonly HashSet<Metric> FewerIsBetter =
    [
        Metric.StockoutDays, Metric.BackorderedUnits, Metric.LostUnits, Metric.TimeToRecoverDays, Metric.ExpiredUnits, Metric.ScrappedUnits, Metric.CarbonKg,
    ];

    /// <summary>The strategy with the best mean of a metric that has a better direction; null when neutral, tied or undefined.</summary>
    private static StrategyResult? Best(ExperimentResult result, Metric metric) =>
        Best(result, st => st[metric], metric.HigherIsBetter() ? 1 : metric.IsCostLike() || FewerIsBetter.Contains(metric) ? -1 : 0);

    private static StrategyResult? Best(ExperimentResult result, Func<StrategyResult, Statistics> of, int sign)
    {
        var defined = result.Strategies.Where(st => of(st).N > 0).ToList();
        if (sign == 0 || defined.Count < 2)
        {
            return null;
        }

        var best = defined.MaxBy(st => sign * of(st).Mean)!;
        return defined.Count(st => of(st).Mean == of(best).Mean) == 1 ? best : null;
    }

    /// <summary>
    /// Verdicts against the best strategy on the ranking measure, the yearly cost of disruption and the return on buffers, in words;
    /// every line has its control characters escaped, as names and the currency come from the scenario.
    /// </summary>
    private static void WriteFinance(TextWriter output, ExperimentResult result)
    {
        var console = new EscapingLines(output);
        var currency = result.Scenario.Currency;
        var c = CultureInfo.InvariantCulture;
        if (result.Strategies.Length > 1)
        {
            var best = result.Best;
            var measure = result.Rank == RankMeasure.Profit ? "the most profitable strategy" : "the cheapest strategy";
            console.WriteLine($"Against {measure} ({best.Name}), paired trial by trial (ranked by {result.Rank.Key()}; --rank):");
            foreach (var other in result.Strategies.Where(st => st != best))
            {
                console.WriteLine($"  {result.Compare(best.Name, other.Name).Describe(currency, result.Rank)}.");
            }
        }

        if (result.Scenario.Disruptions.Length == 0)
        {
            return;
        }

        console.WriteLine("Expected cost of disruption per year (same trials with disruptions off):");
        foreach (var st in result.Strategies)
        {
            var d = st[Metric.DisruptionCost].Times(result.PerYear);
            console.WriteLine($"  {st.Name}: {Money.Format(d.Mean, currency)}, 95% CI [{Money.Format(d.Ci95Low, currency)}, {Money.Format(d.Ci95High, currency)}]; "
                + $"{DisruptionCostParts.OneInTwenty(result.MeasuredDays)} {Money.Format(d.Var95, currency)}, worst-5% average {Money.Format(d.Cvar95, currency)}");
            if (DisruptionCostParts.Explain(st, result.PerYear, currency) is { } why)
            {
                console.WriteLine($"    {why}");
            }

            if (result.Attributed)
            {
                foreach (var dr in st.Disruptions.Where(x => x[DisruptionMetric.AttributedCost].N > 0))
                {
                    var a = dr[DisruptionMetric.AttributedCost].Times(result.PerYear);
                    console.WriteLine(string.Create(c, $"    {dr.Id}: {Money.Format(a.Mean, currency)} ± {Money.Format(a.HalfWidth, "")}")
                        + (d.Mean != 0 ? string.Create(c, $" ({a.Mean / d.Mean:0%})") : ""));
                }
            }
        }

        foreach (var r in result.ResilienceReturns)
        {
            var net = r.NetBenefitPerYear;
            var payback = double.IsPositiveInfinity(r.PaybackMonths) ? "does not pay back" : string.Create(c, $"pays back in {r.PaybackMonths:0.#} months");
            console.WriteLine($"Resilience return of {r.Strategy} against the leanest ({r.Leanest}): {Money.Format(r.ExtraCarryingCostPerYear.Mean, currency)} more carrying cost a year, "
                + $"{Money.Format(r.EverydayServiceGainPerYear.Mean, currency)} saved in everyday service, {Money.Format(r.EverydayOtherSavingsPerYear.Mean, currency)} other everyday savings, "
                + $"{Money.Format(r.DisruptionCostAvoidedPerYear.Mean, currency)} disruption cost avoided; net {Money.Format(net.Mean, currency)} a year, "
                + $"95% CI [{Money.Format(net.Ci95Low, currency)}, {Money.Format(net.Ci95High, currency)}]; {payback}.");
        }
    }

    /// <summary>Writes whole lines with their control characters escaped.</summary>
    private sealed class EscapingLines(TextWriter output)
    {
        public void WriteLine(string line) => output.WriteLine(ConsoleText.Plain(line));
    }

    private static void WriteStockPoints(IAnsiConsole console, ExperimentResult result)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Per stock point: fill rate | avg on hand | bullwhip ratio");
        table.AddColumn("Stock point");
        foreach (var strategy in result.Strategies)
        {
            table.AddColumn(new TableColumn(ConsoleText.Cell(strategy.Name)).RightAligned());
        }

        for (var k = 0; k < result.Scenario.StockPoints.Length; k++)
        {
            var sp = result.Scenario.StockPoints[k];
            var row = new List<string> { ConsoleText.Cell(sp.Kind.Length > 0 ? $"{sp.Id} ({sp.Kind})" : sp.Id) };
            row.AddRange(result.Strategies.Select(st =>
            {
                var r = st.StockPoints[k];
                var bullwhip = r[StockPointMetric.BullwhipRatio];
                return ConsoleText.Cell($"{Format(r[StockPointMetric.FillRate].Mean, MetricUnit.Share, "")} | "
                    + $"{Format(r[StockPointMetric.AvgOnHandUnits].Mean, MetricUnit.Units, "")} | "
                    + (bullwhip.N > 0 ? bullwhip.Mean.ToString("0.00", CultureInfo.InvariantCulture) : "-"));
            }));
            table.AddRow(row.ToArray());
        }

        console.Write(table);
    }

    internal static string Cell(Statistics m, Metric metric, string currency) =>
        m.N == 0 ? "-"
        : double.IsNaN(m.HalfWidth) ? Format(m.Mean, metric.Unit(), currency)
        : $"{Format(m.Mean, metric.Unit(), currency)} ± {Format(m.HalfWidth, metric.Unit(), "")}";

    internal static string Format(double v, MetricUnit unit, string currency)
    {
        var c = CultureInfo.InvariantCulture;
        return unit switch
        {
            MetricUnit.Share => (v * 100).ToString("0.0", c) + "%",
            MetricUnit.Money => Money.Format(v, currency),
            MetricUnit.Ratio => v.ToString("0.00", c),
            _ => v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.0", c),
        };
    }
}
