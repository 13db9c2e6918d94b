using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Stochastic;

namespace FlowSim.Planning;

/// <summary>One stage's part of a guaranteed-service placement.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="InboundServiceDays">SI: days the stages feeding it promise to deliver in.</param>
/// <param name="OutboundServiceDays">S: days it promises to the stages it feeds (0 for customers).</param>
/// <param name="NetReplenishmentDays">SI + P - S: the days of demand its stock must cover (P its own protection period).</param>
/// <param name="SafetyStock">z x sd(D) x sqrt(SI + P - S); 0 when it covers no days.</param>
/// <param name="Level">Expected demand over the net replenishment time plus the safety stock: the level it orders up to (or reorders at).</param>
public sealed record GuaranteedServiceStage(Stage Stage, int InboundServiceDays, int OutboundServiceDays, double NetReplenishmentDays, double SafetyStock, double Level);

/// <summary>
/// The guaranteed-service model of Graves and Willems: every stage quotes its customers a service
/// time S it always meets, and holds the safety stock that covers demand, at a bound of z standard
/// deviations, over its net replenishment time SI + P - S. The placement minimises the total value
/// of safety stock (sum of unit cost x safety stock) with customer-facing stages quoting 0 days.
/// Solved exactly on a spanning tree of the stages by dynamic programming over whole-day service
/// times. Stages that are not buffered in the strategy hold nothing: they quote SI + P, which a
/// demand-responsive stage facing customers keeps within its promise. The model
/// takes lead times as fixed: a random one counts at its bound, mean + z sd, so that a stage
/// passing its feed on can still keep the time it quotes.
/// </summary>
internal static class GuaranteedService
{
    /// <summary>Place safety stock over <paramref name="stages"/> for a bound of <paramref name="serviceLevel"/> (z = its normal quantile).</summary>
    /// <param name="stages">The network's stages.</param>
    /// <param name="buffered">Per stage, true when the strategy buffers it (the placement may hold stock there).</param>
    /// <param name="protectionDays">Per stage, P: its mean lead time plus review period less one day.</param>
    /// <param name="serviceLevel">The bound on demand each stage's safety stock covers.</param>
    /// <param name="droppedLinks">Links left out to make the stages a forest (a stage with two feeds, a component shared twice over).</param>
    public static ImmutableArray<GuaranteedServiceStage> Place(ImmutableArray<Stage> stages, bool[] buffered, double[] protectionDays, double serviceLevel, out int droppedLinks)
    {
        var n = stages.Length;
        var z = StandardNormal.Quantile(serviceLevel);
        protectionDays = [.. stages.Select(s => Math.Max(0, protectionDays[s.Index] + (z * Math.Sqrt(s.LeadTimeVariance))))];
        var (up, down, dropped) = Forest(stages);
        droppedLinks = dropped;

        // Service times never need to exceed the longest chain of whole protection periods.
        var longest = new int[n];
        Array.Fill(longest, -1);
        int Longest(int k) => longest[k] >= 0 ? longest[k]
            : longest[k] = (int)Math.Ceiling(protectionDays[k] - 1e-9) + up[k].Select(Longest).DefaultIfEmpty(0).Max();
        var horizon = Enumerable.Range(0, n).Select(Longest).DefaultIfEmpty(0).Max();
        var solver = new Solver(stages, buffered, protectionDays, z, up, down, horizon);
        var si = new int[n];
        var s = new int[n];
        var visited = new bool[n];
        foreach (var root in Enumerable.Range(0, n))
        {
            if (visited[root])
            {
                continue;
            }

            solver.Solve(root, -1, visited);
            solver.Assign(root, -1, null, si, s);
        }

        return [.. stages.Select(st =>
        {
            var tau = Math.Max(0, si[st.Index] + protectionDays[st.Index] - s[st.Index]);
            var safety = buffered[st.Index] && tau > 0 ? z * Math.Sqrt(tau * st.DemandVariance) : 0;
            var level = buffered[st.Index] ? (st.DemandMean * tau) + safety : 0;
            level = st.WholeUnits ? Math.Ceiling(level - 1e-9) : level;
            return new GuaranteedServiceStage(st, si[st.Index], s[st.Index], tau, safety, level > 0 ? level : 0);
        })];
    }

    /// <summary>Upstream and downstream neighbours of each stage, keeping only the links that leave the stages a forest.</summary>
    private static (List<int>[] Up, List<int>[] Down, int Dropped) Forest(ImmutableArray<Stage> stages)
    {
        var n = stages.Length;
        var up = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var down = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        var dropped = 0;
        foreach (var stage in stages)
        {
            foreach (var (u, _) in stage.Upstream)
            {
                var (a, b) = (Find(u), Find(stage.Index));
                if (a == b)
                {
                    dropped++;
                    continue;
                }

                parent[a] = b;
                up[stage.Index].Add(u);
                down[u].Add(stage.Index);
            }
        }

        return (up, down, dropped);
    }

    /// <summary>The dynamic programme of Graves and Willems over one tree, rooted anywhere.</summary>
    private sealed class Solver(ImmutableArray<Stage> stages, bool[] buffered, double[] protectionDays, double z, List<int>[] up, List<int>[] down, int horizon)
    {
        // Per stage: the least cost of its subtree (away from its parent) given its S (when the
        // parent is downstream) or given its SI (when the parent is upstream), and the other
        // variable that achieves it.
        private readonly double[][] _best = new double[stages.Length][];
        private readonly int[][] _other = new int[stages.Length][];

        // Running minima of _best: over link values up to x (a feeding stage's S <= SI) and from x on (a fed stage's SI >= S).
        private readonly double[][] _upTo = new double[stages.Length][];
        private readonly double[][] _from = new double[stages.Length][];

        public void Solve(int k, int parent, bool[] visited)
        {
            visited[k] = true;
            foreach (var c in up[k].Concat(down[k]).Where(c => c != parent))
            {
                Solve(c, k, visited);
            }

            // The link to the parent fixes S when the parent is downstream, SI when it is upstream.
            var linkIsS = parent >= 0 && down[k].Contains(parent);
            var best = new double[horizon + 1];
            var other = new int[horizon + 1];
            for (var link = 0; link <= horizon; link++)
            {
                best[link] = double.PositiveInfinity;
                for (var free = 0; free <= horizon; free++)
                {
                    var (s, si) = linkIsS ? (link, free) : (free, link);
                    var cost = Cost(k, parent, s, si);
                    if (cost < best[link])
                    {
                        (best[link], other[link]) = (cost, free);
                    }
                }
            }

            (_best[k], _other[k]) = (best, other);
            var (upTo, from) = (new double[horizon + 1], new double[horizon + 1]);
            for (var x = 0; x <= horizon; x++)
            {
                upTo[x] = Math.Min(best[x], x > 0 ? upTo[x - 1] : double.PositiveInfinity);
                from[horizon - x] = Math.Min(best[horizon - x], x > 0 ? from[horizon - x + 1] : double.PositiveInfinity);
            }

            (_upTo[k], _from[k]) = (upTo, from);
        }

        /// <summary>Stage k's own cost at (S, SI) plus the least costs of its subtrees, apart from the parent's side.</summary>
        private double Cost(int k, int parent, int s, int si)
        {
            var stage = stages[k];
            var p = protectionDays[k];
            var tau = si + p - s;
            if (tau < -1e-9 || (stage.FacesCustomers && buffered[k] && s > 0) || (up[k].Count == 0 && si > 0))
            {
                return double.PositiveInfinity;
            }

            // A stage that holds nothing passes its inbound time on: it quotes SI + P, rounded up;
            // one that promises its customers a date must keep it.
            if (!buffered[k] && (s != (int)Math.Ceiling(si + p - 1e-9) || (stage.FacesCustomers && stage.PromiseDays > 0 && s > stage.PromiseDays + 1e-9)))
            {
                return double.PositiveInfinity;
            }

            var cost = buffered[k] && tau > 1e-9 ? stage.UnitCost * z * Math.Sqrt(tau * stage.DemandVariance) : 0;
            foreach (var u in up[k].Where(u => u != parent))
            {
                // A feeding stage quotes at most SI: the least over its S <= SI.
                cost += _upTo[u][si];
            }

            foreach (var d in down[k].Where(d => d != parent))
            {
                // A fed stage's SI is at least S: the least over its SI >= S.
                cost += _from[d][s];
            }

            return cost;
        }

        /// <summary>Reads the optimal S and SI back from the root down.</summary>
        public void Assign(int k, int parent, int? link, int[] si, int[] s)
        {
            var linkIsS = parent >= 0 && down[k].Contains(parent);
            if (link is { } l)
            {
                (s[k], si[k]) = linkIsS ? (l, _other[k][l]) : (_other[k][l], l);
            }
            else
            {
                // The root: both free; _best holds the cost given SI (its link to no parent is read as SI).
                var bestSi = Enumerable.Range(0, horizon + 1).MinBy(x => _best[k][x]);
                (s[k], si[k]) = (_other[k][bestSi], bestSi);
            }

            foreach (var u in up[k].Where(u => u != parent))
            {
                Assign(u, k, Enumerable.Range(0, si[k] + 1).MinBy(x => _best[u][x]), si, s);
            }

            foreach (var d in down[k].Where(d => d != parent))
            {
                Assign(d, k, Enumerable.Range(s[k], horizon - s[k] + 1).MinBy(x => _best[d][x]), si, s);
            }
        }
    }
}
