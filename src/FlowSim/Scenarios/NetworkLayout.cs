using System.Collections.Immutable;

namespace FlowSim.Scenarios;

/// <summary>How an item-location is supplied.</summary>
internal enum SourcingRule
{
    /// <summary>One lane.</summary>
    Single,

    /// <summary>A primary lane and a backup lane with a switch rule.</summary>
    PrimaryBackup,

    /// <summary>Several lanes, each taking a fixed share of every order.</summary>
    Split,

    /// <summary>Made at the stock point from components.</summary>
    Production,
}

/// <summary>The sources of one stocked item-location: lane indices (primary first) or a production index.</summary>
internal sealed record Sourcing(SourcingRule Rule, ImmutableArray<int> Lanes, int Production)
{
    /// <summary>For a split: each lane's share of every order, in the order of <see cref="Lanes"/>; empty otherwise.</summary>
    public ImmutableArray<double> Shares { get; init; } = [];

    /// <summary>For a primary and a backup: when orders switch to the backup; null otherwise.</summary>
    public BackupSwitch? Backup { get; init; }
}

/// <summary>
/// The shape of the network: which items are held where, how each is supplied, and an order of
/// the item-locations from the customer towards the suppliers. Finds what makes a network
/// unrunnable (cycles, item-locations with no source, stock points nothing reaches) and says so.
/// </summary>
internal sealed class NetworkLayout
{
    private NetworkLayout(ImmutableArray<StockedItem> stocked, Dictionary<StockedItem, Sourcing> sources)
    {
        Stocked = stocked;
        Sources = sources;
    }

    /// <summary>Every held item-location, customer-facing first; each comes before everything that supplies it.</summary>
    public ImmutableArray<StockedItem> Stocked { get; }

    public IReadOnlyDictionary<StockedItem, Sourcing> Sources { get; }

    /// <summary>
    /// The item-locations that supply <paramref name="slot"/> (stock points only: suppliers are
    /// outside the network), each with the units it supplies per unit the slot asks for: a
    /// component's quantity per unit made, a split lane's share, 1 for any other lane.
    /// </summary>
    public static IEnumerable<(StockedItem Supplier, double PerUnit)> SuppliersOf(StockedItem slot, Sourcing src, ImmutableArray<Lane> lanes, ImmutableArray<Production> production)
    {
        if (src.Rule == SourcingRule.Production)
        {
            foreach (var c in production[src.Production].Components)
            {
                yield return (new StockedItem(c.ItemId, slot.StockPointId), c.QuantityPerUnit);
            }

            yield break;
        }

        for (var k = 0; k < src.Lanes.Length; k++)
        {
            var lane = lanes[src.Lanes[k]];
            if (!lane.FromSupplier)
            {
                yield return (new StockedItem(slot.ItemId, lane.From), src.Rule == SourcingRule.Split ? src.Shares[k] : 1);
            }
        }
    }

    /// <summary>Works out the layout; reports problems to <paramref name="findings"/> and returns null when it cannot be run.</summary>
    public static NetworkLayout? Analyse(
        ImmutableArray<StockPoint> stockPoints,
        ImmutableArray<Lane> lanes,
        ImmutableArray<Production> production,
        ImmutableArray<DemandStream> demand,
        Findings findings)
    {
        var errorsBefore = findings.ErrorCount;
        var sources = new Dictionary<StockedItem, Sourcing>();
        var upstream = new Dictionary<StockedItem, List<StockedItem>>();
        var discovered = new List<StockedItem>();
        var queue = new Queue<StockedItem>();
        var usedLanes = new HashSet<int>();

        void Need(StockedItem s)
        {
            if (!upstream.ContainsKey(s))
            {
                upstream[s] = [];
                discovered.Add(s);
                queue.Enqueue(s);
            }
        }

        foreach (var d in demand)
        {
            Need(new StockedItem(d.ItemId, d.StockPointId));
        }

        // Where each item-location is needed from, to say why in messages.
        var neededBy = new Dictionary<StockedItem, string>();
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            var made = production.IndexOf(production.FirstOrDefault(p => p.ItemId == s.ItemId && p.StockPointId == s.StockPointId)!);

            // A lane with no item list carries what its destination needs and does not make itself.
            var laneIds = Enumerable.Range(0, lanes.Length)
                .Where(j => lanes[j].To == s.StockPointId && lanes[j].Carries(s.ItemId) && !lanes[j].IsStandbyFor(s.ItemId) && (made < 0 || !lanes[j].Items.IsEmpty))
                .ToList();
            if (made >= 0)
            {
                var p = production[made];
                if (laneIds.Count > 0)
                {
                    findings.Error(lanes[laneIds[0]].Location, $"lanes[{laneIds[0]}]",
                        $"item '{s.ItemId}' is made at '{s.StockPointId}' (production), so no lane may also bring it there; restrict the lane with items: [...]");
                }

                sources[s] = new Sourcing(SourcingRule.Production, [], made);
                foreach (var c in p.Components)
                {
                    var component = new StockedItem(c.ItemId, s.StockPointId);
                    upstream[s].Add(component);
                    neededBy.TryAdd(component, $"a component of '{s.ItemId}' made there");
                    Need(component);
                }

                continue;
            }

            if (laneIds.Count == 0)
            {
                var why = neededBy.TryGetValue(s, out var reason) ? $" ({reason})" : "";
                var at = demand.FirstOrDefault(d => d.ItemId == s.ItemId && d.StockPointId == s.StockPointId)?.Location
                    ?? stockPoints.First(sp => sp.Id == s.StockPointId).Location;
                var standby = lanes.Where(l => l.To == s.StockPointId && l.Carries(s.ItemId) && l.IsStandbyFor(s.ItemId)).Select(l => l.Name).ToList();
                var hint = standby.Count == 0 ? ""
                    : $" (lane {string.Join(", ", standby)} is on standby, for strategies' sourcing only: the scenario's own sourcing, which strategies without a choice here use, needs a source of its own)";
                findings.Error(at, PathOf(s, demand), $"item '{s.ItemId}' is needed at '{s.StockPointId}'{why} but nothing supplies it there; add a lane to '{s.StockPointId}' that carries it, or production{hint}");
                continue;
            }

            var rule = ChooseRule(s, laneIds, lanes, findings);
            if (rule is null)
            {
                continue;
            }

            sources[s] = rule;
            foreach (var j in laneIds)
            {
                usedLanes.Add(j);
                if (!lanes[j].FromSupplier)
                {
                    var from = new StockedItem(s.ItemId, lanes[j].From);
                    upstream[s].Add(from);
                    neededBy.TryAdd(from, $"it supplies '{s.StockPointId}'");
                    Need(from);
                }
            }
        }

        var order = TopologicalOrder(discovered, upstream, lanes, findings);

        foreach (var sp in stockPoints.Where(sp => !discovered.Any(s => s.StockPointId == sp.Id)))
        {
            findings.Error(sp.Location, $"stock_points[{stockPoints.IndexOf(sp)}]",
                $"stock point '{sp.Id}' is unreachable: no demand is served from it and it supplies nothing that is; add demand at it or a lane from it, or remove it");
        }

        for (var j = 0; j < lanes.Length; j++)
        {
            // A standby lane is for strategies' own sourcing: the loader checks that one uses it.
            if (!usedLanes.Contains(j) && !lanes[j].StandbyForAll && lanes[j].StandbyItems.IsEmpty && discovered.Any(s => s.StockPointId == lanes[j].To))
            {
                findings.Warning(lanes[j].Location, $"lanes[{j}]", $"lane {lanes[j].Name} carries nothing that is needed at '{lanes[j].To}'; it is ignored");
            }
        }

        return findings.ErrorCount > errorsBefore || order is null ? null : new NetworkLayout(order.Value, sources);
    }

    private static string PathOf(StockedItem s, ImmutableArray<DemandStream> demand)
    {
        var i = demand.IndexOf(demand.FirstOrDefault(d => d.ItemId == s.ItemId && d.StockPointId == s.StockPointId)!);
        return i >= 0 ? $"demand[{i}]" : "stock_points";
    }

    private static Sourcing? ChooseRule(StockedItem s, List<int> laneIds, ImmutableArray<Lane> lanes, Findings findings)
    {
        if (laneIds.Count == 1)
        {
            var only = lanes[laneIds[0]];
            if (only.Backup is not null)
            {
                findings.Error(only.Location, $"lanes[{laneIds[0]}].backup", $"lane {only.Name} is a backup, but '{s.ItemId}' has no primary source at '{s.StockPointId}'");
                return null;
            }

            return new Sourcing(SourcingRule.Single, [laneIds[0]], -1);
        }

        var shared = laneIds.Where(j => lanes[j].Share is not null).ToList();
        if (shared.Count > 0)
        {
            if (shared.Count != laneIds.Count || laneIds.Any(j => lanes[j].Backup is not null))
            {
                var odd = laneIds.First(j => lanes[j].Share is null || lanes[j].Backup is not null);
                findings.Error(lanes[odd].Location, $"lanes[{odd}]",
                    $"'{s.ItemId}' is split between lanes into '{s.StockPointId}', so every one of them needs a share (and none is a backup)");
                return null;
            }

            var total = shared.Sum(j => lanes[j].Share!.Value);
            if (Math.Abs(total - 1) > 1e-9)
            {
                findings.Error(lanes[shared[0]].Location, $"lanes[{shared[0]}].share",
                    $"the shares of '{s.ItemId}' into '{s.StockPointId}' add up to {total:0.###}; they must add up to 100%");
                return null;
            }

            return new Sourcing(SourcingRule.Split, [.. shared], -1) { Shares = [.. shared.Select(j => lanes[j].Share!.Value)] };
        }

        var primaries = laneIds.Where(j => lanes[j].Backup is null).ToList();
        var backups = laneIds.Where(j => lanes[j].Backup is not null).ToList();
        if (primaries.Count == 1 && backups.Count == 1)
        {
            return new Sourcing(SourcingRule.PrimaryBackup, [primaries[0], backups[0]], -1) { Backup = lanes[backups[0]].Backup };
        }

        var second = primaries.Count > 1 ? primaries[1] : backups[1];
        findings.Error(lanes[second].Location, $"lanes[{second}]",
            $"'{s.ItemId}' reaches '{s.StockPointId}' by {laneIds.Count} lanes ({string.Join(", ", laneIds.Select(j => lanes[j].Name))}); "
            + "give each a share (split sourcing), or mark one as the backup of a single primary, or restrict lanes with items: [...]");
        return null;
    }

    /// <summary>Orders item-locations so each comes before its sources (Kahn's algorithm); null on a cycle.</summary>
    private static ImmutableArray<StockedItem>? TopologicalOrder(
        List<StockedItem> discovered, Dictionary<StockedItem, List<StockedItem>> upstream, ImmutableArray<Lane> lanes, Findings findings)
    {
        var waiting = discovered.ToDictionary(s => s, _ => 0);
        foreach (var s in discovered)
        {
            foreach (var u in upstream[s])
            {
                waiting[u]++;
            }
        }

        var ready = new Queue<StockedItem>(discovered.Where(s => waiting[s] == 0));
        var order = ImmutableArray.CreateBuilder<StockedItem>(discovered.Count);
        while (ready.Count > 0)
        {
            var s = ready.Dequeue();
            order.Add(s);
            foreach (var u in upstream[s])
            {
                if (--waiting[u] == 0)
                {
                    ready.Enqueue(u);
                }
            }
        }

        if (order.Count == discovered.Count)
        {
            return order.MoveToImmutable();
        }

        // Every item-location left over lies on or behind a cycle: walk upstream until one repeats.
        var stuck = discovered.Where(s => waiting[s] > 0).ToHashSet();
        var path = new List<StockedItem> { stuck.First() };
        while (true)
        {
            var next = upstream[path[^1]].First(stuck.Contains);
            var seen = path.IndexOf(next);
            if (seen >= 0)
            {
                var cycle = path.Skip(seen).Append(next).ToList();
                var j = lanes.IndexOf(lanes.FirstOrDefault(l => !l.FromSupplier && l.To == cycle[0].StockPointId && l.From == cycle[1].StockPointId && l.Carries(cycle[0].ItemId))!);
                var message = $"the network has a cycle: {string.Join(" <- ", cycle)}; goods must flow one way, from suppliers towards customers";
                if (j >= 0)
                {
                    findings.Error(lanes[j].Location, $"lanes[{j}]", message);
                }
                else
                {
                    // The cycle runs through a bill of materials (an item that is its own component).
                    findings.Error(new SourceLocation(findings.File, 0, 0), "production", message);
                }
                return null;
            }

            path.Add(next);
        }
    }
}
