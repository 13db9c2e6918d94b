using FlowSim.Cli;
using FlowSim.History;
using FlowSim.Scenarios;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.History;

/// <summary>
/// History files, named to <c>fit</c> and <c>segment</c> or by a scenario's <c>history:</c>, are read
/// only from regular files, and a message quotes at most a short, escaped excerpt of what they hold.
/// </summary>
public sealed class HistoryInputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-history-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A scenario whose mug demand is drawn from the history file <paramref name="history"/>.</summary>
    private string ScenarioDrawingFrom(string history, string name = "scenario.yaml") => Write(name, $$"""
        name: studio from history
        horizon: 1y
        trials: 4
        items:
          - { id: mug, unit_cost: 9, price: 28 }
        suppliers:
          - id: kiln
        stock_points:
          - id: studio
        lanes:
          - { from: kiln, to: studio, lead_time: 5d }
        demand:
          - item: mug
            at: studio
            daily: { dist: empirical, history: "{{history}}", item: mug }
        strategies:
          - { name: buffer, policy: buffer }

        """);

    [Fact]
    public void Fit_refuses_a_pipe_at_once_with_exit_2()
    {
        if (!Fifo.Supported)
        {
            return;
        }

        var pipe = Fifo.Make(Path.Combine(_dir, "sales.csv"));

        var outcome = Fifo.Within(pipe, () => CliRunner.Run("fit", pipe));

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains($"{pipe}: is a pipe (FIFO), not a regular file; a history file is read only from a regular file", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void A_scenario_history_that_is_a_pipe_is_a_finding_not_a_wait()
    {
        if (!Fifo.Supported)
        {
            return;
        }

        var pipe = Fifo.Make(Path.Combine(_dir, "sales.csv"));
        var scenario = ScenarioDrawingFrom("sales.csv");

        var result = Fifo.Within(pipe, () => ScenarioLoader.Load(scenario));

        var error = Assert.Single(result.Errors);
        Assert.Equal("demand[0].daily.history", error.FieldPath);
        Assert.Contains("is a pipe (FIFO), not a regular file", error.Message);
    }

    [Fact]
    public async Task A_scenario_history_that_is_an_endless_device_is_refused_unread()
    {
        if (!File.Exists("/dev/zero"))
        {
            Assert.True(OperatingSystem.IsWindows(), "/dev/zero is expected on Unix-like systems");
            return;
        }

        var scenario = ScenarioDrawingFrom("/dev/zero");

        // Before the check, /dev/zero was read until memory ran out: bound the wait.
        var load = Task.Run(() => ScenarioLoader.Load(scenario));
        Assert.True(await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(20))) == load, "reading /dev/zero as a history did not stop");

        var error = Assert.Single((await load).Errors);
        Assert.Contains("/dev/zero: is a device, not a regular file", error.Message);
    }

    [Fact]
    public void A_history_pointing_at_the_process_environment_never_prints_it()
    {
        if (!File.Exists("/proc/self/environ"))
        {
            Assert.True(!OperatingSystem.IsLinux(), "/proc/self/environ is expected on Linux");
            return;
        }

        var outcome = CliRunner.Run("validate", ScenarioDrawingFrom("/proc/self/environ"));

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains("/proc/self/environ: is a binary file, not CSV text", outcome.Stderr);
        Assert.DoesNotContain("PATH=", outcome.Stderr);
        Assert.DoesNotContain("HOME=", outcome.Stderr);
    }

    [Fact]
    public void A_header_that_is_not_a_history_is_quoted_only_as_a_short_escaped_excerpt()
    {
        // The first line of some other file: a secret, then a terminal escape that would retitle the window.
        var secret = "token=" + new string('s', 200);
        var path = Write("notes.txt", $"\u001b]0;owned\u0007{secret}\nsecond line\n");

        var outcome = CliRunner.Run("fit", path);

        Assert.Equal(ExitCodes.InvalidInput, outcome.ExitCode);
        Assert.Contains(@$"{path}:1:1: cannot tell what the file records from its header '\e]0;owned\u0007token=ssssssssssssssssssssssss...'", outcome.Stderr);
        Assert.DoesNotContain('\u001b', outcome.Stderr);
        Assert.DoesNotContain('\u0007', outcome.Stderr);
        Assert.DoesNotContain(new string('s', 25), outcome.Stderr);
    }

    [Fact]
    public void A_bad_field_is_quoted_only_as_a_short_escaped_excerpt()
    {
        var item = "\u001b[2J" + new string('m', 100);
        var file = HistoryCsv.Parse($"date,item,location,quantity\n2025-01-01,{item},studio,1\n", "sales.csv");

        var error = Assert.Single(file.Errors);
        Assert.Equal(@"sales.csv:2:12 item: expected an id (letters, digits, '-', '_', '.'), got '\e[2Jmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm...'", error.ToString());
    }

    [Fact]
    public void A_history_may_live_outside_the_scenario_folder()
    {
        // Shared data folders are common: a path may leave the scenario's folder, and the rules above still hold.
        Write("data/sales.csv", "date,item,location,quantity\n2025-01-01,mug,studio,3\n2025-01-02,mug,studio,5\n");
        var scenario = ScenarioDrawingFrom("../data/sales.csv", "plans/scenario.yaml");

        var result = ScenarioLoader.Load(scenario);

        Assert.True(result.Scenario is not null, string.Join("\n", result.Findings));
        Assert.Equal([3.0, 5], result.Scenario!.Demand.Single().Daily.Values.ToArray());
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column()
    {
        var path = Path.Combine(_dir, "sales.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "date,item,location,quantity\n2025-01-01,mug,studio,3\n"u8]);

        var file = HistoryCsv.Read(path);

        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        Assert.Equal(3, file.Demand.Single().Quantity);
    }
}
