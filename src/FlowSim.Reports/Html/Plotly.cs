using System.Net;
using System.Text;
using Plotly.NET;

namespace FlowSim.Reports.Html;

/// <summary>
/// Builds charts as plotly.js traces and layouts, rendered to HTML by Plotly.NET. Attributes are
/// set by their plotly.js names, which keeps the C# side free of F# optional arguments.
/// </summary>
internal static class Plotly
{
    /// <summary>Strategy colours, in strategy order (plotly's default colour way).</summary>
    private static readonly (int R, int G, int B)[] Palette =
    [
        (99, 110, 250), (239, 85, 59), (0, 204, 150), (171, 99, 250), (255, 161, 90),
        (25, 211, 243), (255, 102, 146), (182, 232, 128), (255, 151, 255), (254, 203, 82),
    ];

    /// <summary>Chart width in pixels: the page's content width.</summary>
    public const int Width = 1040;

    /// <summary>The colour of the k-th strategy, with an opacity.</summary>
    public static string Colour(int k, double alpha = 1)
    {
        var (r, g, b) = Palette[k % Palette.Length];
        return FormattableString.Invariant($"rgba({r},{g},{b},{alpha})");
    }

    /// <summary>
    /// Text as plotly shows it: plotly reads a few HTML tags and entities in labels, so names are
    /// entity-encoded to show exactly as written.
    /// </summary>
    public static string Label(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A plotly trace of the given type with the given attributes.</summary>
    public static Trace Trace(string type, params (string Key, object Value)[] attributes)
    {
        var trace = new Trace2D(type);
        foreach (var (key, value) in attributes)
        {
            trace.SetProperty(key, value);
        }

        return trace;
    }

    /// <summary>A nested plotly attribute object.</summary>
    public static Dictionary<string, object> Obj(params (string Key, object Value)[] attributes)
    {
        var o = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            o[key] = value;
        }

        return o;
    }

    /// <summary>
    /// Error bars of shares in percent from each figure's 95% interval: a share's interval stops at
    /// 0% and 100%, so a bar is shorter on the side where it was cut rather than reaching past 100%.
    /// </summary>
    public static Dictionary<string, object> ShareErrors(IEnumerable<FlowSim.Experiments.Statistics> shares, string colour)
    {
        var list = shares.ToList();
        static double Points(double v) => double.IsFinite(v) ? v * 100 : 0;
        return Obj(
            ("type", "data"),
            ("symmetric", false),
            ("array", list.Select(s => Points(s.Ci95High - s.Mean)).ToArray()),
            ("arrayminus", list.Select(s => Points(s.Mean - s.Ci95Low)).ToArray()),
            ("visible", true),
            ("color", colour));
    }

    /// <summary>
    /// One chart as an HTML fragment (a div and the script that draws it into the div). The page
    /// must load plotly.js first, once (see <see cref="ScriptSource"/>).
    /// </summary>
    public static string Render(IEnumerable<Trace> traces, int height, params (string Key, object Value)[] layout)
    {
        var l = new Layout();
        l.SetProperty("width", Width);
        l.SetProperty("height", height);
        l.SetProperty("margin", Obj(("l", 70), ("r", 30), ("t", 40), ("b", 60)));
        foreach (var (key, value) in layout)
        {
            l.SetProperty(key, value);
        }

        var chart = GenericChart.addLayout(l, GenericChart.ofTraceObjects(true, traces.ToList()));
        return EscapeScript(GenericChart.toChartHTML(chart));
    }

    /// <summary>
    /// Makes a chart's script safe inside HTML whatever the names in its data: no '&lt;' is left in
    /// it, so no name can close the script element. The generated code has '&lt;' only inside JSON
    /// strings, where \u003c means the same character.
    /// </summary>
    internal static string EscapeScript(string html)
    {
        const string Open = "<script type=\"text/javascript\">";
        var start = html.IndexOf(Open, StringComparison.Ordinal);
        var end = html.LastIndexOf("</script>", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException("unexpected chart HTML from Plotly.NET");
        }

        start += Open.Length;
        return string.Concat(html.AsSpan(0, start), html[start..end].Replace("<", "\\u003c", StringComparison.Ordinal), html.AsSpan(end));
    }

    /// <summary>
    /// plotly.js itself, as shipped inside the Plotly.NET assembly, for one inline script element:
    /// the report then needs no network.
    /// </summary>
    public static string ScriptSource()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // A literal "</script" inside the library would end the element early.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
