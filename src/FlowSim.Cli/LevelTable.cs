using System.CommandLine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary>
/// Results where planners decide: one row per item, stock point or item-location, worst first,
/// for <c>run --by</c>, and the few worst item-locations under the default table.
/// </summary>
internal static class LevelTable
{
    /// <summary>Rows shown per strategy before the count of the rest.</summary>
    public const int Shown = 20;

    /// <summary>Item-locations shown under the default table.</summary>
    public const int WorstShown = 5;

    /// <summary>The levels <c>--by</c> takes (a contract).</summary>
    public static readonly string[] Levels = ["item", "location", "item-location"];

    private static readonly ItemLocationMetric[] Columns =
    [
        ItemLocationMetric.FillRate, ItemLocationMetric.CycleServiceLevel, ItemLocationMetric.StockoutProbability,
        ItemLocationMetric.AvgInventoryValue, ItemLocationMetric.LostUnits, ItemLocationMetric.BackorderedUnits, ItemLocationMetric.HoldingCost,
    ];

    // Short enough for the seven columns and an item-location to fit 80 characters.
    private static readonly Dictionary<ItemLocationMetric, string> ShortLabels = new()
    {
        [ItemLocationMetric.FillRate] = "Fill rate",
        [ItemLocationMetric.CycleServiceLevel] = "CSL",
        [ItemLocationMetric.StockoutProbability] = "P(short)",
        [ItemLocationMetric.AvgInventoryValue] = "Avg value",
        [ItemLocationMetric.LostUnits] = "Lost/yr",
        [ItemLocationMetric.BackorderedUnits] = "Backord/yr",
        [ItemLocationMetric.HoldingCost] = "Holding/yr",
    };

    public static Option<string?> By { get; } = new("--by")
    {
        Description = "Print results per item, per location (stock point) or per item-location instead of the strategy table, worst first (by fill rate, or --sort).",
        HelpName = "item|location|item-location",
    };

    public static Option<string?> Sort { get; } = new("--sort")
    {
        Description = "With --by, the metric that orders the rows, worst first (default fill_rate), e.g. --sort holding_cost.",
        HelpName = "METRIC",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(By);
        command.Options.Add(Sort);
    }

    /// <summary>Checks <c>--by</c> and <c>--sort</c>; the level and the sort metric, or errors.</summary>
    public static (string? Level, ItemLocationMetric Sort) Read(ParseResult parse, List<string> errors)
    {
        var level = parse.GetValue(By);
        if (level is not null && !Levels.Contains(level))
        {
            errors.Add(level == "supplier"
                ? "--by supplier: supplier results are not measured yet; use --by item, location or item-location"
                : $"--by {level}: expected one of {string.Join(", ", Levels)}");
        }

        var sortKey = parse.GetValue(Sort);
        var sort = ItemLocationMetric.FillRate;
        if (sortKey is not null)
        {
            var found = ItemLocationMetrics.Written.Where(m => m.Key() == sortKey).ToArray();
            if (found.Length == 0)
            {
                var near = Scenarios.Suggestions.Nearest(sortKey, ItemLocationMetrics.Written.Select(m => m.Key()));
                errors.Add($"--sort {sortKey}: not an item-level metric{(near is null ? "" : $" (did you mean {near}?)")}; one of {string.Join(", ", ItemLocationMetrics.Written.Select(m => m.Key()))}");
            }
            else
            {
                sort = found[0];
            }

            if (level is null)
            {
                errors.Add("--sort orders the rows of --by: give --by item, location or item-location too");
            }
        }

        return (level, sort);
    }

    /// <summary>One table per strategy of the given level, worst first by <paramref name="sort"/>.</summary>
    public static void Write(ExperimentResult result, string level, ItemLocationMetric sort, TextWriter output, int? width)
    {
        var s = result.Scenario;
        output.WriteLine($"{s.Name}: {result.Trials:N0} trials, seed {result.Seed}; per {level}, worst first by {sort.Key()}; money in {s.Currency}; /yr: per year; CSL: cycle service level; P(short): share of days short");
        foreach (var strategy in result.Strategies)
        {
            var rows = Rows(strategy, level);
            if (rows.Count == 0)
            {
                output.WriteLine($"{strategy.Name}: no {level} results (a merged run keeps only the chain's figures)");
                continue;
            }

            WriteRows(result, strategy.Name, level, Worst(rows, sort, Shown), rows.Count, output, width);
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
                WriteRows(result, strategy.Name, "item-location", Worst(rows, ItemLocationMetric.FillRate, WorstShown), rows.Count, output, width,
                    $"{strategy.Name}: the {Math.Min(WorstShown, rows.Count)} item-locations with the lowest fill rate (flowsim run --by item-location for all)");
            }
        }
    }

    private sealed record LevelRow(string Name, IReadOnlyList<Statistics> Metrics);

    private static List<LevelRow> Rows(StrategyResult strategy, string level) => level switch
    {
        "item" => [.. strategy.Items.Select(it => new LevelRow(it.ItemId, it.Metrics))],
        "location" => [.. strategy.StockPoints.Where(sp => !sp.ItemMetrics.IsEmpty).Select(sp => new LevelRow(sp.Id, sp.ItemMetrics))],
        _ => [.. strategy.ItemLocations.Select(il => new LevelRow($"{il.ItemId}@{il.Location}", il.Metrics))],
    };

    /// <summary>The worst rows first: lowest where higher is better, highest otherwise; undefined values last, then by name.</summary>
    private static List<LevelRow> Worst(List<LevelRow> rows, ItemLocationMetric sort, int count)
    {
        var sign = sort.Info().Better == Better.Higher ? 1 : -1;
        return [.. rows
            .OrderBy(r => double.IsNaN(r.Metrics[(int)sort].Mean) ? 1 : 0)
            .ThenBy(r => sign * r.Metrics[(int)sort].Mean)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(count)];
    }

    private static void WriteRows(ExperimentResult result, string strategy, string level, List<LevelRow> rows, int total, TextWriter output, int? width, string? title = null)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.Title(ConsoleText.Cell(title ?? $"{strategy}: per {level}"));
        table.AddColumn(new TableColumn(ConsoleText.Cell(level)));
        foreach (var m in Columns)
        {
            var label = ShortLabels[m];
            table.AddColumn(new TableColumn(ConsoleText.Cell(label)).RightAligned());
        }

        foreach (var row in rows)
        {
            var cells = new List<string> { ConsoleText.Cell(row.Name) };
            foreach (var m in Columns)
            {
                var mean = row.Metrics[(int)m].Mean * (m.Info().PeriodTotal ? result.PerYear : 1);
                cells.Add(ConsoleText.Cell(MetricText.Format(mean, m.Info().Unit, "")));
            }

            table.AddRow(cells.ToArray());
        }

        ResultTable.PlainConsole(output, width ?? 200).Write(table);
        if (total > rows.Count)
        {
            output.WriteLine($"  ... and {total - rows.Count:N0} more");
        }
    }
}
