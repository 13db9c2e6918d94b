using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary>
/// <c>flowsim run SCENARIO --shard I/N --out FILE</c>: runs one slice of the trials and writes a
/// shard file for <c>flowsim merge</c>, instead of printing results. The options and their checks
/// serve <c>flowsim audit</c> and <c>flowsim sweep ... --shard I/N --out FILE</c> too.
/// </summary>
internal sealed class ShardRun
{
    /// <summary>Options of <c>run</c> that print or write results: a shard has none, its merge does.</summary>
    private static readonly string[] ResultOptions = ["--json", "--csv", "--parquet", "--report", "--format", "--by", "--sort"];

    public ShardRun(string command = "run")
    {
        _command = command;
        Shard = new("--shard")
        {
            Description = command == "run"
                ? "Run only slice I of N of the trials, I from 0 (trials floor(I*T/N) to floor((I+1)*T/N)-1) and write them to --out; combine the N files with 'flowsim merge'."
                : $"Run only slice I of N of the trials of every {(command == "sweep" ? "point of the sweep" : $"{command} run")}, I from 0 (trials floor(I*T/N) to floor((I+1)*T/N)-1) and write them to --out; combine the N files with 'flowsim merge'.",
            HelpName = "I/N",
        };
        _file = new(command, output: "With --shard, the shard file to write (e.g. part-0.flowsim; - for stdout).");
    }

    private readonly string _command;

    public Option<string?> Shard { get; }

    private readonly OutputOptions _file;

    public Option<string?> Out => _file.Out!;

    public void AddTo(Command command)
    {
        command.Add(Shard);
        command.Add(Out);
    }

    /// <summary>True when <c>--shard</c> or <c>--out</c> is given: the run is a shard run.</summary>
    public bool Requested(ParseResult parse) => parse.GetResult(Shard) is not null || parse.GetResult(Out) is not null;

    /// <summary>
    /// Checks <c>--shard</c> and <c>--out</c>, and refuses the options a shard has no use for
    /// (results are written by the merge); adds what is wrong to <paramref name="errors"/>.
    /// </summary>
    /// <returns>The slice asked for (null when wrong or missing) and the shard file to write.</returns>
    public (Shard? Shard, OutputSet Outputs) Check(ParseResult parse, string scenarioPath, RunOptions? options, List<string> errors, TextWriter stdout)
    {
        var text = parse.GetValue(Shard);
        var path = parse.GetValue(Out);
        Shard? shard = null;
        if (text is null)
        {
            errors.Add($"--out applies only with --shard I/N; a whole {_command} writes its results with --json, --csv or --report");
        }
        else
        {
            shard = Parse(text, errors);
        }

        if (text is not null && path is null)
        {
            errors.Add("--shard needs --out PATH: the shard file to write (e.g. part-0.flowsim)");
        }

        var outputs = _file.CheckWithScenario(parse, stdout, scenarioPath, errors);

        foreach (var given in Given(parse).Where(ResultOptions.Contains))
        {
            errors.Add($"{given} does not apply with --shard: a shard writes only its --out file; give {given} to 'flowsim merge'");
        }

        if (options?.Precision is not null)
        {
            errors.Add("--precision cannot be used with --shard: adaptive precision chooses the trials as it runs, so they cannot be split in advance; give --trials");
        }

        return (shard, outputs);
    }

    /// <summary>
    /// Refuses a shard count above the trials (some shards would be empty); true when it fits.
    /// </summary>
    public static bool Fits(Shard shard, int trials, List<string> errors)
    {
        if (shard.Count <= trials)
        {
            return true;
        }

        errors.Add($"--shard {shard}: {shard.Count} shards for {trials} trials would leave shards empty; use at most {trials} shards or more --trials");
        return false;
    }

    /// <summary>Checks the shard options, runs the slice and writes its file; returns the exit code.</summary>
    public int Run(ParseResult parse, string scenarioPath, RunOptions? options, List<string> errors, IReadOnlyList<string> recordedCommand, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var (shard, outputs) = Check(parse, scenarioPath, options, errors, stdout);
        var path = parse.GetValue(Out);
        if (options is null || errors.Count > 0)
        {
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        var quiet = Given(parse).Contains("--quiet");
        var scenario = FlowSimCli.Load(scenarioPath, stderr, errorsOnly: quiet, Provenance.OverridesIn(recordedCommand));
        if (scenario is null || !CommandOutputs.CheckHistories(outputs, scenario, stderr))
        {
            return ExitCodes.InvalidInput;
        }

        var trials = options.Trials ?? scenario.Trials;
        var s = shard!.Value;
        if (!Fits(s, trials, errors))
        {
            return FlowSimCli.ArgumentErrors(errors, stderr);
        }

        var clock = Stopwatch.StartNew();
        var outcomes = Sharding.Run(scenario, options, s, null, ct);
        var file = ShardFile.Of(scenario, outcomes, WithoutShard(recordedCommand));
        CommandOutputs.Commit(outputs, stderr, ct, (outputs.Named("--out"), file.Write));
        if (!quiet)
        {
            var seconds = clock.Elapsed.TotalSeconds;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shard {s}: trials {outcomes.FirstTrial:N0} to {outcomes.EndTrial - 1:N0} of {trials:N0} x {outcomes.Strategies.Length} strategies, "
                + $"{outcomes.Events:N0} events in {seconds:0.00} s; wrote {(path == OutputSet.Stdout ? "stdout" : path)}"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Names of the options written on the command line (not those left at their defaults).</summary>
    internal static IEnumerable<string> Given(ParseResult parse) =>
        parse.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit).Select(o => o.Option.Name);

    /// <summary>Reads <c>I/N</c>; null after adding what is wrong to <paramref name="errors"/>.</summary>
    internal static Shard? Parse(string text, List<string> errors)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            errors.Add($"--shard expects I/N, slice I of N counted from 0 (such as 0/4 to 3/4), got '{text}'");
            return null;
        }

        if (count < 1)
        {
            errors.Add($"--shard {text}: N must be at least 1");
            return null;
        }

        if (index >= count)
        {
            errors.Add($"--shard {text}: I must be from 0 to {count - 1}; shards are counted from 0");
            return null;
        }

        return new Shard(index, count);
    }

    /// <summary>The recorded command without <c>--shard</c>: the command of the single run the merged shards equal.</summary>
    internal static IReadOnlyList<string> WithoutShard(IReadOnlyList<string> command)
    {
        var kept = new List<string>(command.Count);
        for (var i = 0; i < command.Count; i++)
        {
            var arg = command[i];
            if (arg == "--shard")
            {
                i++;
                continue;
            }

            if (arg.StartsWith("--shard=", StringComparison.Ordinal) || arg.StartsWith("--shard:", StringComparison.Ordinal))
            {
                continue;
            }

            kept.Add(arg);
        }

        return kept;
    }
}
