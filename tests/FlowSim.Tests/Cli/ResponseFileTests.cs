using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary>
/// Response files (<c>@FILE</c>) are not read: a run records exactly the arguments it was given, so
/// shard runs, merge and rerun never miss an option hidden in another file.
/// </summary>
public sealed class ResponseFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-rsp-").FullName;
    private readonly string _scenario;
    private readonly string _rsp;

    public ResponseFileTests()
    {
        _scenario = Path.Combine(_dir, "studio.yaml");
        File.Copy(RepoFiles.Path("scenarios/quickstart.yaml"), _scenario);
        _rsp = Path.Combine(_dir, "args.rsp");
        File.WriteAllText(_rsp, "--set strategies.buffer.service_level=0.9\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_run_given_a_response_file_is_refused_and_writes_nothing()
    {
        var json = Path.Combine(_dir, "results.json");

        var outcome = CliRunner.Run("run", _scenario, "@" + _rsp, "--trials", "4", "--json", json);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"flowsim: '@{_rsp}': response files (@FILE) are not read; write the arguments out in full", outcome.Stderr);
        Assert.False(File.Exists(json));
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void A_shard_run_given_a_response_file_is_refused_so_its_merge_cannot_drop_the_setting()
    {
        // Before, the --set inside reached the run but not the recorded command the shard and merge read.
        var part = Path.Combine(_dir, "part-0.flowsim");

        var outcome = CliRunner.Run("run", _scenario, "@" + _rsp, "--trials", "4", "--shard", "0/2", "--out", part);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains("response files (@FILE) are not read", outcome.Stderr);
        Assert.False(File.Exists(part));
    }

    [Fact]
    public void A_scenario_whose_name_starts_with_at_is_given_with_its_folder()
    {
        var at = Path.Combine(_dir, "@studio.yaml");
        File.Copy(_scenario, at);

        var outcome = CliRunner.Run("validate", at);

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.Stderr);
    }
}
