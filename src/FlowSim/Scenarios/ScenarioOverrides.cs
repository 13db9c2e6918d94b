using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

/// <summary>
/// A what-if change to one setting of a scenario, as given on the command line:
/// <c>suppliers.kiln.lead_time.mean=14w</c>. The value is written as in YAML, with the same units,
/// and is checked exactly as if it were in the file.
/// </summary>
/// <param name="Path">
/// Dot-separated keys; a list entry is named by its <c>id</c> (items, suppliers, stock points,
/// disruptions), its <c>name</c> (strategies), <c>from-&gt;to</c> (lanes), <c>item@location</c>
/// (demand), <c>item@at</c> (production), or its position in brackets (<c>lanes[0]</c>).
/// </param>
/// <param name="Value">The new value: a scalar (<c>14w</c>, <c>0.98</c>) or a YAML flow mapping (<c>{ dist: normal, mean: 10d, sd: 2d }</c>).</param>
public sealed record ScenarioOverride(string Path, string Value)
{
    /// <summary>How the user gave it, for messages: <c>--set</c>, or <c>--vary</c> for a sweep's values.</summary>
    public string Origin { get; init; } = "--set";

    /// <summary>The override as written: <c>PATH=VALUE</c>.</summary>
    public override string ToString() => $"{Path}={Value}";

    /// <summary>
    /// Advice for a setting cut short at a lane's <c>-&gt;</c>: what a shell leaves of an unquoted
    /// <c>--set lanes.a-&gt;b.lead_time=5d</c>, having taken the <c>&gt;</c> as a redirection to a file.
    /// Empty for any other text.
    /// </summary>
    public static string ShellHint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EndsWith('-') && !text.Contains('=', StringComparison.Ordinal)
            ? "; a lane is named from->to: in a shell, quote the whole setting (\"lanes.a->b.lead_time=5d\"), as an unquoted > sends the output to a file named after the rest"
            : "";
    }

    /// <summary>Splits <c>PATH=VALUE</c>; null when there is no <c>=</c> or no path.</summary>
    public static ScenarioOverride? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0 ? null : new ScenarioOverride(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }
}

/// <summary>Applies overrides to a scenario's YAML tree before it is read.</summary>
internal static class ScenarioOverrides
{
    /// <summary>Every key the loader knows anywhere: a new key must be one of them.</summary>
    private static readonly HashSet<string> KnownKeys =
    [
        .. ScenarioLoader.TopKeys, .. ScenarioLoader.ItemKeys, .. ScenarioLoader.SupplierKeys, .. ScenarioLoader.StockPointKeys,
        .. ScenarioLoader.LaneKeys, .. ScenarioLoader.BackupKeys, .. ScenarioLoader.ExpediteKeys, .. ScenarioLoader.QuantityDiscountKeys,
        .. ScenarioLoader.ProductionKeys, .. ScenarioLoader.ReturnsKeys, .. ScenarioLoader.DisruptionKeys, .. ScenarioLoader.DemandKeys,
        .. ScenarioLoader.SeasonalityKeys, .. ScenarioLoader.CostKeys, .. ScenarioLoader.PolicyKeys, .. ScenarioLoader.StrategyKeys,
        .. ScenarioLoader.ReplenishKeys, .. ScenarioLoader.BatchKeys, "dist", "value", "min", "max", "mode", "mean", "sd", "cv", "values", "weights",
    ];

    /// <summary>Applies each override in order; false after reporting every one that does not apply.</summary>
    public static bool Apply(YamlNode root, ImmutableArray<ScenarioOverride> overrides, Findings findings)
    {
        var ok = true;

        // A setting a study varies twice (once by position, once by name) would take whichever
        // value comes last at every point; --set layers on purpose, so only a study's own values count.
        var studied = new Dictionary<string, ScenarioOverride>(StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            var origin = $"{o.Origin} {o}";
            if (!TryParseValue(o.Value, out var value, out var problem))
            {
                findings.Error(new SourceLocation(origin, 0, 0), "", problem);
                ok = false;
                continue;
            }

            if (Resolve(root, o.Path) is { } error)
            {
                findings.Error(new SourceLocation(origin, 0, 0), "", error);
                ok = false;
                continue;
            }

            if (o.Origin != "--set")
            {
                var canonical = Canonical(root, o.Path);
                if (studied.TryGetValue(canonical, out var first))
                {
                    // Located by path alone, so every point of a grid gives the same one message.
                    findings.Error(
                        new SourceLocation($"{o.Origin} {o.Path}", 0, 0),
                        "",
                        $"{o.Origin} {o.Path} and {first.Origin} {first.Path} name the same setting ({canonical}); give each setting once");
                    ok = false;
                    continue;
                }

                studied[canonical] = o;
            }

            foreach (var node in Set(root, o.Path, value))
            {
                findings.Origins[node] = origin;
            }

            foreach (var node in value.AllNodes)
            {
                findings.Origins[node] = origin;
            }
        }

        return ok;
    }

    /// <summary>
    /// The value a scenario's YAML gives the single setting at <paramref name="path"/>, as written;
    /// null when the file leaves it out or the path leads to a group or list.
    /// </summary>
    public static string? ValueAt(YamlNode root, string path)
    {
        YamlNode? node = root;
        foreach (var seg in Segments(path))
        {
            node = node switch
            {
                YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode(seg), out var child) ? child : null,
                YamlSequenceNode list => IndexOf(list, seg) is var k and >= 0 ? list.Children[k] : null,
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node is YamlScalarNode { Value: { } value } ? value : null;
    }

    private static bool TryParseValue(string text, out YamlNode value, out string problem)
    {
        value = new YamlScalarNode(text);
        problem = "";
        if (text.Length == 0)
        {
            problem = "no value after '='; write PATH=VALUE, e.g. suppliers.kiln.lead_time=14w";
            return false;
        }

        if (text[0] is not ('{' or '['))
        {
            return true;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            value = stream.Documents[0].RootNode;
            return true;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            problem = $"the value is not valid YAML ({e.Message.TrimEnd('.')})";
            return false;
        }
    }

    /// <summary>
    /// One spelling of the setting a resolvable path leads to, whichever way it names list entries:
    /// <c>strategies.lean.x</c> and <c>strategies[0].x</c> both give <c>strategies[0].x</c>. Keys
    /// the file leaves out stay as written.
    /// </summary>
    internal static string Canonical(YamlNode root, string path)
    {
        var parts = new List<string>();
        YamlNode? node = root;
        foreach (var seg in Segments(path))
        {
            switch (node)
            {
                case YamlMappingNode map:
                    parts.Add(parts.Count > 0 ? $".{seg}" : seg);
                    node = map.Children.TryGetValue(new YamlScalarNode(seg), out var child) ? child : null;
                    break;
                case YamlSequenceNode list when IndexOf(list, seg) is var k and >= 0:
                    parts.Add($"[{k}]");
                    node = list.Children[k];
                    break;
                default:
                    parts.Add(parts.Count > 0 ? $".{seg}" : seg);
                    node = null;
                    break;
            }
        }

        return string.Concat(parts);
    }

    /// <summary>Why a path does not lead to a setting, or null when it does.</summary>
    private static string? Resolve(YamlNode root, string path)
    {
        var segments = Segments(path);
        if (segments.Count == 0)
        {
            return "no path before '='; write PATH=VALUE, e.g. suppliers.kiln.lead_time=14w";
        }

        var node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var seg = segments[i];
            var last = i == segments.Count - 1;
            var here = string.Join('.', segments.Take(i));
            switch (node)
            {
                case YamlMappingNode map:
                    if (map.Children.TryGetValue(new YamlScalarNode(seg), out var child))
                    {
                        node = child;
                    }
                    else if (KnownKeys.Contains(seg) && segments.Skip(i + 1).All(rest => !rest.StartsWith('[')))
                    {
                        // A setting the file leaves out, or a group of them (a strategy's items.vase.patience):
                        // created here, then checked by the loader like any other.
                        return null;
                    }
                    else
                    {
                        return Unknown(root, path, seg, here);
                    }

                    break;
                case YamlSequenceNode list:
                    var index = IndexOf(list, seg);
                    var matches = seg.StartsWith('[') ? [] : list.Children.Select((c, k) => (c, k)).Where(x => Names(x.c).Contains(seg)).Select(x => $"[{x.k}]").ToList();
                    if (matches.Count > 1)
                    {
                        return $"{Join(here, seg)} names {matches.Count} entries of {here} ({string.Join(", ", matches)}); name one by position, e.g. {here}{matches[0]}";
                    }

                    if (index < 0 && seg.StartsWith('['))
                    {
                        var names = list.Children.Select((c, k) => Names(c).FirstOrDefault() ?? $"[{k}]").ToList();
                        return $"{here} has {list.Children.Count} {(list.Children.Count == 1 ? "entry" : "entries")}, so {seg} is out of range; "
                            + $"name one by position ([0] to [{list.Children.Count - 1}]) or by name: {string.Join(", ", names.Take(10))}";
                    }

                    if (index < 0)
                    {
                        return Unknown(root, path, seg, here);
                    }

                    node = list.Children[index];
                    break;
                default:
                    return $"{here} is a single value ({Describe(node)}), not a group of settings; set {here}=VALUE instead";
            }
        }

        return null;
    }

    /// <summary>Puts the value in place, creating the groups it needs; returns the nodes it created (so messages about them point at the override).</summary>
    private static List<YamlNode> Set(YamlNode root, string path, YamlNode value)
    {
        var created = new List<YamlNode>();
        var segments = Segments(path);
        var node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (node is YamlMappingNode map)
            {
                var key = new YamlScalarNode(segments[i]);
                if (!map.Children.TryGetValue(key, out var next))
                {
                    next = new YamlMappingNode();
                    map.Children[key] = next;
                    created.Add(key);
                    created.Add(next);
                }

                node = next;
            }
            else
            {
                var list = (YamlSequenceNode)node;
                node = list.Children[IndexOf(list, segments[i])];
            }
        }

        var last = segments[^1];
        if (node is YamlMappingNode m)
        {
            var keyNode = new YamlScalarNode(last);
            if (!m.Children.ContainsKey(keyNode))
            {
                created.Add(keyNode);
            }

            m.Children[keyNode] = value;
        }
        else
        {
            var list = (YamlSequenceNode)node;
            list.Children[IndexOf(list, last)] = value;
        }

        return created;
    }

    private static string Join(string prefix, string segment) => prefix.Length > 0 ? $"{prefix}.{segment}" : segment;

    /// <summary>Splits <c>lanes[0].lead_time</c> into <c>lanes</c>, <c>[0]</c>, <c>lead_time</c>.</summary>
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        foreach (var part in path.Split('.', StringSplitOptions.TrimEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && part.EndsWith(']'))
            {
                segments.Add(part[..bracket]);
                segments.Add(part[bracket..]);
            }
            else if (part.Length > 0)
            {
                segments.Add(part);
            }
        }

        return segments;
    }

    /// <summary>The entry a segment names: <c>[n]</c>, or its id, name, <c>from-&gt;to</c>, <c>item@location</c>; -1 for none.</summary>
    private static int IndexOf(YamlSequenceNode list, string seg)
    {
        if (seg.StartsWith('[') && seg.EndsWith(']'))
        {
            return int.TryParse(seg[1..^1], out var n) && n >= 0 && n < list.Children.Count ? n : -1;
        }

        for (var k = 0; k < list.Children.Count; k++)
        {
            if (Names(list.Children[k]).Contains(seg))
            {
                return k;
            }
        }

        return -1;
    }

    private static IEnumerable<string> Names(YamlNode entry)
    {
        if (entry is not YamlMappingNode map)
        {
            yield break;
        }

        string? Text(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
        if (Text("id") is { } id)
        {
            yield return id;
        }

        if (Text("name") is { } name)
        {
            yield return name;
        }

        if (Text("from") is { } from && Text("to") is { } to)
        {
            yield return $"{from}->{to}";
        }

        if (Text("item") is { } item && (Text("at") ?? Text("location")) is { } at)
        {
            yield return $"{item}@{at}";
        }
    }

    private static string Unknown(YamlNode root, string path, string seg, string here)
    {
        var nearest = Paths(root, "").OrderBy(p => YamlFields.EditDistance(path, p)).ThenBy(p => p, StringComparer.Ordinal).Take(3).ToList();
        var where = here.Length > 0 ? $" under {here}" : "";
        return $"no setting '{seg}'{where}; nearest valid paths: {string.Join(", ", nearest)}" + ScenarioOverride.ShellHint(path);
    }

    /// <summary>Every path to a single value in the tree, entries named as overrides name them.</summary>
    private static IEnumerable<string> Paths(YamlNode node, string prefix)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    if (k is YamlScalarNode { Value: { } key })
                    {
                        foreach (var p in Paths(v, prefix.Length > 0 ? $"{prefix}.{key}" : key))
                        {
                            yield return p;
                        }
                    }
                }

                break;
            case YamlSequenceNode list:
                for (var k = 0; k < list.Children.Count; k++)
                {
                    var name = Names(list.Children[k]).FirstOrDefault();
                    foreach (var p in Paths(list.Children[k], name is null ? $"{prefix}[{k}]" : $"{prefix}.{name}"))
                    {
                        yield return p;
                    }
                }

                break;
            default:
                yield return prefix;
                break;
        }
    }

    private static string Describe(YamlNode node) => node is YamlScalarNode s ? $"'{s.Value}'" : "a list";
}
