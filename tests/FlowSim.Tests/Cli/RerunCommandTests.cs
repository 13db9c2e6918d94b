using System.Security.Cryptography;
using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim rerun</c> repeats a recorded run byte for byte, and refuses when the scenario changed.</summary>
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
}
