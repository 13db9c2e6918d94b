using FlowSim.Experiments;
using FlowSim.Planning;

namespace FlowSim.Tests.Planning;

/// <summary>The resilience audit: every node out in turn, ranked by what it costs.</summary>
public sealed class AuditTests
{
    /// <summary>Two items alike in every way but their supply: one lean and single-sourced, one with two months of cover.</summary>
    private const string TwoSuppliers = """
        name: two suppliers
        horizon: 400d
        warmup: 30d
        trials: 30
        seed: 3
        items:
          - { id: fragile-part, unit_cost: 20, price: 50 }
          - { id: sturdy-part, unit_cost: 20, price: 50 }
        suppliers:
          - { id: fragile, lead_time: 7d }
          - { id: sturdy, lead_time: 7d }
        stock_points:
          - id: shop
        lanes:
          - { from: fragile, to: shop, items: [fragile-part] }
          - { from: sturdy, to: shop, items: [sturdy-part] }
        demand:
          - { item: fragile-part, at: shop, daily: { dist: poisson, mean: 10/day }, patience: 0d }
          - { item: sturdy-part, at: shop, daily: { dist: poisson, mean: 10/day }, patience: 0d }
        strategies:
          - name: as-is
            policy: buffer
            rule: base-stock
            service_level: 95%
            items:
              sturdy-part: { safety_stock: 60d }
        """;

    [Fact]
    public void A_fragile_single_source_supplier_ranks_above_a_well_buffered_one()
    {
        var scenario = TestScenarios.Load(TwoSuppliers);
        var audit = Audit.Run(scenario, [14, 28], new RunOptions(Threads: 2));
        var ranked = audit.Nodes.Select(n => n.Node.Id).ToList();
        Assert.True(ranked.IndexOf("fragile") < ranked.IndexOf("sturdy"), string.Join(", ", ranked));

        var fragile = audit.Nodes.Single(n => n.Node.Id == "fragile");
        var sturdy = audit.Nodes.Single(n => n.Node.Id == "sturdy");
        Assert.Equal(100, fragile.RiskExposureIndex[0]);
        Assert.True(fragile.Exposed(0), "four weeks without the fragile supplier empties its item's shelf");
        Assert.False(sturdy.Exposed(0), "two months of cover rides out four weeks");
        Assert.True(fragile.Outages[1].Strategies[0].ExtraLostUnits.Ci95Low > 0);
        Assert.Equal(0, sturdy.Outages[1].Strategies[0].ExtraLostUnits.Mean, 6);
    }

    [Fact]
    public void A_longer_outage_loses_more_and_the_first_shortfall_comes_about_when_the_stock_runs_out()
    {
        var audit = Audit.Run(TestScenarios.Load(TwoSuppliers), [14, 28], new RunOptions(Threads: 2));
        var fragile = audit.Nodes.Single(n => n.Node.Id == "fragile");
        var two = fragile.Outages[0].Strategies[0];
        var four = fragile.Outages[1].Strategies[0];
        Assert.True(four.ExtraLostUnits.Mean > two.ExtraLostUnits.Mean + (3 * four.ExtraLostUnits.HalfWidth));

        // Base stock for 95% over a 7-day lead time holds about 7-8 days of demand on hand and in the
        // pipeline: customers fall short within the first two weeks, never on the first day.
        Assert.InRange(four.TimeToSurviveDays.Mean, 1, 14);
    }

    [Fact]
    public void A_stock_points_outage_is_measured_over_all_its_lanes_whatever_their_order_in_the_file()
    {
        var reordered = TwoSuppliers.Replace("""
              - { from: fragile, to: shop, items: [fragile-part] }
              - { from: sturdy, to: shop, items: [sturdy-part] }
            """, """
              - { from: sturdy, to: shop, items: [sturdy-part] }
              - { from: fragile, to: shop, items: [fragile-part] }
            """, StringComparison.Ordinal);
        Assert.NotEqual(TwoSuppliers, reordered);
        var a = Audit.Run(TestScenarios.Load(TwoSuppliers), [28], new RunOptions(Trials: 12, Threads: 1)).Nodes.Single(n => n.Node.Id == "shop").Outages[0].Strategies[0];
        var b = Audit.Run(TestScenarios.Load(reordered), [28], new RunOptions(Trials: 12, Threads: 1)).Nodes.Single(n => n.Node.Id == "shop").Outages[0].Strategies[0];
        Assert.Equal(a.TimeToSurviveDays.Mean, b.TimeToSurviveDays.Mean, 9);
        Assert.Equal(a.TimeToRecoverDays.Mean, b.TimeToRecoverDays.Mean, 9);
        Assert.True(a.FellShortShare > 0.5, "closing both lanes for four weeks empties the fragile part's shelf");
    }

    /// <summary>
    /// One lumpy item on one supplier, three strategies that differ only in how much safety stock the
    /// shop holds (and an idle supplier whose lane carries nothing anyone needs).
    /// </summary>
    private const string ThreeBuffers = """
        name: three buffers
        horizon: 300d
        warmup: 30d
        trials: 40
        seed: 11
        items:
          - { id: part, unit_cost: 20, price: 50 }
          - { id: spare, unit_cost: 20, price: 50 }
        suppliers:
          - { id: vendor, lead_time: { dist: gamma, mean: 7d, sd: 3d } }
          - { id: idle, lead_time: 7d }
        stock_points:
          - id: shop
        lanes:
          - { from: vendor, to: shop, items: [part] }
          - { from: idle, to: shop, items: [spare] }
        demand:
          - { item: part, at: shop, daily: { dist: negative_binomial, mean: 10/day, sd: 30/day }, patience: 0d }
        strategies:
          - { name: lean, policy: buffer, rule: base-stock, safety_stock: 5d }
          - { name: middle, policy: buffer, rule: base-stock, safety_stock: 20d }
          - { name: deep, policy: buffer, rule: base-stock, safety_stock: 30d }
        """;

    [Fact]
    public void More_safety_stock_never_gives_a_shorter_time_to_survive()
    {
        // An average over only the trials that fell short gives 32.0 days with 20 days of safety stock
        // and 31.4 with 30 for the two-week outage: the deeper buffer falls short in fewer trials,
        // the unluckiest ones, which fall short early. The median over all trials cannot go down.
        var audit = Audit.Run(TestScenarios.Load(ThreeBuffers), [14, 42], new RunOptions(Threads: 2));
        var vendor = audit.Nodes.Single(n => n.Node.Id == "vendor");
        foreach (var outage in vendor.Outages)
        {
            var f = outage.Strategies;
            var times = string.Join(", ", f.Select(s => $"{s.Strategy} median {s.MedianTimeToSurviveDays} mean {s.TimeToSurviveDays.Mean} short {s.FellShortShare} lost {s.ExtraLostUnits.Mean}"));
            Assert.True(f[0].MedianTimeToSurviveDays <= f[1].MedianTimeToSurviveDays, times);
            Assert.True(f[1].MedianTimeToSurviveDays <= f[2].MedianTimeToSurviveDays, times);
            Assert.True(f[0].ExtraLostUnits.Mean >= f[2].ExtraLostUnits.Mean, times);
        }

        // Six weeks out empties even the deep buffer: the median is a day count, not "never".
        Assert.True(double.IsFinite(vendor.Outages[1].Strategies[2].MedianTimeToSurviveDays));
    }

    [Fact]
    public void A_node_no_strategy_uses_shows_no_survive_or_recover_time_and_is_not_exposed()
    {
        var audit = Audit.Run(TestScenarios.Load(ThreeBuffers), [28], new RunOptions(Trials: 8, Threads: 2));
        var idle = audit.Nodes.Single(n => n.Node.Id == "idle");

        Assert.All(idle.Outages[0].Strategies, f => Assert.False(f.UsesNode, f.Strategy));
        Assert.All(idle.Outages[0].Strategies, f => Assert.Equal(0, f.TimeToSurviveDays.N));
        Assert.All(idle.Outages[0].Strategies, f => Assert.Equal(0, f.TimeToRecoverDays.N));
        Assert.False(idle.Exposed(0));
        Assert.True(audit.Nodes.Single(n => n.Node.Id == "vendor").Outages[0].Strategies.All(f => f.UsesNode));
    }

    [Fact]
    public void The_audit_table_explains_its_markers_and_shows_unused_nodes_as_not_used()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowsim-audit-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ThreeBuffers);
        try
        {
            var run = Cli.CliRunner.Run("audit", path, "--durations", "4w", "--trials", "8");
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("not used", run.Stdout);
            Assert.Contains("! = exposed", run.Stdout);
            Assert.Contains("(N% short) = the share of trials", run.Stdout);
            Assert.Contains("95% CI includes 0 show as 0", run.Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_supplier_stock_point_and_lane_is_audited()
    {
        var nodes = Audit.Nodes(TestScenarios.Load(TwoSuppliers)).Select(n => $"{n.Kind}:{n.Id}");
        Assert.Equal(["Supplier:fragile", "Supplier:sturdy", "StockPoint:shop", "Lane:fragile->shop", "Lane:sturdy->shop"], nodes);
    }

    [Fact]
    public void The_audit_command_prints_the_ranking_and_refuses_bad_durations()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowsim-audit-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, TwoSuppliers);
        try
        {
            var ok = Cli.CliRunner.Run("audit", path, "--durations", "2w", "--trials", "6");
            Assert.True(ok.ExitCode == 0, ok.Stderr);
            Assert.Contains("Risk exposure index", ok.Stdout);
            Assert.Contains("fragile (supplier)", ok.Stdout);
            var bad = Cli.CliRunner.Run("audit", path, "--durations", "2w,soon");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--durations: 'soon' is not a positive duration", bad.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>The HTML pages of sweep and audit.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class PlanningReportTests
{
    [Fact]
    public void Sweep_and_audit_pages_are_self_contained_and_escape_names()
    {
        var yaml = TestScenarios.SingleItem(trials: 4).Replace("name: single item", "name: \"<script>alert(1)</script>\"", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"flowsim-pages-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var plan = Sweep.Plan(path, [new SweepAxis("strategies.buffer.order_up_to", ParameterRange.TryParse("15..25:5", 0, out _)!)], []);
            var sweep = new MemoryStream();
            FlowSim.Reports.Html.PlanningReport.WriteSweep(Sweep.Run(plan, new RunOptions(Threads: 1)), sweep);
            var audit = new MemoryStream();
            var audited = Audit.Run(plan.Points[0].Scenario, [7], new RunOptions(Threads: 1));
            FlowSim.Reports.Html.PlanningReport.WriteAudit(audited, audit);

            // The page shows the time to survive as the console does: the median, in words.
            var auditHtml = System.Text.Encoding.UTF8.GetString(audit.ToArray());
            Assert.Contains("<th>Time to survive (median)</th>", auditHtml);
            Assert.All(audited.Nodes.SelectMany(n => n.Outages).SelectMany(o => o.Strategies),
                f => Assert.Contains($"<td>{System.Net.WebUtility.HtmlEncode(f.DescribeTimeToSurvive())}</td>", auditHtml));
            foreach (var (page, sections) in new[] { (sweep, new[] { "frontier", "curve-0", "points", "provenance" }), (audit, new[] { "ranking", "nodes", "provenance" }) })
            {
                var html = System.Text.Encoding.UTF8.GetString(page.ToArray());
                Assert.DoesNotContain("<script src=", html);
                Assert.DoesNotContain("<script>alert(1)</script>", html);
                Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
                Assert.All(sections, id => Assert.Contains($"<section id=\"{id}\">", html));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
