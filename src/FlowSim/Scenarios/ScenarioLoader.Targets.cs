using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading a strategy's service targets per ABC-XYZ class (<c>classes</c>) and per item group (<c>groups</c>).</summary>
    private sealed partial class Reader
    {
        /// <summary>
        /// The target layers each item reads, in the order they apply: its ABC letter
        /// (<c>classes.A</c>), its XYZ letter (<c>classes.X</c>), its pair (<c>classes.AX</c>),
        /// then its group (<c>groups.tableware</c>). The strategy's own settings come before them
        /// and <c>items</c> and <c>stock_points</c> after, so the more specific setting wins.
        /// </summary>
        private Dictionary<string, List<Layer>> TargetLayers(YamlFields strategy, ImmutableArray<Item> items)
        {
            var classes = TargetEntries(strategy.Get("classes"), "ABC-XYZ class",
                key => IsItemClass(key) || key is "X" or "Y" or "Z"
                    ? null
                    : $"expected an ABC-XYZ class: A, B or C, X, Y or Z, or a pair such as AX, got '{key}'",
                key => items.Any(i => i.Class is { } c && InClass(c, key)),
                [.. items.Select(i => i.Class).OfType<string>().Distinct().Order(StringComparer.Ordinal)], "class");
            var groups = TargetEntries(strategy.Get("groups"), "item group", _ => null,
                key => items.Any(i => i.Group == key),
                [.. items.Select(i => i.Group).OfType<string>().Distinct().Order(StringComparer.Ordinal)], "group");

            var result = new Dictionary<string, List<Layer>>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var layers = new List<Layer>();
                if (item.Class is { } c)
                {
                    // Single letters first, so the pair (AX) overrides its letters (A, X).
                    layers.AddRange(classes.Where(e => e.Key.Length == 1 && InClass(c, e.Key)).OrderBy(e => "ABC".Contains(e.Key, StringComparison.Ordinal) ? 0 : 1).Select(e => e.Value));
                    layers.AddRange(classes.Where(e => e.Key.Length == 2 && e.Key == c).Select(e => e.Value));
                }

                if (item.Group is { } g && groups.TryGetValue(g, out var groupLayer))
                {
                    layers.Add(groupLayer);
                }

                if (layers.Count > 0)
                {
                    result[item.Id] = layers;
                }
            }

            return result;
        }

        /// <summary>True when an item of class <paramref name="itemClass"/> (AX) is in <paramref name="key"/> (A, X or AX).</summary>
        private static bool InClass(string itemClass, string key) =>
            key.Length == 2 ? itemClass == key : itemClass[0] == key[0] || (itemClass.Length == 2 && itemClass[1] == key[0]);

        /// <summary>
        /// Reads <c>classes:</c> or <c>groups:</c>, a mapping from a class or group to a target
        /// (<c>fill_rate</c> or <c>service_level</c>). A key no item has is an error at the key.
        /// </summary>
        private Dictionary<string, Layer> TargetEntries(Field? field, string what, Func<string, string?> malformed, Func<string, bool> used,
            IReadOnlyList<string> known, string itemKey)
        {
            var result = new Dictionary<string, Layer>(StringComparer.Ordinal);
            if (field is null)
            {
                return result;
            }

            if (field.Value is not YamlMappingNode map)
            {
                _f.Error(field.Value, field.Path, $"expected a mapping from {what} to its target ({string.Join(" or ", TargetKeys)}), got {YamlFields.Describe(field.Value)}");
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                var p = YamlFields.Join(field.Path, key);
                if (malformed(key) is { } problem)
                {
                    _f.Error(k, p, problem);
                    continue;
                }

                if (!used(key))
                {
                    var hint = YamlFields.Nearest(key, known);
                    _f.Error(k, p, known.Count == 0
                        ? $"no item has {what} '{key}': no item gives its {itemKey} (items[].{itemKey})"
                        : $"no item has {what} '{key}'{(hint is null ? "" : $"; did you mean '{hint}'?")} (the items' {itemKey} values: {string.Join(", ", known)})");
                    continue;
                }

                if (v is not YamlMappingNode vm)
                {
                    _f.Error(v, p, $"expected the target for {what} '{key}' as a mapping such as {{ fill_rate: 95% }}, got {YamlFields.Describe(v)}");
                    continue;
                }

                var fields = YamlFields.Merge(vm, p, [], _f, TargetKeys).All.ToList();
                if (fields.Count(f => TargetKeys.Contains(f.Key)) > 1)
                {
                    _f.Error(vm, p, $"give one target: {string.Join(" or ", TargetKeys)}");
                    continue;
                }

                result[key] = new Layer(v, p, fields);
            }

            return result;
        }
    }
}
