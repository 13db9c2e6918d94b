using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading a strategy's own sourcing (<c>strategies[].sourcing</c>) and checking it against the network.</summary>
    private sealed partial class Reader
    {
        /// <summary>What a strategy's sourcing is checked against: the lanes, production and the scenario's own layout.</summary>
        private sealed record SourcingNetwork(ImmutableArray<Lane> Lanes, ImmutableArray<Production> Production, NetworkLayout Layout, HashSet<string> Sources);

        /// <summary>One lane as a sourcing entry names it: a source id (<c>mexico</c>), <c>from->to</c>, or the lane's own name (<c>sea</c>).</summary>
        private sealed record LaneText(string Text, YamlNode Node, string Path)
        {
            /// <summary>The lane whose own name this is; null when the text names a source or <c>from->to</c>.</summary>
            public Lane? Named { get; init; }

            public string From => Named?.From ?? (Text.Contains("->", StringComparison.Ordinal) ? Text[..Text.IndexOf("->", StringComparison.Ordinal)].Trim() : Text.Trim());

            public string? To => Named?.To ?? (Text.Contains("->", StringComparison.Ordinal) ? Text[(Text.IndexOf("->", StringComparison.Ordinal) + 2)..].Trim() : null);

            /// <summary>True when <paramref name="lane"/> is one this text can mean: the named lane, or any from its source.</summary>
            public bool Means(Lane lane) => Named is null ? lane.From == From : ReferenceEquals(lane, Named);
        }

        /// <summary>The entry with every lane given by its own name tied to that lane.</summary>
        private static SourcingEntry WithLaneNames(SourcingEntry entry, ImmutableArray<Lane> lanes)
        {
            LaneText? Tie(LaneText? l) => l is null ? null : lanes.FirstOrDefault(x => x.Label == l.Text) is { } lane ? l with { Named = lane } : l;
            return entry with { Primary = Tie(entry.Primary), Backup = Tie(entry.Backup), Split = [.. entry.Split.Select(s => (Tie(s.Lane)!, s.Share))] };
        }

        /// <summary>A sourcing entry as written, before it is placed at stock points.</summary>
        private sealed record SourcingEntry(LaneText? Primary, LaneText? Backup, YamlFields? BackupRule, Field? BackupField, ImmutableArray<(LaneText Lane, double Share)> Split);

        /// <summary>
        /// Reads <c>sourcing: { KEY or KEY@SP: { primary, backup, share } }</c>, KEY an item, an
        /// ABC-XYZ class (<c>A</c>, <c>X</c>, <c>AX</c>) or an item group. An entry without @SP
        /// applies at every stock point holding the item that the named lanes reach. Where several
        /// entries name an item-location, the most specific wins, as a strategy's targets do: an
        /// ABC letter, an XYZ letter, a pair, a group, the item; then the same with @SP. Each
        /// choice is checked against the lanes: they must reach the stock point, carry the item,
        /// and come from a supplier or a stock point that holds it.
        /// </summary>
        private ImmutableArray<SourcingChoice> ReadSourcing(Field? field, SourcingNetwork? network, ImmutableArray<Item> items, ICollection<string> stockPointIds)
        {
            if (field is null)
            {
                return [];
            }

            if (field.Value is not YamlMappingNode map || map.Children.Count == 0)
            {
                var got = field.Value is YamlMappingNode ? "an empty mapping" : YamlFields.Describe(field.Value);
                _f.Error(field.Value, field.Path, $"expected a mapping from ITEM, CLASS or GROUP (optionally @STOCK_POINT) to its sources, such as widget: {{ primary: nearshore }}, got {got}");
                return [];
            }

            var errorsBefore = _f.ErrorCount;
            var chosen = new Dictionary<StockedItem, (int Rank, SourcingChoice Choice)>();
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                var path = YamlFields.Join(field.Path, key);
                var at = key.IndexOf('@', StringComparison.Ordinal);
                var which = at < 0 ? key : key[..at];
                var spId = at < 0 ? null : key[(at + 1)..];
                var (members, rank) = SourcingMembers(which, items, k, path);
                var known = members.Count > 0 & (spId is null || Reference(new Field(spId, k, k, path), spId, stockPointIds, "stock point", ""));
                var entry = ReadSourcingEntry(v, path);
                if (!known || entry is null || network is null)
                {
                    continue;
                }

                // A lane given by its own name is that lane; any other is named by where it starts.
                entry = WithLaneNames(entry, network.Lanes);
                if (!Named(entry).All(l => l.Named is not null || Reference(new Field("", l.Node, l.Node, l.Path), l.From, network.Sources, "supplier or stock point", "")))
                {
                    continue;
                }

                // An item is checked wherever it is named; a class or group applies only where it can.
                var placed = members.SelectMany(itemId => (spId is not null ? [spId] : PlacesFor(itemId, entry, network)).Select(sp => (itemId, sp)))
                    .Where(x => rank == ItemRank || Applies(x.itemId, x.sp, entry, network))
                    .ToList();
                if (placed.Count == 0)
                {
                    var named = string.Join(", ", Named(entry).Select(l => l.Text));
                    var what = members.Count == 1 && which == members[0] ? $"'{which}'" : $"an item of '{which}'";
                    _f.Error(k, path, !members.Any(m => network.Layout.Stocked.Any(s => s.ItemId == m))
                        ? $"no stock point holds {what} in this scenario: nothing demanded needs it"
                        : spId is not null
                            ? $"the lanes named here ({named}) cannot bring {what} to '{spId}': '{spId}' holds none they carry, or they do not reach it"
                            : $"no stock point holding {what} is reached by every lane named here ({named}); write {which}@STOCK_POINT, or add the lanes");
                    continue;
                }

                var specific = rank + (spId is null ? 0 : SpecificRanks);
                foreach (var (itemId, sp) in placed)
                {
                    if (ChoiceAt(itemId, sp, entry, network, k, path) is { } choice)
                    {
                        var slot = new StockedItem(itemId, sp);
                        if (!chosen.TryGetValue(slot, out var held) || held.Rank <= specific)
                        {
                            chosen[slot] = (specific, choice);
                        }
                    }
                }
            }

            if (_f.ErrorCount > errorsBefore || network is null)
            {
                return [];
            }

            var choices = chosen.Values.Select(c => c.Choice).ToList();
            var order = network.Layout.Stocked.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
            return [.. choices.OrderBy(c => order[new StockedItem(c.ItemId, c.StockPointId)])];
        }

        // How specific a sourcing key is: the more specific wins where two name an item-location.
        private const int AbcRank = 0, XyzRank = 1, PairRank = 2, GroupRank = 3, ItemRank = 4, SpecificRanks = 5;

        /// <summary>
        /// The items a sourcing key names, and how specific it is; none once the problem is reported.
        /// An item's id comes before a class, a class before a group: a key that names more than one
        /// of them is warned about, and a class no item has falls back to a group of that name.
        /// </summary>
        private (List<string> Items, int Rank) SourcingMembers(string key, ImmutableArray<Item> items, YamlNode node, string path)
        {
            var isClass = IsItemClass(key) || key is "X" or "Y" or "Z";
            var inClass = isClass ? items.Where(i => i.Class is { } c && InClass(c, key)).Select(i => i.Id).ToList() : [];
            var inGroup = items.Where(i => i.Group == key).Select(i => i.Id).ToList();
            var isItem = items.Any(i => i.Id == key);
            var also = new[] { (inClass.Count > 0, "an ABC-XYZ class"), (inGroup.Count > 0, "an item group") }.Where(x => x.Item1).Select(x => x.Item2).ToList();
            if (isItem || also.Count > 1)
            {
                if (also.Count > 0)
                {
                    var taken = isItem ? $"the item '{key}' alone" : $"the items of class '{key}'";
                    _f.Warning(node, path, $"'{key}' is {(isItem ? "an item and " : "")}{string.Join(" and ", also)}; this entry sources {taken}");
                }

                if (isItem)
                {
                    return ([key], ItemRank);
                }
            }

            if (inClass.Count > 0)
            {
                return (inClass, key.Length == 2 ? PairRank : "ABC".Contains(key[0], StringComparison.Ordinal) ? AbcRank : XyzRank);
            }

            if (inGroup.Count > 0)
            {
                return (inGroup, GroupRank);
            }

            if (isClass)
            {
                _f.Error(node, path, $"no item has class '{key}' (the items' class values: {string.Join(", ", items.Select(i => i.Class).OfType<string>().Distinct().Order(StringComparer.Ordinal).DefaultIfEmpty("none"))})");
                return ([], ItemRank);
            }

            var known = items.Select(i => i.Id).Concat(items.Select(i => i.Group).OfType<string>()).Distinct().ToList();
            var hint = YamlFields.Nearest(key, known);
            _f.Error(node, path, $"unknown item, class or item group '{key}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            return ([], ItemRank);
        }

        /// <summary>True when the item is bought over lanes at the stock point and every lane the entry names can bring it there.</summary>
        private static bool Applies(string itemId, string sp, SourcingEntry entry, SourcingNetwork network) =>
            network.Layout.Sources.TryGetValue(new StockedItem(itemId, sp), out var own) && own.Rule != SourcingRule.Production
            && Named(entry).All(l => FindLane(l, new StockedItem(itemId, sp), network).Problem is null);

        /// <summary>
        /// The stock points an entry for an item alone applies at: those holding the item, not making
        /// it, that every named lane reaches carrying it; when there are none, those the lanes reach
        /// at all (so that what is missing is said of each).
        /// </summary>
        private static List<string> PlacesFor(string itemId, SourcingEntry entry, SourcingNetwork network)
        {
            List<string> Reached(bool carrying) =>
            [
                .. network.Layout.Stocked
                    .Where(s => s.ItemId == itemId && network.Layout.Sources[s].Rule != SourcingRule.Production)
                    .Select(s => s.StockPointId)
                    .Where(sp => Named(entry).All(l => (l.To is null || l.To == sp)
                        && network.Lanes.Any(x => l.Means(x) && x.To == sp && (!carrying || x.Carries(itemId))))),
            ];

            return Reached(carrying: true) is { Count: > 0 } places ? places : Reached(carrying: false);
        }

        private static IEnumerable<LaneText> Named(SourcingEntry entry) =>
            new[] { entry.Primary, entry.Backup }.OfType<LaneText>().Concat(entry.Split.Select(s => s.Lane));

        private SourcingEntry? ReadSourcingEntry(YamlNode node, string path)
        {
            // A lane alone is its primary: widget: nearshore.
            if (node is YamlScalarNode { Value: { Length: > 0 } only })
            {
                return new SourcingEntry(new LaneText(only, node, path), null, null, null, []);
            }

            var m = YamlFields.Of(node, path, _f, SourcingKeys, "sources such as { primary: nearshore, backup: offshore } or { share: { nearshore: 60%, offshore: 40% } }");
            if (m is null)
            {
                return null;
            }

            var errorsBefore = _f.ErrorCount;
            var primary = m.Get("primary") is { } pf ? LaneName(pf) : null;
            LaneText? backup = null;
            YamlFields? rule = null;
            var bf = m.Get("backup");
            if (bf is not null && bf.Value is YamlMappingNode)
            {
                rule = YamlFields.Of(bf.Value, bf.Path, _f, SourcingBackupKeys, "a backup such as { lane: offshore, when: down, delay: 1w }");
                if (rule?.Get("lane") is { } lf)
                {
                    backup = LaneName(lf);
                }
                else
                {
                    rule?.Missing("lane", "the backup lane: a source id, or FROM->TO");
                }
            }
            else if (bf is not null)
            {
                backup = LaneName(bf);
            }

            var split = ImmutableArray.CreateBuilder<(LaneText, double)>();
            if (m.Get("share") is { } sf)
            {
                if (sf.Value is not YamlMappingNode shares || shares.Children.Count < 2)
                {
                    _f.Error(sf.Value, sf.Path, $"expected a mapping from each lane to its share of every order, at least two, such as {{ nearshore: 60%, offshore: 40% }}, got {YamlFields.Describe(sf.Value)}");
                }
                else
                {
                    foreach (var (lk, lv) in shares.Children)
                    {
                        var lanePath = YamlFields.Join(sf.Path, (lk as YamlScalarNode)?.Value ?? "");
                        var share = YamlFields.ReadScalar(_f, lv, lanePath, Units.TryParseFraction, v => v > 0 && v <= 1 ? null : "must be above 0 and at most 100%");
                        if (LaneName(new Field("", lk, lk, lanePath)) is { } lane && share is not null)
                        {
                            split.Add((lane, share.Value));
                        }
                    }

                    var total = split.Sum(x => x.Item2);
                    if (split.Count == shares.Children.Count && Math.Abs(total - 1) > 1e-9)
                    {
                        _f.Error(sf.Value, sf.Path, string.Create(CultureInfo.InvariantCulture, $"the shares add up to {total:0.#########}; they must add up to 100%"));
                    }
                }
            }

            if (m.Has("share") == m.Has("primary"))
            {
                _f.Error(node, path, m.Has("share")
                    ? "give either a primary (with an optional backup) or shares of a split, not both"
                    : "say where the item comes from: primary: LANE (with an optional backup: LANE), or share: { LANE: SHARE, ... }");
            }
            else if (bf is not null && m.Has("share"))
            {
                _f.Error(bf.KeyNode, bf.Path, "a split has no backup: every lane of it takes its share of every order");
            }

            return _f.ErrorCount > errorsBefore ? null : new SourcingEntry(primary, backup, rule, bf, split.ToImmutable());
        }

        private LaneText? LaneName(Field f)
        {
            if (f.Value is YamlScalarNode { Value: { Length: > 0 } text } && !text.EndsWith("->", StringComparison.Ordinal) && !text.StartsWith("->", StringComparison.Ordinal))
            {
                return new LaneText(text, f.Value, f.Path);
            }

            _f.Error(f.Value, f.Path, $"expected a lane: the id of its supplier or stock point (nearshore), or FROM->TO, got {YamlFields.Describe(f.Value)}");
            return null;
        }

        /// <summary>An entry placed at one stock point, with its lanes found and checked; null once the problems are reported.</summary>
        private SourcingChoice? ChoiceAt(string itemId, string sp, SourcingEntry entry, SourcingNetwork network, YamlNode keyNode, string path)
        {
            var slot = new StockedItem(itemId, sp);
            if (!network.Layout.Sources.TryGetValue(slot, out var own))
            {
                _f.Error(keyNode, path, $"'{sp}' does not hold '{itemId}' in this scenario: nothing is demanded there that needs it");
                return null;
            }

            if (own.Rule == SourcingRule.Production)
            {
                _f.Error(keyNode, path, $"'{itemId}' is made at '{sp}' (production); a strategy's sourcing chooses among lanes");
                return null;
            }

            var named = Named(entry).ToList();
            var lanes = named.Select(l => LaneAt(l, slot, network)).ToList();
            if (lanes.Any(j => j < 0))
            {
                return null;
            }

            if (lanes.Distinct().Count() != lanes.Count)
            {
                _f.Error(named[^1].Node, named[^1].Path, $"lane {network.Lanes[lanes[^1]].Name} is named twice for '{itemId}' at '{sp}'");
                return null;
            }

            var at = _f.At(keyNode);
            if (!entry.Split.IsEmpty)
            {
                // In the lanes' order, as shares written on the lanes are: the last lane takes what
                // is left of an order (and the rounding to whole units), whatever order the map lists.
                var split = lanes.Zip(entry.Split, (j, s) => (Lane: j, s.Share)).OrderBy(x => x.Lane).ToList();
                return new SourcingChoice(itemId, sp, [.. split.Select(x => x.Lane)], at) { Shares = [.. split.Select(x => x.Share)] };
            }

            if (entry.Backup is null)
            {
                return new SourcingChoice(itemId, sp, [.. lanes], at);
            }

            // A backup named alone switches as its lane's own rule says, or when the primary is down.
            var rule = entry.BackupRule is { } r
                ? ReadBackupRule(r, entry.BackupField!)
                : network.Lanes[lanes[1]].Backup ?? new BackupSwitch(BackupTrigger.PrimaryDown, 0, 0);
            return rule is null ? null : new SourcingChoice(itemId, sp, [.. lanes], at) { Backup = rule };
        }

        /// <summary>The one lane <paramref name="name"/> means for an item at a stock point; -1 once the problem is reported.</summary>
        private int LaneAt(LaneText name, StockedItem slot, SourcingNetwork network)
        {
            var (lane, problem) = FindLane(name, slot, network);
            if (problem is not null)
            {
                _f.Error(name.Node, name.Path, problem);
            }

            return lane;
        }

        /// <summary>The one lane <paramref name="name"/> means for an item at a stock point, or -1 and why there is none.</summary>
        private static (int Lane, string? Problem) FindLane(LaneText name, StockedItem slot, SourcingNetwork network)
        {
            var (from, to) = (name.From, name.To ?? slot.StockPointId);
            if (to != slot.StockPointId)
            {
                return (-1, $"lane {name.Text} goes to '{to}', but this entry sources '{slot.ItemId}' at '{slot.StockPointId}'");
            }

            var between = Enumerable.Range(0, network.Lanes.Length).Where(j => name.Means(network.Lanes[j]) && network.Lanes[j].To == to).ToList();
            var carrying = between.Where(j => network.Lanes[j].Carries(slot.ItemId)).ToList();
            if (between.Count == 0)
            {
                var sources = network.Lanes.Where(l => l.To == to).Select(l => l.From).Distinct().ToList();
                var hint = YamlFields.Nearest(from, sources) is { } near ? $"did you mean '{near}'? " : "";
                return (-1, $"no lane runs from '{from}' to '{to}'; {hint}lanes into '{to}' come from: {string.Join(", ", sources)}. "
                    + "Add the lane to lanes (standby: true keeps it out of the scenario's own sourcing)");
            }

            if (carrying.Count == 0)
            {
                return (-1, $"lane {from}->{to} does not carry '{slot.ItemId}' (its items: {string.Join(", ", network.Lanes[between[0]].Items)}); add the item to its items");
            }

            if (carrying.Count > 1)
            {
                return (-1, $"{carrying.Count} lanes run from '{from}' to '{to}' carrying '{slot.ItemId}'; give them names (lanes[].name, e.g. sea and air) and name the one meant here");
            }

            if (!network.Lanes[carrying[0]].FromSupplier && !network.Layout.Sources.ContainsKey(new StockedItem(slot.ItemId, from)))
            {
                return (-1, $"'{from}' does not hold '{slot.ItemId}' in this scenario (nothing brings it there), so it cannot supply it to '{to}'");
            }

            return (carrying[0], null);
        }

        /// <summary>Warns about lanes on standby that no strategy's sourcing uses.</summary>
        private void WarnUnusedStandby(ImmutableArray<Lane> lanes, ImmutableArray<Strategy> strategies)
        {
            var used = strategies.SelectMany(s => s.Sourcing).SelectMany(c => c.Lanes).ToHashSet();
            for (var j = 0; j < lanes.Length; j++)
            {
                if ((lanes[j].StandbyForAll || !lanes[j].StandbyItems.IsEmpty) && !used.Contains(j))
                {
                    _f.Warning(lanes[j].Location, $"lanes[{j}].standby",
                        $"lane {lanes[j].Name} is on standby, but no strategy's sourcing uses it{(lanes[j].StandbyForAll ? "; it is ignored" : "")}");
                }
            }
        }
    }
}
