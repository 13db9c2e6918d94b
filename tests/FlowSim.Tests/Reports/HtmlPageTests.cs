using System.Text;
using System.Text.RegularExpressions;
using FlowSim.Experiments;
using FlowSim.Planning;
using FlowSim.Reports.Html;

namespace FlowSim.Tests.Reports;

/// <summary>The run report, the sweep page and the audit page share one head, header and provenance.</summary>
public sealed partial class HtmlPageTests
{
    [Fact]
    public void Given_the_three_pages_of_one_scenario_Then_their_style_and_provenance_rows_are_the_same()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowsim-shell-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, TestScenarios.SingleItem(trials: 3));
        try
        {
            var plan = Sweep.Plan(path, [new SweepAxis("strategies.buffer.order_up_to", ParameterRange.TryParse("15..20:5", 0, out _)!)], []);
            var scenario = plan.Points[0].Scenario;
            var run = HtmlReport.Render(new ReportInput(Experiment.Run(scenario, new RunOptions(Threads: 1)), ["run", "s.yaml"]), "");
            var sweep = new MemoryStream();
            PlanningReport.WriteSweep(Sweep.Run(plan, new RunOptions(Threads: 1)), sweep, ["sweep", "s.yaml"]);
            var audit = new MemoryStream();
            PlanningReport.WriteAudit(Audit.Run(scenario, [7], new RunOptions(Threads: 1)), audit, ["audit", "s.yaml"]);
            string[] pages = [run, Encoding.UTF8.GetString(sweep.ToArray()), Encoding.UTF8.GetString(audit.ToArray())];

            string[] labels = ["FlowSim version", "Scenario", "Scenario SHA-256", "Seed", "Trials", "Strategies", "Command"];
            foreach (var html in pages)
            {
                Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", html);
                Assert.Contains("</section>\n</main>\n", html);
                Assert.EndsWith("</script>\n</body>\n</html>\n", html);
                Assert.Equal(Style(pages[0]), Style(html));
                var provenance = html[html.IndexOf("<section id=\"provenance\">", StringComparison.Ordinal)..];
                Assert.Equal(labels, Label().Matches(provenance).Select(m => m.Groups[1].Value).ToArray());
                Assert.Contains($"<code>{scenario.Source.Sha256}</code>", provenance);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Style(string html) => html[html.IndexOf("<style>", StringComparison.Ordinal)..html.IndexOf("</style>", StringComparison.Ordinal)];

    [GeneratedRegex("<tr><td class=\"text\">([^<]+)</td>")]
    private static partial Regex Label();
}
