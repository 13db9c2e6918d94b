using System.Collections.Immutable;
using FlowSim.Scenarios;

namespace FlowSim.History;

/// <summary>
/// Daily demand of one item at one location over a run of days: days with no row in the history
/// count as zero demand, rows for the same day add up.
/// </summary>
/// <param name="Item">Item id.</param>
/// <param name="Location">Stock point id.</param>
/// <param name="Start">The first day of <paramref name="Daily"/>.</param>
/// <param name="Daily">Units demanded on each day from <paramref name="Start"/>.</param>
public sealed record DemandSeries(string Item, string Location, DateOnly Start, ImmutableArray<double> Daily)
{
    /// <summary>
    /// One series per item-location in the rows, all over the same days: from the first to the
    /// last date in the rows, so an item that sold nothing lately ends in zeros.
    /// </summary>
    public static ImmutableArray<DemandSeries> From(IReadOnlyCollection<DemandRecord> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var first = rows.Min(r => r.Date);
        var days = rows.Max(r => r.Date).DayNumber - first.DayNumber + 1;
        return [.. rows.GroupBy(r => (r.Item, r.Location))
            .OrderBy(g => g.Key.Item, StringComparer.Ordinal).ThenBy(g => g.Key.Location, StringComparer.Ordinal)
            .Select(g =>
            {
                var daily = new double[days];
                foreach (var r in g)
                {
                    daily[r.Date.DayNumber - first.DayNumber] += r.Quantity;
                }

                return new DemandSeries(g.Key.Item, g.Key.Location, first, [.. daily]);
            })];
    }

    /// <summary>The last day of the series.</summary>
    public DateOnly End => Start.AddDays(Daily.Length - 1);
}
