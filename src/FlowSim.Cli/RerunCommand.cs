using System.CommandLine;
using System.Security.Cryptography;
using FlowSim.Experiments;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>
/// <c>flowsim rerun RESULTS.json [--json OUT]</c>: repeats the run a results file records and says
/// whether the new result is byte-identical. The run is rebuilt from the file's fields (scenario
/// path and hash, overrides, seed, trials, precision, attribution), never by executing its
/// <c>command</c>: every token of the command must be one rerun understands and agree with those
/// fields, or nothing runs. A scenario file that changed since (its SHA-256 differs from
/// <c>scenario.sha256</c>) is refused before anything runs.
/// </summary>
internal static class RerunCommand
{
    /// <summary>Results files larger than this are refused: a run's results are a few hundred kilobytes.</summary>
    internal const long MaxResultsBytes = 64L * 1024 * 1024;

    public static Command Create(CliContext cli)
    {
        var (stdout, stderr, interactive) = (cli.Stdout, cli.Stderr, cli.Interactive);
        var results = new Argument<string>("results") { Description = "A results file written by 'flowsim run --json'." };
        var json = new Option<string?>("--json") { Description = "Write the new result here (default: nothing is kept).", HelpName = "PATH" };
        var command = new Command("rerun", "Repeat the run a results file records and check the new result is byte-identical.") { results, json };
        command.SetAction((parse, ct) => Task.FromResult(Rerun(parse.GetValue(results)!, parse.GetValue(json), stdout, stderr, interactive, ct)));
        return command;
    }

    private static int Rerun(string resultsPath, string? jsonOut, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken ct)
    {
        if (OutputProblems(resultsPath, jsonOut, stdout) is [_, ..] problems)
        {
            return FlowSimCli.ArgumentErrors([.. problems], stderr);
        }

        var before = InputFile.TryRead(resultsPath, MaxResultsBytes, "results file", out var problem);
        var recorded = before is null ? null : RecordedRun.Read(before, out problem);
        if (recorded is null)
        {
            stderr.WriteLine($"flowsim: {resultsPath}: {problem}");
            return ExitCodes.InvalidInput;
        }

        if (recorded.ScenarioPath == FlowSimCli.Stdin)
        {
            stderr.WriteLine($"flowsim: {resultsPath} was made from a scenario read from standard input ('flowsim run -'), which a rerun cannot read again; "
                + "save that scenario to a file and run it with 'flowsim run FILE --json ...' to get a results file that can be rerun; nothing was run.");
            return ExitCodes.InvalidInput;
        }

        // The scenario the results record is an input too: the new result must not replace it.
        var outputs = jsonOut is null ? null : CommandOutputs.For(stdout);
        if (outputs is not null)
        {
            outputs.AddInput("the results file being rerun", resultsPath);
            outputs.AddInput("the scenario file", recorded.ScenarioPath);
            outputs.Add("--json", jsonOut!);
            if (outputs.Problems() is [_, ..] clashes)
            {
                return FlowSimCli.ArgumentErrors([.. clashes], stderr);
            }
        }

        var scenarioBytes = InputFile.TryRead(recorded.ScenarioPath, ScenarioLoader.MaxFileBytes, "scenario", out problem);
        if (scenarioBytes is null)
        {
            stderr.WriteLine(problem == "file not found"
                ? $"flowsim: {resultsPath} was made from {recorded.ScenarioPath}, which is not found (paths are relative to where the run started); nothing was run."
                : $"flowsim: {resultsPath} was made from {recorded.ScenarioPath}, which {problem}; nothing was run.");
            return ExitCodes.InvalidInput;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(scenarioBytes));
        if (!string.Equals(hash, recorded.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            stderr.WriteLine(
                $"flowsim: {recorded.ScenarioPath} has changed since {resultsPath} was made: its SHA-256 is now {hash}, the results record {InputFile.Excerpt(recorded.Sha256, 64)}. "
                + "A rerun would not repeat that result; nothing was run. Run the scenario afresh with 'flowsim run'.");
            return ExitCodes.InvalidInput;
        }

        if (recorded.Version != Provenance.Version)
        {
            stderr.WriteLine($"flowsim: note: {resultsPath} was made by FlowSim {InputFile.Excerpt(recorded.Version)}, this is {Provenance.Version}; results may differ between versions.");
        }

        // An option the command leaves out took its value from the scenario: it must be the recorded one.
        // A scenario that does not load is reported by the run below, with every finding.
        if (ScenarioFile.Load(recorded.ScenarioPath, recorded.Overrides).Scenario is { } scenario)
        {
            if (recorded.ContradictionWith(scenario) is { } contradiction)
            {
                stderr.WriteLine($"flowsim: {resultsPath}: records a command that does not match its own fields: {contradiction}; the file has been edited, nothing was run");
                return ExitCodes.InvalidInput;
            }

            // The history files it reads are inputs too.
            if (!CommandOutputs.CheckHistories(outputs, scenario, stderr))
            {
                return ExitCodes.InvalidInput;
            }
        }

        var result = FlowSimCli.Simulate(recorded.ScenarioPath, recorded.Overrides, recorded.Options, stderr, interactive, ct, out _);
        if (result is null)
        {
            return ExitCodes.InvalidInput;
        }

        // The new result records the same command, so an unchanged run gives the same bytes.
        using var after = new MemoryStream();
        ResultsJson.Write(result, after, recorded.Command);
        if (jsonOut is not null)
        {
            AtomicFile.Write(jsonOut, s => after.WriteTo(s));
        }

        var identical = before.AsSpan().SequenceEqual(after.GetBuffer().AsSpan(0, (int)after.Length));
        stdout.WriteLine(identical
            ? $"rerun of {resultsPath}: byte-identical."
            : $"rerun of {resultsPath}: the new result differs{(jsonOut is null ? "" : $" (written to {jsonOut})")}.");
        return identical ? ExitCodes.Ok : ExitCodes.ResultDiffers;
    }

    /// <summary>Why <c>--json</c> cannot take the new result: stdout, or the results file itself (which the rerun compares with).</summary>
    private static IReadOnlyList<string> OutputProblems(string resultsPath, string? jsonOut, TextWriter stdout)
    {
        if (jsonOut is null)
        {
            return [];
        }

        if (jsonOut == OutputSet.Stdout)
        {
            return ["--json: rerun compares the new result with the results file and reports on stdout, so '-' cannot take it; give a file path"];
        }

        var outputs = CommandOutputs.For(stdout);
        outputs.AddInput("the results file being rerun", resultsPath);
        outputs.Add("--json", jsonOut);
        return outputs.Problems();
    }
}
