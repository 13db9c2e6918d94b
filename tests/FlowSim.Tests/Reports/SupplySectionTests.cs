using System.Text.RegularExpressions;
using FlowSim.Experiments;
using FlowSim.Reports.Html;

namespace FlowSim.Tests.Reports;

/// <summary>The report's supply section: the least available supplier or lane first, delays charted.</summary>
public class SupplySectionTests
{
    [Fact]
    public void The_closed_lane_heads_each_strategy_table_with_its_availability_and_a_delay_chart_is_drawn()
    {
        var scenario = FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/port-closure.yaml")).Scenario!;
        var result = Experiment.Run(scenario, new RunOptions(Trials: 4, Threads: 2));
        var html = HtmlReport.Render(new ReportInput(result, ["run"]), "");
        var at = html.IndexOf("<section id=\"supply\">", StringComparison.Ordinal);
        Assert.True(at > 0, "the report has a supply section");
        var section = html[at..html.IndexOf("</section>", at, StringComparison.Ordinal)];

        // 21 closed days of 295 measured; each strategy's table starts with that lane.
        var firstRows = Regex.Matches(section, "<tbody>\n<tr[^>]*><td class=\"text\">([^<]*)</td><td class=\"text\">([^<]*)</td><td[^>]*>([^<]*)</td>");
        Assert.Equal(result.Strategies.Length, firstRows.Count);
        foreach (Match row in firstRows)
        {
            Assert.Equal(("lane", "overseas-motors-&gt;plant", $"{100 * (1 - (21.0 / 295)):F1}%"), (row.Groups[1].Value, row.Groups[2].Value, row.Groups[3].Value));
        }

        Assert.Contains("Shipments delayed by an outage (%)", section);
    }

    [Fact]
    public void A_run_without_outages_says_no_shipment_was_delayed()
    {
        var scenario = FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/quickstart.yaml")).Scenario!;
        var result = Experiment.Run(scenario with { Disruptions = [] }, new RunOptions(Trials: 2, Threads: 1));
        var html = HtmlReport.Render(new ReportInput(result, ["run"]), "");
        Assert.Contains("No shipment was delayed by an outage.", html);
    }
}
