using System.Text;
using System.Text.RegularExpressions;

namespace FlowSim.Tests.Architecture;

/// <summary>
/// Namespaces in src/ depend one way, along <see cref="NamespaceGraph"/>: a wrong-way dependency
/// or a cycle fails with every file and line that makes it. No file is exempt.
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private static readonly Lazy<IReadOnlyList<SourceFile>> Src = new(() => SourceDependencies.ReadTree(RepoFiles.Root, RepoFiles.Path("src")));

    [Fact]
    public void Every_namespace_in_src_uses_only_the_namespaces_the_graph_allows()
    {
        var problems = new List<string>();
        foreach (var file in Src.Value)
        {
            var from = NamespaceGraph.Layer(file.Namespace);
            if (!NamespaceGraph.Has(from))
            {
                problems.Add($"{from} is not in the allowed graph: {file.Path} declares namespace {file.Namespace}");
            }
        }

        foreach (var edge in Edges().Where(e => !NamespaceGraph.Allows(e.Key.From, e.Key.To)))
        {
            var why = NamespaceGraph.Has(edge.Key.To) ? "not allowed" : $"{edge.Key.To} is not in the allowed graph";
            problems.Add($"{edge.Key.From} -> {edge.Key.To} ({why}):\n" + string.Join("\n", edge.Value.Select(r => "    " + r)));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} dependencies between namespaces break tests/FlowSim.Tests/Architecture/NamespaceGraph.cs:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void No_namespaces_in_src_depend_on_each_other_round_a_cycle()
    {
        var edges = Edges();
        var cycles = Cycles(edges.Keys);
        var message = new StringBuilder();
        foreach (var cycle in cycles)
        {
            message.Append("cycle: ").AppendJoin(" -> ", cycle.Append(cycle[0])).Append('\n');
            for (var i = 0; i < cycle.Count; i++)
            {
                var edge = (cycle[i], cycle[(i + 1) % cycle.Count]);
                message.Append($"  {edge.Item1} -> {edge.Item2}:\n").AppendJoin("\n", edges[edge].Select(r => "    " + r)).Append('\n');
            }
        }

        Assert.True(cycles.Count == 0, message.ToString());
    }

    [Fact]
    public void The_allowed_graph_has_no_cycle_and_a_layer_uses_only_layers_above_it()
    {
        var layers = NamespaceGraph.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            foreach (var used in layers[i].MayUse)
            {
                var at = layers.ToList().FindIndex(l => l.Namespace == used);
                Assert.True(at >= 0, $"{layers[i].Namespace} may use {used}, which is not in the graph");
                Assert.True(at < i, $"{layers[i].Namespace} may use {used}, which comes after it");
            }
        }

        Assert.Empty(Cycles(layers.SelectMany(l => l.MayUse.Select(u => (l.Namespace, u)))));
    }

    [Fact]
    public void The_cycle_finder_finds_every_cycle_and_nothing_else()
    {
        var cycles = Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E")]);
        Assert.Equal(["A", "B", "C"], Assert.Single(cycles));

        // Two cycles through one node are both reported; a self-loop is a cycle too.
        Assert.Equal([["A", "B"], ["A", "C"], ["D"]], Cycles([("A", "B"), ("B", "A"), ("A", "C"), ("C", "A"), ("D", "D")]));
        Assert.Empty(Cycles([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    [Fact]
    public void Every_file_sits_in_the_folder_of_its_namespace()
    {
        // src/FlowSim/<Layer>/... for the library; a project's own folder for the others (FlowSim.Reports/Html is FlowSim.Reports).
        var misplaced = Src.Value
            .Where(f => NamespaceGraph.Layer(f.Namespace) != FolderLayer(f.Path))
            .Select(f => $"{f.Path}: namespace {f.Namespace}, folder of {FolderLayer(f.Path)}")
            .ToList();
        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    [Fact]
    public void README_draws_the_allowed_graph()
    {
        // The layout section lists each namespace with "uses A, B", "uses nothing" or "uses everything above".
        var readme = File.ReadAllText(RepoFiles.Path("README.md")).ReplaceLineEndings("\n");
        var drawn = new List<(string Namespace, string[] Uses)>();
        foreach (Match m in DrawnLayer().Matches(readme))
        {
            var uses = m.Groups["uses"].Value.Trim();
            string[] names = uses switch
            {
                "nothing" => [],
                "everything above" => [.. drawn.Select(d => d.Namespace)],
                _ => [.. uses.Split(',', StringSplitOptions.TrimEntries).Select(u => "FlowSim." + u)],
            };
            drawn.Add(("FlowSim." + m.Groups["ns"].Value, names));
        }

        Assert.Equal(NamespaceGraph.Layers.Select(l => l.Namespace), drawn.Select(d => d.Namespace));
        foreach (var (layer, (_, uses)) in NamespaceGraph.Layers.Zip(drawn))
        {
            Assert.True(layer.MayUse.Order().SequenceEqual(uses.Order()), $"README draws {layer.Namespace} using {string.Join(", ", uses)}; the graph allows {string.Join(", ", layer.MayUse)}");
        }
    }

    /// <summary>Every dependency between two layers, with the references that make it ("path:line text").</summary>
    private static Dictionary<(string From, string To), List<string>> Edges()
    {
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var file in Src.Value)
        {
            var from = NamespaceGraph.Layer(file.Namespace);
            foreach (var r in file.References)
            {
                var to = NamespaceGraph.Layer(r.Namespace);
                if (to == from)
                {
                    continue;
                }

                if (!edges.TryGetValue((from, to), out var list))
                {
                    edges[(from, to)] = list = [];
                }

                list.Add($"{file.Path}:{r.Line} {r.Text}");
            }
        }

        return edges.OrderBy(e => e.Key.Item1, StringComparer.Ordinal).ThenBy(e => e.Key.Item2, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => e.Value);
    }

    /// <summary>
    /// Every cycle through an edge that lies on one: the edge and the shortest way back, each
    /// cycle once, starting at its first node in name order; none when the graph is acyclic.
    /// </summary>
    private static List<List<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>();
        foreach (var (from, tos) in next.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            foreach (var to in tos.Where(t => Reachable(t, next).Contains(from)))
            {
                var cycle = new List<string> { from };
                cycle.AddRange(ShortestPath(to, from, next).SkipLast(1));
                var first = cycle.IndexOf(cycle.Min(StringComparer.Ordinal)!);
                cycle = [.. cycle.Skip(first), .. cycle.Take(first)];
                if (seen.Add(string.Join(" ", cycle)))
                {
                    cycles.Add(cycle);
                }
            }
        }

        return cycles;
    }

    private static HashSet<string> Reachable(string from, Dictionary<string, List<string>> next)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var n))
        {
            foreach (var m in next.GetValueOrDefault(n) ?? [])
            {
                if (seen.Add(m))
                {
                    stack.Push(m);
                }
            }
        }

        return seen;
    }

    /// <summary>The nodes of a shortest path from <paramref name="from"/> to <paramref name="to"/>, both ends included.</summary>
    private static List<string> ShortestPath(string from, string to, Dictionary<string, List<string>> next)
    {
        var cameFrom = new Dictionary<string, string> { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var n) && n != to)
        {
            foreach (var m in next.GetValueOrDefault(n) ?? [])
            {
                if (cameFrom.TryAdd(m, n))
                {
                    queue.Enqueue(m);
                }
            }
        }

        var path = new List<string> { to };
        while (path[0] != from)
        {
            path.Insert(0, cameFrom[path[0]]);
        }

        return path;
    }

    private static string FolderLayer(string path)
    {
        var parts = path.Split('/');
        return parts[1] == "FlowSim" ? $"FlowSim.{parts[2]}" : parts[1];
    }

    [GeneratedRegex(@"^FlowSim\.(?<ns>\w+) .* uses (?<uses>[\w, ]+)$", RegexOptions.Multiline)]
    private static partial Regex DrawnLayer();
}
