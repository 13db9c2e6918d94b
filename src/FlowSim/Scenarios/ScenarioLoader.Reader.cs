using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading a scenario: the top level, ids and references, and the checks across sections.</summary>
    private sealed partial class Reader(Findings findings)
    {
        private readonly Findings _f = findings;

        // Every id written, whether or not its entry is valid: a reference to an entry that has
        // its own errors is not reported again as unknown.
        private readonly Dictionary<string, List<Declared>> _declared = new(StringComparer.Ordinal);
        private readonly List<Declared> _strategyNames = [];

        // Where each item's shelf life is written, for the warning about lead times longer than it.
        private readonly Dictionary<string, Field> _shelfLives = new(StringComparer.Ordinal);

        /// <summary>An id or name as written: its text, its value node and its field path.</summary>
        private sealed record Declared(string Id, YamlNode Node, string Path);

        public Scenario? ReadScenario(YamlNode root, ScenarioSource source)
        {
            var top = YamlFields.Of(root, "", _f, TopKeys, "a scenario");
            if (top is null)
            {
                return null;
            }

            var name = top.Text("name", required: true, why: "give the scenario a name") ?? "";
            var description = top.Text("description") ?? "";
            var horizon = top.Value("horizon", Units.TryParseDuration, required: true, why: "how long to simulate, e.g. 2y",
                v => v < 1 ? "must be at least 1d" : v > MaxHorizonDays ? "must be at most 200y" : null) ?? 0;
            var warmup = top.Value("warmup", Units.TryParseDuration, check: Check.NonNegative) ?? 0;
            var trials = top.Value("trials", Units.TryParseNumber, check: v => Check.Integer(v, 1, MaxTrials)) ?? 1000;
            var seed = ReadSeed(top.Get("seed"));
            var currency = top.Text("currency") ?? "";

            if (horizon > 0 && warmup >= horizon && top.Get("warmup") is { } w)
            {
                _f.Error(w.Value, w.Path, $"must be shorter than the horizon ({Units.FormatDays(horizon)}), got {Units.FormatDays(warmup)}");
            }

            var items = ReadList(top, "items", ReadItem, required: true, out _);
            var suppliers = ReadList(top, "suppliers", ReadSupplier, required: true, out _);
            var stockPoints = ReadList(top, "stock_points", ReadStockPoint, required: true, out _);
            var supplierById = Unique(suppliers, s => s.Id, "supplier");
            var itemById = Unique(items, i => i.Id, "item");
            var stockPointIds = Unique(stockPoints, s => s.Id, "stock point");
            var lanes = ReadList(top, "lanes", (n, p) => ReadLane(n, p, supplierById, itemById, stockPointIds), required: true, out var allLanesRead);
            // Where a lane can start: a supplier or a stock point.
            HashSet<string> places = [.. suppliers.Select(s => s.Id), .. stockPoints.Select(sp => sp.Id)];
            CheckLaneNames(lanes, places);
            var productionLines = new Dictionary<(string Item, string At), string>();
            var production = ReadList(top, "production", (n, p) => ReadProduction(n, p, itemById, stockPointIds, productionLines), required: false, out var allProductionRead);
            var demand = ReadList(top, "demand", (n, p) => ReadDemand(n, p, itemById, stockPointIds), required: true, out var allDemandRead);
            var costs = ReadCosts(top.Get("costs"));
            CheckNetwork(items, suppliers, stockPoints, demand);

            // The layout needs every lane, production line and demand stream: with one unreadable, its findings would be guesses.
            NetworkLayout? layout = null;
            if (allLanesRead && allProductionRead && allDemandRead && !_f.HasErrors)
            {
                layout = NetworkLayout.Analyse(stockPoints, lanes, production, demand, _f);
            }

            var stocked = layout?.Stocked ?? [.. demand.Select(d => new StockedItem(d.ItemId, d.StockPointId)).Distinct()];
            var strategies = ReadStrategies(top, items, stockPoints, stocked, layout is null ? null : new SourcingNetwork(lanes, production, layout, places));
            var disruptions = ReadDisruptions(top.Get("disruptions"), suppliers, stockPoints, lanes, production, items, horizon);
            CheckCustomerOrders(demand, disruptions, horizon);

            var flowOrder = ImmutableArray<StockedItem>.Empty;
            if (layout is not null)
            {
                WarnShelfLifeShorterThanLeadTime(itemById, lanes, production, layout, strategies);
                WarnFlatSeasonalPlans(strategies, demand, lanes, production, layout);
                CheckVolumes(items, stockPoints, layout.Stocked);
                WarnUnusedStandby(lanes, strategies);
                flowOrder = FlowOrder(layout, lanes, production, strategies);
            }

            var stockedItems = stocked.Select(s => s.ItemId).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < items.Length && layout is not null; i++)
            {
                if (!stockedItems.Contains(items[i].Id))
                {
                    _f.Warning(items[i].Location, $"items[{i}]", $"item '{items[i].Id}' is neither demanded nor a component of anything demanded; it is ignored");
                }
            }

            if (_f.HasErrors || layout is null)
            {
                return null;
            }

            var scenario = new Scenario(name, description, horizon, warmup, (int)trials, seed, currency,
                items, suppliers, stockPoints, lanes, demand, costs, strategies, _histories.Count == 0 ? source : source with { Histories = [.. _histories.Keys] })
            {
                Production = production,
                Disruptions = disruptions,
                Stocked = flowOrder,
            };
            return _f.HasErrors ? null : scenario;
        }

        /// <summary>A key that must hold a non-empty list: the field and its list, or null once the problem is reported.</summary>
        // A true/false setting; anything else is an error at its place.
        private bool ReadSwitch(YamlFields m, string key)
        {
            if (m.Get(key) is not { } f)
            {
                return false;
            }

            if (f.Value is YamlScalarNode { Value: "true" or "false" } b)
            {
                return b.Value == "true";
            }

            _f.Error(f.Value, f.Path, $"expected true or false, got {YamlFields.Describe(f.Value)}");
            return false;
        }

        private (Field Field, YamlSequenceNode List)? NonEmptyList(YamlFields m, string key, string hint)
        {
            var f = m.Get(key);
            if (f is null)
            {
                m.Missing(key, hint);
                return null;
            }

            if (f.Value is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                _f.Error(f.Value, f.Path, $"expected a non-empty list of {key}, got {YamlFields.Describe(f.Value)}");
                return null;
            }

            return (f, seq);
        }

        /// <summary>
        /// Warns when an item's shelf life is shorter than the mean lead time of a source (the
        /// scenario's own, or one a strategy's sourcing chooses): it runs, but units may expire in
        /// transit or soon after arriving, which is rarely what is meant.
        /// </summary>
        private void WarnShelfLifeShorterThanLeadTime(Dictionary<string, Item> itemById, ImmutableArray<Lane> lanes, ImmutableArray<Production> production, NetworkLayout layout,
            ImmutableArray<Strategy> strategies)
        {
            var chosen = strategies.SelectMany(st => st.Sourcing).ToLookup(c => new StockedItem(c.ItemId, c.StockPointId), c => c.Lanes);
            foreach (var slot in layout.Stocked)
            {
                if (!_shelfLives.TryGetValue(slot.ItemId, out var shelf) || itemById[slot.ItemId].ShelfLifeDays is not { } days)
                {
                    continue;
                }

                var source = layout.Sources[slot];
                var leadTimes = source.Rule == SourcingRule.Production
                    ? [($"production at '{slot.StockPointId}'", production[source.Production].LeadTime.Mean)]
                    : source.Lanes.Concat(chosen[slot].SelectMany(l => l)).Distinct().Select(j => ($"lane {lanes[j].Name}", lanes[j].LeadTime.Mean)).ToList();
                foreach (var (what, leadDays) in leadTimes.Where(l => l.Item2 > days))
                {
                    _f.Warning(shelf.Value, shelf.Path,
                        $"shelf life {Units.FormatDays(days)} is shorter than the mean lead time of {what} ({Units.FormatDays(leadDays)}): stock that covers the lead time expires before it sells; expect write-offs");
                }
            }
        }

        private ulong ReadSeed(Field? field)
        {
            if (field is null)
            {
                return 42;
            }

            if (field.Value is YamlScalarNode { Value: { } text } && ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
            {
                return seed;
            }

            _f.Error(field.Value, field.Path, $"expected a whole number from 0 to {ulong.MaxValue}, got {YamlFields.Describe(field.Value)}");
            return 0;
        }

        private ImmutableArray<T> ReadList<T>(YamlFields parent, string key, Func<YamlNode, string, T?> read, bool required, out bool allRead)
            where T : class
        {
            var field = parent.Get(key);
            // An optional list that is absent is read completely: it is empty.
            allRead = field is null && !required;
            if (field is null)
            {
                if (required)
                {
                    parent.Missing(key, $"list the scenario's {key.Replace('_', ' ')}");
                }

                return [];
            }

            allRead = false;

            if (field.Value is not YamlSequenceNode seq)
            {
                _f.Error(field.Value, field.Path, $"expected a list, got {YamlFields.Describe(field.Value)}");
                return [];
            }

            if (required && seq.Children.Count == 0)
            {
                _f.Error(field.Value, field.Path, "must list at least one entry");
            }

            var result = ImmutableArray.CreateBuilder<T>(seq.Children.Count);
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var x = read(seq.Children[i], $"{field.Path}[{i}]");
                if (x is not null)
                {
                    result.Add(x);
                }
            }

            allRead = result.Count == seq.Children.Count;
            return result.ToImmutable();
        }

        /// <summary>Reports ids written twice (at the second), and maps each valid entry by its id.</summary>
        private Dictionary<string, T> Unique<T>(ImmutableArray<T> valid, Func<T, string> id, string what)
        {
            ReportRepeats(_declared.GetValueOrDefault(what) ?? [], $"{what} id", "ids");
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var x in valid)
            {
                map.TryAdd(id(x), x);
            }

            return map;
        }

        private void ReportRepeats(List<Declared> declared, string what, string plural)
        {
            var first = new Dictionary<string, Declared>(StringComparer.Ordinal);
            foreach (var d in declared)
            {
                if (!first.TryAdd(d.Id, d))
                {
                    _f.Error(d.Node, d.Path, $"{what} '{d.Id}' is used twice (first on line {first[d.Id].Node.Start.Line}); {plural} must be unique");
                }
            }
        }

        private string? ReadId(YamlFields m, string what)
        {
            var id = m.Text("id", required: true, why: $"every {what} needs an id");
            if (id is null)
            {
                return null;
            }

            var field = m.Get("id")!;
            Declare(what, new Declared(id, field.Value, field.Path));
            CheckId(id, field);
            return id;
        }

        /// <summary>
        /// Reports an id that is not letters, digits, '-', '_' and '.' (at most 64): ids become
        /// table columns, CSV headers and file names, so they hold no spaces, markup or control characters.
        /// </summary>
        private void CheckId(string id, Field field)
        {
            if (id.Length > MaxIdLength || !id.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                var shown = id.Length > MaxIdLength ? string.Create(CultureInfo.InvariantCulture, $"'{id[..MaxIdLength]}...' ({id.Length:N0} characters)") : $"'{id}'";
                _f.Error(field.Value, field.Path, $"ids use letters, digits, '-', '_' and '.' (at most {MaxIdLength}), got {shown}");
            }
        }

        private void Declare(string what, Declared d)
        {
            if (!_declared.TryGetValue(what, out var list))
            {
                _declared[what] = list = [];
            }

            list.Add(d);
        }

        private bool IsDeclared(string what, string id) => _declared.TryGetValue(what, out var list) && list.Exists(d => d.Id == id);

        private ImmutableArray<string> ReadIdList(Field field, IEnumerable<string> valid, string what)
        {
            if (field.Value is not YamlSequenceNode seq)
            {
                _f.Error(field.Value, field.Path, $"expected a list of {what} ids, got {YamlFields.Describe(field.Value)}");
                return [];
            }

            var ids = ImmutableArray.CreateBuilder<string>();
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var child = seq.Children[i];
                var p = $"{field.Path}[{i}]";
                if (child is YamlScalarNode { Value: { Length: > 0 } id })
                {
                    if (Reference(new Field("", child, child, p), id, valid, what, ""))
                    {
                        ids.Add(id);
                    }
                }
                else
                {
                    _f.Error(child, p, $"expected {what} id, got {YamlFields.Describe(child)}");
                }
            }

            return ids.ToImmutable();
        }

        private bool Reference(Field field, string id, IEnumerable<string> valid, string what, string extra)
        {
            // Dictionary keys look up in constant time: a file with many references stays quick to check.
            if (valid is ICollection<string> known ? known.Contains(id) : valid.Contains(id, StringComparer.Ordinal))
            {
                return true;
            }

            var all = valid.ToList();

            if (IsDeclared(what, id))
            {
                // The entry exists but has errors of its own, reported where it is written.
                return false;
            }

            // Suggest among every id written, including entries that have errors of their own.
            all = [.. all.Union((_declared.GetValueOrDefault(what) ?? []).Select(d => d.Id))];

            var hint = YamlFields.Nearest(id, all);
            _f.Error(field.Value, field.Path, hint is null
                ? $"unknown {what} '{id}'{extra}; known: {(all.Count == 0 ? "none" : string.Join(", ", all))}"
                : $"unknown {what} '{id}'{extra}; did you mean '{hint}'?");
            return false;
        }

        private double? ReadScalar(YamlNode node, string path, YamlFields.Parser parse, Func<double, string?>? check) =>
            YamlFields.ReadScalar(_f, node, path, parse, check);
    }
}
