using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FlowSim.Tests.Reports;

/// <summary>
/// Opens the quickstart report in headless Chromium (Debian package <c>chromium</c>, installed by
/// <c>.ci/run</c>) and checks that every chart drew. Without Chromium the test fails, unless
/// FLOWSIM_SKIP_BROWSER_TESTS=1 says to skip it.
/// </summary>
public class ReportRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_chart_of_the_quickstart_report_draws_in_a_browser()
    {
        var browser = FindBrowser();
        if (browser is null)
        {
            if (Environment.GetEnvironmentVariable("FLOWSIM_SKIP_BROWSER_TESTS") == "1")
            {
                return;
            }

            Assert.Fail("Chromium is needed to render the report: install it (apt-get install -y chromium), "
                + "or set FLOWSIM_SKIP_BROWSER_TESTS=1 to skip this test.");
        }

        HtmlReportTests.QuickstartReport(_dir);
        var page = new Uri(Path.Combine(_dir, "report.html")).AbsoluteUri;
        var screenshot = Path.Combine(_dir, "report.png");
        Chromium(browser!, $"--window-size=1200,6000 --screenshot={screenshot} {page}");
        var dom = Chromium(browser!, $"--dump-dom {page}");

        // Five charts, each drawn by plotly.js into an SVG with its traces.
        Assert.Equal(5, Regex.Matches(dom, "class=\"[^\"]*js-plotly-plot").Count);
        var svgs = Regex.Matches(dom, "<svg class=\"main-svg\"").Count;
        Assert.True(svgs >= 10, $"expected the charts' SVG layers, found {svgs}");

        // One violin per strategy, the cost components as bars, and the fan chart's bands as filled areas.
        Assert.Equal(4, Regex.Matches(dom, "class=\"trace violins\"").Count);
        Assert.True(Regex.Matches(dom, "class=\"trace bars\"").Count >= 3, "the cost breakdown drew no bars");
        Assert.True(Regex.Matches(dom, "<path class=\"js-fill\"[^>]*d=\"M[^\"]+\"").Count >= 4, "the fan chart drew no bands");
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is nearly empty");
    }

    private static string? FindBrowser() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(name => Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists))
            .FirstOrDefault(path => path is not null);

    private static string Chromium(string browser, string arguments)
    {
        var start = new ProcessStartInfo(browser,
            "--headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars --virtual-time-budget=10000 " + arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "Chromium did not finish within two minutes");
        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
