using System.Globalization;
using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Cli;

/// <summary>What <c>flowsim run</c> prints with <c>--format</c> and <c>--quiet</c>, and how it refuses bad output options.</summary>
public class OutputOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Quickstart => RepoFiles.Path("scenarios/quickstart.yaml");

    [Fact]
    public void Format_json_prints_the_document_json_writes()
    {
        var file = Path.Combine(_dir, "r.json");
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "12", "--format", "json", "--json", file);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(File.ReadAllText(file), outcome.Stdout);
    }

    [Fact]
    public void Format_csv_prints_one_row_per_strategy_and_metric_with_the_json_numbers()
    {
        var file = Path.Combine(_dir, "r.json");
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "12", "--format", "csv", "--json", file);
        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("strategy,metric,mean,std,ci95_low,ci95_high,p5,p50,p95,n", lines[0]);
        Assert.Equal(1 + (4 * Metrics.Count), lines.Length);

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var hybrid = doc.RootElement.GetProperty("strategies")[3].GetProperty("metrics").GetProperty("total_cost");
        var row = lines.Single(l => l.StartsWith("hybrid,total_cost,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(hybrid.GetProperty("mean").GetDouble(), double.Parse(row[2], CultureInfo.InvariantCulture));
        Assert.Equal(hybrid.GetProperty("ci95")[0].GetDouble(), double.Parse(row[4], CultureInfo.InvariantCulture));
        Assert.Equal(hybrid.GetProperty("p95").GetDouble(), double.Parse(row[8], CultureInfo.InvariantCulture));
        Assert.Equal("12", row[9]);
    }

    [Fact]
    public void Format_csv_leaves_undefined_numbers_empty()
    {
        // The quickstart has no disruptions: time to survive is undefined in every trial.
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "5", "--format", "csv");
        Assert.Contains("buffer,time_to_survive_days,,,,,,,,0", outcome.Stdout.Split('\n'));
    }

    [Fact]
    public void Quiet_silences_stderr_only_and_still_writes_the_files()
    {
        var file = Path.Combine(_dir, "r.json");
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "5", "--quiet", "--json", file);
        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Stderr));
        Assert.Contains("buffer", outcome.Stdout);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void Quiet_still_prints_errors()
    {
        var outcome = CliRunner.Run("run", Path.Combine(_dir, "missing.yaml"), "--quiet");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("missing.yaml", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void An_unknown_format_is_refused_with_exit_code_2()
    {
        var outcome = CliRunner.Run("run", Quickstart, "--format", "xml");
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("flowsim: --format must be table, json or csv, got 'xml'\n", outcome.Stderr.ReplaceLineEndings("\n"));
        Assert.Contains("did you mean 'table'?", CliRunner.Run("run", Quickstart, "--format", "tabel").Stderr);
    }

    [Fact]
    public void A_report_into_a_missing_folder_is_refused_before_simulating()
    {
        var report = Path.Combine(_dir, "no-such-folder", "r.html");
        var outcome = CliRunner.Run("run", Quickstart, "--report", report);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--report: folder", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void Report_and_format_never_change_the_recorded_command()
    {
        var a = Path.Combine(_dir, "a.json");
        var b = Path.Combine(_dir, "b.json");
        CliRunner.Run("run", Quickstart, "--trials", "4", "--json", a);
        CliRunner.Run("run", Quickstart, "--trials", "4", "--json", b, "--report", Path.Combine(_dir, "r.html"), "--format", "csv", "--quiet");
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
    }

    [Fact]
    public void Format_csv_matches_the_expected_output()
    {
        var file = Path.Combine(_dir, "small.yaml");
        File.WriteAllText(file, TestScenarios.SingleItem(horizon: "60d", trials: 8, strategies: """
              - name: buffer
                policy: buffer
                order_up_to: 25
              - name: "lean, cheap"
                policy: buffer
                order_up_to: 12
            """));
        var outcome = CliRunner.Run("run", file, "--format", "csv", "--threads", "2");
        Assert.Equal(0, outcome.ExitCode);

        // The header is the first line: no provenance (with the temporary folder's path) before it.
        ExpectedFile.Check("Cli/Expected/small-summary.csv", outcome.Stdout);
    }
}
