using System.Collections.Immutable;
using FlowSim.Stochastic;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading the network: suppliers, stock points, lanes, production, returns.</summary>
    private sealed partial class Reader
    {
        private Supplier? ReadSupplier(YamlNode node, string path)
        {
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Of(node, path, _f, SupplierKeys, "a supplier");
            if (m is null)
            {
                return null;
            }

            var id = ReadId(m, "supplier");
            var lt = m.Get("lead_time") is { } f ? ReadDistribution(f.Value, f.Path, Measure.Duration) : null;
            var capacity = m.Value("capacity", Units.TryParseRatePerDay, check: Check.Positive);

            // A supplier whose lead time is wrong is left out, so its lanes do not also report it missing.
            return id is null || _f.ErrorCount > errorsBefore ? null : new Supplier(id, lt, _f.At(node)) { CapacityPerDay = capacity };
        }

        private StockPoint? ReadStockPoint(YamlNode node, string path)
        {
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Of(node, path, _f, StockPointKeys, "a stock point");
            var id = m is null ? null : ReadId(m, "stock point");
            var kind = m?.Text("kind") ?? "";
            var storage = m?.Value("storage_cost", ParsePerDayMoney, check: Check.NonNegative) ?? 0;
            var storagePerVolume = m?.Value("storage_cost_per_volume", ParsePerDayMoney, check: Check.NonNegative) ?? 0;
            var storageCarbon = m?.Value("storage_carbon", ParseKgPerUnitDay, check: Check.NonNegative) ?? 0;
            return id is null || _f.ErrorCount > errorsBefore
                ? null
                : new StockPoint(id, _f.At(node)) { Kind = kind, StorageCostPerUnitDay = storage, StorageCostPerVolumeDay = storagePerVolume, StorageCarbonKgPerUnitDay = storageCarbon };
        }

        private Lane? ReadLane(YamlNode node, string path, Dictionary<string, Supplier> suppliers, Dictionary<string, Item> items, Dictionary<string, StockPoint> stockPoints)
        {
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Of(node, path, _f, LaneKeys, "a lane");
            if (m is null)
            {
                return null;
            }

            var from = m.Text("from", required: true, why: "the supplier or stock point this lane brings goods from");
            var to = m.Text("to", required: true, why: "the stock point this lane delivers to");
            var fromSupplier = from is not null && suppliers.ContainsKey(from);
            // A supplier or stock point written with errors of its own is reported there, not here again.
            var fromOk = from is not null && (fromSupplier || stockPoints.ContainsKey(from)
                || (!IsDeclared("supplier", from) && !IsDeclared("stock point", from)
                    && Reference(m.Get("from")!, from, suppliers.Keys.Concat(stockPoints.Keys), "supplier or stock point", "")));
            var toOk = to is not null && Reference(m.Get("to")!, to, stockPoints.Keys, "stock point", suppliers.ContainsKey(to) ? " (it is a supplier: lanes run towards stock points)" : "");
            if (fromOk && toOk && from == to)
            {
                _f.Error(m.Get("to")!.Value, YamlFields.Join(path, "to"), $"a lane cannot run from '{from}' to itself");
            }

            var laneItems = ImmutableArray<string>.Empty;
            if (m.Get("items") is { } itemsField)
            {
                laneItems = ReadIdList(itemsField, items.Keys, "item");
            }

            Distribution? lt = null;
            if (m.Get("lead_time") is { } ltField)
            {
                lt = ReadDistribution(ltField.Value, ltField.Path, Measure.Duration);
            }
            else if (fromSupplier && suppliers[from!].LeadTime is { } supplierLt)
            {
                lt = supplierLt;
            }
            else if (fromOk)
            {
                m.Missing("lead_time", fromSupplier ? $"give the lane a lead_time, or give supplier '{from}' one" : "give the lane its transit time");
            }

            var transport = m.Value("transport_cost", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var carbon = m.Value("carbon", ParseKgPerUnit, check: Check.NonNegative) ?? 0;
            var share = m.Value("share", Units.TryParseFraction, check: v => v > 0 && v <= 1 ? null : "must be above 0 and at most 100%");
            var premium = m.Value("cost_premium", Units.TryParseFraction, check: Check.NonNegative) ?? 0;
            var backup = m.Get("backup") is { } bf ? ReadBackup(bf) : null;
            var expedite = m.Get("expedite") is { } ef ? ReadExpedite(ef) : null;
            var discount = m.Get("quantity_discount") is { } qf ? ReadQuantityDiscount(qf, fromSupplier) : null;
            var terms = ReadOrderTerms(m, from, to);
            var label = m.Text("name");
            if (label is not null)
            {
                CheckId(label, m.Get("name")!);
            }

            var (standbyAll, standbyItems) = ReadStandby(m, laneItems, items.Keys);
            if (share is not null && backup is not null)
            {
                _f.Error(m.Get("share")!.KeyNode, m.Get("share")!.Path, "a lane is either split (share) or a backup, not both");
            }

            if (standbyAll && (share is not null || backup is not null))
            {
                var role = m.Get("share") ?? m.Get("backup")!;
                _f.Error(role.KeyNode, role.Path, $"a lane on standby: true is used only by strategies' sourcing, which gives it its role there; remove {role.Key}");
            }

            if (!(fromOk && toOk && lt is not null) || _f.ErrorCount > errorsBefore)
            {
                return null;
            }

            return new Lane(from!, to!, laneItems, lt, _f.At(node))
            {
                FromSupplier = fromSupplier,
                TransportCostPerUnit = transport,
                CarbonKgPerUnit = carbon,
                Share = share,
                Backup = backup,
                CostPremium = premium,
                Expedite = expedite,
                QuantityDiscount = discount,
                OrderingCost = terms.OrderingCost,
                MinOrder = terms.MinOrder,
                OrderMultiple = terms.OrderMultiple,
                JointOrderingCost = terms.JointOrderingCost,
                Label = label,
                StandbyForAll = standbyAll,
                StandbyItems = standbyItems,
            };
        }

        /// <summary><c>standby: true</c> (the scenario's own sourcing sends nothing over the lane) or a list of the items it does not send.</summary>
        private (bool All, ImmutableArray<string> Items) ReadStandby(YamlFields m, ImmutableArray<string> laneItems, IEnumerable<string> itemIds)
        {
            if (m.Get("standby") is not { } f)
            {
                return (false, []);
            }

            if (f.Value is YamlSequenceNode { Children.Count: > 0 })
            {
                var listed = ReadIdList(f, itemIds, "item");
                foreach (var id in listed.Where(id => !laneItems.IsEmpty && !laneItems.Contains(id)))
                {
                    _f.Error(f.Value, f.Path, $"item '{id}' is not among the items this lane carries ({string.Join(", ", laneItems)}); add it to items or leave it out here");
                }

                return (false, listed);
            }

            if (f.Value is YamlScalarNode { Value: "true" or "false" })
            {
                return (ReadSwitch(m, "standby"), []);
            }

            var got = f.Value is YamlSequenceNode ? "an empty list" : YamlFields.Describe(f.Value);
            _f.Error(f.Value, f.Path, $"expected true, false or a list of the items left to strategies' sourcing ([widget]), got {got}");
            return (false, []);
        }

        /// <summary>
        /// Lane names tell apart lanes between the same two places (sea and air), wherever a lane
        /// is named: disruptions, a strategy's sourcing, <c>--set</c>, the audit. So a name is used
        /// once, and is not a supplier's or stock point's id (a sourcing entry names a lane by either).
        /// </summary>
        private void CheckLaneNames(ImmutableArray<Lane> lanes, HashSet<string> places)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var j = 0; j < lanes.Length; j++)
            {
                if (lanes[j].Label is not { } name)
                {
                    continue;
                }

                if (seen.TryGetValue(name, out var first))
                {
                    _f.Error(lanes[j].Location, $"lanes[{j}].name", $"lane name '{name}' is used twice (first by lanes[{first}]); lane names must be unique");
                }
                else if (places.Contains(name))
                {
                    _f.Error(lanes[j].Location, $"lanes[{j}].name", $"'{name}' is a supplier's or stock point's id; give the lane a name of its own");
                }

                seen.TryAdd(name, j);
            }
        }

        private QuantityDiscount? ReadQuantityDiscount(Field field, bool fromSupplier)
        {
            var m = YamlFields.Of(field.Value, field.Path, _f, QuantityDiscountKeys, "a price break such as { min_order: 5000, discount: 15% }");
            if (m is null)
            {
                return null;
            }

            if (!fromSupplier)
            {
                // Moves between stock points are not purchases, so there is no price to discount.
                _f.Error(field.KeyNode, field.Path, "a quantity discount needs a lane from a supplier; moves between stock points are not purchases");
            }

            var min = m.Value("min_order", Units.TryParseNumber, required: true, why: "the smallest order, in units, that gets the discount", check: Check.Positive);
            var share = m.Value("discount", Units.TryParseFraction, required: true, why: "the share taken off the unit cost, e.g. 15%", check: v => v > 0 && v < 1 ? null : "must be above 0 and below 100%");
            return min is null || share is null ? null : new QuantityDiscount(min.Value, share.Value);
        }

        /// <summary>kg CO2e per unit: <c>1.2</c> or <c>1.2kg</c>.</summary>
        /// <summary>kg CO2e per unit per day: <c>0.002/day</c> or <c>0.002kg/day</c>.</summary>
        private static bool ParseKgPerUnitDay(string text, out double kg, out string error)
        {
            var t = text.Trim();
            var slash = t.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && t[..slash].TrimEnd().EndsWith("kg", StringComparison.Ordinal))
            {
                t = t[..slash].TrimEnd()[..^2] + t[slash..];
            }

            if (Units.TryParseRatePerDay(t, out kg, out error))
            {
                return true;
            }

            error = $"expected kg CO2e per unit per day like 0.002kg/day, got '{text}'";
            return false;
        }

        private static bool ParseKgPerUnit(string text, out double kg, out string error)
        {
            var t = text.Trim();
            if (t.EndsWith("kg", StringComparison.Ordinal))
            {
                t = t[..^2];
            }

            if (Units.TryParseNumber(t, out kg, out _))
            {
                error = "";
                return true;
            }

            error = $"expected kg CO2e per unit such as 1.2 or 1.2kg, got '{text}'";
            return false;
        }

        private BackupSwitch? ReadBackup(Field field)
        {
            var m = YamlFields.Of(field.Value, field.Path, _f, BackupKeys, "a backup rule such as { when: down, delay: 1w }");
            return m is null ? null : ReadBackupRule(m, field);
        }

        /// <summary>The switch rule of a backup: <c>when</c>, <c>late_by</c> and <c>delay</c> in <paramref name="m"/>.</summary>
        private BackupSwitch? ReadBackupRule(YamlFields m, Field field)
        {
            var when = m.Text("when") ?? "down";
            if (when is not ("down" or "late"))
            {
                _f.Error(m.Get("when")!.Value, YamlFields.Join(field.Path, "when"), $"expected down (switch while the primary is down) or late (switch when its oldest open order is late), got '{when}'");
                return null;
            }

            var lateBy = m.Value("late_by", Units.TryParseDuration, required: when == "late", why: "how late the primary's oldest open order must be before switching, e.g. 2w", check: Check.NonNegative);
            var delay = m.Value("delay", Units.TryParseDuration, check: Check.NonNegative) ?? 0;
            return when == "late" && lateBy is null ? null : new BackupSwitch(when == "down" ? BackupTrigger.PrimaryDown : BackupTrigger.PrimaryLate, lateBy ?? 0, delay);
        }

        private Expedite? ReadExpedite(Field field)
        {
            var m = YamlFields.Of(field.Value, field.Path, _f, ExpediteKeys, "expediting such as { lead_time: 1w, premium: 2.50, below: 10d }");
            if (m is null)
            {
                return null;
            }

            Distribution? lt = null;
            if (m.Get("lead_time") is { } lf)
            {
                lt = ReadDistribution(lf.Value, lf.Path, Measure.Duration);
            }
            else
            {
                m.Missing("lead_time", "the expedited lead time, e.g. 1w");
            }

            var premium = m.Value("premium", Units.TryParseNumber, required: true, why: "money per unit expedited", check: Check.NonNegative);
            double? units = null, days = null;
            if (m.Get("below") is { } bf)
            {
                var text = (bf.Value as YamlScalarNode)?.Value ?? "";
                if (text.Length > 0 && char.IsLetter(text[^1]))
                {
                    days = m.Read(bf.Value, bf.Path, Units.TryParseDuration, Check.Positive);
                }
                else
                {
                    units = m.Read(bf.Value, bf.Path, Units.TryParseNumber, Check.Positive);
                }
            }
            else
            {
                m.Missing("below", "expedite when the inventory position falls below this: units (e.g. 50) or days of cover (e.g. 10d)");
            }

            return lt is null || premium is null || (units is null && days is null) ? null : new Expedite(lt, premium.Value, units, days);
        }

        private Production? ReadProduction(YamlNode node, string path, Dictionary<string, Item> items, Dictionary<string, StockPoint> stockPoints,
            Dictionary<(string Item, string At), string> lines)
        {
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Of(node, path, _f, ProductionKeys, "a production line");
            if (m is null)
            {
                return null;
            }

            var item = m.Text("item", required: true, why: "the item made");
            var at = m.Text("at", required: true, why: "the plant (a stock point) where it is made");
            var itemOk = item is not null && Reference(m.Get("item")!, item, items.Keys, "item", "");
            var atOk = at is not null && Reference(m.Get("at")!, at, stockPoints.Keys, "stock point", "");
            if (itemOk && atOk && !lines.TryAdd((item!, at!), path))
            {
                // The engine keeps one line per item and plant; a second would be silently ignored.
                _f.Error(m.Get("item")!.KeyNode, path, $"'{item}' at '{at}' is already made by {lines[(item!, at!)]}; give one production line per item and plant");
            }

            var components = ImmutableArray.CreateBuilder<Component>();
            if (m.Get("components") is { } cf)
            {
                if (cf.Value is YamlMappingNode { Children.Count: 0 })
                {
                    _f.Error(cf.Value, cf.Path, "name at least one component, e.g. { clay: 1.2 }: an item made from nothing would need no supply");
                }
                else if (cf.Value is YamlMappingNode cm)
                {
                    foreach (var (k, v) in cm.Children)
                    {
                        var id = (k as YamlScalarNode)?.Value ?? "";
                        var p = YamlFields.Join(cf.Path, id);
                        var q = ReadScalar(v, p, Units.TryParseNumber, Check.Positive);
                        if (Reference(new Field(id, k, k, p), id, items.Keys, "item", "") && q is not null)
                        {
                            if (id == item)
                            {
                                _f.Error(k, p, $"'{item}' cannot be a component of itself");
                            }

                            components.Add(new Component(id, q.Value));
                        }
                    }
                }
                else
                {
                    _f.Error(cf.Value, cf.Path, $"expected the bill of materials as a mapping of component item to quantity per unit, e.g. {{ clay: 1.2, glaze: 0.1 }}, got {YamlFields.Describe(cf.Value)}");
                }
            }
            else
            {
                m.Missing("components", "the bill of materials: component item to quantity per unit, e.g. { clay: 1.2 }");
            }

            // A line of servers: orders queue for a server, which makes their units one by one.
            var unitTime = m.Get("unit_time") is { } uf ? ReadDistribution(uf.Value, uf.Path, Measure.Duration) : null;
            var servers = m.Value("servers", Units.TryParseNumber, check: v => v >= 1 && v == Math.Floor(v) && v <= MaxServers ? null : $"must be a whole number of servers, from 1 to {MaxServers}");
            if (servers is not null && !m.Has("unit_time"))
            {
                m.Missing("unit_time", "the time a server takes to make one unit, e.g. { dist: exponential, mean: 2h }");
            }

            Distribution? lt = null;
            if (m.Get("lead_time") is { } lf)
            {
                lt = ReadDistribution(lf.Value, lf.Path, Measure.Duration);
            }
            else if (m.Has("unit_time"))
            {
                // Servers make the units; a lead time after them (curing, inspection) is optional.
                lt = Distribution.Constant(0);
            }
            else
            {
                m.Missing("lead_time", "the production lead time, e.g. 5d; or servers and unit_time for a line that works as a queue");
            }

            var capacity = m.Value("capacity", Units.TryParseRatePerDay, check: Check.Positive);
            if (capacity is not null && m.Has("unit_time"))
            {
                _f.Error(m.Get("capacity")!.KeyNode, m.Get("capacity")!.Path, "a line of servers has the capacity its servers and unit time give; remove capacity, or servers and unit_time");
            }

            var minBatch = m.Value("min_batch", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var multiple = m.Value("batch_multiple", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var cost = m.Value("cost_per_unit", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            return itemOk && atOk && lt is not null && _f.ErrorCount == errorsBefore
                ? new Production(item!, at!, components.ToImmutable(), lt, capacity, minBatch, multiple, cost, _f.At(node))
                {
                    Servers = unitTime is null ? 0 : (int)(servers ?? 1),
                    UnitTime = unitTime,
                }
                : null;
        }

        private Returns? ReadReturns(Field field)
        {
            var m = YamlFields.Of(field.Value, field.Path, _f, ReturnsKeys, "returns such as { share: 10%, after: 3w }");
            if (m is null)
            {
                return null;
            }

            var share = m.Value("share", Units.TryParseFraction, required: true, why: "the share of sold units that come back, e.g. 8%", check: v => v >= 0 && v <= 1 ? null : "must be from 0 to 100%");
            var after = m.Value("after", Units.TryParseDuration, required: true, why: "how long after the sale they come back, e.g. 3w", check: Check.NonNegative);
            var refurbishShare = m.Value("refurbish_share", Units.TryParseFraction, check: v => v >= 0 && v <= 1 ? null : "must be from 0 to 100%") ?? 0;
            var refurbishTime = m.Value("refurbish_time", Units.TryParseDuration, check: Check.NonNegative) ?? 0;
            var refurbishCost = m.Value("refurbish_cost", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var renewed = m.Text("renewed_item");
            if (refurbishShare > 0 && renewed is null)
            {
                m.Missing("renewed_item", "the item refurbished units are sold as (it needs demand of its own)");
            }

            return share is null || after is null ? null : new Returns(share.Value, after.Value, refurbishShare, refurbishTime, refurbishCost, renewed);
        }

        /// <summary>Cross-checks of the network once every part is read.</summary>
        private void CheckNetwork(ImmutableArray<Item> items, ImmutableArray<Supplier> suppliers, ImmutableArray<StockPoint> stockPoints, ImmutableArray<DemandStream> demand)
        {
            foreach (var sp in stockPoints.Where(sp => suppliers.Any(s => s.Id == sp.Id)))
            {
                _f.Error(sp.Location, $"stock_points[{stockPoints.IndexOf(sp)}].id", $"'{sp.Id}' is both a supplier and a stock point; give them different ids");
            }

            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < demand.Length; i++)
            {
                var d = demand[i];
                if (!seen.Add((d.ItemId, d.StockPointId)))
                {
                    _f.Error(d.Location, $"demand[{i}]", $"item '{d.ItemId}' at '{d.StockPointId}' already has a demand stream; merge them into one");
                }
            }

            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].Returns?.RenewedItemId is { } renewed && !items.Any(it => it.Id == renewed))
                {
                    var hint = YamlFields.Nearest(renewed, items.Select(it => it.Id));
                    _f.Error(items[i].Location, $"items[{i}].returns.renewed_item", $"unknown item '{renewed}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
                }
            }
        }
    }
}
