using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary>
/// <c>flowsim rerun RESULTS.json [--json OUT]</c>: repeats the run a results file records (its
/// <c>command</c>) and says whether the new result is byte-identical. A scenario file that changed
/// since (its SHA-256 differs from <c>scenario.sha256</c>) is refused before anything runs.
/// </summary>
internal static class RerunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var results = new Argument<string>("results") { Description = "A results file written by 'flowsim run --json'." };
        var json = new Option<string?>("--json") { Description = "Write the new result here (default: a temporary file, deleted afterwards).", HelpName = "PATH" };
        var command = new Command("rerun", "Repeat the run a results file records and check the new result is byte-identical.") { results, json };
        command.SetAction((parse, ct) => RerunAsync(parse.GetValue(results)!, parse.GetValue(json), stdout, stderr, interactive, ct));
        return command;
    }

    private static async Task<int> RerunAsync(string resultsPath, string? jsonOut, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken ct)
    {
        if (OutputProblems(resultsPath, jsonOut, stdout) is [_, ..] problems)
        {
            return FlowSimCli.ArgumentErrors([.. problems], stderr);
        }

        var recorded = Read(resultsPath, out var problem);
        if (recorded is null)
        {
            await stderr.WriteLineAsync($"flowsim: {resultsPath}: {problem}");
            return ExitCodes.InvalidInput;
        }

        if (!File.Exists(recorded.ScenarioPath))
        {
            await stderr.WriteLineAsync($"flowsim: {resultsPath} was made from {recorded.ScenarioPath}, which is not found (paths are relative to where the run started); nothing was run.");
            return ExitCodes.InvalidInput;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(recorded.ScenarioPath, ct)));
        if (!string.Equals(hash, recorded.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            await stderr.WriteLineAsync(
                $"flowsim: {recorded.ScenarioPath} has changed since {resultsPath} was made: its SHA-256 is now {hash}, the results record {recorded.Sha256}. "
                + "A rerun would not repeat that result; nothing was run. Run the scenario afresh with 'flowsim run'.");
            return ExitCodes.InvalidInput;
        }

        if (recorded.Version != Provenance.Version)
        {
            await stderr.WriteLineAsync($"flowsim: note: {resultsPath} was made by FlowSim {recorded.Version}, this is {Provenance.Version}; results may differ between versions.");
        }

        var output = jsonOut ?? Path.Combine(Path.GetTempPath(), $"flowsim-rerun-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            var code = await FlowSimCli.RunAsync([.. recorded.Command, "--json", output], stdout, stderr, interactive, ct);
            if (code != ExitCodes.Ok)
            {
                return code;
            }

            var before = await File.ReadAllBytesAsync(resultsPath, ct);
            var after = await File.ReadAllBytesAsync(output, ct);
            var identical = before.AsSpan().SequenceEqual(after);
            await stdout.WriteLineAsync(identical
                ? $"rerun of {resultsPath}: byte-identical."
                : $"rerun of {resultsPath}: the new result differs{(jsonOut is null ? "" : $" (written to {jsonOut})")}.");
            return identical ? ExitCodes.Ok : ExitCodes.ResultDiffers;
        }
        finally
        {
            if (jsonOut is null && File.Exists(output))
            {
                File.Delete(output);
            }
        }
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

    /// <summary>What a results file records about the run that made it.</summary>
    private sealed record Recorded(IReadOnlyList<string> Command, string ScenarioPath, string Sha256, string Version);

    private static Recorded? Read(string path, out string problem)
    {
        if (!File.Exists(path))
        {
            problem = Directory.Exists(path) ? "is a folder; give a results file written by 'flowsim run --json'" : "file not found";
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("scenario", out var scenario) || scenario.ValueKind != JsonValueKind.Object
                || !scenario.TryGetProperty("path", out var scenarioPath) || scenarioPath.ValueKind != JsonValueKind.String
                || !scenario.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String)
            {
                problem = "is not a results file with a recorded command (expected 'command', 'scenario.path' and 'scenario.sha256', as 'flowsim run --json' writes)";
                return null;
            }

            var args = command.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : null).ToList();
            if (args.Count == 0 || args[0] != "run" || args.Any(a => a is null))
            {
                problem = "records a command that is not a 'flowsim run'; only runs can be repeated";
                return null;
            }

            var version = root.TryGetProperty("flowsim_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "unknown";
            problem = "";
            return new Recorded(args!, scenarioPath.GetString()!, sha.GetString()!, version);
        }
        catch (JsonException e)
        {
            problem = $"is not valid JSON ({e.Message.TrimEnd('.')})";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read: {e.Message.TrimEnd('.')}";
            return null;
        }
    }
}
