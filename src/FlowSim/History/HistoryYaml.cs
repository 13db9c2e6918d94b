using System.Globalization;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.History;

/// <summary>
/// Writes what <c>flowsim fit</c> learnt as one YAML document: the fit table as comments, then
/// <c>demand</c>, <c>lanes</c> and <c>suppliers</c> blocks in the scenario format, ready to paste.
/// </summary>
public static class HistoryYaml
{
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Writes the fit table only, every line a YAML comment.</summary>
    public static void WriteTable(HistoryFitReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"# Fitted from {string.Join(", ", report.Sources)} by maximum likelihood; mean and sd are those simulated.");
        output.WriteLine($"# chosen = lowest AIC among the candidates whose mean is within {DistributionFitter.MeanToleranceStandardErrors:0} standard errors of the history's");
        output.WriteLine("# (mean off: it is not); for demand in whole units, whole-unit families first: poisson or negative_binomial,");
        output.WriteLine("# or empirical (the history's own days, for demand without seasonality) when its BIC is lower than theirs.");
        if (!report.Demand.IsEmpty)
        {
            var s = report.Demand[0].Series;
            output.WriteLine($"# Daily demand, {s.Start:yyyy-MM-dd} to {s.End:yyyy-MM-dd} ({s.Daily.Length} days), levels at {report.Start:yyyy-MM-dd} ({report.Start.DayOfWeek}):");
            WriteRows(output, report.Demand.Select(d => ($"{d.Series.Item}@{d.Series.Location}", d.Fit, "/day")));
            foreach (var d in report.Demand)
            {
                output.WriteLine($"#   {d.Series.Item}@{d.Series.Location} season: {Describe(d.Season)}");
            }
        }

        if (!report.LeadTimes.IsEmpty)
        {
            output.WriteLine("# Lead times (order date to receipt date, days):");
            WriteRows(output, report.LeadTimes.Select(l => (l.Location is null ? l.Supplier : $"{l.Supplier}->{l.Location}", l.Fit, "d")));
        }

        foreach (var s in report.Skipped)
        {
            output.WriteLine($"# not fitted: {s}");
        }
    }

    /// <summary>Writes the whole document: the table as comments, then the scenario blocks.</summary>
    public static void Write(HistoryFitReport report, TextWriter output)
    {
        WriteTable(report, output);
        if (!report.Demand.IsEmpty)
        {
            output.WriteLine("demand:");
            foreach (var d in report.Demand)
            {
                WriteDemand(output, d, d.Series.Item, d.Series.Location, report.Start);
            }
        }

        var lanes = report.LeadTimes.Where(l => l.Location is not null).ToList();
        if (lanes.Count > 0)
        {
            output.WriteLine("lanes:");
            foreach (var l in lanes)
            {
                output.WriteLine($"  - from: {l.Supplier}");
                output.WriteLine($"    to: {l.Location}");
                output.WriteLine($"    items: [{string.Join(", ", l.Items)}]");
                output.WriteLine($"    lead_time: {Yaml(l.Fit.Best.Distribution, "d")}");
            }
        }

        var suppliers = report.LeadTimes.Where(l => l.Location is null).ToList();
        if (suppliers.Count > 0)
        {
            output.WriteLine("suppliers:");
            foreach (var l in suppliers)
            {
                output.WriteLine($"  - id: {l.Supplier}");
                output.WriteLine($"    lead_time: {Yaml(l.Fit.Best.Distribution, "d")}");
            }
        }
    }

    /// <summary>
    /// What the scenario loader says against a stream's fitted demand (daily distribution and
    /// seasonality) as this class prints it; null when it takes it.
    /// </summary>
    internal static string? DemandProblem(DemandFit fit, DateOnly start)
    {
        var block = new StringWriter { NewLine = "\n" };
        block.WriteLine("demand:");
        WriteDemand(block, fit, "item", "shop", start);
        return LoaderProblem(block.ToString(), "demand[0]", "    lead_time: 1d\n");
    }

    /// <summary>What the scenario loader says against a fitted lead time as this class prints it; null when it takes it.</summary>
    internal static string? LeadTimeProblem(Distribution leadTime) =>
        LoaderProblem("demand:\n  - { item: item, at: shop, daily: 1/day }\n", "suppliers[0].lead_time", $"    lead_time: {Yaml(leadTime, "d")}\n");

    // The printed text in the smallest scenario that holds it, read by the loader itself.
    private static string? LoaderProblem(string demand, string field, string supplier)
    {
        var yaml = "name: fit check\nhorizon: 1y\nitems:\n  - { id: item, unit_cost: 1, price: 2 }\nsuppliers:\n  - id: vendor\n" + supplier
            + "stock_points:\n  - id: shop\nlanes:\n  - { from: vendor, to: shop }\n" + demand
            + "strategies:\n  - { name: buffer, policy: buffer }\n";
        var result = ScenarioLoader.Parse(yaml, "fit");
        return result.Errors.FirstOrDefault(e => e.FieldPath.StartsWith(field, StringComparison.Ordinal))?.Message;
    }

    private static void WriteDemand(TextWriter output, DemandFit d, string item, string location, DateOnly start)
    {
        output.WriteLine($"  - item: {item}");
        output.WriteLine($"    at: {location}");
        output.WriteLine($"    daily: {Yaml(d.Fit.Best.Distribution, "/day")}");
        WriteSeasonality(output, d.Season, start);
    }

    /// <summary>A distribution in the scenario format, quantities suffixed with <paramref name="unit"/> (<c>/day</c> or <c>d</c>).</summary>
    public static string Yaml(Distribution distribution, string unit)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return distribution.Kind switch
        {
            DistributionKind.Constant => $"{Num(distribution.Value)}{unit}",
            DistributionKind.Poisson => $"{{ dist: {Name(distribution.Kind)}, mean: {Num(distribution.SpecifiedMean)}{unit} }}",
            DistributionKind.Uniform => $"{{ dist: {Name(distribution.Kind)}, min: {Num(distribution.Minimum)}{unit}, max: {Num(distribution.Maximum)}{unit} }}",
            DistributionKind.Normal or DistributionKind.LogNormal or DistributionKind.Gamma or DistributionKind.NegativeBinomial =>
                $"{{ dist: {Name(distribution.Kind)}, mean: {Num(distribution.SpecifiedMean)}{unit}, sd: {Num(distribution.SpecifiedStandardDeviation)}{unit} }}",
            DistributionKind.Empirical => $"{{ dist: {Name(distribution.Kind)}, values: [{string.Join(", ", distribution.Values.Select(Num))}]"
                + (distribution.Weights.IsEmpty ? "" : $", weights: [{string.Join(", ", distribution.Weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture)))}]") + " }",
            _ => throw new ArgumentException($"{distribution.Kind} is not fitted from history", nameof(distribution)),
        };
    }

    /// <summary>The scenario format's name of a distribution kind.</summary>
    public static string Name(DistributionKind kind) => kind.YamlName();

    private static void WriteRows(TextWriter output, IEnumerable<(string Name, DistributionFit Fit, string Unit)> rows)
    {
        var lines = new List<string[]> { new[] { "stream", "n", "candidate", "simulated", "AIC", "KS", "" } };
        foreach (var (name, fit, unit) in rows)
        {
            for (var i = 0; i < fit.Candidates.Length; i++)
            {
                var c = fit.Candidates[i];
                lines.Add([
                    i == 0 ? name : "", i == 0 ? fit.Observations.ToString(CultureInfo.InvariantCulture) : "", Name(c.Distribution.Kind), Parameters(c.Distribution, unit),
                    c.Aic.ToString("0.0", CultureInfo.InvariantCulture), c.KsDistance.ToString("0.000", CultureInfo.InvariantCulture), (i == 0 ? "chosen" : "") + (c.ReproducesMean ? "" : i == 0 ? ", mean off" : "mean off"),
                ]);
            }
        }

        var widths = Enumerable.Range(0, 7).Select(k => lines.Max(l => l[k].Length)).ToArray();
        foreach (var l in lines)
        {
            var cells = l.Select((cell, k) => k is 1 or 4 or 5 ? cell.PadLeft(widths[k]) : cell.PadRight(widths[k]));
            output.WriteLine(("#   " + string.Join("  ", cells)).TrimEnd());
        }
    }

    private static string Parameters(Distribution d, string unit) => d.Kind switch
    {
        DistributionKind.Constant => $"value {Num(d.Value)}{unit}",
        DistributionKind.Poisson => $"mean {Num(d.SpecifiedMean)}{unit}",
        DistributionKind.Uniform => $"min {Num(d.Minimum)}{unit}, max {Num(d.Maximum)}{unit}",
        // The engine cuts a normal at 0: its parent's mean (0 for a slow item) is not what is simulated.
        // Within 3 sd of 0 the cut shows; further away it changes nothing worth saying.
        DistributionKind.Normal => $"mean {Num(d.Mean)}{unit}, sd {Num(d.StandardDeviation)}{unit}{(d.SpecifiedMean < 3 * d.SpecifiedStandardDeviation ? ", cut at 0" : "")}",
        _ => $"mean {Num(d.Mean)}{unit}, sd {Num(d.StandardDeviation)}{unit}",
    };

    private static string Describe(SeasonalPattern p)
    {
        var weekly = double.IsNaN(p.WeeklyPValue) ? "weekly not tested (fewer than 4 whole weeks)"
            : p.Weekly.IsEmpty ? $"no weekly pattern ({P(p.WeeklyPValue)})"
            : $"weekly {P(p.WeeklyPValue)}: {string.Join(" ", p.Weekly.Select((f, i) => $"{DayNames[i]} {Factor2(f)}"))}";
        var annual = double.IsNaN(p.AnnualPValue) ? "annual not tested (needs two years)"
            : p.Annual.IsEmpty ? $"no annual pattern ({P(p.AnnualPValue)})"
            : $"annual {P(p.AnnualPValue)}: {string.Join(" ", p.Annual.Select((f, i) => $"{MonthNames[i]} {Factor2(f)}"))}";
        var trend = double.IsNaN(p.TrendPValue) ? "trend not tested (needs half a year)"
            : p.TrendPerYear == 0 ? $"no trend ({P(p.TrendPValue)})"
            : $"trend {p.TrendPerYear:+0.0%;-0.0%}/year ({P(p.TrendPValue)})";
        return string.Create(CultureInfo.InvariantCulture, $"{weekly}; {annual}; {trend}");
    }

    private static string P(double p) => p < 0.001 ? "p < 0.001" : string.Create(CultureInfo.InvariantCulture, $"p = {p:0.000}");

    private static void WriteSeasonality(TextWriter output, SeasonalPattern season, DateOnly start)
    {
        if (season.IsFlat)
        {
            return;
        }

        // The scenario's factors start on the horizon's first day and month.
        output.WriteLine("    seasonality:");
        if (!season.Weekly.IsEmpty)
        {
            var first = SeasonalPattern.MondayFirst(start.DayOfWeek);
            var order = Enumerable.Range(0, 7).Select(k => (first + k) % 7).ToArray();
            output.WriteLine($"      weekly: [{string.Join(", ", order.Select(k => Factor(season.Weekly[k])))}]   # {string.Join(" ", order.Select(k => DayNames[k]))}: horizon starts {start:yyyy-MM-dd}");
        }

        if (!season.Annual.IsEmpty)
        {
            var order = Enumerable.Range(0, 12).Select(k => (start.Month - 1 + k) % 12).ToArray();
            output.WriteLine($"      annual: [{string.Join(", ", order.Select(k => Factor(season.Annual[k])))}]   # {MonthNames[order[0]]} to {MonthNames[order[11]]}");
        }

        if (season.TrendPerYear != 0)
        {
            output.WriteLine($"      trend: {Num(season.TrendPerYear * 100)}%/year");
        }
    }

    private static string Factor2(double f) => f.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Factor(double f) => f.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Four significant digits, no exponent.</summary>
    internal static string Num(double v)
    {
        // Below a millionth is noise of the optimiser, not a level anyone plans with.
        if (Math.Abs(v) < 1e-6 || !double.IsFinite(v))
        {
            return "0";
        }

        var digits = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(Math.Abs(v))));
        return Math.Round(v, Math.Min(digits, 12)).ToString("0.############", CultureInfo.InvariantCulture);
    }
}
