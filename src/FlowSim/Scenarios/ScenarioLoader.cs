using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlowSim.Stochastic;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

/// <summary>The outcome of loading a scenario: the scenario when it is valid, and every finding.</summary>
/// <param name="Scenario">The validated scenario; null when there are errors.</param>
/// <param name="Findings">Errors and warnings, in file order.</param>
public sealed record ScenarioLoadResult(Scenario? Scenario, ImmutableArray<ScenarioError> Findings)
{
    /// <summary>The errors only.</summary>
    public IEnumerable<ScenarioError> Errors => Findings.Where(f => f.Severity == Severity.Error);

    /// <summary>The warnings only.</summary>
    public IEnumerable<ScenarioError> Warnings => Findings.Where(f => f.Severity == Severity.Warning);
}

/// <summary>
/// Reads a scenario file, checks every value and cross-reference, and returns an immutable
/// <see cref="Scenario"/> or the complete list of problems, each with file, line, column and
/// field path. Never throws for bad input.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Files larger than this are refused before parsing.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Most trials a scenario may ask for.</summary>
    public const int MaxTrials = 10_000_000;

    /// <summary>Most characters in an id (of an item, supplier, stock point or disruption, or a shared event's name).</summary>
    internal const int MaxIdLength = 64;

    /// <summary>Longest horizon a scenario may have, in days (200 years).</summary>
    public const double MaxHorizonDays = 200 * Units.DaysPerYear;

    internal static readonly string[] TopKeys =
        ["name", "description", "horizon", "warmup", "trials", "seed", "currency", "items", "suppliers", "stock_points", "lanes", "production", "demand", "costs", "strategies", "disruptions"];

    internal static readonly string[] ItemKeys =
        ["id", "unit_cost", "price", "holding_rate", "salvage_value", "shelf_life", "ordering_cost", "backorder_penalty", "lost_sale_cost", "returns"];

    internal static readonly string[] SupplierKeys = ["id", "lead_time", "capacity"];
    internal static readonly string[] StockPointKeys = ["id", "kind", "storage_cost", "storage_carbon"];
    internal static readonly string[] LaneKeys = ["from", "to", "items", "lead_time", "transport_cost", "carbon", "share", "backup", "cost_premium", "expedite", "quantity_discount"];
    internal static readonly string[] BackupKeys = ["when", "late_by", "delay"];
    internal static readonly string[] ExpediteKeys = ["lead_time", "premium", "below"];
    internal static readonly string[] QuantityDiscountKeys = ["min_order", "discount"];
    internal static readonly string[] ProductionKeys = ["item", "at", "components", "lead_time", "capacity", "min_batch", "batch_multiple", "cost_per_unit"];
    internal static readonly string[] ReturnsKeys = ["share", "after", "refurbish_share", "refurbish_time", "refurbish_cost", "renewed_item"];
    internal static readonly string[] DisruptionKeys =
        ["id", "kind", "supplier", "lane", "stock_point", "plant", "item", "at", "every", "duration", "factor", "capacity", "hold", "scrap", "delay", "cancel_open_orders", "event"];
    internal static readonly string[] DemandKeys = ["item", "at", "daily", "seasonality", "patience"];
    internal static readonly string[] SeasonalityKeys = ["weekly", "annual", "trend"];
    internal static readonly string[] CostKeys = ["ordering_cost", "backorder_penalty", "lost_sale_cost", "carbon_price"];

    internal static readonly string[] PolicyKinds = ["buffer", "demand-responsive", "speculative"];
    internal static readonly string[] BufferKeys = ["policy", "rule", "review", "order_up_to", "reorder_point", "order_quantity", "safety_stock", "service_level", "forecast"];
    internal static readonly string[] DemandResponsiveKeys = ["policy", "min_batch", "review", "deposit", "patience"];
    internal static readonly string[] SpeculativeKeys = ["policy", "batches", "leftovers", "replenish"];
    internal static readonly string[] ReplenishKeys = ["reorder_point", "order_quantity"];
    internal static readonly string[] BatchKeys = ["at", "quantity", "sell_until"];
    internal static readonly string[] ForecastKeys = ["window"];
    internal static readonly string[] PolicyKeys = [.. BufferKeys.Union(DemandResponsiveKeys).Union(SpeculativeKeys).Distinct()];
    internal static readonly string[] StrategyKeys = ["name", "description", "items", "stock_points", "backups", .. PolicyKeys];

    internal static readonly string[] BufferRules = ["base-stock", "s-S", "R-S", "s-Q"];

    /// <summary>Loads and checks a scenario file.</summary>
    /// <param name="path">Path to the YAML file; reported in messages exactly as given.</param>
    public static ScenarioLoadResult Load(string path) => Load(path, []);

    /// <summary>Loads and checks a scenario file with what-if overrides applied (see <see cref="ScenarioOverride"/>).</summary>
    /// <param name="path">Path to the YAML file; reported in messages exactly as given.</param>
    /// <param name="overrides">Settings to change, in order; each is checked as if written in the file.</param>
    public static ScenarioLoadResult Load(string path, ImmutableArray<ScenarioOverride> overrides)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            var none = new Findings("''");
            none.Error(null, "", "no scenario file named; give the path to a scenario .yaml file");
            return Done(null, none);
        }

        var findings = new Findings(path);
        // Regular files only: a pipe or a device (/dev/zero) is refused at once, never waited on or read forever.
        var bytes = InputFile.TryRead(path, MaxFileBytes, "scenario", out var problem);
        if (bytes is null)
        {
            findings.Error(null, "", problem);
            return Done(null, findings);
        }

        return Parse(bytes, path, overrides);
    }

    /// <summary>Checks a scenario given as bytes (for tests and tools); <paramref name="file"/> names it in messages.</summary>
    public static ScenarioLoadResult Parse(byte[] bytes, string file) => Parse(bytes, file, []);

    /// <summary>Checks a scenario given as bytes with overrides applied; <paramref name="file"/> names it in messages.</summary>
    public static ScenarioLoadResult Parse(byte[] bytes, string file, ImmutableArray<ScenarioOverride> overrides)
    {
        var findings = new Findings(file);
        if (bytes.Length > MaxFileBytes)
        {
            findings.Error(null, "", $"file is {bytes.Length:N0} bytes; scenarios are limited to {MaxFileBytes:N0} bytes");
            return Done(null, findings);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            findings.Error(null, "", "is not UTF-8 text; save the scenario as UTF-8 YAML");
            return Done(null, findings);
        }

        if (text.Contains('\0'))
        {
            findings.Error(null, "", "is a binary file, not YAML text");
            return Done(null, findings);
        }

        // Editors on Windows may start UTF-8 files with a byte order mark; it is not part of the first key.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new GuardedParser(text, findings));
            if (stream.Documents.Count == 0)
            {
                findings.Error(null, "", string.IsNullOrWhiteSpace(text)
                    ? "the file is empty; expected a scenario with name, horizon, items, suppliers, stock_points, lanes, demand and strategies"
                    : "holds only comments; expected a scenario with name, horizon, items, suppliers, stock_points, lanes, demand and strategies");
                return Done(null, findings);
            }

            // A stray "---" at the end makes an empty second document; only one with content is a mistake.
            if (stream.Documents.Skip(1).FirstOrDefault(d => d.RootNode is not YamlScalarNode { Value: "" or null }) is { } second)
            {
                findings.Error(second.RootNode, "", "a second YAML document starts here, after '---'; a scenario file holds one");
                return Done(null, findings);
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!overrides.IsDefaultOrEmpty && !ScenarioOverrides.Apply(stream.Documents[0].RootNode, overrides, findings))
            {
                return Done(null, findings);
            }

            var scenario = new Reader(findings).ReadScenario(stream.Documents[0].RootNode, new ScenarioSource(file, hash) { Overrides = overrides.IsDefault ? [] : overrides });
            return Done(findings.HasErrors ? null : scenario, findings);
        }
        catch (StopLoading)
        {
            return Done(null, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last resort: the checks above should leave nothing to throw, but a planner gets a finding, not a crash.
            findings.Error(null, "", $"could not be checked ({e.Message.TrimEnd('.')}); please report this with the file");
            return Done(null, findings);
        }
    }

    /// <summary>Checks a scenario given as text (for tests); <paramref name="file"/> names it in messages.</summary>
    public static ScenarioLoadResult Parse(string yaml, string file) => Parse(Encoding.UTF8.GetBytes(yaml), file);

    // Findings come out in file order, whatever order the checks ran in; whole-file ones first.
    private static ScenarioLoadResult Done(Scenario? s, Findings f)
    {
        var ordered = f.Items.OrderBy(e => e.Line).ThenBy(e => e.Column);
        return f.Unlisted == 0
            ? new(s, [.. ordered])
            : new(s, [.. ordered, new ScenarioError(f.File, 0, 0, "", $"{f.Unlisted:N0} more problems are not listed; fix the ones above and check again")]);
    }

    /// <summary>Where to read a distribution's parameters: as durations (lead times) or daily quantities (demand).</summary>
    private enum Measure
    {
        Duration,
        DailyQuantity,
    }

    private sealed partial class Reader(Findings findings)
    {
        internal static readonly Dictionary<string, string[]> DistKeys = new()
        {
            ["constant"] = ["dist", "value"],
            ["uniform"] = ["dist", "min", "max"],
            ["triangular"] = ["dist", "min", "mode", "max"],
            ["pert"] = ["dist", "min", "mode", "max"],
            ["normal"] = ["dist", "mean", "sd", "cv"],
            ["lognormal"] = ["dist", "mean", "sd", "cv"],
            ["gamma"] = ["dist", "mean", "sd", "cv"],
            ["negative_binomial"] = ["dist", "mean", "sd", "cv"],
            ["poisson"] = ["dist", "mean"],
            ["exponential"] = ["dist", "mean"],
            ["empirical"] = ["dist", "values", .. HistoryKeys],
        };

        private static readonly string[] AllDistKeys = [.. DistKeys.Values.SelectMany(k => k).Distinct()];

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
            var strategies = ReadStrategies(top, items, stockPoints, stocked);
            var disruptions = ReadDisruptions(top.Get("disruptions"), suppliers, stockPoints, lanes, production, items, horizon);

            if (layout is not null)
            {
                WarnShelfLifeShorterThanLeadTime(itemById, lanes, production, layout);
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
                Stocked = layout.Stocked,
            };
            CheckServiceLevelsGiveStock(scenario);
            return _f.HasErrors ? null : scenario;
        }

        /// <summary>
        /// A service level below 50% gives a negative safety stock, which is sound; one so low that the
        /// order-up-to level itself is negative (the policy would wait for backorders before it orders)
        /// is not. Only levels below 50% can do that, so only then are the policies sized here.
        /// </summary>
        private void CheckServiceLevelsGiveStock(Scenario scenario)
        {
            if (!scenario.Strategies.Any(st => st.Policies.Any(p => p.Policy is BufferPolicy { ServiceLevel: < 0.5, SafetyStockUnits: null, SafetyStockDays: null })))
            {
                return;
            }

            var model = Engine.Model.Compile(scenario);
            for (var i = 0; i < model.Strategies.Length; i++)
            {
                var strategy = scenario.Strategies[i];
                for (var k = 0; k < model.Slots.Length; k++)
                {
                    var slot = model.Slots[k];
                    var policy = model.Strategies[i].Policies[k];
                    if (strategy.PolicyFor(slot.ItemId, slot.StockPointId) is not BufferPolicy { ServiceLevel: < 0.5, SafetyStockUnits: null, SafetyStockDays: null } spec
                        || spec.OrderUpTo is not null || spec.ReorderPoint is not null)
                    {
                        continue;
                    }

                    var top = policy.Rule == BufferRule.ReorderPoint ? policy.ReorderPoint + policy.OrderQuantity : policy.OrderUpTo;
                    if (top >= 0)
                    {
                        continue;
                    }

                    // Safety stock is z * sigma: the level is cycle stock + z * sigma, zero at z = -cycle / sigma.
                    var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, spec.ServiceLevel);
                    var sigma = policy.SafetyStock / z;
                    var cycle = top - policy.SafetyStock;
                    var lowest = sigma > 0 ? MathNet.Numerics.Distributions.Normal.CDF(0, 1, -cycle / sigma) : 0.5;
                    _f.Error(spec.Location, $"strategies[{i}].service_level",
                        string.Create(CultureInfo.InvariantCulture,
                            $"{spec.ServiceLevel} gives '{slot.ItemId}' at '{slot.StockPointId}' a negative order-up-to level ({top:0.##}); a stock level below zero means ordering only once customers wait. Use a service level of at least {Math.Ceiling(lowest * 10000) / 10000:0.####}"));
                }
            }
        }

        /// <summary>
        /// Warns when an item's shelf life is shorter than the mean lead time of a source: it runs,
        /// but units may expire in transit or soon after arriving, which is rarely what is meant.
        /// </summary>
        private void WarnShelfLifeShorterThanLeadTime(Dictionary<string, Item> itemById, ImmutableArray<Lane> lanes, ImmutableArray<Production> production, NetworkLayout layout)
        {
            foreach (var slot in layout.Stocked)
            {
                if (!_shelfLives.TryGetValue(slot.ItemId, out var shelf) || itemById[slot.ItemId].ShelfLifeDays is not { } days)
                {
                    continue;
                }

                var source = layout.Sources[slot];
                var leadTimes = source.Rule == SourcingRule.Production
                    ? [($"production at '{slot.StockPointId}'", production[source.Production].LeadTime.Mean)]
                    : source.Lanes.Select(j => ($"lane {lanes[j].Name}", lanes[j].LeadTime.Mean)).ToList();
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

        private Item? ReadItem(YamlNode node, string path)
        {
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Of(node, path, _f, ItemKeys, "an item");
            if (m is null)
            {
                return null;
            }

            var id = ReadId(m, "item");
            var cost = m.Value("unit_cost", Units.TryParseNumber, required: true, why: "what one unit costs to buy or make", check: Check.NonNegative);
            var price = m.Value("price", Units.TryParseNumber, required: true, why: "what a customer pays for one unit", check: Check.NonNegative);
            var holding = m.Value("holding_rate", Units.TryParseYearlyRate, check: Check.NonNegative) ?? 0.25;
            var salvage = m.Value("salvage_value", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var shelfLife = m.Value("shelf_life", Units.TryParseDuration, check: Check.Positive);
            if (id is not null && m.Get("shelf_life") is { } shelfField)
            {
                _shelfLives.TryAdd(id, shelfField);
            }
            var ordering = m.Value("ordering_cost", Units.TryParseNumber, check: Check.NonNegative);
            var penalty = m.Value("backorder_penalty", ParsePerDayMoney, check: Check.NonNegative);
            // An item's own "margin" is its own margin, not the scenario-wide lost_sale_cost.
            var lost = m.Get("lost_sale_cost")?.Value is YamlScalarNode { Value: "margin" } && cost is { } uc && price is { } p
                ? Math.Max(0, p - uc)
                : ReadLostSaleCost(m);
            var returns = m.Get("returns") is { } rf ? ReadReturns(rf) : null;
            if (cost is { } c && salvage > c && m.Get("salvage_value") is { } sv)
            {
                _f.Error(sv.Value, sv.Path, $"must not exceed unit_cost ({c.ToString(CultureInfo.InvariantCulture)}), or clearing stock would be a profit, got {salvage.ToString(CultureInfo.InvariantCulture)}");
            }

            if (id is null || cost is null || price is null || _f.ErrorCount > errorsBefore)
            {
                return null;
            }

            return new Item(id, cost.Value, price.Value, holding, salvage, shelfLife, ordering, penalty, lost, _f.At(node)) { Returns = returns };
        }

        private double? ReadLostSaleCost(YamlFields m)
        {
            var f = m.Get("lost_sale_cost");
            if (f is null || f.Value is YamlScalarNode { Value: "margin" })
            {
                return null;
            }

            return m.Read(f.Value, f.Path, Units.TryParseNumber, Check.NonNegative);
        }

        /// <summary>Money per unit per day: <c>0.50</c> or <c>0.50/day</c> or <c>3.50/week</c>.</summary>
        private static bool ParsePerDayMoney(string text, out double perDay, out string error) =>
            Units.TryParseRatePerDay(text, out perDay, out error);

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

        private DemandStream? ReadDemand(YamlNode node, string path, Dictionary<string, Item> items, Dictionary<string, StockPoint> stockPoints)
        {
            var m = YamlFields.Of(node, path, _f, DemandKeys, "a demand stream");
            if (m is null)
            {
                return null;
            }

            var item = m.Text("item", required: true, why: "the item demanded");
            var at = m.Text("at", required: true, why: "the stock point where customers buy it");
            var itemOk = item is not null && Reference(m.Get("item")!, item, items.Keys, "item", "");
            var atOk = at is not null && Reference(m.Get("at")!, at, stockPoints.Keys, "stock point", "");
            Distribution? daily = null;
            if (m.Get("daily") is { } d)
            {
                daily = ReadDistribution(d.Value, d.Path, Measure.DailyQuantity);
            }
            else
            {
                m.Missing("daily", "the distribution of units demanded per day, e.g. { dist: poisson, mean: 20/day }");
            }

            var seasonality = m.Get("seasonality") is { } s ? ReadSeasonality(s) : Seasonality.None;
            var patience = ReadPatience(m) ?? double.PositiveInfinity;
            return itemOk && atOk && daily is not null && seasonality is not null
                ? new DemandStream(item!, at!, daily, seasonality, patience, _f.At(node))
                : null;
        }

        private double? ReadPatience(YamlFields m)
        {
            var f = m.Get("patience");
            if (f is null)
            {
                return null;
            }

            if (f.Value is YamlScalarNode { Value: "unlimited" })
            {
                return double.PositiveInfinity;
            }

            return m.Read(f.Value, f.Path, (string t, out double v, out string e) =>
            {
                if (Units.TryParseDuration(t, out v, out e))
                {
                    return true;
                }

                e += " (or 'unlimited')";
                return false;
            }, Check.NonNegative);
        }

        private Seasonality? ReadSeasonality(Field field)
        {
            var m = YamlFields.Of(field.Value, field.Path, _f, SeasonalityKeys, "seasonality");
            if (m is null)
            {
                return null;
            }

            var weekly = ReadFactors(m.Get("weekly"), 7, "one factor per day of the week");
            var annual = ReadFactors(m.Get("annual"), 12, "one factor per month");
            var trend = m.Value("trend", Units.TryParseYearlyRate, check: v => v > -1 ? null : "must be above -100%/year") ?? 0;
            return weekly is null || annual is null ? null : new Seasonality(weekly.Value, annual.Value, trend);
        }

        private ImmutableArray<double>? ReadFactors(Field? field, int count, string why)
        {
            if (field is null)
            {
                return [];
            }

            if (field.Value is not YamlSequenceNode seq || seq.Children.Count != count)
            {
                _f.Error(field.Value, field.Path, $"expected a list of {count} factors ({why}), got {(field.Value is YamlSequenceNode s ? $"{s.Children.Count}" : YamlFields.Describe(field.Value))}");
                return null;
            }

            var values = new double[count];
            var ok = true;
            for (var i = 0; i < count; i++)
            {
                var v = ReadScalar(seq.Children[i], $"{field.Path}[{i}]", Units.TryParseNumber, Check.NonNegative);
                ok &= v is not null;
                values[i] = v ?? 0;
            }

            var mean = values.Average();
            if (ok && mean <= 0)
            {
                _f.Error(field.Value, field.Path, "factors must not all be zero");
                return null;
            }

            return ok ? [.. values.Select(v => v / mean)] : null;
        }

        private double? ReadScalar(YamlNode node, string path, YamlFields.Parser parse, Func<double, string?>? check) =>
            YamlFields.ReadScalar(_f, node, path, parse, check);

        private CostSettings ReadCosts(Field? field)
        {
            if (field is null)
            {
                return new CostSettings(0, 0, null);
            }

            var m = YamlFields.Of(field.Value, field.Path, _f, CostKeys, "cost settings");
            if (m is null)
            {
                return new CostSettings(0, 0, null);
            }

            return new CostSettings(
                m.Value("ordering_cost", Units.TryParseNumber, check: Check.NonNegative) ?? 0,
                m.Value("backorder_penalty", ParsePerDayMoney, check: Check.NonNegative) ?? 0,
                ReadLostSaleCost(m))
            {
                CarbonPricePerKg = m.Value("carbon_price", Units.TryParseNumber, check: Check.NonNegative) ?? 0,
            };
        }

        private Distribution? ReadDistribution(YamlNode node, string path, Measure measure)
        {
            YamlFields.Parser location = measure == Measure.Duration ? Units.TryParseDuration : Units.TryParseRatePerDay;
            YamlFields.Parser spread = measure == Measure.Duration ? Units.TryParseDuration : ParseDailySd;
            if (node is YamlScalarNode)
            {
                var v = ReadScalar(node, path, location, Check.NonNegative);
                return v is null ? null : Distribution.Constant(v.Value);
            }

            if (node is not YamlMappingNode map)
            {
                _f.Error(node, path, $"expected a distribution such as {{ dist: normal, mean: 10d, sd: 2d }} or a single value, got {YamlFields.Describe(node)}");
                return null;
            }

            var distNode = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "dist" });
            if (distNode.Key is null)
            {
                // Report misspelt keys too: "dsit: normal" is the likely cause.
                YamlFields.Merge(map, path, [], _f, AllDistKeys).Missing("dist", $"name the distribution: {string.Join(", ", DistKeys.Keys)}");
                return null;
            }

            if (distNode.Value is not YamlScalarNode { Value: { Length: > 0 } dist })
            {
                _f.Error(distNode.Value, YamlFields.Join(path, "dist"), $"expected a distribution name ({string.Join(", ", DistKeys.Keys)}), got {YamlFields.Describe(distNode.Value)}");
                return null;
            }

            if (!DistKeys.TryGetValue(dist, out var keys))
            {
                var hint = YamlFields.Nearest(dist, DistKeys.Keys);
                _f.Error(distNode.Value, YamlFields.Join(path, "dist"), hint is null
                    ? $"unknown distribution '{dist}'; expected one of: {string.Join(", ", DistKeys.Keys)}"
                    : $"unknown distribution '{dist}'; did you mean '{hint}'?");
                return null;
            }

            // Counted before the keys are read: a misspelt key ("d" for "sd") is reported there, and leaves its value unread.
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Merge(map, path, [], _f, keys);
            double Need(string key, YamlFields.Parser p, Func<double, string?> check) =>
                m.Value(key, p, required: true, why: $"a {dist} distribution needs {string.Join(", ", keys.Skip(1).Where(k => k != "cv" && (k != "sd" || !m.Has("cv"))))}", check: check) ?? double.NaN;

            Distribution? result = null;
            switch (dist)
            {
                case "constant":
                    var value = Need("value", location, Check.NonNegative);
                    result = Ok() ? Distribution.Constant(value) : null;
                    break;
                case "uniform":
                    var (min, max) = (Need("min", location, Check.NonNegative), Need("max", location, Check.NonNegative));
                    if (Ok() && max < min)
                    {
                        _f.Error(m.Get("max")!.Value, YamlFields.Join(path, "max"), "must not be below min");
                    }

                    result = Ok() ? Distribution.Uniform(min, max) : null;
                    break;
                case "triangular":
                case "pert":
                    var (lo, mode, hi) = (Need("min", location, Check.NonNegative), Need("mode", location, Check.NonNegative), Need("max", location, Check.NonNegative));
                    if (Ok() && !(lo <= mode && mode <= hi && lo < hi))
                    {
                        _f.Error(node, path, "needs min <= mode <= max with min < max");
                    }

                    result = Ok() ? (dist == "pert" ? Distribution.Pert(lo, mode, hi) : Distribution.Triangular(lo, mode, hi)) : null;
                    break;
                case "normal":
                case "lognormal":
                case "gamma":
                case "negative_binomial":
                    var mean = Need("mean", location, dist == "normal" ? Check.NonNegative : Check.Positive);
                    var sd = ReadSpread(m, path, mean, spread);
                    if (Ok() && dist == "negative_binomial" && sd * sd <= mean)
                    {
                        _f.Error(node, path, $"a negative binomial needs variance above the mean (overdispersed demand): sd must exceed {Math.Sqrt(mean):0.###}; use poisson when it does not");
                    }

                    if (Ok() && dist is "lognormal" or "gamma" && sd <= 0)
                    {
                        _f.Error(node, path, $"a {dist} distribution needs a positive sd or cv; use constant for a fixed value");
                    }

                    result = !Ok() ? null : dist switch
                    {
                        "normal" => Distribution.Normal(mean, sd),
                        "lognormal" => Distribution.LogNormal(mean, sd),
                        "gamma" => Distribution.Gamma(mean, sd),
                        _ => Distribution.NegativeBinomial(mean, sd),
                    };
                    break;
                case "poisson":
                    var lambda = Need("mean", location, Check.NonNegative);
                    result = Ok() ? Distribution.Poisson(lambda) : null;
                    break;
                case "exponential":
                    var em = Need("mean", location, Check.Positive);
                    result = Ok() ? Distribution.Exponential(em) : null;
                    break;
                case "empirical":
                    result = m.Has("history") ? ReadHistory(m, path, measure) : ReadEmpirical(m, path, location);
                    break;
            }

            return result;

            bool Ok() => _f.ErrorCount == errorsBefore;
        }

        private double ReadSpread(YamlFields m, string path, double mean, YamlFields.Parser spread)
        {
            var sdField = m.Get("sd");
            var cvField = m.Get("cv");
            if (sdField is not null && cvField is not null)
            {
                _f.Error(cvField.KeyNode, cvField.Path, "give either sd or cv, not both");
                return double.NaN;
            }

            if (cvField is not null)
            {
                var cv = m.Read(cvField.Value, cvField.Path, Units.TryParseFraction, v => v >= 0 ? null : "a coefficient of variation must not be negative");
                if (cv is not null && !double.IsFinite(cv.Value * mean))
                {
                    _f.Error(cvField.Value, cvField.Path, "is too large: the standard deviation (cv times mean) would overflow; a cv is usually well below 100%");
                    return double.NaN;
                }

                return cv is null ? double.NaN : Skewed(cvField, cv.Value * mean, mean);
            }

            if (sdField is not null)
            {
                return m.Read(sdField.Value, sdField.Path, spread, Check.NonNegative) is { } sd ? Skewed(sdField, sd, mean) : double.NaN;
            }

            m.Missing("sd", "give the spread as sd (same units as the mean) or cv (e.g. 30%)");
            return double.NaN;
        }

        /// <summary>Most spread a distribution may have: a cv of 10,000%.</summary>
        private const double MaxCv = 100;

        /// <summary>
        /// Refuses a spread over <see cref="MaxCv"/> times the mean: the samplers' shapes underflow
        /// there, and no demand or lead time is that skewed.
        /// </summary>
        private double Skewed(Field field, double sd, double mean)
        {
            if (mean > 0 && sd > MaxCv * mean)
            {
                _f.Error(field.Value, field.Path, $"is more than {MaxCv:0} times the mean (a cv above 10,000%); no demand or lead time is that skewed, and it cannot be sampled faithfully");
                return double.NaN;
            }

            return sd;
        }

        /// <summary>
        /// A daily standard deviation. Given per week (or month, year) it is scaled by the square root
        /// of the days in the period, as the sum of independent days' demand would be.
        /// </summary>
        private static bool ParseDailySd(string text, out double perDay, out string error)
        {
            if (!Units.TryParseRatePerDay(text, out var linear, out error))
            {
                perDay = 0;
                return false;
            }

            var slash = text.IndexOf('/');
            var periodDays = slash < 0 ? 1 : 1 / (Units.TryParseRatePerDay("1" + text[slash..], out var r, out _) ? r : 1);
            perDay = linear * periodDays / Math.Sqrt(periodDays);
            return true;
        }

        private Distribution? ReadEmpirical(YamlFields m, string path, YamlFields.Parser location)
        {
            var f = m.Get("values");
            if (f is null)
            {
                m.Missing("values", "list the observed values to draw from, or name a history file: history: data/demand.csv");
                return null;
            }

            if (f.Value is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                _f.Error(f.Value, f.Path, $"expected a non-empty list of values, got {YamlFields.Describe(f.Value)}");
                return null;
            }

            var values = new List<double>(seq.Children.Count);
            for (var i = 0; i < seq.Children.Count; i++)
            {
                if (ReadScalar(seq.Children[i], $"{f.Path}[{i}]", location, Check.NonNegative) is { } v)
                {
                    values.Add(v);
                }
            }

            return values.Count == seq.Children.Count ? Distribution.Empirical(values) : null;
        }

        private ImmutableArray<Strategy> ReadStrategies(YamlFields top, ImmutableArray<Item> items, ImmutableArray<StockPoint> stockPoints, ImmutableArray<StockedItem> stocked)
        {
            var strategies = ReadList(top, "strategies", (n, p) => ReadStrategy(n, p, items, stockPoints, stocked), required: true, out _);
            ReportRepeats(_strategyNames, "strategy name", "names");
            return strategies;
        }

        /// <summary>
        /// A strategy's policy for each stocked item-location, from layers of settings: the
        /// strategy's own, then <c>items.ITEM</c>, then <c>stock_points.SP</c>, then
        /// <c>stock_points.SP.items.ITEM</c>. A layer changes only the keys it names, unless it
        /// switches to another policy kind, when it starts afresh.
        /// </summary>
        private Strategy? ReadStrategy(YamlNode node, string path, ImmutableArray<Item> items, ImmutableArray<StockPoint> stockPoints, ImmutableArray<StockedItem> stocked)
        {
            var m = YamlFields.Of(node, path, _f, StrategyKeys, "a strategy");
            if (m is null)
            {
                return null;
            }

            var name = m.Text("name", required: true, why: "every strategy needs a name, e.g. buffer");
            if (name is not null)
            {
                _strategyNames.Add(new Declared(name, m.Get("name")!.Value, m.Get("name")!.Path));
            }

            var description = m.Text("description") ?? "";
            var backups = m.Text("backups") ?? "on";
            if (backups is not ("on" or "off"))
            {
                _f.Error(m.Get("backups")!.Value, YamlFields.Join(path, "backups"), $"expected on (backup lanes take over when their rule says so) or off (this strategy never uses them), got '{backups}'");
            }

            var own = m.All.Where(f => f.Key is not ("name" or "description" or "items" or "stock_points" or "backups")).ToList();
            if (own.Count > 0 && !own.Any(f => f.Key == "policy"))
            {
                m.Missing("policy", $"say which policy these settings belong to: {string.Join(", ", PolicyKinds)}");
                return null;
            }

            var byItem = Overrides(m.Get("items"), items.Select(i => i.Id), "item", PolicyKeys);
            var byStockPoint = Overrides(m.Get("stock_points"), stockPoints.Select(sp => sp.Id), "stock point", [.. PolicyKeys, "items"]);
            var byItemAt = new Dictionary<(string, string), Layer>();
            foreach (var (spId, layer) in byStockPoint)
            {
                foreach (var (itemId, itemLayer) in Overrides(layer.Fields.FirstOrDefault(f => f.Key == "items"), items.Select(i => i.Id), "item", PolicyKeys))
                {
                    byItemAt[(itemId, spId)] = itemLayer;
                }
            }

            // Misspelt policy kinds are reported even when no item-location reads them (the network has errors of its own).
            foreach (var kindField in own.Concat(byItem.Values.Concat(byStockPoint.Values).Concat(byItemAt.Values).SelectMany(l => l.Fields)).Where(f => f.Key == "policy"))
            {
                if (kindField.Value is YamlScalarNode { Value: { Length: > 0 } kind } && !PolicyKinds.Contains(kind))
                {
                    UnknownPolicy(kindField, kind);
                }
            }

            var errorsBefore = _f.ErrorCount;
            var policies = ImmutableArray.CreateBuilder<ItemPolicy>(stocked.Length);
            var cache = new Dictionary<string, PolicySpec?>();
            foreach (var slot in stocked)
            {
                var fields = own;
                var where = (Node: node, Path: path);
                foreach (var layer in new[]
                {
                    byItem.GetValueOrDefault(slot.ItemId),
                    byStockPoint.GetValueOrDefault(slot.StockPointId),
                    byItemAt.GetValueOrDefault((slot.ItemId, slot.StockPointId)),
                })
                {
                    if (layer is not null)
                    {
                        fields = Apply(fields, layer.Fields.Where(f => f.Key != "items").ToList());
                        where = (layer.Node, layer.Path);
                    }
                }

                if (!fields.Any(f => f.Key == "policy"))
                {
                    _f.Error(node, YamlFields.Join(path, "policy"),
                        $"missing for item '{slot.ItemId}' at '{slot.StockPointId}'; give the strategy a default policy ({string.Join(", ", PolicyKinds)}), or one under items or stock_points");
                    continue;
                }

                // The same fields give the same policy: read each combination once, so a mistake is reported once.
                var key = string.Join("|", fields.Select(f => $"{f.Path}@{f.Value.Start.Index}"));
                if (!cache.TryGetValue(key, out var policy))
                {
                    policy = ReadPolicy(where.Node, where.Path, fields, null);
                    cache[key] = policy;
                }

                if (policy is not null)
                {
                    policies.Add(new ItemPolicy(slot.ItemId, slot.StockPointId, policy));
                }
            }

            return name is null || _f.ErrorCount > errorsBefore || policies.Count != stocked.Length
                ? null
                : new Strategy(name, description, policies.ToImmutable(), _f.At(node)) { UsesBackups = backups != "off" };
        }

        /// <summary>One layer of a strategy's settings: where it is written and its fields.</summary>
        private sealed record Layer(YamlNode Node, string Path, List<Field> Fields);

        /// <summary>Reads a mapping from ids to settings (<c>items:</c> or <c>stock_points:</c>).</summary>
        private Dictionary<string, Layer> Overrides(Field? field, IEnumerable<string> valid, string what, IReadOnlyCollection<string> keys)
        {
            var result = new Dictionary<string, Layer>(StringComparer.Ordinal);
            if (field is null)
            {
                return result;
            }

            if (field.Value is not YamlMappingNode map)
            {
                _f.Error(field.Value, field.Path, $"expected a mapping from {what} id to its policy settings, got {YamlFields.Describe(field.Value)}");
                return result;
            }

            var ids = valid.ToList();
            foreach (var (k, v) in map.Children)
            {
                var id = (k as YamlScalarNode)?.Value ?? "";
                var p = YamlFields.Join(field.Path, id);
                if (!Reference(new Field(id, k, k, p), id, ids, what, ""))
                {
                    continue;
                }

                if (v is not YamlMappingNode vm)
                {
                    _f.Error(v, p, $"expected the policy settings for {what} '{id}' as a mapping, got {YamlFields.Describe(v)}");
                    continue;
                }

                result[id] = new Layer(v, p, YamlFields.Merge(vm, p, [], _f, keys).All.ToList());
            }

            return result;
        }

        /// <summary>
        /// Lays <paramref name="layer"/> over <paramref name="fields"/>; a different policy kind starts
        /// afresh, and a layer that sizes the buffer one way (safety_stock or service_level) replaces
        /// the other way too.
        /// </summary>
        private static List<Field> Apply(List<Field> fields, List<Field> layer)
        {
            var kind = (fields.FirstOrDefault(f => f.Key == "policy")?.Value as YamlScalarNode)?.Value;
            var ownKind = (layer.FirstOrDefault(f => f.Key == "policy")?.Value as YamlScalarNode)?.Value;
            bool Replaced(string key) => layer.Any(l => l.Key == key
                || (key == "service_level" && l.Key == "safety_stock")
                || (key == "safety_stock" && l.Key == "service_level"));
            var merged = ownKind is null || ownKind == kind
                ? fields.Where(f => !Replaced(f.Key)).ToList()
                : [];
            merged.AddRange(layer);
            return merged;
        }

        private void UnknownPolicy(Field kindField, string kind)
        {
            var hint = YamlFields.Nearest(kind, PolicyKinds);
            _f.Error(kindField.Value, kindField.Path, hint is null
                ? $"unknown policy '{kind}'; expected one of: {string.Join(", ", PolicyKinds)}"
                : $"unknown policy '{kind}'; did you mean '{hint}'? (expected one of: {string.Join(", ", PolicyKinds)})");
        }

        private PolicySpec? ReadPolicy(YamlNode node, string path, IEnumerable<Field> inherited, YamlMappingNode? own)
        {
            // Read the kind first, then the fields that kind takes.
            var probe = own is null
                ? inherited.ToDictionary(f => f.Key)
                : YamlFields.Merge(own, path, inherited, _f, PolicyKeys).All.ToDictionary(f => f.Key);
            if (!probe.TryGetValue("policy", out var kindField))
            {
                _f.Error(node, YamlFields.Join(path, "policy"), $"missing; expected one of: {string.Join(", ", PolicyKinds)}");
                return null;
            }

            if (kindField.Value is not YamlScalarNode { Value: { Length: > 0 } kind })
            {
                _f.Error(kindField.Value, kindField.Path, $"expected one of: {string.Join(", ", PolicyKinds)}, got {YamlFields.Describe(kindField.Value)}");
                return null;
            }

            string[] keys;
            switch (kind)
            {
                case "buffer": keys = BufferKeys; break;
                case "demand-responsive": keys = DemandResponsiveKeys; break;
                case "speculative": keys = SpeculativeKeys; break;
                default:
                    UnknownPolicy(kindField, kind);
                    return null;
            }

            foreach (var f in probe.Values.Where(f => !keys.Contains(f.Key)))
            {
                _f.Error(f.KeyNode, f.Path, $"'{f.Key}' does not apply to a {kind} policy; it takes: {string.Join(", ", keys.Skip(1))}");
            }

            var m = YamlFields.FromFields(node, path, probe.Values.Where(f => keys.Contains(f.Key)), _f);
            var at = _f.At(node);
            return kind switch
            {
                "buffer" => ReadBuffer(m, at),
                "demand-responsive" => ReadDemandResponsive(m, at),
                _ => ReadSpeculative(m, at),
            };
        }

        private BufferPolicy? ReadBuffer(YamlFields m, SourceLocation at)
        {
            var ruleText = m.Text("rule") ?? "base-stock";
            var rule = BufferRules.FirstOrDefault(r => string.Equals(r, ruleText, StringComparison.OrdinalIgnoreCase));
            if (rule is null)
            {
                var hint = YamlFields.Nearest(ruleText, BufferRules);
                _f.Error(m.Get("rule")!.Value, YamlFields.Join(m.Path, "rule"),
                    $"unknown buffer rule '{ruleText}'{(hint is null ? "" : $"; did you mean '{hint}'?")} (expected one of: {string.Join(", ", BufferRules)})");
                return null;
            }

            var review = m.Value("review", Units.TryParseDuration, check: WholeDays);
            if (rule == "R-S" && review is null && !m.Has("review"))
            {
                m.Missing("review", "an (R,S) rule needs its review period R, e.g. 7d");
            }

            var s = m.Value("reorder_point", Units.TryParseNumber, check: Check.NonNegative);
            var upTo = m.Value("order_up_to", Units.TryParseNumber, check: Check.NonNegative);
            double? q = null;
            if (m.Get("order_quantity") is { } qf && qf.Value is not YamlScalarNode { Value: "eoq" })
            {
                q = m.Read(qf.Value, qf.Path, Units.TryParseNumber, Check.Positive);
            }

            double? ssUnits = null, ssDays = null;
            if (m.Get("safety_stock") is { } ss)
            {
                var text = (ss.Value as YamlScalarNode)?.Value ?? "";
                var isDays = text.Length > 0 && char.IsLetter(text[^1]);
                if (isDays)
                {
                    ssDays = m.Read(ss.Value, ss.Path, Units.TryParseDuration, Check.NonNegative);
                }
                else
                {
                    ssUnits = m.Read(ss.Value, ss.Path, (string t, out double v, out string e) =>
                    {
                        if (Units.TryParseNumber(t, out v, out e))
                        {
                            return true;
                        }

                        e = $"expected units (e.g. 120) or days of cover (e.g. 10d), got '{t}'";
                        return false;
                    }, Check.NonNegative);
                }
            }

            var serviceLevel = m.Value("service_level", Units.TryParseFraction, check: Check.OpenUnit);
            if (m.Has("safety_stock") && m.Has("service_level"))
            {
                _f.Error(m.Get("service_level")!.KeyNode, m.Get("service_level")!.Path, "give either safety_stock or service_level, not both");
            }

            if (rule == "s-S" && s is { } sv && upTo is { } uv && uv <= sv)
            {
                _f.Error(m.Get("order_up_to")!.Value, m.Get("order_up_to")!.Path, $"must be above reorder_point ({sv}) in an (s,S) rule, got {uv}");
            }

            if (rule is "base-stock" or "R-S" && m.Has("reorder_point"))
            {
                _f.Error(m.Get("reorder_point")!.KeyNode, m.Get("reorder_point")!.Path, $"a {rule} rule has no reorder point; use rule s-S or s-Q");
            }

            if (rule is "s-Q" && m.Has("order_up_to"))
            {
                _f.Error(m.Get("order_up_to")!.KeyNode, m.Get("order_up_to")!.Path, "an (s,Q) rule orders fixed quantities; use order_quantity, or rule s-S");
            }

            var kind = rule switch
            {
                "base-stock" => BufferRule.BaseStock,
                "s-S" => BufferRule.MinMax,
                "R-S" => BufferRule.PeriodicReview,
                _ => BufferRule.ReorderPoint,
            };
            double? forecastWindow = null;
            if (m.Get("forecast") is { } ff && YamlFields.Of(ff.Value, ff.Path, _f, ForecastKeys, "a forecast such as { window: 4w }") is { } fm)
            {
                forecastWindow = fm.Value("window", Units.TryParseDuration, required: true, why: "days of demand the moving average spans, e.g. 4w", check: WholeDays);
                if (upTo is not null || s is not null)
                {
                    _f.Error(ff.KeyNode, ff.Path, "a forecast sets the levels from recent demand; remove order_up_to and reorder_point, or the forecast");
                }
            }

            return new BufferPolicy(kind, review ?? 1, upTo, s, q, ssUnits, ssDays, serviceLevel ?? 0.95, at) { ForecastWindowDays = forecastWindow };
        }

        // Reviews happen on whole days, after that day's demand.
        private static string? WholeDays(double v) => v >= 1 && v == Math.Floor(v) ? null : "must be a whole number of days, at least 1d";

        private DemandResponsivePolicy ReadDemandResponsive(YamlFields m, SourceLocation at)
        {
            var minBatch = m.Value("min_batch", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var review = m.Value("review", Units.TryParseDuration, check: WholeDays) ?? 1;
            var deposit = m.Value("deposit", Units.TryParseFraction, check: Check.HalfOpenUnit) ?? 0;
            var patience = ReadPatience(m);
            return new DemandResponsivePolicy(minBatch, review, deposit, patience, at);
        }

        private SpeculativePolicy? ReadSpeculative(YamlFields m, SourceLocation at)
        {
            var f = m.Get("batches");
            if (f is null)
            {
                m.Missing("batches", "list the committed batches, e.g. [{ at: 0d, quantity: newsvendor }]");
                return null;
            }

            if (f.Value is not YamlSequenceNode seq || seq.Children.Count == 0)
            {
                _f.Error(f.Value, f.Path, $"expected a non-empty list of batches, got {YamlFields.Describe(f.Value)}");
                return null;
            }

            var batches = ImmutableArray.CreateBuilder<SpeculativeBatch>();
            var previous = double.NegativeInfinity;
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var p = $"{f.Path}[{i}]";
                var b = YamlFields.Of(seq.Children[i], p, _f, BatchKeys, "a batch");
                if (b is null)
                {
                    continue;
                }

                var atDays = b.Value("at", Units.TryParseDuration, required: true, why: "the day the batch is committed, e.g. 0d", check: Check.NonNegative);
                double? qty = null;
                if (b.Get("quantity") is { } qf && qf.Value is not YamlScalarNode { Value: "newsvendor" })
                {
                    qty = b.Read(qf.Value, qf.Path, (string t, out double v, out string e) =>
                    {
                        if (Units.TryParseNumber(t, out v, out e))
                        {
                            return true;
                        }

                        e = $"expected a number of units or 'newsvendor', got '{t}'";
                        return false;
                    }, Check.NonNegative);
                }

                var sellUntil = b.Value("sell_until", Units.TryParseDuration, check: Check.Positive);
                if (atDays is { } a)
                {
                    if (a <= previous)
                    {
                        _f.Error(b.Get("at")!.Value, YamlFields.Join(p, "at"), "batches must be listed in time order");
                    }

                    if (sellUntil is { } su && su <= a)
                    {
                        _f.Error(b.Get("sell_until")!.Value, YamlFields.Join(p, "sell_until"), $"must be after the batch's at ({Units.FormatDays(a)})");
                    }

                    previous = a;
                    batches.Add(new SpeculativeBatch(a, qty, sellUntil));
                }
            }

            var leftovers = m.Text("leftovers") ?? "salvage";
            if (leftovers is not ("salvage" or "carry"))
            {
                _f.Error(m.Get("leftovers")!.Value, YamlFields.Join(m.Path, "leftovers"), $"expected salvage or carry, got '{leftovers}'");
            }

            InSeasonReplenishment? replenish = null;
            if (m.Get("replenish") is { } rf && YamlFields.Of(rf.Value, rf.Path, _f, ReplenishKeys, "in-season replenishment") is { } r)
            {
                var s = r.Value("reorder_point", Units.TryParseNumber, required: true, why: "reorder when the inventory position falls to this many units", check: Check.NonNegative);
                var q = r.Value("order_quantity", Units.TryParseNumber, required: true, why: "units per in-season order", check: Check.Positive);
                replenish = s is null || q is null ? null : new InSeasonReplenishment(s.Value, q.Value);
            }

            return new SpeculativePolicy(batches.ToImmutable(), leftovers == "carry", at) { Replenish = replenish };
        }
    }
}
