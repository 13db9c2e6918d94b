using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>The <c>flowsim</c> command line: parsing, dispatch and exit codes.</summary>
public static class FlowSimCli
{
    /// <summary>Most worker threads accepted by <c>--threads</c>.</summary>
    public const int MaxThreads = 1024;

    /// <summary>Runs the command line and returns the exit code.</summary>
    /// <param name="args">Arguments after the program name.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors, warnings, progress and timing go.</param>
    /// <param name="interactive">True when stderr is a terminal, so a progress bar may be shown.</param>
    /// <param name="cancellation">Cancels a run (Ctrl+C).</param>
    /// <param name="colorStdout">True when stdout is a terminal that takes colour, so tables may highlight.</param>
    /// <param name="stdin">What a scenario given as <c>-</c> is read from (default: the process's standard input).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, CancellationToken cancellation = default, bool colorStdout = false, Stream? stdin = null)
    {
        // Per invocation (and per test running in parallel): read once, when a command first loads '-'.
        StandardInput.Value = new ScenarioStdin(stdin);
        // Response files (@FILE) are off: what a run records as its command is then exactly what ran,
        // and shard runs, merge and rerun never see arguments that the recorded command does not show.
        if (args.FirstOrDefault(a => a.StartsWith('@')) is { } responseFile)
        {
            await stderr.WriteLineAsync($"flowsim: '{responseFile}': response files (@FILE) are not read; write the arguments out in full (a file whose name starts with @ can be given as ./{responseFile}).");
            return ExitCodes.InvalidInput;
        }

        var root = Build(stdout, stderr, interactive, args, colorStdout);
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on parse errors; FlowSim's contract is 2 for bad arguments.
            var commands = root.Subcommands.Select(c => c.Name).ToList();
            if (args.Length > 0 && !args[0].StartsWith('-') && !commands.Contains(args[0])
                && Suggestions.Nearest(args[0], commands) is { } near)
            {
                // A mistyped command: say which one was probably meant, not only that one is missing.
                await stderr.WriteLineAsync(ConsoleText.Plain($"flowsim: unknown command '{args[0]}'; did you mean '{near}'? (commands: {string.Join(", ", commands)})"));
            }
            else
            {
                foreach (var e in parsed.Errors)
                {
                    await stderr.WriteLineAsync(ConsoleText.Plain($"flowsim: {e.Message}"));
                }
            }

            await stderr.WriteLineAsync("Run 'flowsim --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            // Ctrl+C is the caller's (see Interruption): the parser's own handler would end the process before the run can report.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellation);
        }
        catch (OutputFileException e)
        {
            await stderr.WriteLineAsync(ConsoleText.Plain($"flowsim: {e.Message}."));
            return ExitCodes.InvalidInput;
        }
        catch (RunInterruptedException)
        {
            // The run has said how far it got.
            return ExitCodes.Cancelled;
        }
        catch (OutputsCancelledException e)
        {
            await stderr.WriteLineAsync($"flowsim: {e.Message}.");
            return ExitCodes.Cancelled;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("flowsim: cancelled; no result was written.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (ConsoleWriteFailure(e) is { } reason)
        {
            // Stdout closed (a script's '>&-') or refusing writes: the caller's setup, not a bug in FlowSim.
            await stderr.WriteLineAsync(ConsoleText.Plain($"flowsim: standard output cannot be written ({reason}); keep it open, or send the results to a file with --json, --csv or > FILE"));
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            // The exception's own lines stay lines; a name quoted in its message cannot send control characters.
            await stderr.WriteLineAsync(string.Join('\n', $"flowsim: internal error, please report it: {e}".Split('\n').Select(l => ConsoleText.Plain(l.TrimEnd('\r')))));
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Why the console's own write failed, or null when <paramref name="e"/> is not such a failure.</summary>
    private static string? ConsoleWriteFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException && e.TargetSite?.DeclaringType?.FullName == "System.ConsolePal"
            ? (e.InnerException ?? e).Message
            : null;

    private static Command Build(TextWriter stdout, TextWriter stderr, bool interactive, string[] args, bool colorStdout)
    {
        // A root named "flowsim" (a RootCommand takes the executable's name, FlowSim.Cli under dotnet run), with the options a root has.
        var help = new System.CommandLine.Help.HelpOption();
        var root = new Command("flowsim", "FlowSim: Monte Carlo supply chain simulation comparing buffer, demand-responsive and speculative flow strategies.")
        {
            help,
            new VersionOption(),
        };

        // `flowsim` alone is someone finding their way: show the commands on stdout and succeed, as --help does.
        root.SetAction(parse => ((SynchronousCommandLineAction)help.Action!).Invoke(parse));
        // Every command is made the same way, from the same context, in the order help lists them.
        var cli = new CliContext(stdout, stderr, interactive, Provenance.ReproducibleCommand(args), colorStdout);
        Func<CliContext, Command>[] commands =
        [
            RunCommand.Create, ValidateCommand.Create, SweepCommand.Create, OptimizeCommand.Create, MeioCommand.Create, AuditCommand.Create, CompareCommand.Create,
            InitCommand.Create, SchemaCommand.Create, RerunCommand.Create, FitCommand.Create, SegmentCommand.Create, MergeCommand.Create,
        ];
        foreach (var create in commands)
        {
            root.Add(create(cli));
        }

        return root;
    }

    internal static Argument<string> ScenarioArgument() => new("scenario") { Description = "Path to the scenario YAML file, or - to read it from standard input." };

    /// <summary>The scenario argument that means standard input.</summary>
    internal const string Stdin = "-";

    /// <summary>How messages name a scenario read from standard input.</summary>
    internal const string StdinName = "<stdin>";

    private static readonly AsyncLocal<ScenarioStdin?> StandardInput = new();

    /// <summary>
    /// Adds an error when <paramref name="scenario"/> is <c>-</c> for a command that must read the
    /// scenario file again by its path (each point or candidate, or merge after shards).
    /// </summary>
    internal static void RefuseStdin(string scenario, string why, List<string> errors)
    {
        if (scenario == Stdin)
        {
            errors.Add($"the scenario '-' (standard input) cannot be used here: {why}; save the scenario to a file and give its path");
        }
    }

    /// <summary>The scenario's bytes read from standard input, once, limited as a file is.</summary>
    private sealed class ScenarioStdin(Stream? stream)
    {
        private byte[]? _bytes;
        private string? _problem;
        private bool _read;

        public byte[]? Read(out string? problem)
        {
            if (!_read)
            {
                _read = true;
                using var input = stream ?? Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int n;
                // One byte past the limit is enough to know it is too large; the rest is never read.
                while (buffer.Length <= ScenarioLoader.MaxFileBytes && (n = input.Read(chunk, 0, (int)Math.Min(chunk.Length, ScenarioLoader.MaxFileBytes + 1 - buffer.Length))) > 0)
                {
                    buffer.Write(chunk, 0, n);
                }

                if (buffer.Length > ScenarioLoader.MaxFileBytes)
                {
                    _problem = $"more than {ScenarioLoader.MaxFileBytes:N0} bytes on standard input; scenarios are limited to {ScenarioLoader.MaxFileBytes:N0} bytes";
                }
                else
                {
                    _bytes = buffer.ToArray();
                }
            }

            problem = _problem;
            return _bytes;
        }
    }

    /// <summary>Loads a scenario from its path, or from standard input when it is <c>-</c> (named <c>&lt;stdin&gt;</c> in messages, recorded as <c>-</c>).</summary>
    internal static ScenarioLoadResult LoadScenario(string path, ImmutableArray<ScenarioOverride> overrides) =>
        SourceOf(path, out var problem) is { } source ? source.Load(overrides) : new ScenarioLoadResult(null, [problem!]);

    /// <summary>
    /// The scenario a command loads more than once (a sweep's points, an optimiser's candidates): its
    /// file, or standard input read once and kept; null with the problem when standard input cannot be used.
    /// </summary>
    internal static ScenarioInput? SourceOf(string path, out ScenarioError? problem)
    {
        problem = null;
        if (path != Stdin)
        {
            return ScenarioInput.FromFile(path);
        }

        // Results record the argument as given ('-'), so rerun can tell there is no file to read again.
        var bytes = (StandardInput.Value ?? new ScenarioStdin(null)).Read(out var why);
        if (bytes is null)
        {
            problem = new ScenarioError(StdinName, 0, 0, "", why!);
            return null;
        }

        return ScenarioInput.FromBytes(bytes, StdinName, Stdin);
    }

    /// <summary>The scenario a command loads more than once; null after printing why standard input cannot be used.</summary>
    internal static ScenarioInput? SourceOf(string path, TextWriter stderr)
    {
        var source = SourceOf(path, out var problem);
        if (problem is not null)
        {
            stderr.WriteLine(problem.ToString());
            stderr.WriteLine(ConsoleText.Plain($"flowsim: {StdinName} has 1 error; nothing was simulated."));
        }

        return source;
    }

    internal static int ArgumentErrors(List<string> errors, TextWriter stderr)
    {
        foreach (var e in errors)
        {
            stderr.WriteLine(ConsoleText.Plain($"flowsim: {e}"));
        }

        return ExitCodes.InvalidInput;
    }

    /// <summary>Loads and runs a scenario; null (after printing its findings) when it is invalid.</summary>
    internal static ExperimentResult? Simulate(string path, ImmutableArray<ScenarioOverride> overrides, RunOptions options, TextWriter stderr, bool interactive, CancellationToken ct, out double seconds, bool errorsOnly = false, OutputSet? outputs = null)
    {
        seconds = 0;
        var scenario = Load(path, stderr, errorsOnly, overrides);
        if (scenario is null || !CommandOutputs.CheckHistories(outputs, scenario, stderr))
        {
            return null;
        }

        var totalTrials = options.Precision is null ? options.Trials ?? scenario.Trials : options.MaxTrials ?? Experiment.DefaultMaxTrials;
        var clock = Stopwatch.StartNew();
        var counter = new TrialCounter();
        ExperimentResult result;
        try
        {
            result = TrialProgress.Run(stderr, interactive, "trials", totalTrials, progress =>
            {
                counter.Next = progress;
                return Experiment.Run(scenario, options, counter, ct);
            });
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"flowsim: interrupted after {counter.Completed:N0} of {totalTrials:N0} trials; nothing was written.");
            throw new RunInterruptedException();
        }

        seconds = clock.Elapsed.TotalSeconds;
        if (!result.PrecisionMet && !errorsOnly)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"flowsim: warning: --precision {result.Precision:0.##%} not reached within {result.Trials:N0} trials (--max-trials); the results are from those trials."));
        }

        return result;
    }

    internal static void WriteTiming(ExperimentResult result, double seconds, TextWriter stderr) =>
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Trials:N0} trials x {result.Strategies.Length} strategies, {result.EventsSimulated:N0} events in {seconds:0.00} s ({result.EventsSimulated / Math.Max(seconds, 1e-9):N0} events/s)"));

    /// <summary>Loads a scenario and prints its findings; null when it has errors.</summary>
    internal static Scenario? Load(string path, TextWriter stderr, bool errorsOnly = false, ImmutableArray<ScenarioOverride> overrides = default) =>
        Report(LoadScenario(path, overrides.IsDefault ? [] : overrides), path, stderr, errorsOnly);

    /// <summary>Loads a scenario already opened (standard input read once) and prints its findings; null when it has errors.</summary>
    internal static Scenario? Load(ScenarioInput source, string path, TextWriter stderr, bool errorsOnly, ImmutableArray<ScenarioOverride> overrides) =>
        Report(source.Load(overrides), path, stderr, errorsOnly);

    private static Scenario? Report(ScenarioLoadResult result, string path, TextWriter stderr, bool errorsOnly)
    {
        foreach (var finding in errorsOnly ? result.Errors : result.Findings)
        {
            stderr.WriteLine(finding.ToString());
        }

        if (result.Scenario is null)
        {
            var count = result.Errors.Count();
            stderr.WriteLine(ConsoleText.Plain($"flowsim: {(path == Stdin ? StdinName : path)} has {Plural(count, "error")}; nothing was simulated."));
        }

        return result.Scenario;
    }

    internal static string Plural(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}

/// <summary>A run stopped by Ctrl+C after reporting how many trials it completed.</summary>
internal sealed class RunInterruptedException : OperationCanceledException
{
    public RunInterruptedException()
        : base("the run was interrupted")
    {
    }
}
