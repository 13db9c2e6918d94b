using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary><see cref="ScenarioLoader.Load"/> on paths that do not lead to a readable scenario.</summary>
public class ScenarioLoaderFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_missing_file_is_one_error_naming_the_file_as_given()
    {
        var path = Path.Combine(_dir, "kiln.yaml");
        var error = Assert.Single(ScenarioLoader.Load(path).Findings);
        Assert.Equal($"{path}: file not found", error.ToString());
    }

    [Fact]
    public void A_folder_is_not_a_scenario_file()
    {
        var error = Assert.Single(ScenarioLoader.Load(_dir).Errors);
        Assert.Contains("is a folder", error.Message);
    }

    [Fact]
    public void A_pipe_is_refused_at_once_not_waited_on()
    {
        if (!Fifo.Supported)
        {
            return;
        }

        var path = Fifo.Make(Path.Combine(_dir, "plan.yaml"));

        var result = Fifo.Within(path, () => ScenarioLoader.Load(path));

        var error = Assert.Single(result.Findings);
        Assert.Equal($"{path}: is a pipe (FIFO), not a regular file; a scenario is read only from a regular file", error.ToString());
    }

    [Fact]
    public void Run_given_a_pipe_as_its_scenario_exits_2_at_once_and_writes_nothing()
    {
        if (!Fifo.Supported)
        {
            return;
        }

        var path = Fifo.Make(Path.Combine(_dir, "plan.yaml"));
        var json = Path.Combine(_dir, "results.json");

        var outcome = Fifo.Within(path, () => Cli.CliRunner.Run("run", path, "--json", json));

        Assert.Equal(FlowSim.Cli.ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"{path}: is a pipe (FIFO), not a regular file", outcome.Stderr);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void A_link_to_a_regular_file_is_read_through()
    {
        var target = Path.Combine(_dir, "plan.yaml");
        File.WriteAllText(target, TestScenarios.SingleItem());
        var link = Path.Combine(_dir, "link.yaml");
        File.CreateSymbolicLink(link, target);

        var result = ScenarioLoader.Load(link);

        Assert.True(result.Scenario is not null, string.Join("\n", result.Findings));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_path_is_an_error_not_an_exception(string path)
    {
        var error = Assert.Single(ScenarioLoader.Load(path).Errors);
        Assert.Contains("no scenario file named", error.Message);
    }

    [Fact]
    public void A_binary_file_is_refused_before_parsing()
    {
        var path = Path.Combine(_dir, "photo.yaml");
        File.WriteAllBytes(path, [0x6e, 0x00, 0x01, 0x02]);
        Assert.Contains("binary", Assert.Single(ScenarioLoader.Load(path).Errors).Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading()
    {
        var path = Path.Combine(_dir, "huge.yaml");
        using (var f = File.Create(path))
        {
            f.SetLength(ScenarioLoader.MaxFileBytes + 1);
        }

        Assert.Contains("limited to", Assert.Single(ScenarioLoader.Load(path).Errors).Message);
    }

    [Fact]
    public void Errors_name_the_file_as_the_user_gave_it()
    {
        var path = Path.Combine(_dir, "plan.yaml");
        File.WriteAllText(path, TestScenarios.SingleItem(leadTime: "-3d"));
        Assert.StartsWith($"{path}:", Assert.Single(ScenarioLoader.Load(path).Errors).ToString());
    }
}
