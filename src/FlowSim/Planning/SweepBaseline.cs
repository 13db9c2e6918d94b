using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Planning;

/// <summary>Where the baseline value of one varied setting came from.</summary>
public enum SweepBaselineSource
{
    /// <summary>The scenario's own value of the setting, which is one of the swept values.</summary>
    Scenario,

    /// <summary>The first swept value: the scenario's own value is not one of them.</summary>
    FirstValue,

    /// <summary>Named with <c>--baseline</c>.</summary>
    Chosen,
}

/// <summary>Words for baseline sources.</summary>
public static class SweepBaselineSources
{
    /// <summary>The source as a JSON value: <c>scenario</c>, <c>first_value</c> or <c>chosen</c>.</summary>
    public static string Key(this SweepBaselineSource source) => source switch
    {
        SweepBaselineSource.Scenario => "scenario",
        SweepBaselineSource.FirstValue => "first_value",
        _ => "chosen",
    };
}

/// <summary>The point of a sweep every point is compared with, trial by trial.</summary>
/// <param name="Point">Its index in the grid.</param>
/// <param name="Sources">Per axis, where its value of that setting came from.</param>
public sealed record SweepBaseline(int Point, ImmutableArray<SweepBaselineSource> Sources);

/// <summary>
/// One strategy at a sweep's point (or under an audited outage) minus the same strategy at the
/// baseline, trial by trial (common random numbers: both met the same demand and disruptions in
/// every trial, so the spread of the differences is far smaller than that of either run).
/// </summary>
/// <param name="TotalCost">Total cost at the point minus at the baseline.</param>
/// <param name="Profit">Profit at the point minus at the baseline.</param>
/// <param name="FillRate">Fill rate at the point minus at the baseline (a share: 0.01 is one percentage point).</param>
public sealed record BaselineDifference(Statistics TotalCost, Statistics Profit, Statistics FillRate)
{
    /// <summary>The paired differences of <paramref name="point"/>'s strategy against <paramref name="baseline"/>'s.</summary>
    public static BaselineDifference Of(StrategyResult point, StrategyResult baseline) => new(
        PairedTrials.Difference(point, baseline, Metric.TotalCost),
        PairedTrials.Difference(point, baseline, Metric.Profit),
        PairedTrials.Difference(point, baseline, Metric.FillRate));
}

/// <summary>Chooses a sweep's baseline point.</summary>
internal static class SweepBaselines
{
    /// <summary>
    /// The baseline: the values named in <paramref name="chosen"/> (one per axis), else each setting at
    /// the scenario's own value when that is one of its swept values, else at its first value.
    /// Problems with <paramref name="chosen"/> go to <paramref name="findings"/>.
    /// </summary>
    public static SweepBaseline Choose(ScenarioInput source, ImmutableArray<SweepAxis> axes, ImmutableArray<ScenarioOverride> baseOverrides, ImmutableArray<string> chosen, List<ScenarioError> findings)
    {
        var path = source.Name;
        var index = new int[axes.Length];
        var sources = new SweepBaselineSource[axes.Length];
        if (!chosen.IsDefaultOrEmpty)
        {
            if (chosen.Length != axes.Length)
            {
                findings.Add(new ScenarioError(path, 0, 0, "", $"--baseline: give one value per varied setting ({axes.Length}, comma-separated in --vary order), got {chosen.Length}"));
                return new SweepBaseline(0, [.. sources]);
            }

            for (var a = 0; a < axes.Length; a++)
            {
                var values = axes[a].Range.Values;
                index[a] = values.IndexOf(values.FirstOrDefault(v => Same(v, chosen[a])) ?? "");
                sources[a] = SweepBaselineSource.Chosen;
                if (index[a] < 0)
                {
                    findings.Add(new ScenarioError(path, 0, 0, "", $"--baseline {chosen[a]}: not one of the values of {axes[a].Path} ({string.Join(", ", values)})"));
                    index[a] = 0;
                }
            }

            return new SweepBaseline(Position(axes, index), [.. sources]);
        }

        var root = Root(source);
        for (var a = 0; a < axes.Length; a++)
        {
            // A --set of the same setting wins over the file, as it does when the scenario loads.
            var own = baseOverrides.LastOrDefault(o => o.Path == axes[a].Path)?.Value ?? (root is null ? null : ScenarioOverrides.ValueAt(root, axes[a].Path));
            var values = axes[a].Range.Values;
            var match = own is null ? -1 : values.IndexOf(values.FirstOrDefault(v => Same(v, own)) ?? "");
            index[a] = Math.Max(match, 0);
            sources[a] = match >= 0 ? SweepBaselineSource.Scenario : SweepBaselineSource.FirstValue;
        }

        return new SweepBaseline(Position(axes, index), [.. sources]);
    }

    /// <summary>
    /// True when two values of a setting mean the same: written alike, the same number in the same
    /// unit, a share written both ways (95% and 0.95), or the same duration (8w and 56d).
    /// </summary>
    public static bool Same(string a, string b)
    {
        a = a.Trim();
        b = b.Trim();
        if (a == b)
        {
            return true;
        }

        if (ParameterRange.TryNumber(a, out var x, out var ux) && ParameterRange.TryNumber(b, out var y, out var uy))
        {
            if (ux == uy)
            {
                return Close(x, y);
            }

            if ((ux, uy) is ("%", "") or ("", "%"))
            {
                return Close(ux == "%" ? x / 100 : x, uy == "%" ? y / 100 : y);
            }
        }

        return Units.TryParseDuration(a, out var da, out _) && Units.TryParseDuration(b, out var db, out _) && Close(da, db);
    }

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

    /// <summary>The grid index of one value per axis, the last axis varying fastest (as <see cref="Sweep.Plan(ScenarioInput, ImmutableArray{SweepAxis}, ImmutableArray{ScenarioOverride}, ImmutableArray{string})"/> lays the grid out).</summary>
    private static int Position(ImmutableArray<SweepAxis> axes, int[] index)
    {
        var position = 0;
        for (var a = 0; a < axes.Length; a++)
        {
            position = (position * axes[a].Range.Values.Length) + index[a];
        }

        return position;
    }

    /// <summary>The scenario's YAML tree; null when it cannot be read (the points loaded it, so only a file changed since).</summary>
    private static YamlNode? Root(ScenarioInput source)
    {
        if (source.ReadText() is not { } text)
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }
}
