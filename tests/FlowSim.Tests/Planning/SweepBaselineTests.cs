using System.Collections.Immutable;
using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;

namespace FlowSim.Tests.Planning;

/// <summary>Sweep points and audited outages compared with a named baseline, trial by trial.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SweepBaselineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-baseline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Single-stage base-stock with Poisson demand and backorders; the buffer strategy holds S = 15 in the file.</summary>
    private string BaseStock(int trials)
    {
        var path = Path.Combine(_dir, "base-stock.yaml");
        File.WriteAllText(path, $$"""
            name: base stock
            horizon: 400d
            warmup: 30d
            trials: {{trials}}
            seed: 7
            items:
              - { id: widget, unit_cost: 100, price: 150, holding_rate: 36.5%/year }
            suppliers:
              - { id: vendor, lead_time: { dist: uniform, min: 2d, max: 6d } }
            stock_points:
              - id: shop
            lanes:
              - { from: vendor, to: shop }
            demand:
              - { item: widget, at: shop, daily: { dist: poisson, mean: 5/day } }
            costs:
              backorder_penalty: 0.9/day
            strategies:
              - { name: buffer, policy: buffer, rule: base-stock, order_up_to: 15 }
              - { name: other, policy: buffer, rule: base-stock, order_up_to: 40 }
            """);
        return path;
    }

    private static ImmutableArray<SweepAxis> OrderUpTo(string range) =>
        [new SweepAxis("strategies.buffer.order_up_to", ParameterRange.TryParse(range, 0, out _)!)];

    [Fact]
    public void The_baseline_is_the_scenarios_own_setting_when_swept_else_the_first_point_or_the_one_named()
    {
        var path = BaseStock(4);
        var own = Sweep.Plan(path, OrderUpTo("10..20:5"), []);
        Assert.Equal(1, own.Baseline.Point);
        Assert.Equal([SweepBaselineSource.Scenario], own.Baseline.Sources.ToArray());

        var notSwept = Sweep.Plan(path, OrderUpTo("20..30:5"), []);
        Assert.Equal(0, notSwept.Baseline.Point);
        Assert.Equal([SweepBaselineSource.FirstValue], notSwept.Baseline.Sources.ToArray());

        // A --set of the swept setting is the scenario's own value, as it is when the scenario loads.
        var set = Sweep.Plan(path, OrderUpTo("10..20:5"), [new FlowSim.Scenarios.ScenarioOverride("strategies.buffer.order_up_to", "20")]);
        Assert.Equal(2, set.Baseline.Point);

        var named = Sweep.Plan(path, OrderUpTo("10..20:5"), [], ["20"]);
        Assert.True(named.IsValid);
        Assert.Equal(2, named.Baseline.Point);
        Assert.Equal([SweepBaselineSource.Chosen], named.Baseline.Sources.ToArray());

        var missing = Sweep.Plan(path, OrderUpTo("10..20:5"), [], ["12"]);
        Assert.False(missing.IsValid);
        Assert.Contains(missing.Findings, f => f.Message == "--baseline 12: not one of the values of strategies.buffer.order_up_to (10, 15, 20)");
    }

    [Theory]
    [InlineData("95%", "0.95", true)]
    [InlineData("8w", "56d", true)]
    [InlineData("15", "15.0", true)]
    [InlineData("0.9", "0.95", false)]
    [InlineData("8w", "8d", false)]
    public void A_baseline_value_matches_a_swept_value_written_in_another_unit(string a, string b, bool same) =>
        Assert.Equal(same, SweepBaselines.Same(a, b));

    [Fact]
    public void Paired_differences_are_the_mean_of_per_trial_differences_and_narrower_than_unpaired_intervals_on_common_random_numbers()
    {
        var plan = Sweep.Plan(BaseStock(80), OrderUpTo("15..25:10"), []);
        var sweep = Sweep.Run(plan, new RunOptions(Threads: 2));
        Assert.Equal(0, sweep.Baseline.Point);
        var at25 = sweep.Points[1].Result.Strategies[0];
        var at15 = sweep.Points[0].Result.Strategies[0];
        var a = at25.Values(Metric.TotalCost).ToArray();
        var b = at15.Values(Metric.TotalCost).ToArray();
        var d = sweep.VsBaseline(1, 0).TotalCost;

        var byHand = a.Zip(b, (x, y) => x - y).Average();
        Assert.Equal(byHand, d.Mean, 1e-9 * Math.Abs(byHand));
        Assert.Equal(a.Average() - b.Average(), d.Mean, 1e-9 * Math.Abs(byHand));

        // Common random numbers: both settings met the same demand and lead times in every trial, so
        // their costs rise and fall together and the per-trial differences spread far less than
        // either setting's costs. The paired interval is narrower than the unpaired (Welch) one.
        var n = a.Length;
        var unpaired = Statistics.StudentTQuantile(0.975, n - 1) * Math.Sqrt((Variance(a) / n) + (Variance(b) / n));
        Assert.True(Correlation(a, b) > 0.5, $"correlation {Correlation(a, b)}");
        Assert.True(d.HalfWidth < unpaired, $"paired ±{d.HalfWidth}, unpaired ±{unpaired}");
    }

    [Fact]
    public void The_baseline_points_own_difference_is_exactly_zero()
    {
        var sweep = Sweep.Run(Sweep.Plan(BaseStock(10), OrderUpTo("10..20:5"), []), new RunOptions(Threads: 1));
        for (var k = 0; k < 2; k++)
        {
            var d = sweep.VsBaseline(sweep.Baseline.Point, k);
            Assert.All(new[] { d.TotalCost, d.Profit, d.FillRate }, s =>
            {
                Assert.Equal(0, s.Mean);
                Assert.Equal(0, s.Ci95Low);
                Assert.Equal(0, s.Ci95High);
            });
        }

        // A strategy the setting does not touch runs exactly as at the baseline, at every point.
        Assert.All(Enumerable.Range(0, sweep.Points.Length), p => Assert.Equal(0, sweep.VsBaseline(p, 1).TotalCost.Mean));
    }

    [Fact]
    public void Sweep_files_and_table_name_the_baseline_and_give_every_point_its_paired_differences()
    {
        var scenario = BaseStock(8);
        var json = Path.Combine(_dir, "sweep.json");
        var csv = Path.Combine(_dir, "sweep.csv");
        var run = Cli.CliRunner.Run("sweep", scenario, "--vary", "strategies.buffer.order_up_to=10..20:5", "--json", json, "--csv", csv);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Baseline: strategies.buffer.order_up_to=15 (the scenario's own setting)", run.Stdout);
        Assert.Contains("Profit vs baseline", run.Stdout);

        var doc = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var baseline = doc.GetProperty("baseline");
        Assert.Equal(1, baseline.GetProperty("point").GetInt32());
        Assert.Equal("15", baseline.GetProperty("settings").GetProperty("strategies.buffer.order_up_to").GetString());
        Assert.Equal("scenario", baseline.GetProperty("source").GetProperty("strategies.buffer.order_up_to").GetString());
        var points = doc.GetProperty("points");
        Assert.Equal([false, true, false], points.EnumerateArray().Select(p => p.GetProperty("is_baseline").GetBoolean()).ToArray());
        foreach (var strategy in points.EnumerateArray().SelectMany(p => p.GetProperty("strategies").EnumerateArray()))
        {
            var vs = strategy.GetProperty("vs_baseline");
            foreach (var key in new[] { "total_cost_difference", "profit_difference", "fill_rate_difference" })
            {
                Assert.Equal(JsonValueKind.Number, vs.GetProperty(key).GetProperty("mean").ValueKind);
                Assert.Equal(2, vs.GetProperty(key).GetProperty("ci95").GetArrayLength());
            }
        }

        var lines = File.ReadAllLines(csv).Where(l => !l.StartsWith('#')).ToArray();
        var header = lines[0].Split(',');
        Assert.Contains("is_baseline", header);
        Assert.Contains("total_cost_difference_ci95_low", header);
        Assert.Contains("fill_rate_difference", header);

        var bad = Cli.CliRunner.Run("sweep", scenario, "--vary", "strategies.buffer.order_up_to=10..20:5", "--baseline", "12");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--baseline 12: not one of the values of strategies.buffer.order_up_to (10, 15, 20)", bad.Stderr);
    }

    [Fact]
    public void The_audit_compares_each_outage_with_the_undisrupted_baseline_and_its_page_names_each_nodes_kind()
    {
        var scenario = BaseStock(6);
        var json = Path.Combine(_dir, "audit.json");
        var html = Path.Combine(_dir, "audit.html");
        var run = Cli.CliRunner.Run("audit", scenario, "--durations", "2w", "--json", json, "--report", html);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Baseline: the scenario as it is, no audited outage", run.Stdout);
        Assert.Contains("Fill rate vs baseline", run.Stdout);

        var doc = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal("none", doc.GetProperty("baseline").GetProperty("outage").GetString());
        Assert.Equal(JsonValueKind.Number, doc.GetProperty("baseline").GetProperty("strategies")[0].GetProperty("metrics").GetProperty("total_cost").GetProperty("mean").ValueKind);
        foreach (var f in doc.GetProperty("nodes").EnumerateArray().SelectMany(n => n.GetProperty("outages")[0].GetProperty("strategies").EnumerateArray()))
        {
            var vs = f.GetProperty("vs_baseline");
            Assert.Equal(f.GetProperty("extra_cost").GetProperty("mean").GetDouble(), vs.GetProperty("total_cost_difference").GetProperty("mean").GetDouble());
            Assert.True(vs.TryGetProperty("profit_difference", out _));
            Assert.True(vs.TryGetProperty("fill_rate_difference", out _));
        }

        // The shop is both a stock point and its lane's end: the table says which row is which.
        var page = File.ReadAllText(html);
        Assert.Contains("<th>Kind</th>", page);
        Assert.Contains("<tr><td>shop</td><td class=\"kind\">stock point</td>", page);
        Assert.Contains("<tr><td>vendor</td><td class=\"kind\">supplier</td>", page);
        Assert.Contains("<tr><td>vendor-&gt;shop</td><td class=\"kind\">lane</td>", page);

        // Grouped horizontal bars draw a group's first trace lowest: the strategies go in last to first,
        // with the legend reversed, so bars and legend both read in scenario order from the top.
        Assert.True(page.IndexOf("\"name\":\"other\"", StringComparison.Ordinal) < page.IndexOf("\"name\":\"buffer\"", StringComparison.Ordinal));
        Assert.Contains("\"traceorder\":\"reversed\"", page);
    }

    [Fact]
    public void A_two_setting_sweep_page_has_a_heatmap_per_strategy_and_fill_rate_panels_and_no_legend_entry_for_the_frontier()
    {
        var path = BaseStock(4);
        ImmutableArray<SweepAxis> axes =
        [
            new SweepAxis("strategies.buffer.order_up_to", ParameterRange.TryParse("10..20:5", 0, out _)!),
            new SweepAxis("strategies.other.order_up_to", ParameterRange.TryParse("30..40:10", 0, out _)!),
        ];
        var sweep = Sweep.Run(Sweep.Plan(path, axes, []), new RunOptions(Threads: 1));
        using var stream = new MemoryStream();
        FlowSim.Reports.Html.PlanningReport.WriteSweep(sweep, stream);
        var page = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.All(new[] { "frontier", "curve-0", "curve-1", "heatmap", "points" }, id => Assert.Contains($"<section id=\"{id}\">", page));
        Assert.Equal(2, page.Split("\"type\":\"heatmap\",\"x\"").Length - 1);
        Assert.Contains("Fill rate (%)", page);
        Assert.Contains("\"name\":\"frontier\",\"showlegend\":false", page);
        Assert.Contains("<tr class=\"baseline\">", page);
    }

    [Fact]
    public void A_difference_shows_its_sign_and_half_width_unless_it_rounds_to_nothing()
    {
        Assert.Equal("+1.2 pp ± 0.1", FlowSim.Reports.DifferenceText.Format(new Statistics(0.012, 0.01, 0.011, 0.013, 0, 0, 0, 10), MetricUnit.Share, "EUR"));
        Assert.Equal("-EUR 1,234 ± 65.60", FlowSim.Reports.DifferenceText.Format(new Statistics(-1234.4, 100, -1300, -1168.8, 0, 0, 0, 10), MetricUnit.Money, "EUR"));
        Assert.Equal("0", FlowSim.Reports.DifferenceText.Format(new Statistics(0, 0, 0, 0, 0, 0, 0, 10), MetricUnit.Money, "EUR"));
        var noise = FlowSim.Reports.DifferenceText.Format(new Statistics(-1e-17, 1e-16, -1e-16, 1e-16, 0, 0, 0, 10), MetricUnit.Share, "EUR");
        Assert.DoesNotContain("-", noise);
        Assert.StartsWith("0.0", noise);
    }

    private static double Variance(double[] x)
    {
        var mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
    }

    private static double Correlation(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var cov = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return cov / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
