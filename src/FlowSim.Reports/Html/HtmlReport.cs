using System.Text;
using FlowSim.Experiments;
using static FlowSim.Reports.Html.HtmlText;

namespace FlowSim.Reports.Html;

/// <summary>
/// Writes a self-contained HTML report: plotly.js is inlined once, so the file opens offline by
/// double-click. Every name from the scenario is HTML-escaped. It opens with a page for the board
/// (the decision in plain words, and the words the page uses), then the technical sections; money
/// and flows are per year. Sections, in order: <see cref="Sections"/>.
/// </summary>
public static class HtmlReport
{
    /// <summary>The id of every section, in page order: a stable anchor for links and tests.</summary>
    public static IReadOnlyList<string> Sections { get; } =
    [
        "decision", "glossary", "summary", "cost-distribution", "cost-breakdown", "service-vs-cost", "items", "inventory", "disruption-cost", "supply",
        "paired-comparison", "survive-recover", "kpi-tables", "scenario", "provenance",
    ];

    /// <summary>Writes the report as UTF-8 HTML.</summary>
    public static void Write(ReportInput input, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(stream);
        HtmlPage.Write(Render(input, Plotly.ScriptSource()), stream);
    }

    /// <summary>The page, with <paramref name="plotlyJs"/> as its one script library.</summary>
    internal static string Render(ReportInput input, string plotlyJs)
    {
        var r = input.Result;
        var s = r.Scenario;
        var h = HtmlPage.Start("report", r, $"{r.Trials:N0} trials of {Days(s.HorizonDays)}, the first {Days(s.WarmupDays)} not measured; seed {r.Seed}.", plotlyJs);
        var sections = new ReportSections(input);
        sections.Decision(h);
        sections.Glossary(h);

        // The details follow the decision: their links come after it, not before.
        h.Append("<nav>Details: ").AppendJoin(" · ", Sections.Skip(2).Select(id => $"<a href=\"#{id}\">{Titles[id]}</a>")).Append("</nav>\n");
        sections.Summary(h);
        sections.CostDistribution(h);
        sections.CostBreakdown(h);
        sections.ServiceVersusCost(h);
        sections.Items(h);
        sections.Inventory(h);
        sections.DisruptionCost(h);
        sections.Supply(h);
        sections.PairedComparison(h);
        sections.SurviveRecover(h);
        sections.KpiTables(h);
        sections.ScenarioParameters(h);
        HtmlPage.Provenance(h, r, input.Command, Traced(input));
        return h.Append(HtmlPage.Footer).ToString();
    }

    /// <summary>Section headings by id.</summary>
    internal static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>
    {
        ["decision"] = "What to do",
        ["glossary"] = "The words on this page",
        ["summary"] = "Key results",
        ["cost-distribution"] = "Total cost distribution",
        ["cost-breakdown"] = "Cost breakdown",
        ["service-vs-cost"] = "Service versus cost",
        ["items"] = "Items and locations",
        ["inventory"] = "Inventory over time",
        ["disruption-cost"] = "Disruption cost",
        ["supply"] = "Suppliers and lanes",
        ["paired-comparison"] = "Paired comparison",
        ["survive-recover"] = "Time to survive and recover",
        ["kpi-tables"] = "All results",
        ["scenario"] = "Scenario",
        ["provenance"] = "Provenance",
    };

    // How many trials the fan charts show, when traced.
    private static (string Label, string Html)[] Traced(ReportInput input) =>
        input.Inventory is { } trace ? [("Inventory traced", $"the first {trace.SampledTrials:N0} trials")] : [];
}
