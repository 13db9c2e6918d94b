using FlowSim.Cli;
using static FlowSim.Tests.Scenarios.LoadAssert;

namespace FlowSim.Tests.Cli;

/// <summary>
/// A broken scenario or argument ends the command with exit code 2 and messages a planner can
/// act on: <c>file:line:col field: problem</c>, no stack trace, and no result file.
/// </summary>
public class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Quickstart => RepoFiles.Path("scenarios/quickstart.yaml");

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static void NoStackTrace(CliRunner.Outcome outcome)
    {
        Assert.DoesNotContain("   at ", outcome.Stderr);
        Assert.DoesNotContain("Exception", outcome.Stderr);
        Assert.DoesNotContain("internal error", outcome.Stderr);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static TheoryData<string, string, string, string, string> BrokenScenarios => new()
    {
        // name, YAML, the line holding the problem, the token the position points at, field path
        { "negative lead time", TestScenarios.SingleItem(leadTime: "-3d"), "lead_time: -3d", "-3d", "suppliers[0].lead_time" },
        { "unclosed brace", TestScenarios.SingleItem(demand: "{ dist: poisson, mean: 5/day"), "daily: {", "{", "demand[0].daily" },
        { "misspelt key", TestScenarios.SingleItem().Replace("    lead_time: 3d", "    lead_tme: 3d"), "lead_tme", "lead_tme", "suppliers[0].lead_tme" },
        { "repeated key", TestScenarios.SingleItem().Replace("trials: 20", "trials: 20\ntrials: 30"), "trials: 30", "trials", "trials" },
        { "not a mapping", "just a sentence\n", "just", "just", "" },
    };

    [Theory]
    [MemberData(nameof(BrokenScenarios))]
    public void Run_exits_2_with_the_position_and_writes_no_json(string name, string yaml, string line, string token, string fieldPath)
    {
        var path = Write(name.Replace(' ', '-') + ".yaml", yaml);
        var json = Path.Combine(_dir, "results.json");
        var (l, c) = Find(yaml, line, token);

        var outcome = CliRunner.Run("run", path, "--json", json);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains(fieldPath.Length > 0 ? $"{path}:{l}:{c} {fieldPath}: " : $"{path}:{l}:{c}: ", outcome.Stderr);
        Assert.Contains("nothing was simulated", outcome.Stderr);
        NoStackTrace(outcome);
        Assert.Equal("", outcome.Stdout);
        Assert.False(File.Exists(json), "a broken scenario must not leave a result file");
    }

    [Theory]
    [MemberData(nameof(BrokenScenarios))]
    public void Validate_exits_2_with_the_position(string name, string yaml, string line, string token, string fieldPath)
    {
        var path = Write(name.Replace(' ', '-') + ".yaml", yaml);
        var (l, c) = Find(yaml, line, token);

        var outcome = CliRunner.Run("validate", path);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"{path}:{l}:{c}", outcome.Stderr);
        Assert.Contains(fieldPath, outcome.Stderr);
        NoStackTrace(outcome);
        Assert.DoesNotContain("valid.", outcome.Stdout);
    }

    [Fact]
    public void Help_names_the_command_flowsim_however_it_is_started()
    {
        var outcome = CliRunner.Run("run", "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("flowsim run <scenario> [options]", outcome.Stdout);
    }

    [Fact]
    public void A_mistyped_command_gets_exit_2_and_the_command_it_probably_meant()
    {
        var outcome = CliRunner.Run("runn", "scenarios/quickstart.yaml");
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("flowsim: unknown command 'runn'; did you mean 'run'? (commands: run, ", outcome.Stderr);
    }

    [Fact]
    public void Every_error_of_a_file_is_printed_in_file_order()
    {
        var yaml = TestScenarios.SingleItem(leadTime: "-3d", trials: 0, strategies: "  - name: plan\n    policy: bufer\n");
        var path = Write("three.yaml", yaml);

        var outcome = CliRunner.Run("validate", path);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        string Where(string line, string token, string field)
        {
            var (l, c) = Find(yaml, line, token);
            return $"{path}:{l}:{c} {field}: ";
        }

        var lines = Lines(outcome.Stderr);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith(Where("trials: 0", "0", "trials"), lines[0]);
        Assert.StartsWith(Where("lead_time: -3d", "-3d", "suppliers[0].lead_time"), lines[1]);
        Assert.StartsWith(Where("policy: bufer", "bufer", "strategies[0].policy"), lines[2]);
        Assert.Equal($"flowsim: {path} has 3 errors; nothing was simulated.", lines[3]);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    public void A_missing_scenario_file_is_named_and_exits_2(string command)
    {
        var path = Path.Combine(_dir, "no-such-scenario.yaml");

        var outcome = CliRunner.Run(command, path);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Equal($"{path}: file not found", Lines(outcome.Stderr)[0]);
        NoStackTrace(outcome);
    }

    [Fact]
    public void An_empty_scenario_path_exits_2_without_a_stack_trace()
    {
        var outcome = CliRunner.Run("validate", "");
        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains("no scenario file named", outcome.Stderr);
        NoStackTrace(outcome);
    }

    [Theory]
    [InlineData("--trials", "0", "--trials must be a whole number from 1 to 10,000,000, got 0")]
    [InlineData("--trials", "10000001", "--trials must be a whole number from 1 to 10,000,000, got 10000001")]
    [InlineData("--threads", "0", "--threads must be from 1 to 1024, got 0")]
    public void An_out_of_range_number_exits_2_with_one_line(string option, string value, string message)
    {
        var outcome = CliRunner.Run("run", Quickstart, option, value);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Equal([$"flowsim: {message}"], Lines(outcome.Stderr));
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void Json_into_a_folder_that_does_not_exist_exits_2_before_simulating()
    {
        var missing = Path.Combine(_dir, "no-such-folder");
        var json = Path.Combine(missing, "results.json");

        var outcome = CliRunner.Run("run", Quickstart, "--json", json);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        var line = Assert.Single(Lines(outcome.Stderr));
        Assert.StartsWith("flowsim: --json:", line);
        Assert.Contains(missing, line);
        Assert.Equal("", outcome.Stdout);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Json_onto_an_existing_folder_exits_2()
    {
        var outcome = CliRunner.Run("run", Quickstart, "--json", _dir);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains("is a folder", Assert.Single(Lines(outcome.Stderr)));
    }

    [Fact]
    public void An_unknown_option_exits_2_naming_it_on_the_first_line()
    {
        var outcome = CliRunner.Run("run", Quickstart, "--trails", "5");

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        var first = Lines(outcome.Stderr)[0];
        Assert.StartsWith("flowsim: ", first);
        Assert.Contains("--trails", first);
        NoStackTrace(outcome);
        Assert.Equal("", outcome.Stdout);
    }
}
