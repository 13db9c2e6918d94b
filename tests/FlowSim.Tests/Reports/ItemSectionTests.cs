using System.Text.RegularExpressions;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports.Html;

namespace FlowSim.Tests.Reports;

/// <summary>The report's items section: worst-served item-locations first and marked, a heatmap per strategy.</summary>
public class ItemSectionTests
{
    [Fact]
    public void The_item_table_lists_the_lowest_fill_rate_first_and_marks_the_five_worst()
    {
        var scenario = FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/meio-plant-dcs-branches.yaml")).Scenario!;
        var result = Experiment.Run(scenario, new RunOptions(Trials: 6, Threads: 2));
        var html = HtmlReport.Render(new ReportInput(result, ["run"]), "");
        var at = html.IndexOf("<section id=\"items\">", StringComparison.Ordinal);
        var section = html[at..html.IndexOf("</section>", at, StringComparison.Ordinal)];

        var local = result.Strategies[0];
        var worst = local.ItemLocations.Where(il => il[ItemLocationMetric.DemandedUnits].Mean > 0).MinBy(il => il[ItemLocationMetric.FillRate].Mean)!;
        var firstTable = section[section.IndexOf("<table class=\"sortable\">", StringComparison.Ordinal)..];
        var firstRow = Regex.Match(firstTable, "<tbody>\n<tr[^>]*><td class=\"text\">([^<]*)</td><td class=\"text\">([^<]*)</td>");
        Assert.Equal((worst.ItemId, worst.Location), (firstRow.Groups[1].Value, firstRow.Groups[2].Value));

        // Twelve branches a strategy: the five worst of each are marked.
        Assert.Equal(5 * result.Strategies.Length, Regex.Matches(section, "<tr class=\"worst\">").Count);
        Assert.Equal(result.Strategies.Length, Regex.Matches(section, ": fill rate by item and stock point</h3>").Count);
    }
}
