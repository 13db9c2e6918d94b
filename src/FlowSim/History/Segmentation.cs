using System.Collections.Immutable;
using System.Globalization;

namespace FlowSim.History;

/// <summary>The policy suggested for an ABC x XYZ segment, as strategy override keys.</summary>
/// <param name="Keys">The override mapping in the scenario format, e.g. <c>{ policy: buffer, rule: base-stock, service_level: 95% }</c>.</param>
/// <param name="Why">One line on why it suits the segment.</param>
public sealed record SegmentPolicy(string Keys, string Why);

/// <summary>One item's segment.</summary>
/// <param name="Item">Item id.</param>
/// <param name="AnnualValue">Units a year x unit cost, all locations together.</param>
/// <param name="CumulativeShare">Share of all items' value of this item and every item worth more.</param>
/// <param name="Abc">'A', 'B' or 'C' by value.</param>
/// <param name="WeeklyCv">Coefficient of variation of the item's weekly demand (infinity when it has none).</param>
/// <param name="Xyz">'X', 'Y' or 'Z' by variability.</param>
/// <param name="Policy">The suggested policy.</param>
public sealed record ItemSegment(string Item, double AnnualValue, double CumulativeShare, char Abc, double WeeklyCv, char Xyz, SegmentPolicy Policy)
{
    /// <summary>The segment's name, e.g. <c>AX</c>.</summary>
    public string Segment => $"{Abc}{Xyz}";
}

/// <summary>
/// ABC x XYZ segmentation of items from a demand history: ABC by annual value (A: the items
/// making up the first 80% of value, B: the next 15%, C: the last 5%), XYZ by the coefficient of
/// variation of weekly demand (X below 0.5, Y below 1.0, Z from 1.0), with a policy per segment.
/// </summary>
public static class Segmentation
{
    /// <summary>Cumulative value share up to which items are A.</summary>
    public const double AShare = 0.80;

    /// <summary>Cumulative value share up to which items are B (A + 15%).</summary>
    public const double BShare = 0.95;

    /// <summary>Weekly coefficient of variation below which an item is X.</summary>
    public const double XBelow = 0.5;

    /// <summary>Weekly coefficient of variation below which an item is Y (Z otherwise).</summary>
    public const double YBelow = 1.0;

    /// <summary>The policy suggested for each segment.</summary>
    public static readonly IReadOnlyDictionary<string, SegmentPolicy> Policies = new Dictionary<string, SegmentPolicy>
    {
        ["AX"] = new("{ policy: buffer, rule: s-S, service_level: 95% }", "lean buffer: steady demand needs little safety stock, and each unit held is costly"),
        ["AY"] = new("{ policy: buffer, rule: s-S, service_level: 97% }", "buffer with a higher target: key revenue with some variability"),
        ["AZ"] = new("{ policy: demand-responsive }", "make to order: erratic demand would need much costly stock"),
        ["BX"] = new("{ policy: buffer, rule: s-S, service_level: 97% }", "buffer: steady, mid value, cheap to protect"),
        ["BY"] = new("{ policy: buffer, rule: s-S, service_level: 95% }", "standard buffer"),
        ["BZ"] = new("{ policy: buffer, rule: R-S, review: 7d, service_level: 90% }", "weekly review, modest target: erratic, mid value"),
        ["CX"] = new("{ policy: buffer, rule: s-Q, service_level: 99% }", "generous buffer in economic lots: stock is cheap, stockouts are not"),
        ["CY"] = new("{ policy: buffer, rule: s-Q, service_level: 98% }", "generous buffer in economic lots"),
        ["CZ"] = new("{ policy: buffer, rule: R-S, review: 14d, service_level: 95% }", "fortnightly review, generous target: cheap to hold, not worth watching daily"),
    };

    /// <summary>Segments the items in the demand rows.</summary>
    /// <param name="rows">Demand rows (all locations are pooled per item).</param>
    /// <param name="unitCost">Money per unit of a row (from its <c>unit_cost</c> or the item's cost).</param>
    public static ImmutableArray<ItemSegment> Segment(IReadOnlyCollection<DemandRecord> rows, Func<DemandRecord, double> unitCost)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(unitCost);
        if (rows.Count == 0)
        {
            return [];
        }

        var first = rows.Min(r => r.Date);
        var days = rows.Max(r => r.Date).DayNumber - first.DayNumber + 1;
        var weeks = days / 7;
        var items = rows.GroupBy(r => r.Item).Select(g =>
        {
            var value = g.Sum(r => r.Quantity * unitCost(r)) * 365.0 / days;
            var weekly = new double[Math.Max(weeks, 1)];
            foreach (var r in g)
            {
                var w = (r.Date.DayNumber - first.DayNumber) / 7;
                if (w < weekly.Length)
                {
                    weekly[w] += r.Quantity;
                }
            }

            return (Item: g.Key, Value: value, Cv: Cv(weekly));
        }).OrderByDescending(i => i.Value).ThenBy(i => i.Item, StringComparer.Ordinal).ToList();

        var total = items.Sum(i => i.Value);
        var result = ImmutableArray.CreateBuilder<ItemSegment>();
        double before = 0;
        foreach (var (item, value, cv) in items)
        {
            // An item is A while the items above it have not reached 80%, so the one crossing the line is A.
            var abc = total <= 0 ? 'C' : before < AShare * total ? 'A' : before < BShare * total ? 'B' : 'C';
            before += value;
            var xyz = cv < XBelow ? 'X' : cv < YBelow ? 'Y' : 'Z';
            result.Add(new ItemSegment(item, value, total > 0 ? before / total : 1, abc, cv, xyz, Policies[$"{abc}{xyz}"]));
        }

        return result.ToImmutable();
    }

    private static double Cv(double[] weekly)
    {
        var mean = weekly.Average();
        if (mean <= 0 || weekly.Length < 2)
        {
            return double.PositiveInfinity;
        }

        var variance = weekly.Sum(w => (w - mean) * (w - mean)) / (weekly.Length - 1);
        return Math.Sqrt(variance) / mean;
    }

    /// <summary>
    /// Writes the segment table as YAML comments and a <c>strategies</c> block with a
    /// <c>segmented</c> strategy (one override per item) and a <c>uniform-buffer</c> to compare it with.
    /// </summary>
    public static void Write(IReadOnlyList<ItemSegment> segments, string source, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"# ABC x XYZ segments from {source}: A = first {AShare:0%} of annual value, B = next {BShare - AShare:0%}, C = the rest;");
        output.WriteLine($"# X: weekly demand cv < {XBelow.ToString(inv)}, Y: < {YBelow.ToString(inv)}, Z: from {YBelow.ToString(inv)}.");
        var lines = new List<string[]> { new[] { "item", "annual value", "cum. share", "weekly cv", "segment", "policy" } };
        lines.AddRange(segments.Select(s => new[]
        {
            s.Item, s.AnnualValue.ToString("N0", inv), s.CumulativeShare.ToString("0.0%", inv),
            double.IsFinite(s.WeeklyCv) ? s.WeeklyCv.ToString("0.00", inv) : "no demand", s.Segment, s.Policy.Why,
        }));
        var widths = Enumerable.Range(0, 6).Select(k => lines.Max(l => l[k].Length)).ToArray();
        foreach (var l in lines)
        {
            output.WriteLine(("#   " + string.Join("  ", l.Select((c, k) => k is 1 or 2 or 3 ? c.PadLeft(widths[k]) : c.PadRight(widths[k])))).TrimEnd());
        }

        output.WriteLine("strategies:");
        output.WriteLine("  - name: segmented");
        output.WriteLine("    description: policy per ABC x XYZ segment (flowsim segment)");
        output.WriteLine("    policy: buffer");
        output.WriteLine("    rule: s-S");
        output.WriteLine("    service_level: 95%");
        output.WriteLine("    items:");
        foreach (var s in segments.OrderBy(s => s.Item, StringComparer.Ordinal))
        {
            output.WriteLine($"      {s.Item}: {s.Policy.Keys}   # {s.Segment}");
        }

        output.WriteLine("  - name: uniform-buffer");
        output.WriteLine("    description: one buffer rule for every item, to compare with");
        output.WriteLine("    policy: buffer");
        output.WriteLine("    rule: s-S");
        output.WriteLine("    service_level: 95%");
    }
}
