using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary>
/// The console comparison: one column per strategy, one row per metric, each cell the mean and
/// the half-width of its 95% confidence interval; then the verdicts against the best
/// strategy, the cost of disruption and what buffers return.
/// </summary>
internal static class ResultTable
{
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

    /// <summary>Writes the comparison, laid out for the width of the terminal or <c>COLUMNS</c> (see <see cref="TerminalWidth"/>).</summary>
    /// <param name="result">The results.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="highlight">Mark the best value of each row in bold green (for a terminal; plain text otherwise).</param>
    public static void Write(ExperimentResult result, TextWriter output, bool highlight = false) =>
        Write(result, output, highlight, TerminalWidth.For(output));

    /// <summary>Writes the comparison for a given width; null lays every strategy side by side and leaves sentences on one line.</summary>
    internal static void Write(ExperimentResult result, TextWriter output, bool highlight, int? width)
    {
        var s = result.Scenario;
        var lines = new EscapingLines(output, width);
        lines.WriteLine($"{s.Name}: {result.Trials:N0} trials, seed {result.Seed}, {Scenarios.Units.FormatDays(result.MeasuredDays)} measured per trial"
            + (s.WarmupDays > 0 ? $" after {Scenarios.Units.FormatDays(s.WarmupDays)} warm-up" : "")
            + (string.IsNullOrEmpty(s.Currency) ? "" : $"; money in {s.Currency}") + "; money and flows per year");
        if (!s.Source.Overrides.IsDefaultOrEmpty)
        {
            lines.WriteLine("with " + string.Join(" ", s.Source.Overrides.Select(o => $"{o.Origin} {o}")));
        }

        // Money cells leave out the currency: the line above names it once, and the columns stay narrow.
        var rows = new List<Row>();
        foreach (var metric in Metrics.TableRows.Where(m => m.Info().AlwaysShown || Shown(result, m)))
        {
            if (metric == Metric.TotalCost)
            {
                // The cost of flow in parts that add up to the total, then the total.
                foreach (var c in CostComponents.All.Where(c => CoreCosts.Contains(c) || result.Strategies.Any(st => st[c].Mean != 0 || st[c].Std != 0)))
                {
                    rows.Add(NewRow("  " + c.Label(), result, st => Cell(st[c].Times(result.PerYear), Metric.TotalCost, ""), highlight ? Best(result, st => st[c], -1) : null));
                }
            }

            rows.Add(NewRow(metric.Label() + (metric.Info().PeriodTotal ? " /yr" : ""), result, st => Cell(Shown(result, st, metric), metric, ""), highlight ? Best(result, metric) : null));
            if (metric == Metric.TotalCost)
            {
                rows.Add(NewRow("Total cost VaR95 (P95) /yr", result, st => Money.Format(st[Metric.TotalCost].Var95 * result.PerYear, "")));
                rows.Add(NewRow("Total cost CVaR95 (worst 5%) /yr", result, st => Money.Format(st[Metric.TotalCost].Cvar95 * result.PerYear, "")));
            }
        }

        WriteSideBySide(output, result, width, highlight, "Metric (mean ± 95% CI)", rows, title: null);
        if (result.Scenario.StockPoints.Length > 1)
        {
            WriteStockPoints(output, result, width);
        }

        // Sentences go to the writer line by line, wrapped at the width between words.
        WriteFinance(lines, result);
        WritePolicies(lines, result);
    }

    /// <summary>A metric as a person reads it: totals over the measured period per year, everything else as measured.</summary>
    private static Statistics Shown(ExperimentResult result, StrategyResult strategy, Metric metric) =>
        metric.Info().PeriodTotal ? strategy[metric].Times(result.PerYear) : strategy[metric];

    /// <summary>One row of a table: its label, one cell per strategy, and the strategy to mark as best, if any.</summary>
    private sealed record Row(string Label, string[] Cells, int Best);

    private static Row NewRow(string label, ExperimentResult result, Func<StrategyResult, string> cell, StrategyResult? best = null) =>
        new(label, result.Strategies.Select(cell).ToArray(), best is null ? -1 : result.Strategies.IndexOf(best));

    /// <summary>
    /// Writes a table with one column per strategy. When all columns do not fit the width, as many
    /// strategies as fit go in each table, with the label column repeated, so cells never wrap.
    /// </summary>
    private static void WriteSideBySide(TextWriter output, ExperimentResult result, int? width, bool highlight, string labelHeader, List<Row> rows, string? title)
    {
        var names = result.Strategies.Select(st => st.Name).ToArray();
        var labelWidth = rows.Select(r => ConsoleText.Plain(r.Label).Length).Append(labelHeader.Length).Max();
        var columnWidths = names.Select((n, k) => rows.Select(r => ConsoleText.Plain(r.Cells[k]).Length).Append(ConsoleText.Plain(n).Length).Max()).ToArray();
        foreach (var group in Groups(labelWidth, columnWidths, width))
        {
            var table = new Table().Border(TableBorder.Simple);
            if (title is not null)
            {
                table.Title(ConsoleText.Cell(title));
            }

            table.AddColumn(new TableColumn(ConsoleText.Cell(labelHeader)));
            foreach (var k in group)
            {
                table.AddColumn(new TableColumn(ConsoleText.Cell(names[k])).RightAligned());
            }

            foreach (var row in rows)
            {
                var cells = new List<string> { ConsoleText.Cell(row.Label) };
                cells.AddRange(group.Select(k => row.Best == k ? $"[bold green]{ConsoleText.Cell(row.Cells[k])}[/]" : ConsoleText.Cell(row.Cells[k])));
                table.AddRow(cells.ToArray());
            }

            var console = PlainConsole(output, width ?? TableWidth(labelWidth, group.Select(k => columnWidths[k])), highlight);
            console.Write(table);
        }
    }

    /// <summary>
    /// Characters a simple-bordered table may take: each column its text, a space either side and a
    /// rule, plus the closing edge. Spectre lays it out in up to two fewer; the spare keeps cells from wrapping.
    /// </summary>
    internal static int TableWidth(int labelWidth, IEnumerable<int> columnWidths) =>
        labelWidth + 3 + columnWidths.Sum(w => w + 3) + 1;

    /// <summary>Strategies per table, in order: as many as fit the width, and at least one.</summary>
    internal static List<List<int>> Groups(int labelWidth, IReadOnlyList<int> columnWidths, int? width)
    {
        var groups = new List<List<int>>();
        var current = new List<int>();
        for (var k = 0; k < columnWidths.Count; k++)
        {
            if (current.Count > 0 && width is { } w && TableWidth(labelWidth, current.Append(k).Select(i => columnWidths[i])) > w)
            {
                groups.Add(current);
                current = [];
            }

            current.Add(k);
        }

        groups.Add(current);
        return groups;
    }

    /// <summary>Policies shown per strategy under the table; a large network lists the rest in the JSON only.</summary>
    internal const int PoliciesShown = 12;

    /// <summary>Each strategy's policies, one item-location a line, stock levels in the item's units.</summary>
    private static void WritePolicies(EscapingLines lines, ExperimentResult result)
    {
        var whole = result.Scenario.Items.ToDictionary(i => i.Id, i => WholeUnits(result.Scenario, i.Id));
        foreach (var strategy in result.Strategies)
        {
            lines.WriteLine($"{strategy.Name} policies:");
            foreach (var line in PolicyLines(strategy.Policies, whole))
            {
                lines.WriteLine("  " + line);
            }
        }
    }

    /// <summary>The policies listed, the first <see cref="PoliciesShown"/> in full and the rest counted.</summary>
    internal static List<string> PolicyLines(IReadOnlyList<string> policies, IReadOnlyDictionary<string, bool> wholeUnitItems)
    {
        var lines = policies.Take(PoliciesShown).Select(p => PolicyText(p, wholeUnitItems)).ToList();
        if (policies.Count > PoliciesShown)
        {
            lines.Add($"and {policies.Count - PoliciesShown:N0} more item-locations (all in --json)");
        }

        return lines;
    }

    /// <summary>One policy, <c>item@location: summary</c>, with its quantities as a planner writes them.</summary>
    private static string PolicyText(string policy, IReadOnlyDictionary<string, bool> wholeUnitItems)
    {
        var colon = policy.IndexOf(": ", StringComparison.Ordinal);
        var at = colon < 0 ? -1 : policy.LastIndexOf('@', colon);
        if (colon < 0 || at < 0)
        {
            return policy;
        }

        var whole = wholeUnitItems.TryGetValue(policy[..at], out var w) && w;
        return policy[..(colon + 2)] + PlannerNumbers.PolicySummary(policy[(colon + 2)..], whole);
    }

    /// <summary>An item is counted in whole units when every customer demand for it draws whole units.</summary>
    private static bool WholeUnits(Scenarios.Scenario scenario, string itemId)
    {
        var streams = scenario.Demand.Where(d => d.ItemId == itemId).ToList();
        return streams.Count > 0 && streams.All(d => d.Daily.DrawsWholeUnits);
    }

    private static bool Shown(ExperimentResult result, Metric m) =>
        m == Metric.OnTimeDelivery
            ? result.Strategies.Any(st => st[m].Mean != st[Metric.FillRate].Mean)   // nothing promised ahead: the fill rate again
            : result.Strategies.Any(st => st[m].N > 0 && (st[m].Mean != 0 || st[m].Std != 0));

    /// <summary>The strategy with the best mean of a metric that has a better direction; null when neutral, tied or undefined.</summary>
    private static StrategyResult? Best(ExperimentResult result, Metric metric) =>
        Best(result, st => st[metric], metric.Info().Better switch { Better.Higher => 1, Better.Lower => -1, _ => 0 });

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
    private static void WriteFinance(EscapingLines console, ExperimentResult result)
    {
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
                    console.WriteLine(string.Create(c, $"    {DisruptionCostParts.AttributedTo(result.Scenario, dr.Id)}: {Money.Format(a.Mean, currency)} ± {Money.Format(a.HalfWidth, "")}")
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

    /// <summary>Writes lines with their control characters escaped, broken between words to fit the width.</summary>
    private sealed class EscapingLines(TextWriter output, int? width)
    {
        public void WriteLine(string line)
        {
            foreach (var piece in TerminalWidth.Wrap(ConsoleText.Plain(line), width))
            {
                output.WriteLine(piece);
            }
        }
    }

    private static void WriteStockPoints(TextWriter output, ExperimentResult result, int? width)
    {
        var rows = new List<Row>();
        for (var k = 0; k < result.Scenario.StockPoints.Length; k++)
        {
            var sp = result.Scenario.StockPoints[k];
            var at = k;
            rows.Add(NewRow(sp.Kind.Length > 0 ? $"{sp.Id} ({sp.Kind})" : sp.Id, result, st =>
            {
                var r = st.StockPoints[at];
                return string.Join(" | ", StockPointColumns.Select(m => MetricText.Format(r[m].N > 0 ? r[m].Mean : double.NaN, m.Info().Unit, "")));
            }));
        }

        WriteSideBySide(output, result, width, highlight: false, "Stock point", rows,
            "Per stock point: " + string.Join(" | ", StockPointColumns.Select(m => m.Info().Label.ToLowerInvariant())));
    }

    /// <summary>The stock point metrics in the per stock point table, in its column order.</summary>
    private static readonly StockPointMetric[] StockPointColumns = [StockPointMetric.FillRate, StockPointMetric.AvgOnHandUnits, StockPointMetric.BullwhipRatio];

    /// <summary>A mean and its 95% CI half-width, as the HTML report writes it (<see cref="MetricText.MeanCi"/>).</summary>
    internal static string Cell(Statistics m, Metric metric, string currency) => MetricText.MeanCi(m, metric.Unit(), currency);
}
