using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Reports;
using FlowSim.Scenarios;
using Spectre.Console;

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
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, CancellationToken cancellation = default)
    {
        var root = Build(stdout, stderr, interactive, args);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on parse errors; FlowSim's contract is 2 for bad arguments.
            foreach (var e in parsed.Errors)
            {
                await stderr.WriteLineAsync($"flowsim: {e.Message}");
            }

            await stderr.WriteLineAsync("Run 'flowsim --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            // Ctrl+C is the caller's (see Interruption): the parser's own handler would end the process before the run can report.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellation);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("flowsim: cancelled; no result was written.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"flowsim: internal error, please report it: {e}");
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr, bool interactive, string[] args)
    {
        var root = new RootCommand("FlowSim: Monte Carlo supply chain simulation comparing buffer, demand-responsive and speculative flow strategies.");
        root.Add(RunCommand(stdout, stderr, interactive, Provenance.ReproducibleCommand(args)));
        root.Add(ValidateCommand(stdout, stderr));
        root.Add(RerunCommand.Create(stdout, stderr, interactive));
        return root;
    }

    private static Argument<string> ScenarioArgument() => new("scenario") { Description = "Path to the scenario YAML file." };

    private static Command RunCommand(TextWriter stdout, TextWriter stderr, bool interactive, IReadOnlyList<string> recordedCommand)
    {
        var scenario = ScenarioArgument();
        var trials = WholeNumber<int>("--trials", "Monte Carlo trials (default: the scenario's trials).", "N");
        var seed = WholeNumber<ulong>("--seed", "Master seed (default: the scenario's seed).", "S");
        var threads = WholeNumber<int>("--threads", "Worker threads (default: one per core). Results do not depend on it.", "N");
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file.", HelpName = "PATH" };
        var command = new Command("run", "Simulate every strategy of a scenario and compare them.") { scenario, trials, seed, threads, json };
        command.SetAction((parse, ct) => Task.FromResult(Run(
            parse.GetValue(scenario)!, parse.GetValue(trials), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json),
            recordedCommand, stdout, stderr, interactive, ct)));
        return command;
    }

    /// <summary>An option taking a whole number, with a message a person can act on when it is not one.</summary>
    private static Option<T?> WholeNumber<T>(string name, string description, string helpName)
        where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T> => new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (T.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError(System.Numerics.BigInteger.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                    ? $"{name} must be from {T.Zero} to {T.MaxValue}, got '{token}'"
                    : $"{name} expects a whole number, got '{token}'");
                return null;
            },
        };

    private static Command ValidateCommand(TextWriter stdout, TextWriter stderr)
    {
        var scenario = ScenarioArgument();
        var command = new Command("validate", "Check a scenario and report every problem, without simulating.") { scenario };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(scenario)!;
            var loaded = Load(path, stderr);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            stdout.WriteLine($"{path}: valid. {Plural(loaded.Items.Length, "item")}, {Plural(loaded.Suppliers.Length, "supplier")}, "
                + $"{Plural(loaded.StockPoints.Length, "stock point")}, {Plural(loaded.Demand.Length, "demand stream")}, "
                + $"{Plural(loaded.Strategies.Length, "strategy", "strategies")}: {string.Join(", ", loaded.Strategies.Select(s => s.Name))}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Run(string path, int? trials, ulong? seed, int? threads, string? json, IReadOnlyList<string> command, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken ct)
    {
        var argumentErrors = new List<string>();
        if (trials is < 1 or > ScenarioLoader.MaxTrials)
        {
            argumentErrors.Add($"--trials must be a whole number from 1 to {ScenarioLoader.MaxTrials:N0}, got {trials}");
        }

        if (threads is < 1 or > MaxThreads)
        {
            argumentErrors.Add($"--threads must be from 1 to {MaxThreads}, got {threads}");
        }

        if (json is not null && AtomicFile.ProblemWith(json) is { } jsonProblem)
        {
            argumentErrors.Add($"--json: {jsonProblem}");
        }

        if (argumentErrors.Count > 0)
        {
            foreach (var e in argumentErrors)
            {
                stderr.WriteLine($"flowsim: {e}");
            }

            return ExitCodes.InvalidInput;
        }

        var scenario = Load(path, stderr);
        if (scenario is null)
        {
            return ExitCodes.InvalidInput;
        }

        var options = new RunOptions(trials, seed, threads);
        var totalTrials = trials ?? scenario.Trials;
        var clock = Stopwatch.StartNew();
        var counter = new TrialCounter();
        ExperimentResult result;
        try
        {
            result = interactive
                ? RunWithProgress(scenario, options, totalTrials, stderr, counter, ct)
                : Experiment.Run(scenario, options, counter, ct);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"flowsim: interrupted after {counter.Completed:N0} of {totalTrials:N0} trials; nothing was written.");
            return ExitCodes.Cancelled;
        }

        clock.Stop();

        if (json is not null)
        {
            AtomicFile.Write(json, s => ResultsJson.Write(result, s, command));
        }

        ResultTable.Write(result, stdout);
        var seconds = clock.Elapsed.TotalSeconds;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Trials:N0} trials x {result.Strategies.Length} strategies, {result.EventsSimulated:N0} events in {seconds:0.00} s ({result.EventsSimulated / Math.Max(seconds, 1e-9):N0} events/s)"));
        return ExitCodes.Ok;
    }

    private static ExperimentResult RunWithProgress(Scenario scenario, RunOptions options, int totalTrials, TextWriter stderr, TrialCounter counter, CancellationToken ct)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        ExperimentResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{totalTrials:N0} trials", maxValue: totalTrials);
                counter.Next = new SynchronousProgress(task);
                result = Experiment.Run(scenario, options, counter, ct);
            });
        return result!;
    }

    /// <summary>Updates the progress task directly: Progress&lt;T&gt; would post to a context that never runs.</summary>
    private sealed class SynchronousProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }

    /// <summary>Loads a scenario and prints its findings; null when it has errors.</summary>
    internal static Scenario? Load(string path, TextWriter stderr)
    {
        var result = ScenarioLoader.Load(path);
        foreach (var finding in result.Findings)
        {
            stderr.WriteLine(finding.ToString());
        }

        if (result.Scenario is null)
        {
            var count = result.Errors.Count();
            stderr.WriteLine($"flowsim: {path} has {Plural(count, "error")}; nothing was simulated.");
        }

        return result.Scenario;
    }

    private static string Plural(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
