using System.Collections.Immutable;
using System.Reflection;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// Where a result came from: enough to reproduce it, and nothing that differs between
/// equivalent runs (no thread count, no wall time, no host name).
/// </summary>
public static class Provenance
{
    /// <summary>The FlowSim version, as written into every output.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>Options that only say where output goes or how fast it is made: they never change a result.</summary>
    public static IReadOnlySet<string> OutputOptions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "--json", "--csv", "--parquet", "--report", "--out", "--threads", "--format", "--by", "--sort",
    };

    /// <summary>Options among <see cref="OutputOptions"/> that take no value.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--quiet", "-q" };

    /// <summary>
    /// The arguments of a command with its output paths, output format and thread count removed:
    /// what decides the result, so equivalent runs record the same command.
    /// </summary>
    public static IReadOnlyList<string> ReproducibleCommand(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var kept = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', ':')[0];
            if (Flags.Contains(arg))
            {
                continue;
            }

            if (OutputOptions.Contains(name))
            {
                // "--json out.json" skips the value too; "--json=out.json" is one token.
                if (name.Length == arg.Length)
                {
                    i++;
                }

                continue;
            }

            kept.Add(arg);
        }

        return kept;
    }

    /// <summary>The <c>--set</c> overrides of a recorded command, in order.</summary>
    public static ImmutableArray<ScenarioOverride> OverridesIn(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return [.. ValuesOf(command, "--set").Select(ScenarioOverride.TryParse).OfType<ScenarioOverride>()];
    }

    /// <summary>
    /// The <c>--rank</c> a recorded command gives, or null for the default: shards carry it in
    /// their command, and a merge ranks as the run would have.
    /// </summary>
    public static RankMeasure? RankIn(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        RankMeasure? rank = null;
        foreach (var text in ValuesOf(command, "--rank"))
        {
            rank = RankMeasures.TryParse(text, out var r) ? r : rank;
        }

        return rank;
    }

    /// <summary>Whether a recorded command asked for item-location percentiles (<c>--percentiles item-locations</c>).</summary>
    public static bool ItemLocationPercentilesIn(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ValuesOf(command, "--percentiles").Contains("item-locations");
    }

    // The values an option takes in a recorded command: "--name VALUE", "--name=VALUE" or "--name:VALUE".
    private static IEnumerable<string> ValuesOf(IReadOnlyList<string> command, string option)
    {
        for (var i = 0; i < command.Count; i++)
        {
            if (command[i] == option && i + 1 < command.Count)
            {
                yield return command[++i];
            }
            else if (command[i].Length > option.Length && command[i].StartsWith(option, StringComparison.Ordinal) && command[i][option.Length] is '=' or ':')
            {
                yield return command[i][(option.Length + 1)..];
            }
        }
    }

    private static string ReadVersion()
    {
        var v = typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = v.IndexOf('+');
        return plus < 0 ? v : v[..plus];
    }
}
