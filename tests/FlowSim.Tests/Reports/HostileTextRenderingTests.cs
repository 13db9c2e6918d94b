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
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class HostileTextRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-hostile-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    [SkippableFact]
    public void No_text_from_a_scenario_runs_as_script_in_any_report()
    {
        var browser = Browser.RequireChromium();

        var scenario = HostileScenario.Write(_dir);
        Succeeds(CliRunner.Run("run", scenario, "--attribute", "--report", In("run.html"), "--threads", "1", "--quiet"));
        Succeeds(CliRunner.Run("sweep", scenario, "--vary", "costs.ordering_cost=10..20:10", "--report", In("sweep.html"), "--threads", "1"));
        Succeeds(CliRunner.Run("audit", scenario, "--durations", "2w", "--trials", "4", "--report", In("audit.html"), "--threads", "1"));
        Succeeds(CliRunner.Run("run", scenario, "--shard", "0/2", "--out", In("part-0"), "--threads", "1", "--quiet"));
        Succeeds(CliRunner.Run("run", scenario, "--shard", "1/2", "--out", In("part-1"), "--threads", "1", "--quiet"));
        Succeeds(CliRunner.Run("merge", In("part-0"), In("part-1"), "--report", In("merge.html"), "--quiet"));

        foreach (var page in new[] { "run.html", "sweep.html", "audit.html", "merge.html" })
        {
            var dom = Browser.Headless(browser, $"--dump-dom {new Uri(In(page)).AbsoluteUri}");

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

}
