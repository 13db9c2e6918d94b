using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim rerun</c> repeats a recorded run byte for byte, and refuses when the scenario changed.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public class RerunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-rerun-").FullName;
    private readonly string _scenario;
    private readonly string _results;

    public RerunCommandTests()
    {
        _scenario = Path.Combine(_dir, "studio.yaml");
        File.Copy(RepoFiles.Path("scenarios/quickstart.yaml"), _scenario);
        _results = Path.Combine(_dir, "results.json");
        var run = CliRunner.Run("run", _scenario, "--trials", "12", "--seed", "3", "--threads", "2", "--json", _results);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Rerun_repeats_the_result_byte_for_byte_and_says_so()
    {
        var outcome = CliRunner.Run("rerun", _results);

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Stderr);
        Assert.EndsWith($"rerun of {_results}: byte-identical.\n", outcome.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(["results.json", "studio.yaml"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Rerun_with_json_over_the_scenario_it_reruns_is_refused_and_the_scenario_is_untouched()
    {
        var before = File.ReadAllBytes(_scenario);

        var outcome = CliRunner.Run("rerun", _results, "--json", _scenario);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains("is the scenario file", outcome.Stderr);
        Assert.Equal(before, File.ReadAllBytes(_scenario));
    }

    [Fact]
    public void A_run_printed_by_level_with_item_location_percentiles_reruns_byte_for_byte()
    {
        // --by only changes what is printed, so it is not recorded; --percentiles changes the file, so it is, and a rerun gives them too.
        var json = Path.Combine(_dir, "levels.json");
        var run = CliRunner.Run("run", _scenario, "--trials", "4", "--by", "supplier", "--sort", "shipments", "--percentiles", "item-locations", "--json", json);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var recorded = File.ReadAllText(json);
        Assert.DoesNotContain("\"--by\"", recorded);
        Assert.Contains("\"--percentiles\"", recorded);

        var outcome = CliRunner.Run("rerun", json);
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Stderr);
        Assert.EndsWith("byte-identical.\n", outcome.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_run_ranked_by_total_cost_reruns_ranked_by_total_cost()
    {
        var ranked = Path.Combine(_dir, "ranked.json");
        var run = CliRunner.Run("run", _scenario, "--trials", "6", "--rank", "total_cost", "--json", ranked);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("\"rank_by\": \"total_cost\"", File.ReadAllText(ranked));

        var outcome = CliRunner.Run("rerun", ranked);
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Stderr);
        Assert.EndsWith("byte-identical.\n", outcome.Stdout.ReplaceLineEndings("\n"));

        // A command whose --rank contradicts the recorded measure was edited: nothing runs.
        File.WriteAllText(ranked, File.ReadAllText(ranked).Replace("\"rank_by\": \"total_cost\"", "\"rank_by\": \"profit\"", StringComparison.Ordinal));
        var edited = CliRunner.Run("rerun", ranked);
        Assert.Equal(ExitCodes.InvalidInput, edited.ExitCode);
        Assert.Contains("its command has --rank total_cost, its rank_by is profit", edited.Stderr);
    }

    [Fact]
    public void Rerun_with_json_writes_the_new_result_there()
    {
        var again = Path.Combine(_dir, "again.json");

        var outcome = CliRunner.Run("rerun", _results, "--json", again);

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Stderr);
        Assert.Equal(File.ReadAllBytes(_results), File.ReadAllBytes(again));
    }

    [Fact]
    public void A_changed_scenario_is_refused_with_both_hashes_and_nothing_runs()
    {
        var recorded = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_scenario)));
        File.AppendAllText(_scenario, "# edited after the run\n");
        var now = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_scenario)));
        var again = Path.Combine(_dir, "again.json");

        var outcome = CliRunner.Run("rerun", _results, "--json", again);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"{_scenario} has changed since {_results} was made: its SHA-256 is now {now}, the results record {recorded}.", outcome.Stderr);
        Assert.Contains("nothing was run", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
        Assert.False(File.Exists(again));
    }

    [Fact]
    public void A_result_that_no_longer_matches_exits_3()
    {
        // Same command and scenario, but the recorded numbers were altered: the rerun cannot match them.
        var text = File.ReadAllText(_results);
        var edited = text.Replace("\"trials\": 12,", "\"trials\": 12, \"edited\": true,");
        Assert.NotEqual(text, edited);
        File.WriteAllText(_results, edited);

        var outcome = CliRunner.Run("rerun", _results);

        Assert.Equal(ExitCodes.ResultDiffers, outcome.ExitCode);
        Assert.Contains("the new result differs", outcome.Stdout);
    }

    [Theory]
    [InlineData("missing.json", "file not found")]
    [InlineData("not-json.json", "is not valid JSON")]
    [InlineData("no-command.json", "is not a results file with a recorded command")]
    [InlineData("validate.json", "only runs can be repeated")]
    public void A_file_that_is_not_a_rerunnable_result_exits_2(string name, string message)
    {
        File.WriteAllText(Path.Combine(_dir, "not-json.json"), "flowsim results?");
        File.WriteAllText(Path.Combine(_dir, "no-command.json"), """{ "scenario": { "path": "studio.yaml", "sha256": "00" } }""");
        File.WriteAllText(Path.Combine(_dir, "validate.json"), """{ "command": ["validate", "x.yaml"], "scenario": { "path": "x.yaml", "sha256": "00" } }""");

        var outcome = CliRunner.Run("rerun", Path.Combine(_dir, name));

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains(message, outcome.Stderr);
        Assert.DoesNotContain("   at ", outcome.Stderr);
    }

    /// <summary>Writes a copy of the results with its recorded command replaced.</summary>
    private string WithCommand(params string[] command)
    {
        var json = JsonNode.Parse(File.ReadAllText(_results))!;
        json["command"] = new JsonArray([.. command.Select(c => (JsonNode)JsonValue.Create(c))]);
        var path = Path.Combine(_dir, "edited.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    [Fact]
    public void Overrides_precision_and_attribution_are_rebuilt_from_the_fields()
    {
        var scenario = Path.Combine(_dir, "disrupted.yaml");
        File.Copy(RepoFiles.Path("scenarios/port-closure.yaml"), scenario);
        var results = Path.Combine(_dir, "precise.json");
        var run = CliRunner.Run("run", scenario, "--set", "trials=50", "--trials", "6", "--precision", "20%", "--max-trials", "18", "--attribute", "--seed", "5", "--json", results);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        var recorded = JsonNode.Parse(File.ReadAllText(results))!;
        Assert.Equal(6, (int)recorded["precision"]!["batch_trials"]!);
        Assert.True((bool)recorded["attributed"]!);

        var outcome = CliRunner.Run("rerun", results);

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Stderr);
        Assert.EndsWith("byte-identical.\n", outcome.Stdout.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--csv", "records the output option '--csv' in its command")]
    [InlineData("--report", "records the output option '--report' in its command")]
    [InlineData("--frobnicate", "records the option '--frobnicate' in its command, which a rerun does not understand")]
    public void A_command_with_an_option_rerun_does_not_know_is_refused_and_nothing_is_written(string option, string message)
    {
        var victim = Path.Combine(_dir, "victim.txt");
        var edited = WithCommand("run", _scenario, "--trials", "12", "--seed", "3", option, victim);

        var outcome = CliRunner.Run("rerun", edited);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains(message, outcome.Stderr);
        Assert.Contains("nothing was run", outcome.Stderr);
        Assert.False(File.Exists(victim));
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void A_command_naming_a_second_scenario_is_refused()
    {
        var edited = WithCommand("run", _scenario, "--trials", "12", "--seed", "3", "other.yaml");

        var outcome = CliRunner.Run("rerun", edited);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains("records a second scenario or argument 'other.yaml' in its command", outcome.Stderr);
    }

    [Fact]
    public void A_response_file_in_the_command_is_never_read()
    {
        // The response file would add an output over another file: a rerun must not open it at all.
        var victim = Path.Combine(_dir, "victim.txt");
        File.WriteAllText(victim, "keep me");
        var rsp = Path.Combine(_dir, "extra.rsp");
        File.WriteAllText(rsp, $"--csv {victim}\n");
        var edited = WithCommand("run", _scenario, "--trials", "12", "--seed", "3", "@" + rsp);

        var outcome = CliRunner.Run("rerun", edited);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"records '@", outcome.Stderr);
        Assert.Contains("a response file: a rerun never reads arguments from another file", outcome.Stderr);
        Assert.Equal("keep me", File.ReadAllText(victim));
    }

    [Theory]
    [InlineData(new[] { "--trials", "12", "--seed", "4" }, "its command has --seed 4, its seed is 3")]
    [InlineData(new[] { "--trials", "13", "--seed", "3" }, "its command has --trials 13, its trials are 12")]
    [InlineData(new[] { "--trials", "12", "--seed", "3", "--set", "horizon=1y" }, "its command sets 'horizon=1y', its scenario.overrides are nothing")]
    [InlineData(new[] { "--seed", "3" }, "its command has no --trials, so the scenario's 400 trials ran, but its trials are 12")]
    public void A_command_that_contradicts_the_recorded_fields_is_refused(string[] options, string message)
    {
        var edited = WithCommand(["run", _scenario, .. options]);

        var outcome = CliRunner.Run("rerun", edited);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"records a command that does not match its own fields: {message}; the file has been edited, nothing was run", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void A_results_file_that_is_a_pipe_is_refused_at_once()
    {
        if (!Fifo.Supported)
        {
            return;
        }

        var pipe = Fifo.Make(Path.Combine(_dir, "results-pipe.json"));

        var outcome = Fifo.Within(pipe, () => CliRunner.Run("rerun", pipe));

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"{pipe}: is a pipe (FIFO), not a regular file; a results file is read only from a regular file", outcome.Stderr);
    }
}
