using System.Diagnostics;
using System.Text.RegularExpressions;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Reports;

/// <summary>
/// Every HTML report FlowSim writes (<c>run</c>, <c>sweep</c>, <c>audit</c> and <c>merge</c>
/// with <c>--report</c>), made from a scenario with script in every free-text field, opened in
/// headless Chromium: the charts draw, so scripts do run on the page, yet no payload ran and no
/// payload added an element; each payload shows as text. Chromium is found as in
/// <see cref="ReportRenderingTests"/>.
/// </summary>
public sealed class HostileTextRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-hostile-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    [Fact]
    public void No_text_from_a_scenario_runs_as_script_in_any_report()
    {
        var browser = FindBrowser();
        if (browser is null)
        {
            if (Environment.GetEnvironmentVariable("FLOWSIM_SKIP_BROWSER_TESTS") == "1")
            {
                return;
            }

            Assert.Fail("Chromium is needed to render the reports: install it (apt-get install -y chromium), "
                + "or set FLOWSIM_SKIP_BROWSER_TESTS=1 to skip this test.");
        }

        var scenario = HostileScenario.Write(_dir);
        Succeeds(CliRunner.Run("run", scenario, "--attribute", "--report", In("run.html"), "--threads", "1", "--quiet"));
        Succeeds(CliRunner.Run("sweep", scenario, "--vary", "costs.ordering_cost=10..20:10", "--report", In("sweep.html"), "--threads", "1"));
        Succeeds(CliRunner.Run("audit", scenario, "--durations", "2w", "--trials", "4", "--report", In("audit.html"), "--threads", "1"));
        Succeeds(CliRunner.Run("run", scenario, "--shard", "0/2", "--out", In("part-0"), "--threads", "1", "--quiet"));
        Succeeds(CliRunner.Run("run", scenario, "--shard", "1/2", "--out", In("part-1"), "--threads", "1", "--quiet"));
        Succeeds(CliRunner.Run("merge", In("part-0"), In("part-1"), "--report", In("merge.html"), "--quiet"));

        foreach (var page in new[] { "run.html", "sweep.html", "audit.html", "merge.html" })
        {
            var dom = Chromium(browser!, $"--dump-dom {new Uri(In(page)).AbsoluteUri}");

            // Script runs on the page: plotly drew its charts.
            Assert.True(Regex.Matches(dom, "class=\"[^\"]*js-plotly-plot").Count > 0, $"{page}: no chart drew, so the check below would prove nothing");

            // No payload ran, and none became an element.
            Assert.DoesNotContain(HostileScenario.ScriptRan, dom);
            Assert.DoesNotMatch($"<i id=\"?{HostileScenario.InjectedElement}", dom);
            Assert.DoesNotMatch("<img src=\"?x", dom);

            // The payloads are on the page, as text.
            Assert.Contains($"&lt;i id={HostileScenario.InjectedElement}name&gt;", dom);
            Assert.Contains($"&lt;i id={HostileScenario.InjectedElement}strategy-a&gt;", dom);
        }
    }

    private static void Succeeds(CliRunner.Outcome outcome) => Assert.True(outcome.ExitCode == 0, outcome.Stderr);

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
