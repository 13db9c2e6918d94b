using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading strategies and their policies, with overrides per item and stock point.</summary>
    private sealed partial class Reader
    {
        private ImmutableArray<Strategy> ReadStrategies(YamlFields top, ImmutableArray<Item> items, ImmutableArray<StockPoint> stockPoints, ImmutableArray<StockedItem> stocked, SourcingNetwork? network)
        {
            var strategies = ReadList(top, "strategies", (n, p) => ReadStrategy(n, p, items, stockPoints, stocked, network), required: true, out _);
            ReportRepeats(_strategyNames, "strategy name", "names");
            return strategies;
        }

        /// <summary>
        /// A strategy's policy for each stocked item-location, from layers of settings: the
        /// strategy's own, then its targets per class and group, then <c>items.ITEM</c>, then <c>stock_points.SP</c>, then
        /// <c>stock_points.SP.items.ITEM</c>. A layer changes only the keys it names, unless it
        /// switches to another policy kind, when it starts afresh.
        /// </summary>
        private Strategy? ReadStrategy(YamlNode node, string path, ImmutableArray<Item> items, ImmutableArray<StockPoint> stockPoints, ImmutableArray<StockedItem> stocked, SourcingNetwork? network)
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

            var sourcing = ReadSourcing(m.Get("sourcing"), network, items, [.. stockPoints.Select(sp => sp.Id)]);
            var own = m.All.Where(f => f.Key is not ("name" or "description" or "items" or "stock_points" or "backups" or "classes" or "groups" or "sourcing")).ToList();
            if (own.Count > 0 && !own.Any(f => f.Key == "policy"))
            {
                m.Missing("policy", $"say which policy these settings belong to: {string.Join(", ", PolicyKinds)}");
                return null;
            }

            var byTarget = TargetLayers(m, items);
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
                foreach (var layer in (byTarget.GetValueOrDefault(slot.ItemId) ?? []).Concat(
                [
                    byItem.GetValueOrDefault(slot.ItemId),
                    byStockPoint.GetValueOrDefault(slot.StockPointId),
                    byItemAt.GetValueOrDefault((slot.ItemId, slot.StockPointId)),
                ]))
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
                : new Strategy(name, description, policies.ToImmutable(), _f.At(node)) { UsesBackups = backups != "off", Sourcing = sourcing };
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
            // The ways of sizing a buffer replace each other: the last layer's way holds.
            string[] sizing = ["safety_stock", "service_level", "fill_rate"];
            bool Replaced(string key) => layer.Any(l => l.Key == key || (sizing.Contains(key) && sizing.Contains(l.Key)));
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

            var (review, continuous) = ReadReview(m);
            if (rule == "R-S" && review is null && !m.Has("review"))
            {
                m.Missing("review", "an (R,S) rule needs its review period R, e.g. 7d");
            }

            if (rule == "R-S" && continuous)
            {
                _f.Error(m.Get("review")!.Value, m.Get("review")!.Path, "an (R,S) rule reviews every R days; use base-stock for continuous review");
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

            var fillRate = m.Value("fill_rate", Units.TryParseFraction, check: Check.OpenUnit);
            if (fillRate is not null && (m.Has("safety_stock") || m.Has("service_level")))
            {
                _f.Error(m.Get("fill_rate")!.KeyNode, m.Get("fill_rate")!.Path, "give one way of sizing the safety stock: fill_rate, service_level or safety_stock");
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
            double? smoothing = null;
            var estimatedSd = false;
            var seasonal = ReadSeasonalPlan(m, continuous);
            if (m.Get("forecast") is { } ff && YamlFields.Of(ff.Value, ff.Path, _f, ForecastKeys, "a forecast such as { window: 4w }, { smoothing: 0.2 } or { seasonal: true }") is { } fm
                && seasonal is null && (!fm.Has("seasonal") || fm.Has("window") || fm.Has("smoothing") || fm.Has("sd")))
            {
                // One forecast: a moving average over a window, or exponential smoothing.
                if (fm.Has("smoothing") && fm.Has("window"))
                {
                    _f.Error(ff.Value, ff.Path, "give a moving-average window or a smoothing constant, not both");
                }
                else if (fm.Has("smoothing"))
                {
                    smoothing = fm.Value("smoothing", Units.TryParseFraction, required: true, check: v => v is > 0 and <= 1 ? null : "must be above 0 and at most 1 (the weight of the newest day's demand)");
                }
                else
                {
                    forecastWindow = fm.Value("window", Units.TryParseDuration, required: true, why: "days of demand the moving average spans, e.g. 4w; or smoothing: ALPHA for exponential smoothing", check: WholeDays);
                }

                if (upTo is not null || s is not null)
                {
                    _f.Error(ff.KeyNode, ff.Path, "a forecast sets the levels from recent demand; remove order_up_to and reorder_point, or the forecast");
                }

                if (continuous)
                {
                    _f.Error(ff.KeyNode, ff.Path, "a forecast is updated once a day from the day's demand; review daily (review: 1d) to follow it");
                }

                estimatedSd = ReadForecastSd(fm, m);
            }

            var (start, startOnHand, randomPhase) = ReadStart(m);

            var waits = m.Text("upstream_waits") ?? "ignore";
            if (waits is not ("ignore" or "include"))
            {
                _f.Error(m.Get("upstream_waits")!.Value, YamlFields.Join(m.Path, "upstream_waits"),
                    $"expected ignore (size for the lane's lead time, as if the stock point upstream never runs out) or include (add the expected wait for its stock), got '{waits}'");
            }

            return new BufferPolicy(kind, review ?? 1, upTo, s, q, ssUnits, ssDays, serviceLevel ?? 0.95, at)
            {
                IncludesUpstreamWaits = waits == "include",
                ForecastWindowDays = forecastWindow,
                ForecastSmoothing = smoothing,
                ContinuousReview = continuous,
                SteadyStart = start == "steady",
                StartOnHand = startOnHand,
                RandomPhase = randomPhase,
                EstimatedSd = estimatedSd,
                FillRate = fillRate,
                SeasonalLevels = seasonal is not null,
                SeasonalSource = seasonal ?? default,
            };
        }

        /// <summary><c>review</c>: whole days between reviews, or <c>continuous</c> (null days then).</summary>
        private (double? Days, bool Continuous) ReadReview(YamlFields m)
        {
            if (m.Get("review") is { Value: YamlScalarNode { Value: "continuous" } })
            {
                return (null, true);
            }

            return (m.Value("review", (string t, out double v, out string e) =>
            {
                if (Units.TryParseDuration(t, out v, out e))
                {
                    return true;
                }

                e += " (or 'continuous')";
                return false;
            }, check: WholeDays), false);
        }

        // Reviews happen on whole days, after that day's demand.
        private static string? WholeDays(double v) => v >= 1 && v == Math.Floor(v) ? null : "must be a whole number of days, at least 1d";

        private SpeculativePolicy? ReadSpeculative(YamlFields m, SourceLocation at)
        {
            if (NonEmptyList(m, "batches", "list the committed batches, e.g. [{ at: 0d, quantity: newsvendor }]") is not ({ } f, { } seq))
            {
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

            // At least a day: a daily newsvendor is the finest season, and it bounds the batches a horizon expands to.
            var every = m.Value("every", Units.TryParseDuration, check: v => v >= 1 ? null : "must be at least 1d (a repeating batch list describes one period of a day or more)");
            if (every is { } period)
            {
                // The list is one period's: a batch at or after its end would belong to the next.
                for (var i = 0; i < batches.Count; i++)
                {
                    if (batches[i].AtDays >= period)
                    {
                        _f.Error(m.Get("every")!.Value, YamlFields.Join(m.Path, "every"),
                            $"the batches repeat every {Units.FormatDays(period)}, so each must be committed within the first period; {f.Path}[{i}].at is {Units.FormatDays(batches[i].AtDays)}");
                        break;
                    }
                }
            }

            return new SpeculativePolicy(batches.ToImmutable(), leftovers == "carry", at) { Replenish = replenish, EveryDays = every };
        }
    }
}
