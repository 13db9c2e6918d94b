using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Planning;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>
/// <c>flowsim merge</c> given the shard files of a study of many runs (an audit, a sweep): checks
/// that they are one complete study, reloads the scenario, and writes exactly what the whole
/// <c>flowsim audit</c> or <c>flowsim sweep</c> writes with the same output options (its JSON, CSV,
/// HTML page and table).
/// </summary>
internal static class StudyMerge
{
    /// <summary>Merges an audit's shards.</summary>
    public static int Audit(string[] paths, OutputSet files, RunOutputs outputs, bool itemLocationPercentiles, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        Merge(ShardKind.Audit, paths, AuditShardFile.Read, f => f.Header, files, outputs, itemLocationPercentiles, stderr, (firstPath, shards) =>
        {
            var first = shards[0];
            var scenario = FlowSimCli.Load(first.ScenarioPath, stderr, errorsOnly: true, Provenance.OverridesIn(first.Command));
            if (scenario is null || !CommandOutputs.CheckHistories(files, scenario, stderr))
            {
                return ExitCodes.InvalidInput;
            }

            if (ShardScenario.Changed(firstPath, first.Header, scenario.Source.Sha256, stderr) is { } changed)
            {
                return changed;
            }

            var result = Planned(firstPath, stderr, () => AuditSharding.Merge(scenario, [.. shards.Select(s => s.Audit)]));
            if (result is null)
            {
                return ExitCodes.InvalidInput;
            }

            AuditCommand.WriteOutputs(result, outputs.Print, outputs.Parse, files, stdout, stderr, first.Command, ct);
            return Merged(outputs, stderr, $"merged {shards.Count} audit shards: {first.Audit.Runs.Length:N0} runs x {result.Baseline.Trials:N0} trials x {result.Baseline.Strategies.Length} strategies");
        });

    /// <summary>Merges a sweep's shards: the grid is planned again from the shards' recorded <c>--vary</c>, <c>--baseline</c> and <c>--set</c>.</summary>
    public static int Sweep(string[] paths, OutputSet files, RunOutputs outputs, bool itemLocationPercentiles, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        Merge(ShardKind.Sweep, paths, SweepShardFile.Read, f => f.Header, files, outputs, itemLocationPercentiles, stderr, (firstPath, shards) =>
        {
            var first = shards[0];

            // Checked before the grid loads: a changed file may not load at all.
            if (ShardScenario.HashOf(first.ScenarioPath) is { } hash && ShardScenario.Changed(firstPath, first.Header, hash, stderr) is { } edited)
            {
                return edited;
            }

            var plan = SweepSharding.PlanOf(ScenarioInput.FromFile(first.ScenarioPath), Provenance.OverridesIn(first.Command), first.Sweep);
            foreach (var f in plan.Findings.Where(f => f.Severity == Severity.Error))
            {
                stderr.WriteLine(f.ToString());
            }

            if (!plan.IsValid || !CommandOutputs.CheckHistories(files, plan.Points.SelectMany(p => p.Scenario.Source.Histories).Distinct(StringComparer.Ordinal), stderr))
            {
                return ExitCodes.InvalidInput;
            }

            if (ShardScenario.Changed(firstPath, first.Header, plan.Points[0].Scenario.Source.Sha256, stderr) is { } changed)
            {
                return changed;
            }

            var options = new RunOptions(Attribute: first.Sweep.Points[0].Attribute, Rank: Provenance.RankIn(first.Command));
            var result = Planned(firstPath, stderr, () => SweepSharding.Merge(plan, options, [.. shards.Select(s => s.Sweep)]));
            if (result is null)
            {
                return ExitCodes.InvalidInput;
            }

            SweepCommand.WriteOutputs(result, outputs.Print, outputs.Parse, files, stdout, stderr, first.Command, ct);
            var trials = result.Points[0].Result;
            return Merged(outputs, stderr, $"merged {shards.Count} sweep shards: {result.Points.Length:N0} points x {trials.Trials:N0} trials x {trials.Strategies.Length} strategies");
        });

    /// <summary>
    /// Refuses the output options such a study does not write, reads and checks every file as
    /// <see cref="ShardMerge.Problems"/> checks a run's shards, checks the scenario is still in
    /// place, then lets <paramref name="merge"/> do the rest (given the first file's path and the files, in the order given).
    /// </summary>
    private static int Merge<TFile>(ShardKind kind, string[] paths, Func<string, TFile> read, Func<TFile, ShardHeader> header, OutputSet files, RunOutputs outputs, bool itemLocationPercentiles,
        TextWriter stderr, Func<string, IReadOnlyList<TFile>, int> merge)
    {
        var errors = new List<string>();
        var (print, parse) = (outputs.Print, outputs.Parse);
        foreach (var (given, name) in new[] { (print.PathOf(parse, print.Parquet) is not null, "--parquet"), (outputs.Level is not null, "--by"), (outputs.SortBy is not null, "--sort"), (itemLocationPercentiles, "--percentiles") })
        {
            if (given)
            {
                errors.Add($"{name} does not apply to the shards of {kind.Study}: merging them writes the {kind.Command}'s --json, --csv, --report or table");
            }
        }

        var shards = new List<(string Path, TFile File)>(paths.Length);
        foreach (var path in paths)
        {
            try
            {
                shards.Add((path, read(path)));
            }
            catch (ShardFileException e)
            {
                errors.Add(e.Message);
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(ShardMerge.Problems([.. shards.Select(s => new ShardSource(s.Path, header(s.File)))], kind.Command));
        }

        if (errors.Count > 0)
        {
            errors.Add("nothing was merged.");
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        var firstPath = shards[0].Path;
        return ShardScenario.Missing(firstPath, header(shards[0].File), files, stderr) ?? merge(firstPath, [.. shards.Select(s => s.File)]);
    }

    /// <summary>The merged result; null after saying why the shards, which agree with each other, do not fit the scenario they name.</summary>
    private static T? Planned<T>(string firstPath, TextWriter stderr, Func<T> merge)
        where T : class
    {
        try
        {
            return merge();
        }
        catch (ArgumentException e)
        {
            FlowSimCli.ArgumentErrors([$"{firstPath}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}; run the shards again with this scenario", "nothing was merged."], stderr);
            return null;
        }
    }

    private static int Merged(RunOutputs outputs, TextWriter stderr, string summary)
    {
        if (!outputs.Quiet)
        {
            stderr.WriteLine(summary);
        }

        return ExitCodes.Ok;
    }
}

/// <summary>The scenario a merge reloads from the path its shards recorded.</summary>
internal static class ShardScenario
{
    /// <summary>
    /// The exit code when the recorded scenario is gone or would be overwritten by an output
    /// (after saying so on <paramref name="stderr"/>); null when it is in place.
    /// </summary>
    public static int? Missing(string firstPath, ShardHeader header, OutputSet files, TextWriter stderr)
    {
        if (!File.Exists(header.ScenarioPath))
        {
            return FlowSimCli.ArgumentErrors([$"{firstPath}: scenario.path: '{header.ScenarioPath}' not found; merge reloads the scenario the shards ran, so run it from the folder the shards ran in, with the scenario in place"], stderr);
        }

        // The scenario and its histories are read again: no output may be one of them.
        var clashes = files.ProblemsWithInputs("the scenario file", [header.ScenarioPath]);
        return clashes.Count > 0 ? FlowSimCli.ArgumentErrors([.. clashes], stderr) : null;
    }

    /// <summary>The exit code when the scenario, whose bytes hash to <paramref name="sha256"/>, is not the file the shards ran (after saying so); null when it is.</summary>
    public static int? Changed(string firstPath, ShardHeader header, string sha256, TextWriter stderr)
    {
        var recorded = header.ScenarioSha256;
        return sha256 == recorded ? null : FlowSimCli.ArgumentErrors([
            $"{firstPath}: scenario.sha256: '{header.ScenarioPath}' has changed since the shards ran (now {sha256[..12]}..., "
            + $"the shards ran {recorded[..Math.Min(12, recorded.Length)]}...); restore that file or run the shards again"], stderr);
    }

    /// <summary>The SHA-256 of a scenario file's bytes, as its loader records it; null when it cannot be read (loading it says why).</summary>
    public static string? HashOf(string path)
    {
        try
        {
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
