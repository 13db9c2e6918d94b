using System.Collections.Immutable;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>One order of the item-locations that every strategy's network flows along.</summary>
    private sealed partial class Reader
    {
        /// <summary>
        /// One order of the item-locations for every strategy, each before all that supply it in any
        /// strategy's network: the scenario's own order when every strategy's links agree with it
        /// (so a scenario's results do not move when a strategy is added), else the nearest order
        /// that respects the links of all of them. A strategy whose sourcing closes a cycle, or
        /// strategies that send goods opposite ways between two stock points, are refused.
        /// </summary>
        private ImmutableArray<StockedItem> FlowOrder(NetworkLayout layout, ImmutableArray<Lane> lanes, ImmutableArray<Production> production, ImmutableArray<Strategy> strategies)
        {
            var stocked = layout.Stocked;
            if (!strategies.Any(st => st.Sourcing.Any(c => c.Lanes.Any(j => !lanes[j].FromSupplier))))
            {
                return stocked;
            }

            var index = stocked.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
            List<(int From, int To)> Links(StockedItem slot, Sourcing src) =>
                [.. NetworkLayout.SuppliersOf(slot, src, lanes, production).Select(x => (index[slot], index[x.Supplier]))];

            var own = stocked.SelectMany(s => Links(s, layout.Sources[s])).ToList();
            var all = new HashSet<(int, int)>(own);
            var from = new Dictionary<(int, int), (SourcingChoice Choice, int Strategy)>();
            for (var k = 0; k < strategies.Length; k++)
            {
                var chosen = strategies[k].Sourcing.ToDictionary(c => index[new StockedItem(c.ItemId, c.StockPointId)]);
                var links = own.Where(l => !chosen.ContainsKey(l.From)).ToList();
                foreach (var (slot, c) in chosen)
                {
                    foreach (var link in Links(stocked[slot], c.AsSourcing()))
                    {
                        links.Add(link);
                        from.TryAdd(link, (c, k));
                        all.Add(link);
                    }
                }

                if (Ordered(stocked.Length, links) is null && chosen.Count > 0)
                {
                    var at = chosen.Values.First();
                    _f.Error(at.Location, $"strategies[{k}].sourcing",
                        "this sourcing makes goods flow in a circle between stock points; goods must flow one way, from suppliers towards customers");
                }
            }

            if (_f.HasErrors)
            {
                return stocked;
            }

            if (Ordered(stocked.Length, all) is { } order)
            {
                return [.. order.Select(i => stocked[i])];
            }

            // Each network flows one way, but not all the same way.
            // Name a chosen link that closes a circle with the others: its far end reaches back to its near end.
            var next = all.ToLookup(l => l.Item1, l => l.Item2);
            bool Reaches(int a, int b)
            {
                var seen = new HashSet<int>();
                var stack = new Stack<int>([a]);
                while (stack.TryPop(out var x))
                {
                    if (x == b)
                    {
                        return true;
                    }

                    foreach (var y in next[x].Where(seen.Add))
                    {
                        stack.Push(y);
                    }
                }

                return false;
            }

            var ((near, far), (choice, strategy)) = from.First(kv => Reaches(kv.Key.Item2, kv.Key.Item1));
            _f.Error(choice.Location, $"strategies[{strategy}].sourcing",
                $"'{stocked[near].StockPointId}' drawing '{stocked[near].ItemId}' from '{stocked[far].StockPointId}' here, with the scenario's own lanes and the other strategies' sourcing, "
                + $"sends goods both ways between them; every strategy runs the item-locations in one order, so one direction must hold for all strategies (strategy '{strategies[strategy].Name}')");
            return stocked;
        }

        /// <summary>
        /// The item-locations ordered so each comes before those it links to, the smallest index
        /// first whenever there is a choice (so an order the links already respect comes back
        /// unchanged); null on a cycle.
        /// </summary>
        private static List<int>? Ordered(int count, IEnumerable<(int From, int To)> links)
        {
            var waiting = new int[count];
            var next = new List<int>[count];
            foreach (var (a, b) in links.Distinct())
            {
                (next[a] ??= []).Add(b);
                waiting[b]++;
            }

            var ready = new PriorityQueue<int, int>();
            for (var i = 0; i < count; i++)
            {
                if (waiting[i] == 0)
                {
                    ready.Enqueue(i, i);
                }
            }

            var order = new List<int>(count);
            while (ready.TryDequeue(out var i, out _))
            {
                order.Add(i);
                foreach (var b in next[i] ?? [])
                {
                    if (--waiting[b] == 0)
                    {
                        ready.Enqueue(b, b);
                    }
                }
            }

            return order.Count == count ? order : null;
        }
    }
}
