using System.Text.RegularExpressions;
using FlowSim.Experiments;
using FlowSim.Reports.Html;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Reports;

/// <summary>A shared event that hits several targets is listed once, with its targets, not once per disruption it names.</summary>
public sealed class SharedEventListingTests : IDisposable
{
    // The quickstart studio with a storm that shuts the kiln and the road to the studio together, and a fire of its own.
    private static readonly string Storm = File.ReadAllText(RepoFiles.Path("scenarios/quickstart.yaml")) + """

        disruptions:
          - id: storm-kiln
            kind: supplier_outage
            supplier: kiln
            every: { dist: exponential, mean: 120d }
            duration: { dist: uniform, min: 5d, max: 15d }
            event: storm
          - { id: storm-road, kind: lane_closure, lane: kiln->studio, event: storm }
          - { id: fire, kind: supplier_outage, supplier: kiln, at: 30w, duration: 2w }

        """;

    private const string EventLabel = "event storm (storm-kiln: kiln, storm-road: kiln->studio)";

    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-event-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_console_attributes_the_event_once_per_strategy_with_its_targets()
    {
        var path = Path.Combine(_dir, "storm.yaml");
        File.WriteAllText(path, Storm);
        var outcome = CliRunner.Run("run", path, "--trials", "4", "--attribute");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);

        var lines = outcome.Stdout.Split('\n');
        var strategies = TestScenarios.Load(Storm).Strategies.Length;
        Assert.Equal(strategies, lines.Count(l => l.TrimStart().StartsWith(EventLabel + ": ", StringComparison.Ordinal)));
        Assert.Equal(strategies, lines.Count(l => l.TrimStart().StartsWith("fire: ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("storm-kiln:", StringComparison.Ordinal) || l.TrimStart().StartsWith("storm-road:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_gives_the_event_one_row_and_one_bar_per_strategy()
    {
        var result = Experiment.Run(TestScenarios.Load(Storm), new RunOptions(Trials: 4, Threads: 2, Attribute: true));
        var html = HtmlReport.Render(ReportInput.For(result, ["run"]), "");
        var label = EventLabel.Replace(">", "&gt;", StringComparison.Ordinal);

        // Per disruption: the event's members move together, so one row per strategy names both.
        var at = html.IndexOf("<h3>Per disruption</h3>", StringComparison.Ordinal);
        var table = html[at..html.IndexOf("</table>", at, StringComparison.Ordinal)];
        Assert.Equal(result.Strategies.Length, Regex.Matches(table, Regex.Escape(label)).Count);
        Assert.DoesNotContain(">storm-road<", table);

        // Attribution chart: one bar series for the event, none for its second disruption alone.
        Assert.Single(Regex.Matches(html, Regex.Escape($"\"name\":\"{label}\"")));
        Assert.DoesNotContain("\"name\":\"storm-road\"", html);
    }
}
