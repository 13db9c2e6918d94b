using System.Globalization;
using FlowSim.Experiments;

namespace FlowSim.Reports;

/// <summary>A shard file's header, with the path it was read from (for messages).</summary>
/// <param name="Path">Where the file was read from.</param>
/// <param name="Header">What the file says about itself.</param>
public sealed record ShardSource(string Path, ShardHeader Header);

/// <summary>
/// Decides whether shard files belong to one experiment and cover it: the same FlowSim version (this
/// one), scenario, seed, trial plan, options and command, and every slice exactly once.
/// </summary>
public static class ShardMerge
{
    // Missing slices named one by one; the rest are counted.
    private const int MissingShown = 10;

    /// <summary>Every reason the shards cannot be merged, each naming the files and the field; empty when they can.</summary>
    /// <param name="shards">The shard files' headers.</param>
    /// <param name="command">The command that runs a missing shard again: <c>run</c>, or <c>audit</c> for an audit's shards.</param>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ShardSource> shards, string command = "run")
    {
        ArgumentNullException.ThrowIfNull(shards);
        var problems = new List<string>();
        if (shards.Count == 0)
        {
            problems.Add("no shard files given");
            return problems;
        }

        foreach (var s in shards.Where(s => s.Header.FlowSimVersion != Provenance.Version))
        {
            problems.Add($"{s.Path}: flowsim_version: written by FlowSim {s.Header.FlowSimVersion}, this is FlowSim {Provenance.Version}; "
                + "run the shards and the merge with the same FlowSim version");
        }

        var first = shards[0];
        var f = first.Header;
        var c = CultureInfo.InvariantCulture;
        foreach (var s in shards.Skip(1))
        {
            var o = s.Header;
            void Differs(string field, string theirs, string ours) =>
                problems.Add($"{s.Path}: {field}: {theirs}, but {first.Path} has {ours}; shards of one experiment must agree");
            if (s.Header.ScenarioSha256 != f.ScenarioSha256)
            {
                Differs("scenario.sha256", s.Header.ScenarioSha256, f.ScenarioSha256);
            }

            if (s.Header.ScenarioPath != f.ScenarioPath)
            {
                Differs("scenario.path", $"'{s.Header.ScenarioPath}'", $"'{f.ScenarioPath}'");
            }

            if (o.Seed != f.Seed)
            {
                Differs("seed", o.Seed.ToString(c), f.Seed.ToString(c));
            }

            if (o.TotalTrials != f.TotalTrials || o.Shard.Count != f.Shard.Count)
            {
                Differs("trial plan", Plan(o), Plan(f));
            }

            if (o.StockPoints != f.StockPoints || o.Disruptions != f.Disruptions)
            {
                Differs("outcome_layout", Layout(o), Layout(f));
            }

            if (o.Attribute != f.Attribute)
            {
                Differs("attribute", o.Attribute ? "on" : "off", f.Attribute ? "on" : "off");
            }

            if (!o.Strategies.SequenceEqual(f.Strategies))
            {
                Differs("strategies", string.Join(", ", o.Strategies), string.Join(", ", f.Strategies));
            }

            if (!s.Header.Command.SequenceEqual(f.Command))
            {
                Differs("command", Quote(s.Header.Command), Quote(f.Command));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        // One plan from here on: check that its slices are all present, once each. A plan can have
        // millions of slices, so only the slices given are held and only the first missing are named.
        var count = f.Shard.Count;
        var total = f.TotalTrials;
        var holder = new Dictionary<int, string>(shards.Count);
        foreach (var s in shards)
        {
            var i = s.Header.Shard.Index;
            if (holder.TryGetValue(i, out var other))
            {
                problems.Add($"{other} and {s.Path} both hold shard {i}/{count} ({Slice(s.Header.Shard, total)}); give each shard once");
            }
            else
            {
                holder[i] = s.Path;
            }
        }

        var missing = count - holder.Count;
        var named = 0;
        for (var i = 0; i < count && named < MissingShown; i++)
        {
            if (!holder.ContainsKey(i))
            {
                var shard = new Shard(i, count);
                problems.Add($"shard {shard} ({Slice(shard, total)}) is missing: none of the {shards.Count} files given holds it; run 'flowsim {command} ... --shard {shard}' and merge again");
                named++;
            }
        }

        if (missing > named)
        {
            problems.Add(string.Create(c, $"... and {missing - named:N0} more of the {count:N0} shards are missing ({holder.Count:N0} given)"));
        }

        return problems;
    }

    private static string Layout(ShardHeader o) => $"{o.StockPoints} stock points and {o.Disruptions} disruptions";

    private static string Plan(ShardHeader o) => $"{o.TotalTrials} trials in {o.Shard.Count} shards";

    private static string Slice(Shard shard, int total) => $"trials {shard.FirstTrial(total)} to {shard.EndTrial(total) - 1}";

    private static string Quote(IReadOnlyList<string> command) => "'" + string.Join(' ', command) + "'";
}
