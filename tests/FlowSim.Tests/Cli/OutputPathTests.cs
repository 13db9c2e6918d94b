using System.Security.Cryptography;

namespace FlowSim.Tests.Cli;

/// <summary>No command writes over a file it reads, over another output, or over anything but a regular file; '-' is stdout.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public class OutputPathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-paths-").FullName;

    public OutputPathTests()
    {
        File.Copy(RepoFiles.Path("scenarios/quickstart.yaml"), PathOf("s.yaml"));
        File.Copy(RepoFiles.Path("scenarios/kiln-clay-history.yaml"), PathOf("h.yaml"));
        Directory.CreateDirectory(PathOf("data"));
        File.Copy(RepoFiles.Path("scenarios/data/kiln-clay-receipts.csv"), PathOf("data/kiln-clay-receipts.csv"));
        File.Copy(RepoFiles.Path("scenarios/data/kiln-clay-demand.csv"), PathOf("data/kiln-clay-demand.csv"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string Scenario => PathOf("s.yaml");

    private string Receipts => PathOf("data/kiln-clay-receipts.csv");

    private string Hash(string name) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(PathOf(name))));

    /// <summary>Runs the command, expects exit 2 with <paramref name="message"/>, and checks the input's bytes are unchanged.</summary>
    private void Refused(string input, string message, params string[] args)
    {
        var before = Hash(input);
        var outcome = CliRunner.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal(before, Hash(input));
        Assert.DoesNotContain(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith('.'));
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--csv")]
    [InlineData("--parquet")]
    [InlineData("--report")]
    public void Run_refuses_an_output_that_is_the_scenario(string option) =>
        Refused("s.yaml", $"{option}: '{Scenario}' is the scenario file, an input of this run", "run", Scenario, "--trials", "3", option, Scenario);

    [Fact]
    public void Run_compares_real_paths_not_strings()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Scenario);
        var dotted = Path.Combine(_dir, ".", "data", "..", "s.yaml");
        File.CreateSymbolicLink(PathOf("alias.yaml"), Scenario);
        Refused("s.yaml", "is the scenario file", "run", relative, "--trials", "3", "--json", dotted);
        Refused("s.yaml", "is the scenario file", "run", Scenario, "--trials", "3", "--csv", PathOf("alias.yaml"));
    }

    [Fact]
    public void Every_command_refuses_an_output_that_is_its_scenario()
    {
        Refused("s.yaml", "--json: ", "compare", Scenario, "--trials", "3", "--json", Scenario);
        Refused("s.yaml", "--csv: ", "sweep", Scenario, "--vary", "strategies.buffer.service_level=0.9..0.95:0.05", "--trials", "3", "--csv", Scenario);
        Refused("s.yaml", "--json: ", "optimize", Scenario, "--strategy", "buffer", "--param", "service_level", "--range", "0.9..0.95:0.05", "--trials", "3", "--json", Scenario);
        Refused("s.yaml", "--report: ", "audit", Scenario, "--trials", "3", "--report", Scenario);
        Refused("s.yaml", "--out: ", "run", Scenario, "--trials", "4", "--shard", "0/2", "--out", Scenario);
        Refused("s.yaml", "--out: ", "segment", PathOf("data/kiln-clay-demand.csv"), "--scenario", Scenario, "--out", Scenario);
    }

    [Fact]
    public void An_output_that_is_a_history_file_the_scenario_reads_is_refused_before_simulating()
    {
        var h = PathOf("h.yaml");
        var message = "is a history file the scenario reads, an input of this run";
        Refused("data/kiln-clay-receipts.csv", message, "run", h, "--trials", "3", "--csv", Path.Combine(_dir, "data", ".", "kiln-clay-receipts.csv"));
        Refused("data/kiln-clay-receipts.csv", message, "compare", h, "--trials", "3", "--json", Receipts);
        Refused("data/kiln-clay-receipts.csv", message, "audit", h, "--trials", "3", "--json", Receipts);
        Refused("data/kiln-clay-receipts.csv", message, "sweep", h, "--vary", "strategies.uniform-buffer.service_level=0.9..0.95:0.05", "--trials", "3", "--report", Receipts);
        Refused("data/kiln-clay-receipts.csv", message, "optimize", h, "--strategy", "uniform-buffer", "--param", "service_level", "--range", "0.9..0.95:0.05", "--trials", "3", "--json", Receipts);
        Refused("data/kiln-clay-receipts.csv", message, "run", h, "--trials", "4", "--shard", "1/2", "--out", Receipts);
    }

    [Fact]
    public void Fit_and_segment_refuse_to_write_over_their_history()
    {
        var demand = PathOf("data/kiln-clay-demand.csv");
        Refused("data/kiln-clay-demand.csv", "--out: '" + demand + "' is one of the history files given", "fit", demand, Receipts, "--out", demand);
        Refused("data/kiln-clay-receipts.csv", "--out: '" + Receipts + "' is one of the history files given", "fit", demand, Receipts, "--out", Receipts);
        Refused("data/kiln-clay-demand.csv", "is one of the history files given", "segment", demand, "--scenario", Scenario, "--out", demand);
    }

    [Fact]
    public void Merge_refuses_an_output_that_is_a_shard_or_the_scenario()
    {
        Assert.Equal(0, CliRunner.Run("run", Scenario, "--trials", "4", "--shard", "0/2", "--out", PathOf("p0"), "-q").ExitCode);
        Assert.Equal(0, CliRunner.Run("run", Scenario, "--trials", "4", "--shard", "1/2", "--out", PathOf("p1"), "-q").ExitCode);
        Refused("p1", "--json: '" + PathOf("p1") + "' is a shard file being merged", "merge", PathOf("p0"), PathOf("p1"), "--json", PathOf("p1"));
        Refused("p0", "--csv: '" + PathOf("p0") + "' is a shard file being merged", "merge", PathOf("p0"), PathOf("p1"), "--csv", PathOf("p0"));

        // Merge reloads the scenario the shards ran, so it may not write over it either.
        Refused("s.yaml", $"--report: '{Scenario}' is the scenario file", "merge", PathOf("p0"), PathOf("p1"), "--report", Scenario);
    }

    [Fact]
    public void Rerun_refuses_to_write_the_new_result_over_the_results_file()
    {
        var results = PathOf("r.json");
        Assert.Equal(0, CliRunner.Run("run", Scenario, "--trials", "3", "--json", results, "-q").ExitCode);
        Refused("r.json", $"--json: '{results}' is the results file being rerun, an input of this run", "rerun", results, "--json", results);
        Refused("r.json", "--json: rerun compares the new result", "rerun", results, "--json", "-");
    }

    [Fact]
    public void Two_outputs_with_one_path_are_refused()
    {
        var x = PathOf("x");
        var outcome = CliRunner.Run("run", Scenario, "--trials", "3", "--json", x, "--csv", Path.Combine(_dir, ".", "x"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"--csv: '{Path.Combine(_dir, ".", "x")}' is also the --json file; give each output its own path", outcome.Stderr);
        Assert.False(File.Exists(x));
    }

    [Fact]
    public void Devices_pipes_and_folders_are_refused_as_outputs_and_left_alone()
    {
        var fifo = PathOf("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        // Not /dev/null here: on a FlowSim without this check, run as root, the test itself would replace it (OutputSetTests only asks about it).
        foreach (var (target, message) in new[]
        {
            (fifo, $"--json: '{fifo}' is a device, pipe or socket, not a regular file"),
            (PathOf("data"), $"--json: '{PathOf("data")}' is a folder; give a file path"),
        })
        {
            var outcome = CliRunner.Run("run", Scenario, "--trials", "3", "--json", target);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains(message, outcome.Stderr);
        }

        Assert.Equal(2, CliRunner.Run("fit", PathOf("data/kiln-clay-demand.csv"), "--out", fifo).ExitCode);
        Assert.Equal(FlowSim.Reports.FileKind.Special, FlowSim.Reports.FileIdentity.Stat("/dev/null").Kind);
        Assert.Equal(["data", "h.yaml", "pipe", "s.yaml"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dash_writes_that_output_to_stdout_in_place_of_the_table()
    {
        var file = PathOf("r.json");
        var toFile = CliRunner.Run("run", Scenario, "--trials", "3", "--json", file);
        var toStdout = CliRunner.Run("run", Scenario, "--trials", "3", "--json", "-");
        Assert.Equal(0, toStdout.ExitCode);
        Assert.Equal(File.ReadAllText(file), toStdout.Stdout);
        Assert.Contains("3 trials x 4 strategies", toStdout.Stderr);
        Assert.NotEqual(toFile.Stdout, toStdout.Stdout);

        var csv = CliRunner.Run("run", Scenario, "--trials", "3", "--csv", "-", "--json", file);
        // On stdout there is no room for a sidecar: the header comes first, and --json keeps the provenance.
        Assert.StartsWith("trial,strategy,", csv.Stdout);
        Assert.False(File.Exists("-.provenance.json"));

        var fit = CliRunner.Run("fit", PathOf("data/kiln-clay-demand.csv"), "--out", "-");
        Assert.Equal(CliRunner.Run("fit", PathOf("data/kiln-clay-demand.csv")).Stdout, fit.Stdout);
    }

    [Fact]
    public void At_most_one_output_may_be_stdout_and_format_may_not_compete_with_it()
    {
        var two = CliRunner.Run("run", Scenario, "--trials", "3", "--json", "-", "--report", "-");
        Assert.Equal(2, two.ExitCode);
        Assert.Contains("--report: '-' (stdout) is already taken by --json; at most one output can go to stdout", two.Stderr);

        var format = CliRunner.Run("run", Scenario, "--trials", "3", "--csv", "-", "--format", "json");
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("--format json prints to stdout, which an output given as '-' already fills", format.Stderr);
    }

    [Fact]
    public void A_shard_file_written_to_stdout_is_the_same_bytes_as_one_written_to_a_file()
    {
        using var child = ChildProcess.Start(_dir, "run", Scenario, "--trials", "4", "--shard", "0/2", "--out", "-", "-q");
        var piped = child.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.NotNull(piped);
        Assert.Equal(0, piped.Value.ExitCode);
        Assert.Equal(0, CliRunner.Run("run", Scenario, "--trials", "4", "--shard", "0/2", "--out", PathOf("p0"), "-q").ExitCode);
        Assert.Equal(File.ReadAllText(PathOf("p0")), piped.Value.Stdout);
    }

    [Fact]
    public void Init_never_writes_through_or_replaces_a_symlink()
    {
        var elsewhere = PathOf("elsewhere.yaml");
        File.CreateSymbolicLink(PathOf("planted.yaml"), elsewhere);
        var outcome = CliRunner.Run("init", PathOf("planted"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("planted.yaml already exists; nothing was written", outcome.Stderr);
        Assert.Equal(elsewhere, new FileInfo(PathOf("planted.yaml")).LinkTarget);
        Assert.False(File.Exists(elsewhere));
    }
}
