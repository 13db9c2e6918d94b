using System.Collections.Immutable;
using FlowSim.Scenarios;

namespace FlowSim.History;

/// <summary>The fit of one demand stream: its series, its seasonality and its daily distribution.</summary>
/// <param name="Series">The observed daily demand.</param>
/// <param name="Season">Seasonality and trend found in it.</param>
/// <param name="Fit">Candidate distributions of daily demand with the seasonality divided out, best first.</param>
public sealed record DemandFit(DemandSeries Series, SeasonalPattern Season, DistributionFit Fit);

/// <summary>The fit of one lane's (or supplier's) lead times.</summary>
/// <param name="Supplier">Supplier id.</param>
/// <param name="Location">Receiving stock point; null when the history has no <c>location</c> column.</param>
/// <param name="Items">Items received over the lane, sorted.</param>
/// <param name="Fit">Candidate lead-time distributions in days, best first.</param>
public sealed record LeadTimeFit(string Supplier, string? Location, ImmutableArray<string> Items, DistributionFit Fit);

/// <summary>Everything <c>flowsim fit</c> learnt from its history files.</summary>
/// <param name="Sources">The history files, as named.</param>
/// <param name="Start">The day a scenario's horizon is taken to start: seasonal factors are rotated to begin there and trend levels are projected to it.</param>
/// <param name="Demand">One fit per item-location, by item then location.</param>
/// <param name="LeadTimes">One fit per lane (supplier and location), by supplier then location.</param>
/// <param name="Skipped">Streams with too few observations to fit, with the reason.</param>
public sealed record HistoryFitReport(ImmutableArray<string> Sources, DateOnly Start, ImmutableArray<DemandFit> Demand, ImmutableArray<LeadTimeFit> LeadTimes, ImmutableArray<string> Skipped);

/// <summary>Fits demand and lead-time distributions, and demand seasonality, to history files.</summary>
public static class HistoryFitting
{
    /// <summary>Fewest days (demand) or receipts (lead times) a stream needs to be fitted.</summary>
    public const int MinObservations = 10;

    /// <summary>Fits every demand stream and lane in the (valid) files.</summary>
    /// <param name="files">Valid history files; demand rows from all of them are pooled, likewise receipts.</param>
    /// <param name="start">Horizon start; default the first day of the month after the last demand date.</param>
    /// <exception cref="ArgumentException">No start is given and the history ends in December 9999, so no month follows it.</exception>
    public static HistoryFitReport Fit(IReadOnlyList<HistoryFile> files, DateOnly? start = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var demandRows = files.SelectMany(f => f.Demand).ToList();
        var receipts = files.SelectMany(f => f.Receipts).ToList();
        var series = DemandSeries.From(demandRows);
        var begin = start ?? (series.IsEmpty ? new DateOnly(2000, 1, 1) : FirstOfNextMonth(series[0].End)
            ?? throw new ArgumentException(
                $"the history runs to {series[0].End:yyyy-MM-dd}, and no month follows December 9999 to start the horizon; give the start day with --start",
                nameof(start)));
        var skipped = ImmutableArray.CreateBuilder<string>();

        var demand = ImmutableArray.CreateBuilder<DemandFit>();
        foreach (var s in series)
        {
            if (s.Daily.Length < MinObservations)
            {
                skipped.Add($"{s.Item}@{s.Location}: {s.Daily.Length} days of demand; at least {MinObservations} are needed");
                continue;
            }

            var season = SeasonalityDetector.Detect(s);
            var scales = Enumerable.Range(0, s.Daily.Length).Select(i => season.FactorOn(s.Start.AddDays(i), begin)).ToArray();
            if (scales.Any(f => !double.IsFinite(f)) || scales.Count(f => f > 1e-12) < 2)
            {
                // A trend projected over centuries gives factors no double holds.
                skipped.Add($"{s.Item}@{s.Location}: its trend ({season.TrendPerYear:+0.0%;-0.0%}/year) projected to {begin:yyyy-MM-dd} is beyond what a scenario can hold; give a --start nearer the history");
                continue;
            }

            var fitted = new DemandFit(s, season, DistributionFitter.Fit(s.Daily, FitTarget.DailyDemand, scales));
            if (HistoryYaml.DemandProblem(fitted, begin) is { } demandProblem)
            {
                // Never print what the scenario loader would refuse.
                skipped.Add($"{s.Item}@{s.Location}: the fitted demand is outside what a scenario takes ({demandProblem})");
                continue;
            }

            demand.Add(fitted);
        }

        var lanes = ImmutableArray.CreateBuilder<LeadTimeFit>();
        foreach (var g in receipts.GroupBy(r => (r.Supplier, r.Location)).OrderBy(g => g.Key.Supplier, StringComparer.Ordinal).ThenBy(g => g.Key.Location ?? "", StringComparer.Ordinal))
        {
            var name = g.Key.Location is null ? g.Key.Supplier : $"{g.Key.Supplier}->{g.Key.Location}";
            if (g.Count() < MinObservations)
            {
                skipped.Add($"{name}: {g.Count()} receipts; at least {MinObservations} are needed");
                continue;
            }

            var items = g.Select(r => r.Item).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            var fit = DistributionFitter.Fit([.. g.Select(r => (double)r.LeadTimeDays)], FitTarget.LeadTime);
            if (HistoryYaml.LeadTimeProblem(fit.Best.Distribution) is { } leadTimeProblem)
            {
                skipped.Add($"{name}: the fitted lead time is outside what a scenario takes ({leadTimeProblem})");
                continue;
            }

            lanes.Add(new LeadTimeFit(g.Key.Supplier, g.Key.Location, items, fit));
        }

        return new HistoryFitReport([.. files.Select(f => f.File)], begin, demand.ToImmutable(), lanes.ToImmutable(), skipped.ToImmutable());
    }

    private static DateOnly? FirstOfNextMonth(DateOnly d) =>
        d.Year == DateOnly.MaxValue.Year && d.Month == 12 ? null : new DateOnly(d.Year, d.Month, 1).AddMonths(1);
}
