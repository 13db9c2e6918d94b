using System.CommandLine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary>
/// Results where planners decide: one row per item, stock point, item-location, supplier or lane,
/// worst first, for <c>run --by</c>, and the few worst item-locations under the default table.
/// </summary>
internal static class LevelTable
{
    /// <summary>Rows shown per strategy before the count of the rest.</summary>
    public const int Shown = 20;

    /// <summary>Item-locations shown under the default table.</summary>
    public const int WorstShown = 5;

    /// <summary>The levels <c>--by</c> takes (a contract).</summary>
    public static readonly string[] Levels = ["item", "location", "item-location", "supplier", "lane"];

    /// <summary>One column of a level table: a metric by its place in the level's vector.</summary>
    internal sealed record Column(string Key, string Label, int Index, MetricUnit Unit, Better Better, bool PeriodTotal);

    private static Column Of(ItemLocationMetric m, string label) =>
        new(m.Key(), label, (int)m, m.Info().Unit, m.Info().Better, m.Info().PeriodTotal);

    private static Column Of(SupplyMetric m, string label) =>
        new(m.Key(), label, (int)m, m.Info().Unit, m.Info().Better, m.Info().PeriodTotal);

    // Labels short enough for seven columns and a row name to fit 80 characters.
    private static readonly Column[] ItemColumns =
    [
        Of(ItemLocationMetric.FillRate, "Fill rate"), Of(ItemLocationMetric.CycleServiceLevel, "CSL"),
        Of(ItemLocationMetric.StockoutProbability, "P(short)"), Of(ItemLocationMetric.AvgInventoryValue, "Avg value"),
        Of(ItemLocationMetric.LostUnits, "Lost/yr"), Of(ItemLocationMetric.BackorderedUnits, "Backord/yr"),
        Of(ItemLocationMetric.HoldingCost, "Holding/yr"),
    ];

    private static readonly Column OnTimeColumn = Of(ItemLocationMetric.OnTimeDelivery, "On time");

    /// <summary>
    /// The item columns for these rows: with on-time delivery beside the fill rate where a promised
    /// date makes them differ (make-to-order customers wait by design, so their fill rate is near 0).
    /// </summary>
    private static Column[] ItemColumnsFor(List<LevelRow> rows) =>
        rows.Any(r => !r.Metrics[(int)ItemLocationMetric.OnTimeDelivery].Mean.Equals(r.Metrics[(int)ItemLocationMetric.FillRate].Mean))
            ? [ItemColumns[0], OnTimeColumn, .. ItemColumns[1..]]
            : ItemColumns;

    private static readonly Column[] SupplyColumns =
    [
        Of(SupplyMetric.Availability, "Up"), Of(SupplyMetric.DelayedShare, "Delayed"),
        Of(SupplyMetric.AvgDelayDays, "Avg delay"), Of(SupplyMetric.Shipments, "Shipm/yr"),
        Of(SupplyMetric.ShippedUnits, "Units/yr"), Of(SupplyMetric.PurchaseCost, "Purchase/yr"),
        Of(SupplyMetric.TransportCost, "Transp/yr"),
    ];

    private static bool IsSupply(string level) => level is "supplier" or "lane";

    /// <summary>The metrics <c>--sort</c> takes at a level (its written metrics), by key.</summary>
    private static Column[] Sortable(string level) => IsSupply(level)
        ? [.. SupplyMetrics.Written.Select(m => Of(m, m.Info().Label))]
        : [.. ItemLocationMetrics.Written.Select(m => Of(m, m.Info().Label))];

    public static Option<string?> By { get; } = new("--by")
    {
        Description = "Print results per item, per location (stock point), per item-location, per supplier or per lane instead of the strategy table, worst first (by fill rate; suppliers and lanes by availability, then delayed share; or --sort).",
        HelpName = "item|location|item-location|supplier|lane",
    };

    public static Option<string?> Sort { get; } = new("--sort")
    {
        Description = "With --by, the metric that orders the rows, worst first (default fill_rate; availability for suppliers and lanes), e.g. --sort holding_cost.",
        HelpName = "METRIC",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(By);
        command.Options.Add(Sort);
    }

    /// <summary>Checks <c>--by</c> and <c>--sort</c>; the level and the sort metric (null: the level's default), or errors.</summary>
    public static (string? Level, Column? Sort) Read(ParseResult parse, List<string> errors)
    {
        var level = parse.GetValue(By);
        if (level is not null && !Levels.Contains(level))
        {
            var near = Scenarios.Suggestions.Nearest(level, Levels);
            errors.Add($"--by {level}: expected one of {string.Join(", ", Levels)}{(near is null ? "" : $" (did you mean {near}?)")}");
            return (null, null);
        }

        var sortKey = parse.GetValue(Sort);
        if (sortKey is null)
        {
            return (level, null);
        }

        if (level is null)
        {
            errors.Add("--sort orders the rows of --by: give --by item, location, item-location, supplier or lane too");
            return (null, null);
        }

        var metrics = Sortable(level);
        var found = metrics.FirstOrDefault(c => c.Key == sortKey);
        if (found is null)
        {
            var near = Scenarios.Suggestions.Nearest(sortKey, metrics.Select(c => c.Key));
            var kind = IsSupply(level) ? "a supplier and lane" : "an item-level";
            errors.Add($"--sort {sortKey}: not {kind} metric{(near is null ? "" : $" (did you mean {near}?)")}; one of {string.Join(", ", metrics.Select(c => c.Key))}");
        }

        return (level, found);
    }

    /// <summary>One table per strategy of the given level, worst first by <paramref name="sort"/> (null: the level's default).</summary>
    public static void Write(ExperimentResult result, string level, Column? sort, TextWriter output, int? width)
    {
        var s = result.Scenario;
        var columns = IsSupply(level) ? SupplyColumns : ItemColumns;
        var order = sort is null ? (IsSupply(level) ? [SupplyColumns[0], SupplyColumns[1]] : [ItemColumns[0]]) : new[] { sort };
        var legend = IsSupply(level)
            ? "Up: share of measured days available; Delayed: share of shipments delayed by an outage; Avg delay: days late per delayed shipment"
            : "CSL: cycle service level; P(short): share of days short"
                + (result.Strategies.Any(st => ItemColumnsFor(Rows(st, level)).Length > ItemColumns.Length) ? "; On time: share delivered by the date promised" : "");
        output.WriteLine($"{s.Name}: {result.Trials:N0} trials, seed {result.Seed}; per {level}, worst first by {string.Join(", then ", order.Select(c => c.Key))}");
        output.WriteLine($"{(string.IsNullOrEmpty(s.Currency) ? "" : $"Money in {s.Currency}; ")}/yr: per year; {legend}");
        foreach (var strategy in result.Strategies)
        {
            var rows = Rows(strategy, level);
            if (rows.Count == 0)
            {
                output.WriteLine($"{strategy.Name}: no {level} results");
                continue;
            }

            WriteRows(result, strategy.Name, level, IsSupply(level) ? columns : ItemColumnsFor(rows), Worst(rows, order, Shown), rows.Count, output, width);
        }
    }

    /// <summary>The customer-facing item-locations with the lowest fill rate, under the default table (only with more than one).</summary>
    public static void WriteWorst(ExperimentResult result, TextWriter output, int? width)
    {
        foreach (var strategy in result.Strategies)
        {
            var rows = Rows(strategy, "item-location").Where(r => r.Metrics[(int)ItemLocationMetric.DemandedUnits].Mean > 0).ToList();
            if (rows.Count > 1)
            {
                WriteRows(result, strategy.Name, "item-location", ItemColumnsFor(rows), Worst(rows, [ItemColumns[0]], WorstShown), rows.Count, output, width,
                    $"{strategy.Name}: the {Math.Min(WorstShown, rows.Count)} item-locations with the lowest fill rate (flowsim run --by item-location for all)");
            }
        }
    }

    private sealed record LevelRow(string Name, IReadOnlyList<Statistics> Metrics);

    private static List<LevelRow> Rows(StrategyResult strategy, string level) => level switch
    {
        "item" => [.. strategy.Items.Select(it => new LevelRow(it.ItemId, it.Metrics))],
        "location" => [.. strategy.StockPoints.Where(sp => !sp.ItemMetrics.IsEmpty).Select(sp => new LevelRow(sp.Id, sp.ItemMetrics))],
        "supplier" => [.. strategy.Suppliers.Select(sup => new LevelRow(sup.Id, sup.Metrics))],
        "lane" => [.. strategy.Lanes.Select(l => new LevelRow(l.Name, l.Metrics))],
        _ => [.. strategy.ItemLocations.Select(il => new LevelRow($"{il.ItemId}@{il.Location}", il.Metrics))],
    };

    /// <summary>The worst rows first: lowest where higher is better, highest otherwise, key after key; undefined values last, then by name.</summary>
    private static List<LevelRow> Worst(List<LevelRow> rows, IReadOnlyList<Column> order, int count)
    {
        IOrderedEnumerable<LevelRow>? sorted = null;
        foreach (var c in order)
        {
            var sign = c.Better == Better.Higher ? 1 : -1;
            Func<LevelRow, int> undefinedLast = r => double.IsNaN(r.Metrics[c.Index].Mean) ? 1 : 0;
            Func<LevelRow, double> worst = r => double.IsNaN(r.Metrics[c.Index].Mean) ? 0 : sign * r.Metrics[c.Index].Mean;
            sorted = sorted is null ? rows.OrderBy(undefinedLast).ThenBy(worst) : sorted.ThenBy(undefinedLast).ThenBy(worst);
        }

        return [.. sorted!.ThenBy(r => r.Name, StringComparer.Ordinal).Take(count)];
    }

    private static void WriteRows(ExperimentResult result, string strategy, string level, Column[] columns, List<LevelRow> rows, int total, TextWriter output, int? width, string? title = null)
    {
        var text = rows.Select(row => columns.Select(c =>
            MetricText.Format(row.Metrics[c.Index].Mean * (c.PeriodTotal ? result.PerYear : 1), c.Unit, "")).ToArray()).ToList();

        // Columns on the right give way before a cell wraps: a wrapped number misreads.
        var room = width ?? 200;
        var shown = columns.Length;
        int Needed(int n) => 2 + Math.Max(level.Length, rows.Max(r => r.Name.Length))
            + Enumerable.Range(0, n).Sum(k => 3 + Math.Max(columns[k].Label.Length, text.Max(t => t[k].Length)));
        while (shown > 1 && Needed(shown) > room)
        {
            shown--;
        }

        var table = new Table().Border(TableBorder.Simple);
        table.Title(ConsoleText.Cell(title ?? $"{strategy}: per {level}"));
        table.AddColumn(new TableColumn(ConsoleText.Cell(level)).NoWrap());
        foreach (var c in columns.Take(shown))
        {
            table.AddColumn(new TableColumn(ConsoleText.Cell(c.Label)).RightAligned().NoWrap());
        }

        for (var r = 0; r < rows.Count; r++)
        {
            table.AddRow([ConsoleText.Cell(rows[r].Name), .. text[r].Take(shown).Select(ConsoleText.Cell)]);
        }

        ResultTable.PlainConsole(output, room).Write(table);
        if (total > rows.Count)
        {
            output.WriteLine($"  ... and {total - rows.Count:N0} more");
        }

        if (shown < columns.Length)
        {
            var left = columns.Length - shown;
            output.WriteLine($"  ({left} more column{(left == 1 ? "" : "s")} in a wider terminal or --format json)");
        }
    }
}
