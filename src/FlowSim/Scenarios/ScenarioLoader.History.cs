using FlowSim.Stochastic;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Keys of an empirical distribution drawn from a history file, besides <c>dist</c>.</summary>
    internal static readonly string[] HistoryKeys = ["history", "item", "at", "supplier"];

    private sealed partial class Reader
    {
        // A history file is read once however many distributions draw from it.
        private readonly Dictionary<string, HistoryFile> _histories = new(StringComparer.Ordinal);

        /// <summary>
        /// <c>{ dist: empirical, history: FILE, item, at, supplier }</c>: the observed daily demand
        /// (days without a row count as zero) or lead times of the matching rows, the file found
        /// relative to the scenario.
        /// </summary>
        private Distribution? ReadHistory(YamlFields m, string path, Measure measure)
        {
            var field = m.Get("history")!;
            var fieldPath = field.Path;
            if (measure == Measure.OrderQuantity)
            {
                _f.Error(field.Value, fieldPath, "order sizes are given as values (with weights), not read from a history file, which holds days' totals or lead times");
                return null;
            }

            if (m.Get("values") is { } values)
            {
                _f.Error(values.KeyNode, values.Path, "give either values or history, not both");
                return null;
            }

            if (m.Get("weights") is { } weights)
            {
                _f.Error(weights.KeyNode, weights.Path, "weights go with values; a history's days are equally likely");
                return null;
            }

            var name = m.Text("history");
            var item = m.Text("item");
            var at = m.Text("at");
            var supplier = m.Text("supplier");
            if (string.IsNullOrWhiteSpace(name))
            {
                _f.Error(field.Value, fieldPath, "expected the path of a history CSV file, relative to the scenario");
                return null;
            }

            var file = Path.IsPathRooted(name) ? name : Path.Combine(Path.GetDirectoryName(_f.File) ?? "", name);
            if (!_histories.TryGetValue(file, out var history))
            {
                history = HistoryCsv.Read(file);
                _histories[file] = history;
            }

            if (!history.IsValid)
            {
                foreach (var e in history.Errors.Take(5))
                {
                    _f.Error(field.Value, fieldPath, e.ToString());
                }

                return null;
            }

            var wanted = measure == Measure.DailyQuantity ? HistoryKind.Demand : HistoryKind.Receipts;
            if (history.Kind != wanted)
            {
                _f.Error(field.Value, fieldPath, wanted == HistoryKind.Demand
                    ? $"{file} is a receipts history; demand needs a demand history (date,item,location,quantity)"
                    : $"{file} is a demand history; a lead time needs a receipts history (order_date,receipt_date,supplier,item)");
                return null;
            }

            if (measure == Measure.DailyQuantity && supplier is not null)
            {
                _f.Error(m.Get("supplier")!.KeyNode, m.Get("supplier")!.Path, "demand histories have no supplier; filter them by item and at");
                return null;
            }

            var observed = measure == Measure.DailyQuantity
                ? DailyDemand(history, item, at)
                : [.. history.Receipts.Where(r => Matches(r.Item, item) && Matches(r.Location, at) && Matches(r.Supplier, supplier)).Select(r => (double)r.LeadTimeDays)];
            if (observed.Count == 0)
            {
                var filter = string.Join(", ", new[] { ("item", item), ("at", at), ("supplier", supplier) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {p.Item2}"));
                _f.Error(field.Value, fieldPath, $"{file} has no rows{(filter.Length > 0 ? $" for {filter}" : "")}");
                return null;
            }

            return Distribution.Empirical(observed);
        }

        private static bool Matches(string? value, string? filter) => filter is null || value == filter;

        /// <summary>Demand of the matching rows per day, over every day the file covers.</summary>
        private static List<double> DailyDemand(HistoryFile history, string? item, string? at)
        {
            var rows = history.Demand.Where(r => Matches(r.Item, item) && Matches(r.Location, at)).ToList();
            if (rows.Count == 0)
            {
                return [];
            }

            var first = history.Demand.Min(r => r.Date).DayNumber;
            var daily = new double[history.Demand.Max(r => r.Date).DayNumber - first + 1];
            foreach (var r in rows)
            {
                daily[r.Date.DayNumber - first] += r.Quantity;
            }

            return [.. daily];
        }
    }
}
