using System.Globalization;
using System.Text;
using FlowSim.Experiments;
using static FlowSim.Reports.Html.HtmlText;

namespace FlowSim.Reports.Html;

/// <summary>
/// The shell every FlowSim page shares: the head (title, style, plotly.js inlined once, so the
/// file opens offline), the header with the scenario's name, the provenance section and the
/// footer. The run report, the sweep page and the audit page differ only in what goes between.
/// </summary>
internal static class HtmlPage
{
    /// <summary>
    /// Starts a page: <c>FlowSim {kind}: {scenario}</c> as its title, the scenario's name and
    /// description as its header and <paramref name="meta"/> (plain text, escaped here) under them.
    /// </summary>
    public static StringBuilder Start(string kind, ExperimentResult result, string meta, string plotlyJs)
    {
        var s = result.Scenario;
        var h = new StringBuilder(1 << 20);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>FlowSim {E(kind)}: {E(s.Name)}</title>\n<style>\n{Css}</style>\n")
            .Append("<script type=\"text/javascript\">\n").Append(plotlyJs).Append("\n</script>\n</head>\n<body>\n<main>\n")
            .Append($"<header>\n<p class=\"kicker\">FlowSim {E(kind)}</p>\n<h1>{E(s.Name)}</h1>\n");
        if (!string.IsNullOrWhiteSpace(s.Description))
        {
            h.Append($"<p class=\"description\">{E(s.Description.Trim())}</p>\n");
        }

        h.Append($"<p class=\"meta\">{E(meta)}</p>\n</header>\n");
        return h;
    }

    /// <summary>
    /// The provenance section: version, scenario file and its SHA-256, seed, trials, strategies and,
    /// when known, the command that reproduces the page; <paramref name="extra"/> rows (label, HTML) follow.
    /// </summary>
    public static void Provenance(StringBuilder h, ExperimentResult result, IReadOnlyList<string>? command, params (string Label, string Html)[] extra)
    {
        var s = result.Scenario;
        List<(string Label, string Html)> rows =
        [
            ("FlowSim version", E(Reports.Provenance.Version)),
            ("Scenario", E(s.Source.Path.Replace('\\', '/'))),
            ("Scenario SHA-256", $"<code>{E(s.Source.Sha256)}</code>"),
            ("Seed", result.Seed.ToString(CultureInfo.InvariantCulture)),
            ("Trials", result.Trials.ToString("N0", CultureInfo.InvariantCulture)),
            ("Strategies", E(string.Join(", ", result.Strategies.Select(st => st.Name)))),
        ];
        if (command is not null)
        {
            rows.Add(("Command", $"<code>flowsim {E(string.Join(' ', command.Select(Quote)))}</code>"));
        }

        rows.AddRange(extra);
        h.Append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table class=\"settings\">\n<tbody>\n");
        foreach (var (label, html) in rows)
        {
            // As every label: value table of the pages: a long value wraps instead of widening the page.
            h.Append("<tr><td class=\"text\">").Append(label).Append("</td>")
                .Append(html.Length > 60 ? $"<td class=\"text\">{html}</td>" : $"<td>{html}</td>").Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>What closes every page.</summary>
    public const string Footer = "</main>\n" + SortScript + "</body>\n</html>\n";

    // Tables of class "sortable" sort by a column when its heading is clicked: numbers by their
    // data-v value (undefined ones last), text as text; a second click reverses the order.
    private const string SortScript = """
        <script type="text/javascript">
        document.querySelectorAll('table.sortable th').forEach(function (th, col) {
          th.addEventListener('click', function () {
            var body = th.closest('table').tBodies[0];
            var up = th.dataset.up !== '1';
            th.dataset.up = up ? '1' : '0';
            var index = Array.prototype.indexOf.call(th.parentNode.children, th);
            var key = function (tr) { var td = tr.children[index]; return td.dataset.v !== undefined ? (td.dataset.v === '' ? Infinity : parseFloat(td.dataset.v)) : td.textContent; };
            Array.from(body.rows).sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); })
              .forEach(function (tr) { body.appendChild(tr); });
          });
        });
        </script>

        """;

    /// <summary>Writes a page as UTF-8 HTML.</summary>
    public static void Write(string html, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(html);
    }

    /// <summary>An argument as a POSIX shell reads it back: quoted only when it needs to be.</summary>
    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";

    /// <summary>The style sheet of every page.</summary>
    public const string Css = """
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
        tr.worst td { background: #fee2e2; }
        table.sortable th { cursor: pointer; }
        td.text { text-align: left; white-space: normal; }
        table.settings td { text-align: left; white-space: normal; }
        table.settings td:first-child { color: #6b7280; padding-right: 24px; }
        .sub { display: block; color: #6b7280; font-size: 11px; }
        .missing { color: #92400e; background: #fffbeb; padding: 8px 12px; border-left: 3px solid #f59e0b; }
        code { font-size: 12px; }
        .verdict { font-size: 22px; margin: 8px 0; }
        dl.glossary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 14px; max-width: 90ch; }
        dl.glossary dt { font-weight: 600; }
        dl.glossary dd { margin: 0; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { background: #fff; font-size: 12px; }
          main { max-width: none; padding: 0; }
          nav, .modebar-container { display: none !important; }
          section { border-top: none; margin-top: 0; break-before: page; }
          /* The decision and its words share the first page; a section with nothing to show runs on. */
          section#decision, section#glossary, section#provenance, section:not(:has(> :not(h2, p.brief, p.missing))) { break-before: auto; margin-top: 16px; }
          h2, h3 { break-after: avoid; }
          tr, .js-plotly-plot { break-inside: avoid; }
          table { font-size: 10px; }
          th, td { white-space: normal; padding: 3px 6px; }
          /* Charts are drawn 1040 px wide; A4 within its margins holds about 700. */
          .js-plotly-plot { zoom: 0.66; }
          #decision .js-plotly-plot { zoom: 0.55; }
          dl.glossary { font-size: 11px; gap: 2px 12px; max-width: none; }
          .description, .headline { font-size: 13px; }
          td.best { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
