using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

/// <summary>Collects every problem found while loading one file, so all are reported at once.</summary>
internal sealed class Findings(string file)
{
    private readonly List<ScenarioError> _items = [];

    // The same problem can be met twice (a strategy setting read for each item); report it once.
    private readonly HashSet<ScenarioError> _seen = [];

    /// <summary>Most findings listed for one file.</summary>
    public const int MaxListed = 500;

    public string File { get; } = file;

    public IReadOnlyList<ScenarioError> Items => _items;

    /// <summary>Errors reported so far, repeats included, so a reader can tell whether a part it read had any.</summary>
    public int ErrorCount { get; private set; }

    public bool HasErrors => ErrorCount > 0;

    public void Error(YamlNode? node, string path, string message) => Add(At(node), path, message, Severity.Error);

    public void Warning(YamlNode? node, string path, string message) => Add(At(node), path, message, Severity.Warning);

    public void Error(SourceLocation at, string path, string message) => Add(at, path, message, Severity.Error);

    public void Warning(SourceLocation at, string path, string message) => Add(at, path, message, Severity.Warning);

    public SourceLocation At(YamlNode? node) =>
        node is null ? new SourceLocation(File, 0, 0)
        : Origins.TryGetValue(node, out var origin) ? new SourceLocation(origin, 0, 0)
        : new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Nodes that came from a <c>--set</c> override rather than the file, with the override as written.</summary>
    public Dictionary<YamlNode, string> Origins { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Findings not listed because <see cref="MaxListed"/> were already.</summary>
    public int Unlisted { get; private set; }

    private void Add(SourceLocation at, string path, string message, Severity severity)
    {
        var finding = new ScenarioError(at.File, at.Line, at.Column, path, message, severity);
        ErrorCount += severity == Severity.Error ? 1 : 0;
        if (!_seen.Add(finding))
        {
            return;
        }

        // A generated or corrupted file can hold millions of problems; nobody reads past the first few hundred.
        if (_items.Count >= MaxListed)
        {
            Unlisted++;
            return;
        }

        _items.Add(finding);
    }
}

/// <summary>One key of a YAML mapping, with the field path it is reported under.</summary>
internal sealed record Field(string Key, YamlNode KeyNode, YamlNode Value, string Path);

/// <summary>
/// Reads the fields of one YAML mapping: unknown keys are reported with the nearest valid key,
/// missing and malformed values with their path, and every reader returns null instead of throwing.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, Field> _fields;
    private readonly Findings _findings;

    // Keys suggested for a misspelt key: already reported, so not reported again as missing.
    private readonly HashSet<string> _suggested;

    private YamlFields(YamlNode? node, string path, Dictionary<string, Field> fields, Findings findings, HashSet<string> suggested)
    {
        Node = node;
        Path = path;
        _fields = fields;
        _findings = findings;
        _suggested = suggested;
    }

    /// <summary>The mapping itself (or the first of merged mappings).</summary>
    public YamlNode? Node { get; }

    public string Path { get; }

    public IEnumerable<Field> All => _fields.Values;

    /// <summary>Reads a mapping; reports a non-mapping and unknown keys.</summary>
    public static YamlFields? Of(YamlNode? node, string path, Findings findings, IReadOnlyCollection<string> allowed, string what)
    {
        if (node is not YamlMappingNode map)
        {
            findings.Error(node, path, $"expected {what} (a mapping of keys to values), got {Describe(node)}");
            return null;
        }

        return Merge(map, path, [], findings, allowed);
    }

    /// <summary>
    /// Reads a mapping whose fields fall back on inherited ones (a strategy's default policy
    /// under an item's override): each field keeps the path where it was written.
    /// </summary>
    public static YamlFields Merge(YamlMappingNode map, string path, IEnumerable<Field> inherited, Findings findings, IReadOnlyCollection<string> allowed)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in inherited)
        {
            fields[f.Key] = f;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var fieldPath = Join(path, key);
            if (!allowed.Contains(key))
            {
                var hint = Nearest(key, allowed);
                if (hint is not null)
                {
                    suggested.Add(hint);
                }

                findings.Error(keyNode, fieldPath, key == "<<"
                    ? "YAML merge keys (<<) are not supported; write the settings out in full"
                    : hint is null
                        ? $"unknown key '{key}'; expected one of: {string.Join(", ", allowed)}"
                        : $"unknown key '{key}'; did you mean '{hint}'?");
                continue;
            }

            fields[key] = new Field(key, keyNode, value, fieldPath);
        }

        return new YamlFields(map, path, fields, findings, suggested);
    }

    /// <summary>
    /// Reads fields gathered from elsewhere (a strategy's settings as they apply to one item);
    /// <paramref name="node"/> is where a missing field is reported.
    /// </summary>
    public static YamlFields FromFields(YamlNode node, string path, IEnumerable<Field> fields, Findings findings) =>
        new(node, path, fields.ToDictionary(f => f.Key, StringComparer.Ordinal), findings, []);

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Describe(YamlNode? node) => node switch
    {
        null => "nothing",
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "an empty value",
        YamlScalarNode { Value.Length: > 60 } s => $"'{s.Value[..57].ReplaceLineEndings(" ")}...' ({s.Value.Length:N0} characters)",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };

    public bool Has(string key) => _fields.ContainsKey(key);

    public Field? Get(string key) => _fields.GetValueOrDefault(key);

    /// <summary>Reports a required key that is absent, at the mapping's position.</summary>
    public void Missing(string key, string why)
    {
        if (!_suggested.Contains(key))
        {
            _findings.Error(Node, Join(Path, key), $"missing; {why}");
        }
    }

    public string? Text(string key, bool required = false, string why = "")
    {
        var f = Get(key);
        if (f is null)
        {
            if (required)
            {
                Missing(key, why);
            }

            return null;
        }

        if (f.Value is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value))
        {
            return s.Value;
        }

        _findings.Error(f.Value, f.Path, $"expected text, got {Describe(f.Value)}");
        return null;
    }

    /// <summary>Reads a scalar with a units parser and optional range check.</summary>
    public double? Value(string key, Parser parse, bool required = false, string why = "", Func<double, string?>? check = null)
    {
        var f = Get(key);
        if (f is null)
        {
            if (required)
            {
                Missing(key, why);
            }

            return null;
        }

        return Read(f.Value, f.Path, parse, check);
    }

    public double? Read(YamlNode node, string path, Parser parse, Func<double, string?>? check = null) =>
        ReadScalar(_findings, node, path, parse, check);

    /// <summary>Reads one value with a units parser and optional range check; reports and returns null when it is wrong.</summary>
    public static double? ReadScalar(Findings findings, YamlNode node, string path, Parser parse, Func<double, string?>? check)
    {
        if (node is not YamlScalarNode s || string.IsNullOrWhiteSpace(s.Value))
        {
            findings.Error(node, path, $"{Expected(parse)}, got {Describe(node)}");
            return null;
        }

        if (!parse(s.Value!, out var v, out var error))
        {
            findings.Error(node, path, error);
            return null;
        }

        var problem = check?.Invoke(v);
        if (problem is not null)
        {
            findings.Error(node, path, $"{problem}, got {s.Value}");
            return null;
        }

        return v;
    }

    /// <summary>
    /// What a parser accepts, in its own words ("expected a duration such as 5d, 10w, 6mo or 2y"):
    /// its message for empty text, up to ", got".
    /// </summary>
    private static string Expected(Parser parse)
    {
        if (!parse("", out _, out var error))
        {
            var cut = error.IndexOf(", got", StringComparison.Ordinal);
            if (error.StartsWith("expected ", StringComparison.Ordinal) && cut > 0)
            {
                return error[..cut];
            }
        }

        return "expected a single value";
    }

    public delegate bool Parser(string text, out double value, out string error);

    public static string? Nearest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = EditDistance(key.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        // Suggest only when the typo is small compared with the word, and never a word the key shares nothing with.
        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) && bestDistance < Math.Min(best.Length, key.Length) ? best : null;
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) turning one word into the other.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

/// <summary>Range checks shared by the loader: each returns the problem or null.</summary>
internal static class Check
{
    public static string? Positive(double v) => v > 0 ? null : "must be positive";

    public static string? NonNegative(double v) => v >= 0 ? null : "must not be negative";

    public static string? OpenUnit(double v) => v > 0 && v < 1 ? null : "must be strictly between 0 and 1 (e.g. 0.95 or 95%)";

    public static string? HalfOpenUnit(double v) => v >= 0 && v < 1 ? null : "must be at least 0 and below 1 (e.g. 0.3 or 30%)";

    public static string? Integer(double v, double min, double max) =>
        v != Math.Floor(v) || v < min || v > max
            ? $"must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}"
            : null;
}
