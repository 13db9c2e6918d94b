using System.Globalization;
using System.Text;

namespace FlowSim.Tests;

/// <summary>
/// A valid scenario with hostile text in every free-text field the loader accepts: the scenario's
/// name, description and currency, stock point kinds, strategy names and descriptions. Each value
/// carries script for a browser (which would set the page title to <see cref="ScriptRan"/> or add
/// an element with an id starting <see cref="InjectedElement"/>), control sequences for a terminal
/// (retitle, clear, colour, carriage return, an 8-bit CSI, a right-to-left override) and, for
/// strategy names, a leading formula character for a spreadsheet. Ids, which the loader
/// restricts, use the one formula character it allows (<c>-</c>).
/// </summary>
internal static class HostileScenario
{
    /// <summary>What a browser payload sets the title to; the page source never holds it, only a payload that ran.</summary>
    public const string ScriptRan = "PWNED";

    /// <summary>The id prefix of an element a payload would add to the page.</summary>
    public const string InjectedElement = "pwned-";

    /// <summary>Control sequences a terminal would act on.</summary>
    public const string TerminalPayload = "\u001b]0;retitled\u0007\u001b[2J\u001b[31mred\r\u009b1m\u202eevil";

    /// <summary>How <see cref="TerminalPayload"/> must show once escaped.</summary>
    public const string TerminalPayloadEscaped = @"\e]0;retitled\u0007\e[2J\e[31mred\r\u009b1m\u202eevil";

    /// <summary>The strategies' names as the scenario gives them, in order.</summary>
    public static readonly string[] StrategyNames = [Payload("=HYPERLINK(\"http://x\")", "strategy-a"), Payload("-2+3", "strategy-b"), Payload("@SUM(1)", "strategy-c")];

    /// <summary>Text for one field: a visible label, then script for a browser and control sequences for a terminal.</summary>
    public static string Payload(string label, string field) =>
        $"{label}</script><script>document.title='PW'+'NED'</script><img src=x onerror=\"document.title='PW'+'NED'\">"
        + $"<svg onload=\"document.title='PW'+'NED'\"></svg><i id={InjectedElement}{field}>{field}</i>{TerminalPayload}";

    /// <summary>The scenario as YAML; small enough for every command to run it in a few seconds.</summary>
    public static string Yaml(int trials = 12) => $$"""
        name: {{Quote(Payload("Hostile", "name"))}}
        description: {{Quote(Payload("About", "description"))}}
        horizon: 200d
        warmup: 20d
        trials: {{trials}}
        seed: 11
        currency: {{Quote(Payload("EUR", "currency"))}}
        items:
          - { id: mug, unit_cost: 9, price: 28 }
        suppliers:
          - { id: kiln, lead_time: 2w }
        stock_points:
          - { id: studio, kind: {{Quote(Payload("dc", "kind"))}} }
          - { id: -shop, kind: {{Quote(Payload("store", "kind-2"))}} }
        lanes:
          - { from: kiln, to: studio }
          - { from: studio, to: -shop, lead_time: 1d }
        demand:
          - { item: mug, at: -shop, daily: { dist: poisson, mean: 6/day } }
        disruptions:
          - { id: -strike, kind: supplier_outage, supplier: kiln, at: 60d, duration: 3w, event: -storm }
        strategies:
          - name: {{Quote(StrategyNames[0])}}
            description: {{Quote(Payload("Lean", "strategy-description"))}}
            policy: buffer
            service_level: 90%
          - name: {{Quote(StrategyNames[1])}}
            policy: buffer
            service_level: 98%
          - name: {{Quote(StrategyNames[2])}}
            policy: demand-responsive
            deposit: 30%

        """;

    /// <summary>Writes the scenario into a folder and returns its path.</summary>
    public static string Write(string folder, int trials = 12)
    {
        var path = Path.Combine(folder, "hostile.yaml");
        File.WriteAllText(path, Yaml(trials), new UTF8Encoding(false));
        return path;
    }

    /// <summary>A YAML double-quoted scalar holding the text exactly, control characters included.</summary>
    private static string Quote(string text)
    {
        var b = new StringBuilder("\"");
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || c is >= '\u007f' and <= '\u009f' || c is >= '\u2000' and <= '\u206f' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }
}
