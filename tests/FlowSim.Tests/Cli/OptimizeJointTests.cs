using System.Text.Json;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim optimize</c> with several <c>--param</c>/<c>--range</c> pairs: one joint search, its files, and its argument errors.</summary>
public sealed class OptimizeJointTests
{
    private static readonly string Quickstart = RepoFiles.Path("scenarios/quickstart.yaml");

    [Fact]
    public void Each_param_needs_its_range()
    {
        var run = CliRunner.Run("optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "85%..95%:5%", "--param", "order_up_to");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--param and --range come in pairs: got 2 --param and 1 --range", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_param_twice_is_refused_rather_than_searched_as_two_settings()
    {
        var run = CliRunner.Run("optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "85%..95%:5%",
            "--param", "service_level", "--range", "80%..90%:5%", "--trials", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--param service_level is given 2 times; search each setting once", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void One_setting_named_by_id_and_by_position_is_refused_as_the_same_param()
    {
        // kiln is the quickstart's first supplier.
        var run = CliRunner.Run("optimize", Quickstart, "--strategy", "buffer", "--param", "suppliers.kiln.lead_time.max", "--range", "14w..16w:2w",
            "--param", "suppliers[0].lead_time.max", "--range", "13w..15w:2w", "--trials", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--range suppliers[0].lead_time.max and --range suppliers.kiln.lead_time.max name the same setting (suppliers[0].lead_time.max)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Two_settings_give_an_answer_per_setting_in_the_console_and_the_json()
    {
        string[] args = ["optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "85%..95%:5%",
            "--param", "suppliers.kiln.lead_time.max", "--range", "14w..16w:2w", "--target", "fill_rate>=0.5", "--trials", "4", "--seed", "5", "-q"];
        var table = CliRunner.Run(args);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("2 settings searched jointly by every combination of the grids; 6 combinations", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("  strategies.buffer.service_level: ", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("  suppliers.kiln.lead_time.max: ", table.Stdout, StringComparison.Ordinal);

        var json = CliRunner.Run([.. args, "--format", "json"]);
        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["strategies.buffer.service_level", "suppliers.kiln.lead_time.max"], root.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("full-grid", root.GetProperty("search").GetString());
        Assert.Equal(6, root.GetProperty("candidates").GetArrayLength());
        var best = root.GetProperty("best");
        var settings = root.GetProperty("settings").EnumerateArray().ToArray();
        Assert.Equal(2, settings.Length);
        Assert.All(settings, s => Assert.Equal(best.GetProperty(s.GetProperty("parameter").GetString()!).GetString(), s.GetProperty("best").GetString()));
        Assert.All(root.GetProperty("plausible").EnumerateArray(), p => Assert.Equal(2, p.EnumerateObject().Count()));
        Assert.False(root.TryGetProperty("parameter", out _), "several settings are listed under parameters");
    }

    [Fact]
    public void A_setting_that_changes_nothing_is_called_out_by_name()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-optimize-joint-");
        try
        {
            // The strategy's service level sizes nothing: the only item gives its own safety stock.
            var yaml = TestScenarios.SingleItem(trials: 4, strategies: "  - name: buffer\n    policy: buffer\n    service_level: 95%\n    items:\n      widget: { safety_stock: 10 }\n");
            var file = Path.Combine(dir.FullName, "overridden.yaml");
            File.WriteAllText(file, yaml);
            var run = CliRunner.Run("optimize", file, "--strategy", "buffer", "--param", "service_level", "--range", "80%..95%:5%",
                "--param", "items.widget.safety_stock", "--range", "5..15:5", "-q");
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("every value of strategies.buffer.service_level gave the same results", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("every value of strategies.buffer.items.widget.safety_stock gave", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
