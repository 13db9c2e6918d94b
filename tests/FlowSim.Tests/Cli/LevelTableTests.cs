namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim run --by</c>: results per item, location or item-location, worst first.</summary>
public class LevelTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-by-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Three items from one supplier: "thin" is stocked far below its demand over the lead time.
    private string Scenario()
    {
        var path = Path.Combine(_dir, "three-items.yaml");
        File.WriteAllText(path, """
            name: three items
            horizon: 200d
            trials: 6
            seed: 4
            items:
              - { id: ample, unit_cost: 5, price: 9 }
              - { id: thin, unit_cost: 5, price: 9 }
              - { id: steady, unit_cost: 5, price: 9 }
            suppliers:
              - { id: vendor, lead_time: 5d }
            stock_points:
              - id: shop
            lanes:
              - { from: vendor, to: shop }
            demand:
              - { item: ample, at: shop, daily: { dist: poisson, mean: 4/day } }
              - { item: thin, at: shop, daily: { dist: poisson, mean: 4/day } }
              - { item: steady, at: shop, daily: { dist: poisson, mean: 4/day } }
            strategies:
              - name: buffer
                policy: buffer
                rule: base-stock
                service_level: 99%
                items:
                  thin: { order_up_to: 12 }
            """);
        return path;
    }

    [Fact]
    public void The_under_served_item_comes_first_by_item()
    {
        var outcome = CliRunner.Run(["run", Scenario(), "--by", "item", "-q"]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var rows = outcome.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("ample") || l.StartsWith("thin") || l.StartsWith("steady")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("thin", rows[0]);
    }

    [Fact]
    public void The_default_table_ends_with_the_item_locations_of_lowest_fill_rate()
    {
        var outcome = CliRunner.Run(["run", Scenario(), "-q"]);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var at = outcome.Stdout.IndexOf("item-locations with the lowest fill rate", StringComparison.Ordinal);
        Assert.True(at > 0, outcome.Stdout);
        var after = outcome.Stdout[at..].Split('\n').Select(l => l.Trim()).First(l => l.Contains("@shop"));
        Assert.StartsWith("thin@shop", after);
    }

    [Fact]
    public void Sort_by_an_unknown_metric_is_refused_with_the_nearest_key()
    {
        var outcome = CliRunner.Run(["run", Scenario(), "--by", "item", "--sort", "holding_cots"]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("holding_cost", outcome.Stderr);
    }

    [Fact]
    public void An_unknown_level_is_refused()
    {
        var outcome = CliRunner.Run(["run", Scenario(), "--by", "region"]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("item, location, item-location, supplier, lane", outcome.Stderr);
    }

    [Fact]
    public void By_lane_puts_the_closed_lane_first_with_its_availability()
    {
        // Port closure: the overseas lane is shut 21 of 295 measured days; every other lane stays open.
        var outcome = CliRunner.Run(new Dictionary<string, string> { ["COLUMNS"] = "120" }, "run", RepoFiles.Path("scenarios/port-closure.yaml"), "--trials", "4", "--by", "lane", "-q");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var rows = outcome.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("->")).ToList();
        Assert.Equal("overseas-motors->plant", rows[0].Split(' ')[0]);
        Assert.Contains($"{100 * (1 - (21.0 / 295)):F1}%", rows[0]);
        Assert.Contains("per lane, worst first by availability, then delayed_share", outcome.Stdout);
    }

    [Fact]
    public void By_supplier_sorts_by_a_supply_metric_and_refuses_an_item_metric()
    {
        var ok = CliRunner.Run(["run", RepoFiles.Path("scenarios/port-closure.yaml"), "--trials", "4", "--by", "supplier", "--sort", "delayed_share", "-q"]);
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        var first = ok.Stdout.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("overseas-motors", StringComparison.Ordinal) || l.StartsWith("nearshore-motors", StringComparison.Ordinal));
        Assert.StartsWith("overseas-motors", first);

        var refused = CliRunner.Run(["run", RepoFiles.Path("scenarios/port-closure.yaml"), "--by", "supplier", "--sort", "fill_rate"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--sort fill_rate: not a supplier and lane metric", refused.Stderr);
    }
}

/// <summary><c>--percentiles item-locations</c>: percentiles per item-location, the means untouched.</summary>
public class ItemLocationPercentileTests
{
    [Fact]
    public void Percentiles_appear_per_item_location_only_when_asked_and_change_no_mean()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-pct-").FullName;
        try
        {
            var plain = Path.Combine(dir, "plain.json");
            var with = Path.Combine(dir, "with.json");
            var scenario = RepoFiles.Path("scenarios/quickstart.yaml");
            Assert.Equal(0, CliRunner.Run(["run", scenario, "--trials", "8", "--json", plain, "-q"]).ExitCode);
            Assert.Equal(0, CliRunner.Run(["run", scenario, "--trials", "8", "--json", with, "-q", "--percentiles", "item-locations"]).ExitCode);
            using var a = System.Text.Json.JsonDocument.Parse(File.ReadAllText(plain));
            using var b = System.Text.Json.JsonDocument.Parse(File.ReadAllText(with));
            var ilA = a.RootElement.GetProperty("strategies")[0].GetProperty("item_locations")[0].GetProperty("metrics");
            var ilB = b.RootElement.GetProperty("strategies")[0].GetProperty("item_locations")[0].GetProperty("metrics");
            Assert.False(ilA.GetProperty("avg_on_hand_units").TryGetProperty("p50", out _));
            var onHand = ilB.GetProperty("avg_on_hand_units");
            Assert.Equal(ilA.GetProperty("avg_on_hand_units").GetProperty("mean").GetDouble(), onHand.GetProperty("mean").GetDouble());
            Assert.InRange(onHand.GetProperty("p50").GetDouble(), onHand.GetProperty("p5").GetDouble(), onHand.GetProperty("p95").GetDouble());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Another_level_is_refused_with_exit_2()
    {
        var outcome = CliRunner.Run(["run", RepoFiles.Path("scenarios/quickstart.yaml"), "--percentiles", "items"]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--percentiles items: expected item-locations", outcome.Stderr);
    }
}

/// <summary>The console shows money and flows per year, labelled, as the verdicts under it do.</summary>
public class PerYearTableTests
{
    [Fact]
    public void Total_cost_in_the_table_is_the_json_total_per_year()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-peryear-").FullName;
        try
        {
            var json = Path.Combine(dir, "r.json");
            var outcome = CliRunner.Run(["run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "6", "--json", json, "-q"]);
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
            var strategy = doc.RootElement.GetProperty("strategies")[0];
            var total = strategy.GetProperty("metrics").GetProperty("total_cost");
            var perYear = total.GetProperty("per_year").GetProperty("mean").GetDouble();
            var days = doc.RootElement.GetProperty("scenario").GetProperty("measured_days").GetDouble();
            Assert.Equal(total.GetProperty("mean").GetDouble() * 365 / days, perYear, 6);

            var row = outcome.Stdout.Split('\n').First(l => l.TrimStart().StartsWith("Total cost /yr", StringComparison.Ordinal));
            // The first strategy's cell: its mean, rounded to what its interval supports.
            var cell = System.Text.RegularExpressions.Regex.Match(row["Total cost /yr".Length..], @"-?[\d,]+(\.\d+)?").Value;
            var shown = double.Parse(cell.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(shown, (perYear * 0.99) - 1, (perYear * 1.01) + 1);
            Assert.Contains("money and flows per year", outcome.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>The JSON gives each item-location's policy as numbers beside its summary line.</summary>
public class ItemLocationJsonTests
{
    [Fact]
    public void Item_locations_carry_their_policy_numbers_and_metrics()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-iljson-").FullName;
        try
        {
            var json = Path.Combine(dir, "r.json");
            var outcome = CliRunner.Run(["run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "4", "--json", json, "-q"]);
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
            var buffer = doc.RootElement.GetProperty("strategies").EnumerateArray().First(s => s.GetProperty("name").GetString() == "buffer");
            var locations = buffer.GetProperty("item_locations").EnumerateArray().ToList();
            Assert.NotEmpty(locations);
            foreach (var il in locations)
            {
                var policy = il.GetProperty("policy");
                Assert.Equal("buffer", policy.GetProperty("family").GetString());

                // What the policy holds: its trigger level (s, or S without one) minus the demand it protects against.
                var level = policy.TryGetProperty("reorder_point", out var s) ? s.GetDouble() : policy.GetProperty("order_up_to").GetDouble();
                var expected = policy.GetProperty("expected_protection_demand").GetDouble();
                Assert.InRange(policy.GetProperty("safety_stock").GetDouble(), level - expected - 1, level - expected + 1);
                Assert.True(il.GetProperty("metrics").GetProperty("fill_rate").GetProperty("mean").GetDouble() is >= 0 and <= 1);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
