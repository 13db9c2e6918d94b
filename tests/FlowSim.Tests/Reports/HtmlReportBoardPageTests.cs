using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports.Html;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Reports;

/// <summary>The report's page for the board, money per year, highlighting by business meaning, inventory value and print.</summary>
public sealed partial class HtmlReportBoardPageTests
{
    private static Scenario Bundled(string name) => ScenarioLoader.Load(RepoFiles.Path($"scenarios/{name}.yaml")).Scenario!;

    /// <summary>The HTML of one section, from its opening tag to its end.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Escaped(double amount, string currency) => WebUtility.HtmlEncode(Money.Format(amount, currency));

    [Theory]
    [InlineData(RankMeasure.Profit)]
    [InlineData(RankMeasure.TotalCost)]
    public void The_decision_comes_first_and_names_the_best_strategy_with_the_comparisons_figure_per_year(RankMeasure rank)
    {
        var result = Experiment.Run(Bundled("quickstart"), new RunOptions(Trials: 20, Threads: 2, Rank: rank));
        var html = HtmlReport.Render(ReportInput.For(result), "");
        Assert.Equal("decision", HtmlReport.Sections[0]);
        Assert.True(html.IndexOf("<section id=\"decision\">", StringComparison.Ordinal) < html.IndexOf("<section id=\"summary\">", StringComparison.Ordinal));

        var decision = Section(html, "decision");
        var best = result.Best;
        Assert.Contains($"Use <strong>{best.Name}</strong>", decision);

        // The runner-up on the measure ranked by, and the yearly difference exactly as the paired comparison gives it.
        var others = result.Strategies.Where(s => s != best);
        var runnerUp = rank == RankMeasure.Profit ? others.MaxBy(s => s[Metric.Profit].Mean)! : others.MinBy(s => s[Metric.TotalCost].Mean)!;
        var pair = result.Comparisons.Single(c => (c.A, c.B) == (best.Name, runnerUp.Name) || (c.A, c.B) == (runnerUp.Name, best.Name));
        var perYear = rank == RankMeasure.Profit
            ? (pair.A == best.Name ? 1 : -1) * pair.ProfitDifference.Mean * pair.PerYear
            : (pair.A == best.Name ? -1 : 1) * pair.TotalCostDifference.Mean * pair.PerYear;
        Assert.True(perYear > 0);
        var verb = rank == RankMeasure.Profit ? "a year more" : "a year less";
        Assert.Contains($"<strong>{Escaped(perYear, "EUR")} {verb}</strong> than <strong>{runnerUp.Name}</strong>, the runner-up", decision);

        // Profit and the bad-year figures are in the decision, per year.
        Assert.Contains($"Profit: <strong>{Escaped(best[Metric.Profit].Mean * result.PerYear, "EUR")} a year</strong>", decision);
        Assert.Contains($"{Escaped(best[Metric.TotalCost].P95 * result.PerYear, "EUR")} a year", decision);
        Assert.Contains("(VaR95)", decision);
    }

    [Fact]
    public void The_glossary_explains_every_term_the_decision_uses()
    {
        var result = Experiment.Run(Bundled("quickstart"), new RunOptions(Trials: 8, Threads: 2));
        var glossary = Section(HtmlReport.Render(ReportInput.For(result), ""), "glossary");
        foreach (var term in new[] { "<dt>Trial</dt>", "<dt>Per year</dt>", "<dt>95% confidence interval", "<dt>Paired comparison</dt>", "<dt>Fill rate</dt>", "<dt>VaR95", "<dt>CVaR95" })
        {
            Assert.Contains(term, glossary);
        }
    }

    [Theory]
    [InlineData("quickstart")]
    [InlineData("port-closure")]
    public void A_metric_with_no_better_direction_is_never_highlighted(string scenario)
    {
        var result = Experiment.Run(Bundled(scenario), new RunOptions(Trials: 12, Threads: 2));
        var table = Section(HtmlReport.Render(ReportInput.For(result), ""), "kpi-tables");
        var rows = Row().Matches(table).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["label"].Value), m => m.Value);
        var neither = Metrics.Descriptors.Where(d => d.BestMarked == Better.Neither).Select(d => d.Metric).ToArray();
        Assert.Contains(Metric.CostOfGoodsSold, neither);
        Assert.Contains(Metric.DisruptionCost, neither);
        var shown = 0;
        foreach (var m in neither)
        {
            var label = m.Label() + (m.Info().PeriodTotal ? " per year" : "");
            if (rows.TryGetValue(label, out var row))
            {
                shown++;
                Assert.DoesNotContain("class=\"best\"", row);
            }
        }

        // The check saw rows: cost of goods sold and demand are in both scenarios.
        Assert.True(shown >= 2);

        // A metric with a direction is still highlighted.
        Assert.Contains("class=\"best\"", rows[Metric.FillRate.Label()]);
    }

    [Fact]
    public void The_table_shows_money_and_flows_per_year_and_levels_as_measured()
    {
        var result = Experiment.Run(Bundled("quickstart"), new RunOptions(Trials: 12, Threads: 2));
        var table = Section(HtmlReport.Render(ReportInput.For(result), ""), "kpi-tables");
        var rows = Row().Matches(table).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["label"].Value), m => m.Value);
        var first = result.Strategies[0];
        Assert.Contains($">{Escaped(first[Metric.TotalCost].Mean * result.PerYear, "EUR")} ±", rows["Total cost per year"]);
        Assert.Contains("Lost units per year", rows.Keys);
        Assert.Contains($">{Escaped(first[Metric.AvgInventoryValue].Mean, "EUR")} ±", rows["Avg inventory value"]);
        Assert.Contains(Metric.FillRate.Label(), rows.Keys);
    }

    [Fact]
    public void The_inventory_chart_plots_the_chains_value_at_unit_cost()
    {
        var scenario = Bundled("quickstart");
        var result = Experiment.Run(scenario, new RunOptions(Trials: 6, Threads: 2));
        var trace = InventoryTrace.Collect(scenario, new RunOptions(Trials: 6, Threads: 2));
        var inventory = Section(HtmlReport.Render(ReportInput.For(result) with { Inventory = trace }, ""), "inventory");
        Assert.Contains("Inventory value (EUR)", inventory);
        Assert.DoesNotContain("Units on hand", inventory);

        // The first trace drawn is the first strategy's 5th percentile of chain value, day by day.
        var y = YData().Match(inventory).Groups["y"].Value.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(trace.Strategies[0].ChainValue.P5.ToArray(), y);
        Assert.NotEqual(trace.Strategies[0].StockPoints[0].P5.ToArray(), y);
    }

    [Fact]
    public void Many_stock_points_show_the_worst_served_few_as_small_multiples()
    {
        var scenario = Bundled("port-closure");
        var result = Experiment.Run(scenario, new RunOptions(Trials: 6, Threads: 2));
        var trace = InventoryTrace.Collect(scenario, new RunOptions(Trials: 6, Threads: 2));
        var inventory = Section(HtmlReport.Render(ReportInput.For(result) with { Inventory = trace }, ""), "inventory");

        // One chart of the chain and three of stock points, each with a panel per strategy; not one per stock point.
        Assert.Equal(4, HtmlReportTests.Charts(inventory));
        Assert.Contains("the other 4 serve better", inventory);
        var lowest = result.Strategies.SelectMany(s => s.StockPoints).MinBy(sp => sp[StockPointMetric.FillRate].Mean)!;
        Assert.Contains($"<h3>{lowest.Id}</h3>", inventory);
        Assert.Contains($"\"xaxis{result.Strategies.Length}\"", inventory);
    }

    [Fact]
    public void The_page_has_print_rules_for_A4_with_sections_on_new_pages_and_no_chart_controls()
    {
        Assert.Contains("@page { size: A4", HtmlPage.Css);
        var print = HtmlPage.Css[HtmlPage.Css.IndexOf("@media print", StringComparison.Ordinal)..];
        Assert.Contains("section { border-top: none; margin-top: 0; break-before: page; }", print);
        Assert.Contains(".modebar-container", print);
        Assert.Contains(".js-plotly-plot { zoom:", print);
    }

    [GeneratedRegex("<tr><td>(?<label>[^<]*)</td>.*?</tr>")]
    private static partial Regex Row();

    [GeneratedRegex("\"y\":\\[(?<y>[^\\]]*)\\]")]
    private static partial Regex YData();
}
