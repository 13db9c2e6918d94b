using System.Globalization;
using FlowSim.Planning;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary>
/// <c>flowsim merge</c> given the shard files of an audit: checks that they are one complete audit,
/// reloads the scenario, and writes exactly what the whole <c>flowsim audit</c> writes with the
/// same output options (its JSON, CSV, HTML page and table).
/// </summary>
internal static class AuditMerge
{
    public static int Merge(string[] paths, OutputSet files, RunOutputs outputs, bool itemLocationPercentiles, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var errors = new List<string>();
        var (print, parse) = (outputs.Print, outputs.Parse);
        foreach (var (given, name) in new[] { (print.PathOf(parse, print.Parquet) is not null, "--parquet"), (outputs.Level is not null, "--by"), (outputs.SortBy is not null, "--sort"), (itemLocationPercentiles, "--percentiles") })
        {
            if (given)
            {
                errors.Add($"{name} does not apply to the shards of an audit: merging them writes the audit's --json, --csv, --report or table");
            }
        }

        var shards = new List<(string Path, AuditShardFile File)>(paths.Length);
        foreach (var path in paths)
        {
            if (!AuditShardFile.IsAuditShard(path))
            {
                errors.Add($"{path}: not a shard of an audit, but {paths.First(AuditShardFile.IsAuditShard)} is; merge the shards of one audit, or of one run, at a time");
                continue;
            }

            try
            {
                shards.Add((path, AuditShardFile.Read(path)));
            }
            catch (ShardFileException e)
            {
                errors.Add(e.Message);
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(ShardMerge.Problems([.. shards.Select(s => new ShardSource(s.Path, s.File.Header))], "audit"));
        }

        if (errors.Count > 0)
        {
            errors.Add("nothing was merged.");
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        var (firstPath, first) = shards[0];
        if (!File.Exists(first.ScenarioPath))
        {
            errors.Add($"{firstPath}: scenario.path: '{first.ScenarioPath}' not found; merge reloads the scenario the shards ran, so run it from the folder the shards ran in, with the scenario in place");
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        var clashes = files.ProblemsWithInputs("the scenario file", [first.ScenarioPath]);
        if (clashes.Count > 0)
        {
            return FlowSimCli.ArgumentErrors([.. clashes], stderr);
        }

        var scenario = FlowSimCli.Load(first.ScenarioPath, stderr, errorsOnly: true, Provenance.OverridesIn(first.Command));
        if (scenario is null || !CommandOutputs.CheckHistories(files, scenario, stderr))
        {
            return ExitCodes.InvalidInput;
        }

        if (scenario.Source.Sha256 != first.ScenarioSha256)
        {
            errors.Add($"{firstPath}: scenario.sha256: '{first.ScenarioPath}' has changed since the shards ran (now {scenario.Source.Sha256[..12]}..., "
                + $"the shards ran {first.ScenarioSha256[..Math.Min(12, first.ScenarioSha256.Length)]}...); restore that file or run the shards again");
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        AuditResult result;
        try
        {
            result = AuditSharding.Merge(scenario, [.. shards.Select(s => s.File.Audit)]);
        }
        catch (ArgumentException e)
        {
            // The shards agree with each other but not with the scenario they name, or their durations differ.
            errors.Add($"{firstPath}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}; run the shards again with this scenario");
            errors.Add("nothing was merged.");
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        AuditCommand.WriteOutputs(result, print, parse, files, stdout, stderr, first.Command, ct);
        if (!outputs.Quiet)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {shards.Count} audit shards: {first.Audit.Runs.Length:N0} runs x {result.Baseline.Trials:N0} trials x {result.Baseline.Strategies.Length} strategies"));
        }

        return ExitCodes.Ok;
    }
}
