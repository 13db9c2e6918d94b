namespace FlowSim.Tests.Cli;

/// <summary>The <c>flowsim run</c> command on the bundled quickstart.</summary>
public class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Quickstart => RepoFiles.Path("scenarios/quickstart.yaml");

    private string Json(string name, params string[] extra)
    {
        var path = Path.Combine(_dir, name);
        var outcome = CliRunner.Run(["run", Quickstart, "--trials", "24", "--json", path, .. extra]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        return File.ReadAllText(path);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_json_on_one_and_two_threads()
    {
        Assert.Equal(Json("one.json", "--threads", "1"), Json("two.json", "--threads", "2"));
    }

    [Fact]
    public void Another_seed_gives_different_json()
    {
        Assert.NotEqual(Json("a.json", "--seed", "1"), Json("b.json", "--seed", "2"));
    }

    [Fact]
    public void Json_follows_the_contract()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Json("c.json", "--seed", "5"));
        var root = doc.RootElement;
        Assert.Equal(FlowSim.Reports.Provenance.Version, root.GetProperty("flowsim_version").GetString());
        Assert.Equal(64, root.GetProperty("scenario").GetProperty("sha256").GetString()!.Length);
        Assert.Equal(5UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(24, root.GetProperty("trials").GetInt32());
        var names = root.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["buffer", "demand-responsive", "speculative", "hybrid"], names);
        string[] keys = ["fill_rate", "cycle_service_level", "avg_on_hand_units", "avg_inventory_value", "stockout_days", "backordered_units",
            "lost_units", "purchase_cost", "holding_cost", "ordering_cost", "shortage_cost", "total_cost"];
        foreach (var strategy in root.GetProperty("strategies").EnumerateArray())
        {
            var metrics = strategy.GetProperty("metrics");
            foreach (var key in keys)
            {
                var m = metrics.GetProperty(key);
                var ci = m.GetProperty("ci95").EnumerateArray().Select(x => x.GetDouble()).ToArray();
                var mean = m.GetProperty("mean").GetDouble();
                Assert.True(ci[0] <= mean && mean <= ci[1], $"{key}: mean {mean} outside its CI");
                Assert.True(m.GetProperty("p5").GetDouble() <= m.GetProperty("p50").GetDouble());
                Assert.True(m.GetProperty("p50").GetDouble() <= m.GetProperty("p95").GetDouble());
                Assert.True(m.GetProperty("std").GetDouble() >= 0);
            }
        }
    }

    [Fact]
    public void Json_of_a_network_has_stock_points_disruptions_and_the_resilience_metrics()
    {
        var path = Path.Combine(_dir, "net.json");
        var outcome = CliRunner.Run("run", RepoFiles.Path("scenarios/port-closure.yaml"), "--trials", "12", "--json", path);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        foreach (var strategy in doc.RootElement.GetProperty("strategies").EnumerateArray())
        {
            var metrics = strategy.GetProperty("metrics");
            foreach (var key in new[] { "time_to_survive_days", "time_to_recover_days", "expedited_units", "scrapped_units", "expired_units", "returned_units" })
            {
                Assert.True(metrics.TryGetProperty(key, out _), key);
            }

            var stockPoints = strategy.GetProperty("stock_points").EnumerateArray().ToList();
            Assert.Equal(7, stockPoints.Count);
            Assert.Equal("plant", stockPoints[0].GetProperty("id").GetString());
            foreach (var sp in stockPoints)
            {
                foreach (var key in new[] { "fill_rate", "avg_on_hand_units", "avg_in_transit_units", "stockout_days", "bullwhip_ratio" })
                {
                    Assert.True(sp.GetProperty(key).TryGetProperty("mean", out _), key);
                }
            }

            var strike = Assert.Single(strategy.GetProperty("disruptions").EnumerateArray());
            Assert.Equal("port-strike", strike.GetProperty("id").GetString());
            Assert.Equal(1, strike.GetProperty("occurrences").GetProperty("mean").GetDouble());
        }
    }

    [Fact]
    public void Prints_a_table_and_a_timing_line()
    {
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "8");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Fill rate (type 2)", outcome.Stdout);
        Assert.Contains("Total cost VaR95 (P95)", outcome.Stdout);
        Assert.Matches(@"8 trials x 4 strategies, [\d,]+ events in [\d.]+ s \([\d,]+ events/s\)", outcome.Stderr.Trim().Split('\n')[^1]);
    }
}
