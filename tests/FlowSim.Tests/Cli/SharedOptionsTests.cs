using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlowSim.Tests.Cli;

/// <summary>
/// The options the commands that run experiments share (--quiet, --format, --threads, --seed,
/// --trials, --set) behave alike on each, through the real entry point.
/// </summary>
public partial class SharedOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-shared-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Quickstart => RepoFiles.Path("scenarios/quickstart.yaml");

    private static readonly string[] Shared = ["--threads", "1", "--seed", "7", "--trials", "3", "--set", "strategies.buffer.service_level=0.9", "--quiet", "--format", "json"];

    /// <summary>Each command with the arguments it needs besides the shared options, kept small.</summary>
    public static TheoryData<string[]> Commands => new()
    {
        new[] { "run", Quickstart },
        new[] { "compare", Quickstart },
        new[] { "sweep", Quickstart, "--vary", "strategies.buffer.service_level=0.90..0.92:0.02" },
        new[] { "optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "0.90..0.92:0.02" },
        new[] { "audit", Quickstart, "--durations", "1w" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_takes_the_shared_options_and_quiet_json_is_parseable_json_alone(string[] command)
    {
        var outcome = CliRunner.Run([.. command, .. Shared]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal("", outcome.Stderr);
        using var doc = JsonDocument.Parse(outcome.Stdout);
        Assert.Equal(7UL, doc.RootElement.GetProperty("seed").GetUInt64());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Json_dash_writes_the_document_to_stdout_on_every_command(string[] command)
    {
        var outcome = CliRunner.Run([.. command, "--trials", "3", "--seed", "9", "--json", "-", "-q"]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var doc = JsonDocument.Parse(outcome.Stdout);
        Assert.Equal(9UL, doc.RootElement.GetProperty("seed").GetUInt64());
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void Run_quiet_with_format_json_prints_the_json()
    {
        // Before, --quiet printed nothing at all on stdout: 'run x --format json -q | jq .' got 0 bytes.
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "3", "--format", "json", "-q");
        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Stderr));
        using var doc = JsonDocument.Parse(outcome.Stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("trials").GetInt32());
    }

    [Fact]
    public void Compare_takes_q_and_prints_its_table_without_timing()
    {
        var outcome = CliRunner.Run("compare", Quickstart, "--trials", "3", "-q");
        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Stderr));
        Assert.Contains("A cheaper in", outcome.Stdout);
    }

    [Fact]
    public void Sweep_format_csv_prints_the_csv_document_its_csv_option_writes()
    {
        var file = Path.Combine(_dir, "sweep.csv");
        var outcome = CliRunner.Run("sweep", Quickstart, "--vary", "strategies.buffer.service_level=0.90..0.92:0.02", "--trials", "3", "--format", "csv", "--csv", file);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal(File.ReadAllText(file), outcome.Stdout);
    }

    [Fact]
    public void Optimize_format_csv_prints_the_csv_document_its_csv_option_writes()
    {
        var file = Path.Combine(_dir, "optimize.csv");
        var outcome = CliRunner.Run("optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "0.90..0.92:0.02", "--trials", "3",
            "--format", "csv", "--csv", file);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal(File.ReadAllText(file), outcome.Stdout);
        Assert.True(File.Exists(file + ".provenance.json"));
    }

    [Fact]
    public void Merge_takes_quiet_and_format_json_and_names_the_experiment_options_it_takes_from_the_shards()
    {
        var parts = new[] { Path.Combine(_dir, "p0"), Path.Combine(_dir, "p1") };
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0, CliRunner.Run("run", Quickstart, "--trials", "4", "--shard", $"{i}/2", "--out", parts[i], "-q").ExitCode);
        }

        var merged = CliRunner.Run("merge", parts[0], parts[1], "-q", "--format", "json");
        Assert.Equal((0, ""), (merged.ExitCode, merged.Stderr));
        using (var doc = JsonDocument.Parse(merged.Stdout))
        {
            Assert.Equal(4, doc.RootElement.GetProperty("trials").GetInt32());
        }

        foreach (var option in new[] { "--trials", "--seed", "--set", "--threads" })
        {
            var refused = CliRunner.Run("merge", parts[0], parts[1], option, option == "--set" ? "strategies.buffer.service_level=0.9" : "3");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains($"{option} does not apply to merge", refused.Stderr);
            // Shards of runs, audits and sweeps are merged alike: the advice names all three.
            Assert.Contains("('flowsim run', 'audit' or 'sweep' ... --shard I/N)", refused.Stderr);
            Assert.Equal("", refused.Stdout);
        }
    }

    [Fact]
    public void A_redirected_sweep_shows_no_progress()
    {
        // Tests run as with stderr redirected: no progress bar, only what the sweep has to say (its plan and its time).
        var outcome = CliRunner.Run("sweep", Quickstart, "--vary", "strategies.buffer.service_level=0.90..0.92:0.02", "--trials", "3");
        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("sweep: 2 points x 3 trials = 6 trials, ", lines[0]);
        Assert.Matches(@"^sweep: 6 trials in [\d.]+ s$", lines[1]);
        Assert.DoesNotContain("/s", outcome.Stderr);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("compare")]
    [InlineData("sweep")]
    [InlineData("optimize")]
    [InlineData("audit")]
    [InlineData("merge")]
    [InlineData("validate")]
    public void Help_prints_each_default_once_with_metavariables_that_read_right_and_an_example(string command)
    {
        var help = CliRunner.Run(command, "--help").Stdout;
        foreach (var line in help.Split('\n'))
        {
            Assert.False(line.Contains("(default", StringComparison.Ordinal) && line.Contains("[default:", StringComparison.Ordinal), $"default given twice: {line}");
        }

        Assert.DoesNotMatch(BrokenMetavariable(), help);
        Assert.Contains($"Example: flowsim {command} ", help);
    }

    [GeneratedRegex(@"<[^<>\s]*>[^\s<]*>")]
    private static partial Regex BrokenMetavariable();

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_output_that_cannot_be_written_is_named_once_on_every_command(string[] command)
    {
        var nowhere = Path.Combine(_dir, "no-such-folder", "out.json");
        var outcome = CliRunner.Run([.. command, "--trials", "3", "--json", nowhere]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.Stderr.Split('\n'), line => line.StartsWith("flowsim: --json:", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_that_runs_an_experiment_offers_quiet_and_format(string[] command)
    {
        var outcome = CliRunner.Run(command[0], "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("--quiet", outcome.Stdout);
        Assert.Contains("--format <table|json|csv>", outcome.Stdout);
        Assert.Contains("--json <PATH>", outcome.Stdout);
    }
}

/// <summary>A scenario given as <c>-</c> is read from standard input.</summary>
public class ScenarioFromStdinTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-stdin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Quickstart => RepoFiles.Path("scenarios/quickstart.yaml");

    [Fact]
    public void Run_dash_reads_the_scenario_from_stdin_and_gets_the_results_the_file_gives()
    {
        var fromFile = CliRunner.Run("run", Quickstart, "--trials", "4", "--format", "json", "-q");
        var fromStdin = CliRunner.RunWithStdin(File.ReadAllBytes(Quickstart), "run", "-", "--trials", "4", "--format", "json", "-q");
        Assert.True(fromStdin.ExitCode == 0, fromStdin.Stderr);
        using var a = JsonDocument.Parse(fromFile.Stdout);
        using var b = JsonDocument.Parse(fromStdin.Stdout);
        Assert.Equal("-", b.RootElement.GetProperty("scenario").GetProperty("path").GetString());
        Assert.Equal(a.RootElement.GetProperty("scenario").GetProperty("sha256").GetString(), b.RootElement.GetProperty("scenario").GetProperty("sha256").GetString());
        Assert.Equal(a.RootElement.GetProperty("strategies").ToString(), b.RootElement.GetProperty("strategies").ToString());
    }

    [Fact]
    public void Errors_in_a_scenario_from_stdin_name_it_stdin()
    {
        var outcome = CliRunner.RunWithStdin("name: [\n"u8.ToArray(), "run", "-");
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("<stdin>:", outcome.Stderr);
        Assert.Contains("flowsim: <stdin> has 1 error", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void Validate_dash_names_stdin()
    {
        var outcome = CliRunner.RunWithStdin(File.ReadAllBytes(Quickstart), "validate", "-");
        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("<stdin>: valid.", outcome.Stdout);
    }

    [Fact]
    public void Stdin_is_limited_in_size_as_a_file_is()
    {
        var big = Encoding.UTF8.GetBytes("# " + new string('x', 5 * 1024 * 1024) + "\n");
        var outcome = CliRunner.RunWithStdin(big, "run", "-");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("<stdin>: more than 4,194,304 bytes on standard input", outcome.Stderr);
    }

    [Theory]
    [InlineData("run", "--shard", "0/2", "--out", "part-0")]
    public void Commands_that_read_the_scenario_file_again_refuse_stdin(string command, params string[] rest)
    {
        var outcome = CliRunner.RunWithStdin(File.ReadAllBytes(Quickstart), [command, "-", .. rest]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("the scenario '-' (standard input) cannot be used here", outcome.Stderr);
        Assert.False(File.Exists("part-0"));
    }

    [Theory]
    [InlineData("sweep", "--vary", "strategies.buffer.service_level=0.90..0.94:0.02")]
    [InlineData("optimize", "--strategy", "buffer", "--param", "service_level", "--range", "0.90..0.94:0.02")]
    public void Sweep_and_optimize_read_stdin_once_and_give_every_point_the_results_the_file_gives(string command, params string[] rest)
    {
        // Every point loads the scenario again: from stdin they must all see the bytes read once, not an empty stream.
        string[] shared = ["--trials", "4", "--format", "csv", "-q", .. rest];
        var fromFile = CliRunner.Run([command, Quickstart, .. shared]);
        var fromStdin = CliRunner.RunWithStdin(File.ReadAllBytes(Quickstart), [command, "-", .. shared]);
        Assert.True(fromStdin.ExitCode == 0, fromStdin.Stderr);
        Assert.Equal(fromFile.Stdout, fromStdin.Stdout);
        // A header and a row for each of the three values at least: every point ran, not only the first.
        Assert.True(fromStdin.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 4, fromStdin.Stdout);
    }

    [Theory]
    [InlineData("sweep", "--vary", "strategies.buffer.service_level=0.90..0.92:0.02")]
    [InlineData("optimize", "--strategy", "buffer", "--param", "service_level", "--range", "0.90..0.92:0.02")]
    public void Sweep_and_optimize_from_stdin_record_the_scenario_as_dash(string command, params string[] rest)
    {
        var outcome = CliRunner.RunWithStdin(File.ReadAllBytes(Quickstart), [command, "-", "--trials", "3", "--format", "json", "-q", .. rest]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("\"path\": \"-\"", outcome.Stdout);
    }

    [Fact]
    public void Segment_takes_its_unit_costs_from_a_scenario_on_stdin()
    {
        var demand = RepoFiles.Path("scenarios/data/kiln-clay-demand.csv");
        var fromFile = CliRunner.Run("segment", demand, "--scenario", Quickstart);
        var fromStdin = CliRunner.RunWithStdin(File.ReadAllBytes(Quickstart), "segment", demand, "--scenario", "-");
        Assert.True(fromStdin.ExitCode == 0, fromStdin.Stderr);
        Assert.Equal(fromFile.Stdout, fromStdin.Stdout);
        Assert.Contains("segmented", fromStdin.Stdout);
    }

    [Fact]
    public void A_sweep_from_stdin_names_its_errors_stdin()
    {
        var outcome = CliRunner.RunWithStdin("name: [\n"u8.ToArray(), "sweep", "-", "--vary", "strategies.buffer.service_level=0.90..0.94:0.02", "--trials", "3");
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("<stdin>:", outcome.Stderr);
        Assert.Contains("the sweep has errors; nothing was simulated", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void Rerun_refuses_results_made_from_stdin_with_a_clear_message()
    {
        var results = Path.Combine(_dir, "r.json");
        Assert.Equal(0, CliRunner.RunWithStdin(File.ReadAllBytes(Quickstart), "run", "-", "--trials", "3", "--json", results, "-q").ExitCode);
        var outcome = CliRunner.Run("rerun", results);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("was made from a scenario read from standard input", outcome.Stderr);
    }
}
