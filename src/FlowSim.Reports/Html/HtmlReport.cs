using System.Text;
using FlowSim.Experiments;
using static FlowSim.Reports.Html.HtmlText;

namespace FlowSim.Reports.Html;

/// <summary>
/// Writes a self-contained HTML report: plotly.js is inlined once, so the file opens offline by
/// double-click. Every name from the scenario is HTML-escaped. Sections, in order:
/// <see cref="Sections"/>.
/// </summary>
public static class HtmlReport
{
    /// <summary>The id of every section, in page order: a stable anchor for links and tests.</summary>
    public static IReadOnlyList<string> Sections { get; } =
    [
        "summary", "cost-distribution", "cost-breakdown", "service-vs-cost", "inventory", "disruption-cost",
        "paired-comparison", "survive-recover", "kpi-tables", "scenario", "provenance",
    ];

    /// <summary>Writes the report as UTF-8 HTML.</summary>
    public static void Write(ReportInput input, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(stream);
        var html = Render(input, Plotly.ScriptSource());
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(html);
    }

    /// <summary>The page, with <paramref name="plotlyJs"/> as its one script library.</summary>
    internal static string Render(ReportInput input, string plotlyJs)
    {
        var r = input.Result;
        var s = r.Scenario;
        var h = new StringBuilder(1 << 20);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>FlowSim report: {E(s.Name)}</title>\n<style>\n{Css}</style>\n")
            .Append("<script type=\"text/javascript\">\n").Append(plotlyJs).Append("\n</script>\n</head>\n<body>\n<main>\n")
            .Append($"<header>\n<p class=\"kicker\">FlowSim report</p>\n<h1>{E(s.Name)}</h1>\n");
        if (!string.IsNullOrWhiteSpace(s.Description))
        {
            h.Append($"<p class=\"description\">{E(s.Description.Trim())}</p>\n");
        }

        h.Append($"<p class=\"meta\">{r.Trials:N0} trials of {Days(s.HorizonDays)}, the first {Days(s.WarmupDays)} not measured; seed {r.Seed}.</p>\n</header>\n");
        h.Append("<nav>").AppendJoin(" · ", Sections.Select(id => $"<a href=\"#{id}\">{Titles[id]}</a>")).Append("</nav>\n");
        var sections = new ReportSections(input);
        sections.Summary(h);
        sections.CostDistribution(h);
        sections.CostBreakdown(h);
        sections.ServiceVersusCost(h);
        sections.Inventory(h);
        sections.DisruptionCost(h);
        sections.PairedComparison(h);
        sections.SurviveRecover(h);
        sections.KpiTables(h);
        sections.ScenarioParameters(h);
        sections.Provenance(h);
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>Section headings by id.</summary>
    internal static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>
    {
        ["summary"] = "Summary",
        ["cost-distribution"] = "Total cost distribution",
        ["cost-breakdown"] = "Cost breakdown",
        ["service-vs-cost"] = "Service versus cost",
        ["inventory"] = "Inventory over time",
        ["disruption-cost"] = "Disruption cost",
        ["paired-comparison"] = "Paired comparison",
        ["survive-recover"] = "Time to survive and recover",
        ["kpi-tables"] = "All results",
        ["scenario"] = "Scenario",
        ["provenance"] = "Provenance",
    };

    internal const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2a37; background: #f5f7fa; margin: 0; }
        main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 60px; background: #fff; }
        header h1 { margin: 0 0 8px; font-size: 28px; }
        .kicker { text-transform: uppercase; letter-spacing: .08em; color: #6b7280; font-size: 12px; margin: 0; }
        .description { font-size: 16px; color: #374151; max-width: 70ch; }
        .meta, .note { color: #6b7280; font-size: 13px; }
        nav { margin: 12px 0 8px; font-size: 13px; line-height: 1.8; }
        nav a { color: #2563eb; text-decoration: none; }
        section { border-top: 1px solid #e5e7eb; padding-top: 8px; margin-top: 24px; }
        h2 { font-size: 20px; margin: 12px 0; }
        h3 { font-size: 16px; margin: 16px 0 8px; }
        .headline { font-size: 16px; line-height: 1.6; }
        .headline li { margin-bottom: 6px; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        thead th { background: #f3f4f6; }
        td.best { background: #dcfce7; font-weight: 600; }
        td.text { text-align: left; white-space: normal; }
        table.settings td { text-align: left; white-space: normal; }
        table.settings td:first-child { color: #6b7280; padding-right: 24px; }
        .sub { display: block; color: #6b7280; font-size: 11px; }
        .missing { color: #92400e; background: #fffbeb; padding: 8px 12px; border-left: 3px solid #f59e0b; }
        code { font-size: 12px; }
        """;
}
