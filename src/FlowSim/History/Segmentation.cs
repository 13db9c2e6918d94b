using System.Collections.Immutable;
using System.Globalization;
using FlowSim.Scenarios;

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
/// ABC x XYZ segmentation of items from a demand history: items ranked by annual value are A while
/// their cumulative share (the item and every item worth more) is at most 80% (the most valuable item
/// is always A), B while it is at most 95%, C otherwise; XYZ by the coefficient of variation of
/// weekly demand (X below 0.5, Y below 1.0, Z from 1.0), with a policy per segment.
/// </summary>
public static class Segmentation
{
    /// <summary>Cumulative value share up to which (inclusive) items are A.</summary>
    public const double AShare = 0.80;

    /// <summary>Cumulative value share up to which (inclusive) items are B (A + 15%).</summary>
    public const double BShare = 0.95;

    /// <summary>Weekly coefficient of variation below which an item is X.</summary>
    public const double XBelow = 0.5;

    /// <summary>Weekly coefficient of variation below which an item is Y (Z otherwise).</summary>
    public const double YBelow = 1.0;

    /// <summary>Service level of a lean buffer: costly stock, so a lower target.</summary>
    public const double Lean = 0.90;

    /// <summary>Service level of a standard buffer.</summary>
    public const double Standard = 0.95;

    /// <summary>Service level of a high-target buffer: key revenue, or steady demand that is cheap to protect.</summary>
    public const double High = 0.97;

    /// <summary>Service level of a generous buffer: cheap stock, so stockouts are the dearer mistake.</summary>
    public const double Generous = 0.99;

    /// <summary>
    /// The policy suggested for each segment. Every buffer's reason starts with the name of its
    /// target (lean 90%, standard 95%, high 97%, generous 99%), and its service level is that target's.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, SegmentPolicy> Policies = new Dictionary<string, SegmentPolicy>
    {
        ["AX"] = Buffer("rule: s-S", Lean, "lean buffer: steady demand needs little safety stock, and each unit held is costly"),
        ["AY"] = Buffer("rule: s-S", High, "high-target buffer: key revenue with some variability"),
        ["AZ"] = new("{ policy: demand-responsive }", "make to order: erratic demand would need much costly stock"),
        ["BX"] = Buffer("rule: s-S", High, "high-target buffer: steady, mid value, cheap to protect"),
        ["BY"] = Buffer("rule: s-S", Standard, "standard buffer"),
        ["BZ"] = Buffer("rule: R-S, review: 7d", Lean, "lean buffer, weekly review: erratic, mid value"),
        ["CX"] = Buffer("rule: s-Q", Generous, "generous buffer in economic lots: stock is cheap, stockouts are not"),
        ["CY"] = Buffer("rule: s-Q", Generous, "generous buffer in economic lots: stock is cheap, stockouts are not"),
        ["CZ"] = Buffer("rule: R-S, review: 14d", Generous, "generous buffer, fortnightly review: cheap to hold, not worth watching daily"),
    };

    /// <summary>The ABC class of an item whose cumulative value share, with every item worth more, is <paramref name="cumulativeShare"/>.</summary>
    /// <param name="cumulativeShare">Share of the total value of this item and every item ranked above it.</param>
    /// <param name="isFirst">Whether it is the most valuable item (always A, so there is an A even when one item holds over 80%).</param>
    public static char Abc(double cumulativeShare, bool isFirst)
    {
        // A small tolerance, so an item that ends exactly on 80% is A despite rounding in the sum.
        const double tolerance = 1e-9;
        return isFirst || cumulativeShare <= AShare + tolerance ? 'A' : cumulativeShare <= BShare + tolerance ? 'B' : 'C';
    }

    private static SegmentPolicy Buffer(string rule, double serviceLevel, string why) =>
        new($"{{ policy: buffer, {rule}, service_level: {serviceLevel.ToString("0%", CultureInfo.InvariantCulture)} }}", why);

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
            var value = g.Sum(r => r.Quantity * unitCost(r)) * Units.DaysPerYear / days;
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
        double upTo = 0;
        foreach (var (item, value, cv) in items)
        {
            upTo += value;
            var share = total > 0 ? upTo / total : 1;
            var abc = total <= 0 ? 'C' : Abc(share, result.Count == 0);
            var xyz = cv < XBelow ? 'X' : cv < YBelow ? 'Y' : 'Z';
            result.Add(new ItemSegment(item, value, share, abc, cv, xyz, Policies[$"{abc}{xyz}"]));
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

    /// <summary>Writes the segment table as YAML comments (the rules, then a line per item).</summary>
    public static void WriteTable(IReadOnlyList<ItemSegment> segments, string source, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"# ABC x XYZ segments from {source}, items ranked by annual value:");
        output.WriteLine($"# A: cum. share at most {AShare.ToString("0%", inv)} (and the top item), B: at most {BShare.ToString("0%", inv)}, C: the rest;");
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
    }

    /// <summary>
    /// Writes the segment table as YAML comments and a <c>strategies</c> block with a
    /// <c>segmented</c> strategy (one override per item) and a <c>uniform-buffer</c> to compare it with.
    /// </summary>
    public static void Write(IReadOnlyList<ItemSegment> segments, string source, TextWriter output)
    {
        WriteTable(segments, source, output);
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
