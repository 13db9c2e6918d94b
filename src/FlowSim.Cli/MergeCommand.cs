using System.CommandLine;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary>
/// <c>flowsim merge PART...</c>: combines the shard files of one experiment into exactly the
/// results, files and table a single <c>flowsim run</c> gives (or, for the shards of an audit or a
/// sweep, what the whole <c>flowsim audit</c> or <c>flowsim sweep</c> gives; see <see cref="StudyMerge"/>).
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliContext cli)
    {
        var (stdout, stderr) = (cli.Stdout, cli.Stderr);
        var parts = new Argument<string[]>("shards") { Description = "The shard files written by 'flowsim run ... --shard I/N --out FILE' (or by 'flowsim audit' or 'flowsim sweep' with --shard I/N --out FILE), in any order.", Arity = ArgumentArity.OneOrMore };
        var print = RunOutputs.Declare("merge",
            json: "Write the results as JSON to this file (the same bytes a single run writes; - for stdout).",
            csv: "Write one row per trial and strategy with every metric to this CSV file (- for stdout).",
            parquet: "Write one row per trial and strategy with every metric to this Parquet file (for pandas, polars or DuckDB; many trials).",
            report: "Write a self-contained HTML report to this file (- for stdout).");
        var command = new Command("merge", "Combine the shard files of one experiment into the results a single run gives. "
            + "The trials, seed, --set settings and rank are those the shards ran with.\n"
            + "Example: flowsim merge part-*.flowsim --json results.json") { parts };
        print.AddTo(command);
        command.Options.Add(PercentileLevels.Option);
        LevelTable.AddTo(command);

        // Not offered, but named when given: a merge cannot change what the shards ran.
        Option<string[]>[] fixedByShards = [.. new[] { "--trials", "--seed", "--set", "--threads", "--precision", "--max-trials", "--rank", "--attribute" }
            .Select(name => new Option<string[]>(name) { Hidden = true, Arity = ArgumentArity.ZeroOrMore })];
        foreach (var option in fixedByShards)
        {
            command.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            var errors = new List<string>();
            foreach (var option in fixedByShards.Where(o => parse.GetResult(o) is not null))
            {
                errors.Add($"{option.Name} does not apply to merge: the results are made of the trials the shards ran, with their seed and settings; give {option.Name} to each shard's command ('flowsim run', 'audit' or 'sweep' ... --shard I/N)");
            }

            var files = print.Check(parse, stdout, errors, [.. parse.GetValue(parts)!.Select(part => ("a shard file being merged", part))]);
            var (level, sort) = LevelTable.Read(parse, errors);
            var outputs = new RunOutputs(print, parse) { Level = level, SortBy = sort };
            var percentiles = PercentileLevels.Read(parse, errors);
            return Task.FromResult(errors.Count > 0
                ? cli.ArgumentErrors(errors)
                : Merge(parse.GetValue(parts)!, files, outputs, percentiles, stdout, stderr, ct));
        });
        return command;
    }

    private static int Merge(string[] paths, OutputSet files, RunOutputs outputs, bool itemLocationPercentiles, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        // The first file whose magic names a study decides which merge reads them all; a file of another study is refused.
        var kinds = paths.Select(p => (Path: p, Kind: ShardKind.Of(p))).Where(k => k.Kind is not null).ToList();
        var kind = kinds.FirstOrDefault().Kind ?? ShardKind.Run;
        var mixed = kinds.Where(k => k.Kind != kind).Select(k =>
            $"{k.Path}: not a shard of {kind.Study} as {kinds[0].Path} is, but of {k.Kind!.Study}; merge the shards of one run, one audit or one sweep at a time").ToList();
        if (mixed.Count > 0)
        {
            return FlowSimCli.ArgumentErrors([.. mixed, "nothing was merged."], stderr);
        }

        if (kind == ShardKind.Audit)
        {
            return StudyMerge.Audit(paths, files, outputs, itemLocationPercentiles, stdout, stderr, ct);
        }

        if (kind == ShardKind.Sweep)
        {
            return StudyMerge.Sweep(paths, files, outputs, itemLocationPercentiles, stdout, stderr, ct);
        }

        var errors = new List<string>();
        var shards = new List<ShardSource>(paths.Length);
        foreach (var path in paths)
        {
            try
            {
                // Headers and checksums first; the outcomes are loaded one shard at a time below.
                shards.Add(new ShardSource(path, ShardFile.ReadHeader(path)));
            }
            catch (ShardFileException e)
            {
                errors.Add(e.Message);
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(ShardMerge.Problems(shards));
        }

        if (errors.Count > 0)
        {
            errors.Add("nothing was merged.");
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        var first = shards[0];
        if (ShardScenario.Missing(first.Path, first.Header, files, stderr) is { } missing)
        {
            return missing;
        }

        var scenario = FlowSimCli.Load(first.Header.ScenarioPath, stderr, errorsOnly: true, Provenance.OverridesIn(first.Header.Command));
        if (scenario is null || !CommandOutputs.CheckHistories(files, scenario, stderr))
        {
            return ExitCodes.InvalidInput;
        }

        if (ShardScenario.Changed(first.Path, first.Header, scenario.Source.Sha256, stderr) is { } changed)
        {
            return changed;
        }

        var byIndex = shards.OrderBy(s => s.Header.Shard.Index).Select(s => s.Path).ToArray();
        ExperimentResult result;
        try
        {
            result = Sharding.Merge(scenario, byIndex.Length, i => Load(byIndex[i], shards[0].Header), Provenance.RankIn(first.Header.Command),
                itemLocationPercentiles || Provenance.ItemLocationPercentilesIn(first.Header.Command));
        }
        catch (ShardFileException e)
        {
            errors.Add(e.Message);
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }
        catch (ArgumentException e)
        {
            // The shards agree with each other but not with the scenario they name (a crafted or mixed-up file).
            errors.Add($"{first.Path}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}; run the shards again with this scenario");
            errors.Add("nothing was merged.");
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        var command = first.Header.Command;
        var options = new RunOptions(result.Trials, result.Seed, Attribute: first.Header.Attribute, Rank: result.Rank);
        outputs.Write(result, options, command, files, stdout, stderr, ct);
        if (!outputs.Quiet)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {shards.Count} shards: {result.Trials:N0} trials x {result.Strategies.Length} strategies, {result.EventsSimulated:N0} events simulated"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>A shard's outcomes, read again after its header was checked; refused if the file changed in between.</summary>
    private static ShardOutcomes Load(string path, ShardHeader expected)
    {
        var file = ShardFile.Read(path);
        var header = file.Header;
        if (header.ScenarioSha256 != expected.ScenarioSha256 || header.Seed != expected.Seed || header.TotalTrials != expected.TotalTrials
            || header.Shard.Count != expected.Shard.Count || header.FlowSimVersion != expected.FlowSimVersion
            || header.StockPoints != expected.StockPoints || header.Disruptions != expected.Disruptions || !header.Strategies.SequenceEqual(expected.Strategies))
        {
            throw new ShardFileException($"{path}: the file changed while merging; merge again");
        }

        return file.Outcomes;
    }
}
