using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Golden;

/// <summary>
/// The results of every bundled and benchmark scenario, and of sweep, optimize and audit on two of
/// them, byte for byte as recorded in Golden/Expected. A change to how the code is arranged must not
/// change a single result; a change that means to change results updates these files
/// (FLOWSIM_UPDATE_EXPECTED=1) and says why in its commit.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public class GoldenOutputTests
{
    public static TheoryData<string> ScenarioFiles() => new(RepoFiles.Scenarios());

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Run_results_are_unchanged(string scenario)
    {
        var path = RepoFiles.Path(scenario);
        var name = Path.GetFileNameWithoutExtension(scenario);
        // A few trials keep the large network and the 300 attributed disruptions quick; every other
        // scenario runs enough to touch its rare paths.
        var trials = name is "large-network" or "many-disruptions" ? "3" : "24";
        var disrupted = File.ReadAllText(path).Contains("\ndisruptions:", StringComparison.Ordinal);
        string[] extra = disrupted ? ["--attribute"] : [];
        var (json, csv) = RunWithFiles(["run", path, "--trials", trials, "--seed", "11", "--threads", "2", .. extra]);

        ExpectedFile.Check($"Golden/Expected/{name}.json", json);
        ExpectedFile.Check($"Golden/Expected/{name}.csv", csv);
    }

    [Theory]
    [InlineData("quickstart", "suppliers.kiln.lead_time.max=12w..16w:2w")]
    [InlineData("port-closure", "strategies.lean.service_level=85%..95%:5%")]
    public void Sweep_results_are_unchanged(string name, string vary)
    {
        var (json, csv) = RunWithFiles(["sweep", Scenario(name), "--vary", vary, "--trials", "12", "--seed", "5", "--threads", "2"]);
        ExpectedFile.Check($"Golden/Expected/sweep-{name}.json", json);
        ExpectedFile.Check($"Golden/Expected/sweep-{name}.csv", csv);
    }

    [Theory]
    [InlineData("quickstart", "buffer", "service_level", "85%..97%:4%")]
    [InlineData("port-closure", "lean", "service_level", "85%..95%:5%")]
    public void Optimize_results_are_unchanged(string name, string strategy, string param, string range)
    {
        var (json, csv) = RunWithFiles(["optimize", Scenario(name), "--strategy", strategy, "--param", param, "--range", range, "--target", "fill_rate>=0.9", "--trials", "12", "--seed", "5", "--threads", "2"]);
        ExpectedFile.Check($"Golden/Expected/optimize-{name}.json", json);
        ExpectedFile.Check($"Golden/Expected/optimize-{name}.csv", csv);
    }

    [Theory]
    [InlineData("quickstart")]
    [InlineData("port-closure")]
    public void Audit_results_are_unchanged(string name)
    {
        var json = RunJson(["audit", Scenario(name), "--durations", "2w,6w", "--trials", "6", "--seed", "5", "--threads", "2"]);
        ExpectedFile.Check($"Golden/Expected/audit-{name}.json", json);
    }

    private static string Scenario(string name) => RepoFiles.Path($"scenarios/{name}.yaml");

    private static (string Json, string Csv) RunWithFiles(string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-golden-");
        try
        {
            var json = Path.Combine(dir.FullName, "out.json");
            var csv = Path.Combine(dir.FullName, "out.csv");
            var outcome = CliRunner.Run([.. args, "--json", json, "--csv", csv, "--quiet"]);
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
            return (Portable(File.ReadAllText(json)), Portable(File.ReadAllText(csv)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string RunJson(string[] args)
    {
        var outcome = CliRunner.Run([.. args, "--json", "-", "--quiet"]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        return Portable(outcome.Stdout);
    }

    // The scenario's absolute path differs between clones; everything else must match exactly.
    private static string Portable(string text) => text.Replace(RepoFiles.Root, "<repo>", StringComparison.Ordinal).ReplaceLineEndings("\n");
}
