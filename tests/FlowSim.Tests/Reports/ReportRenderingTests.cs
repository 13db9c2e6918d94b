using System.Text.RegularExpressions;

namespace FlowSim.Tests.Reports;

/// <summary>
/// Opens the quickstart report in headless Chromium (Debian package <c>chromium</c>, installed by
/// <c>.ci/run</c>) and checks that every chart drew. Without Chromium the test is skipped, and
/// reported as skipped with the reason (see <see cref="Browser"/>).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public class ReportRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void Every_chart_of_the_quickstart_report_draws_in_a_browser()
    {
        var browser = Browser.RequireChromium();

        HtmlReportTests.QuickstartReport(_dir);
        var page = new Uri(Path.Combine(_dir, "report.html")).AbsoluteUri;
        var screenshot = Path.Combine(_dir, "report.png");
        Browser.Headless(browser, $"--window-size=1200,6000 --screenshot={screenshot} {page}");
        var dom = Browser.Headless(browser, $"--dump-dom {page}");

        // Eleven charts (the decision's, five details, four item heatmaps and the items' scatter), each drawn by plotly.js into an SVG with its traces.
        Assert.Equal(11, Regex.Matches(dom, "class=\"[^\"]*js-plotly-plot").Count);
        var svgs = Regex.Matches(dom, "<svg class=\"main-svg\"").Count;
        Assert.True(svgs >= 10, $"expected the charts' SVG layers, found {svgs}");

        // One violin per strategy, the cost components as bars, and the fan chart's bands as filled areas.
        Assert.Equal(4, Regex.Matches(dom, "class=\"trace violins\"").Count);
        Assert.True(Regex.Matches(dom, "class=\"trace bars\"").Count >= 3, "the cost breakdown drew no bars");
        Assert.True(Regex.Matches(dom, "<path class=\"js-fill\"[^>]*d=\"M[^\"]+\"").Count >= 4, "the fan chart drew no bands");
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is nearly empty");
    }
}
