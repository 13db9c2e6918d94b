using System.Text.RegularExpressions;
using FlowSim.Experiments;
using FlowSim.Reports.Html;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Reports;

/// <summary>The HTML report: one offline file, every section, names escaped, stable output.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public partial class HtmlReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs the quickstart with --report and returns the page.</summary>
    internal static string QuickstartReport(string dir, int trials = 30)
    {
        var path = Path.Combine(dir, "report.html");
        var outcome = CliRunner.Run("run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", trials.ToString(), "--report", path, "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        return File.ReadAllText(path);
    }

    [Fact]
    public void The_quickstart_report_is_one_file_that_needs_no_network()
    {
        var html = QuickstartReport(_dir);
        Assert.Equal(["report.html"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        Assert.DoesNotMatch(new Regex("<script[^>]*src=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link[^>]*href=\"?https?:", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("requirejs", html);

        // plotly.js is inlined exactly once.
        Assert.Single(Regex.Matches(html, @"plotly\.js v\d+\.\d+\.\d+"));
    }

    [Fact]
    public void The_quickstart_report_has_every_section_and_chart()
    {
        var html = QuickstartReport(_dir);
        foreach (var id in HtmlReport.Sections)
        {
            Assert.Contains($"<section id=\"{id}\">", html);
        }

        // The decision, cost distribution, breakdown, service versus cost, a fill-rate heatmap of items by
        // stock point per strategy (four) and the items' service versus cost, one fan chart (one stock point), paired comparison.
        Assert.Equal(11, Charts(html));
        Assert.Contains("\"type\":\"violin\"", html);
        Assert.Contains("\"fill\":\"tonexty\"", html);

        // The quickstart has no disruptions, and says so instead of drawing empty charts.
        Assert.Contains("The scenario has no disruptions.", html);
    }

    [Fact]
    public void Names_from_the_scenario_are_escaped_everywhere()
    {
        var yaml = TestScenarios.SingleItem(strategies: """
              - name: "<script>alert(2)</script>"
                description: "<img src=x onerror=alert(3)>"
                policy: buffer
                order_up_to: 20
              - name: b&b
                policy: demand-responsive
            """, trials: 10)
            .Replace("name: single item", "name: \"<script>alert(1)</script>\"\ndescription: \"</script><b>bold</b>\"");
        var scenario = TestScenarios.Load(yaml);
        var result = Experiment.Run(scenario, new RunOptions(Threads: 1));
        var html = HtmlReport.Render(new ReportInput(result, ["run", "<script>alert(4)</script>.yaml"]) { Inventory = InventoryTrace.Collect(scenario, new RunOptions(Threads: 1)) }, "");
        foreach (var n in new[] { 1, 2, 4 })
        {
            Assert.DoesNotContain($"<script>alert({n})", html);
        }

        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("b&amp;b", html);

        // The only script elements are plotly.js and one per chart: no name closed one early.
        Assert.Equal(Regex.Matches(html, "<script").Count, Regex.Matches(html, "</script>").Count);
        // plotly.js, one per chart, and the table sorter.
        Assert.Equal(1 + Charts(html) + 1, Regex.Matches(html, "<script").Count);
    }

    [Fact]
    public void The_port_closure_report_shows_each_buffers_resilience_return_and_the_quickstart_none()
    {
        var closure = Experiment.Run(FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/port-closure.yaml")).Scenario!, new RunOptions(Trials: 12, Threads: 2));
        var html = HtmlReport.Render(ReportInput.For(closure), "");
        Assert.Contains("<h3>Resilience return</h3>", html);
        foreach (var r in closure.ResilienceReturns)
        {
            Assert.Contains($"<td class=\"text\">{r.Strategy}</td>", html[html.IndexOf("<h3>Resilience return</h3>", StringComparison.Ordinal)..]);
        }

        var quickstart = Experiment.Run(FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/quickstart.yaml")).Scenario!, new RunOptions(Trials: 4, Threads: 2));
        Assert.DoesNotContain("Resilience return", HtmlReport.Render(ReportInput.For(quickstart), ""));
    }

    [Fact]
    public void Disruption_cost_renders_when_given_and_says_not_computed_when_not()
    {
        var scenario = ScenarioWithDisruption();
        var result = Experiment.Run(scenario, new RunOptions(Trials: 10, Threads: 1));
        var without = HtmlReport.Render(new ReportInput(result), "");
        Assert.Contains("Disruption cost was not computed in this run.", without);

        var cost = result.Strategies.ToDictionary(s => s.Name, s => Statistics.Of([100, 200, 300]));
        var with = HtmlReport.Render(new ReportInput(result) { DisruptionCost = cost }, "");
        Assert.DoesNotContain("Disruption cost was not computed in this run.", with);
        Assert.Contains("Disruption cost was not attributed to single disruptions in this run.", with);

        // 200 per trial over 300 measured days is 243.33 a year.
        Assert.Contains("EUR 243", with);
    }

    [Fact]
    public void A_negative_disruption_cost_is_explained_in_the_summary_and_the_parts_are_tabled()
    {
        var scenario = FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/port-closure.yaml")).Scenario!;
        var html = HtmlReport.Render(ReportInput.For(Experiment.Run(scenario, new RunOptions(Trials: 10, Threads: 2))), "");
        Assert.Contains("<h3>What the disruption cost is made of</h3>", html);
        Assert.Matches("Disruptions cost <strong>dc-buffers</strong> EUR -[0-9,]+ a year on average .*Disruptions lower the total cost of dc-buffers by ", html);
    }

    [Fact]
    public void A_single_strategy_gets_a_report_without_comparisons()
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(horizon: "60d", trials: 5));
        var html = HtmlReport.Render(new ReportInput(Experiment.Run(scenario, new RunOptions(Threads: 1))), "");
        Assert.Contains("The scenario has one strategy: nothing to compare.", html);
        Assert.Contains("Inventory over time was not traced in this run.", html);
        Assert.Contains("<strong>buffer</strong> earns the most (ranked by profit)", html);
    }

    [Fact]
    public void Matches_the_expected_page_apart_from_chart_ids()
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(horizon: "60d", warmup: "10d", trials: 12, strategies: """
              - name: buffer
                policy: buffer
                order_up_to: 25
              - name: lean
                policy: buffer
                order_up_to: 12
            """).Replace("costs:\n", "currency: EUR\ncosts:\n"), "small.yaml");
        var result = Experiment.Run(scenario, new RunOptions(Threads: 2));
        var input = new ReportInput(result, ["run", "small.yaml"]) { Inventory = InventoryTrace.Collect(scenario, new RunOptions(Threads: 2)) };
        var actual = Normalise(HtmlReport.Render(input, "/* plotly.js */"));
        ExpectedFile.Check("Reports/Expected/small-report.html", actual);
    }

    /// <summary>Charts on a page: Plotly.NET writes one render function per chart.</summary>
    internal static int Charts(string html) => Regex.Matches(html, @"var renderPlotly_[0-9a-f]+ = function").Count;

    /// <summary>Chart ids are random GUIDs by design; everything else is reproducible.</summary>
    internal static string Normalise(string html) =>
        Guid().Replace(Provenance().Replace(html, "<td>FlowSim version</td><td>VERSION</td>"), "CHART-ID");

    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("<td[^>]*>FlowSim version</td><td[^>]*>[^<]*</td>")]
    private static partial Regex Provenance();

    internal static FlowSim.Scenarios.Scenario ScenarioWithDisruption() => TestScenarios.Load(TestScenarios.SingleItem(horizon: "300d", trials: 10)
        .Replace("costs:\n", "currency: EUR\ncosts:\n")
        + """

        disruptions:
          - id: strike
            kind: supplier_outage
            supplier: vendor
            at: 100d
            duration: 20d
        """);
}
