using System.Globalization;
using System.Text.Json;

namespace FlowSim.Tests.Cli;

/// <summary>
/// <c>flowsim optimize</c> says whether its answer meets the target with 95% confidence or on
/// average only, and says so when the setting it tunes changes nothing.
/// </summary>
public sealed class OptimizeVerdictTests
{
    private static readonly string Quickstart = RepoFiles.Path("scenarios/quickstart.yaml");

    private static string[] Args(string target) =>
        ["optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "85%..97%:4%", "--target", target, "--trials", "8", "--seed", "5", "-q"];

    [Fact]
    public void A_target_the_best_values_whole_confidence_interval_clears_is_met_with_95_percent_confidence()
    {
        var run = CliRunner.Run(Args("fill_rate>=0.5"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("The target is met with 95% confidence", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_inside_the_best_values_confidence_interval_is_met_on_average_only()
    {
        // The best value's fill rate, then a target half its CI below the mean: still met on
        // average (the same value stays best), but its CI reaches below the target.
        var json = CliRunner.Run([.. Args("fill_rate>=0.5"), "--format", "json"]);
        using var doc = JsonDocument.Parse(json.Stdout);
        var best = doc.RootElement.GetProperty("best").GetString();
        var candidate = doc.RootElement.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("value").GetString() == best);
        var fill = candidate.GetProperty("fill_rate");
        var (mean, low) = (fill.GetProperty("mean").GetDouble(), fill.GetProperty("ci95")[0].GetDouble());
        var threshold = (mean - ((mean - low) / 2)).ToString("R", CultureInfo.InvariantCulture);

        var run = CliRunner.Run(Args($"fill_rate>={threshold}"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("The target is met on average only", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("changes nothing", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Tuning_a_setting_every_item_overrides_is_called_out()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-optimize-");
        try
        {
            // The strategy's service level sizes nothing: the only item gives its own safety stock.
            var yaml = TestScenarios.SingleItem(trials: 6, strategies: "  - name: buffer\n    policy: buffer\n    service_level: 95%\n    items:\n      widget: { safety_stock: 10 }\n");
            var file = Path.Combine(dir.FullName, "overridden.yaml");
            File.WriteAllText(file, yaml);
            var run = CliRunner.Run("optimize", file, "--strategy", "buffer", "--param", "service_level", "--range", "80%..95%:5%", "-q");
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("strategies.buffer.service_level changes nothing for buffer", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
