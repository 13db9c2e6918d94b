using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FlowSim.Scenarios;

/// <summary>
/// Sits between the YAML scanner and the node model and turns what the node model would
/// throw on, or crash on, into findings with a position and a field path: a key given twice
/// (reported, and its second value dropped so the rest of the file is still checked), a list
/// or mapping used as a key, an alias to an anchor that does not exist or contains it, nesting
/// deep enough to exhaust the stack, and syntax errors. When the file cannot be read further
/// it records why and throws <see cref="StopLoading"/>.
/// </summary>
internal sealed class GuardedParser(string text, Findings findings) : IParser
{
    /// <summary>Deepest nesting accepted; a scenario needs about six levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Most values that aliases may repeat, all aliases together. Each alias stands for a whole
    /// copy of its anchor, so a few lines of nested aliases ("billion laughs") can stand for
    /// billions of values; a real scenario repeats a few hundred at most.
    /// </summary>
    public const long MaxAliasedValues = 100_000;

    private readonly Parser _inner = new(new StringReader(text));

    private readonly List<Frame> _stack = [];
    // Each defined anchor with the number of values it stands for, aliases inside it counted in full.
    private readonly Dictionary<string, long> _anchors = new(StringComparer.Ordinal);
    private long _values;
    private long _aliasedValues;
    private int _skipNodes;
    private int _skipDepth;
    private Mark _lastEnd = Mark.Empty;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        while (Advance())
        {
            var e = _inner.Current!;
            _lastEnd = e.End;
            if (_skipNodes > 0 && (_skipDepth > 0 || e is not (MappingEnd or SequenceEnd)))
            {
                Skip(e);
                continue;
            }

            // A dropped key whose value the scanner lost: nothing is left to skip, and this end is the mapping's own.
            _skipNodes = 0;

            if (Accept(e))
            {
                Current = e;
                return true;
            }
        }

        Current = null;
        return false;
    }

    private bool Advance()
    {
        try
        {
            return _inner.MoveNext();
        }
        catch (YamlException e)
        {
            var at = Locate(e.Start);
            if (e.Message.Contains("tab character", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(at.Line) is { } tab)
            {
                // The scanner reports the end of the value before the tab; point at the tab itself.
                at = tab;
            }

            findings.Error(at, "", $"YAML syntax: {Explain(e)}");
            throw new StopLoading();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or EndOfStreamException)
        {
            // The scanner throws these instead of a YamlException on some malformed input,
            // most often a '{' or '[' left open before the next line.
            if (InnermostFlow() is { } open)
            {
                var (bracket, close) = open.IsMapping ? ('{', '}') : ('[', ']');
                findings.Error(Locate(open.Start), open.Path,
                    $"YAML syntax: this '{bracket}' is never closed; end its entries with '{close}' on the same line, or separate them with ','");
            }
            else
            {
                findings.Error(Locate(_lastEnd), "", "YAML syntax: the file cannot be read past this point; check the quotes, brackets and indentation here");
            }

            throw new StopLoading();
        }
    }

    /// <summary>Tracks where the event sits; returns false when it is dropped.</summary>
    private bool Accept(ParsingEvent e)
    {
        var top = _stack.Count > 0 ? _stack[^1] : null;
        if (top is { IsMapping: true, ExpectKey: true } && e is not MappingEnd)
        {
            return AcceptKey(top, e);
        }

        switch (e)
        {
            case DocumentStart:
                _anchors.Clear();
                return true;
            case MappingEnd when top is { IsMapping: true, ExpectKey: false }:
                // The scanner can lose an empty key (a line holding only ':'), leaving the last key without a value.
                findings.Error(Locate(top.KeyStart), YamlFields.Join(top.Path, top.Key),
                    $"YAML syntax: '{top.Key}' is left without a value where this mapping ends; look for a line with a stray ':' or a key with no name near it");
                throw new StopLoading();
            case MappingEnd or SequenceEnd:
                if (_stack[^1] is { Anchor: { } anchor } closed)
                {
                    _anchors[anchor] = _values - closed.ValuesAtStart;
                }

                _stack.RemoveAt(_stack.Count - 1);
                CompleteNode();
                return true;
            case AnchorAlias alias:
                CheckAlias(alias, PathOfNextNode());
                CompleteNode();
                return true;
            case Scalar s:
                Anchor(s);
                CompleteNode();
                return true;
            case MappingStart or SequenceStart:
                var node = (NodeEvent)e;
                var path = PathOfNextNode();
                if (_stack.Count >= MaxDepth)
                {
                    // The full path would repeat [0] sixty times; where it starts is what the reader needs.
                    findings.Error(Locate(e.Start), _stack[2].Path + "...", $"nested more than {MaxDepth} levels deep; a scenario needs only a few");
                    throw new StopLoading();
                }

                _stack.Add(new Frame(
                    e is MappingStart,
                    e is MappingStart ms ? ms.Style == MappingStyle.Flow : ((SequenceStart)e).Style == SequenceStyle.Flow,
                    e.Start,
                    path,
                    node.Anchor.IsEmpty ? null : node.Anchor.Value,
                    _values));
                Anchor(node);
                return true;
            default:
                return true;
        }
    }

    private bool AcceptKey(Frame map, ParsingEvent e)
    {
        if (e is Scalar key)
        {
            if (key.Value.Length == 0 && key.Style == ScalarStyle.Plain && !map.IsFlow)
            {
                // The scanner misreads the lines after a stray ':' in ways that would only add confusing findings.
                findings.Error(Locate(key.Start), map.Path, "a ':' with no key name before it; remove the stray ':' or write the key's name before it");
                throw new StopLoading();
            }

            if (map.Keys.TryGetValue(key.Value, out var first))
            {
                findings.Error(Locate(key.Start), YamlFields.Join(map.Path, key.Value),
                    $"'{key.Value}' is given twice in the same place (first on line {first.Line}); keep one");
                BeginSkip(1);
                return false;
            }

            map.Keys[key.Value] = key.Start;
            map.Key = key.Value;
            map.KeyStart = key.Start;
            map.ExpectKey = false;
            Anchor(key);
            return true;
        }

        findings.Error(Locate(e.Start), map.Path, e is AnchorAlias
            ? "expected a key name, got an alias (*name); write the key out"
            : $"expected a key name, got {(e is SequenceStart ? "a list" : "a mapping")}");
        BeginSkip(2);
        Skip(e);
        return false;
    }

    private void CheckAlias(AnchorAlias alias, string path)
    {
        var name = alias.Value.Value;
        if (_stack.Any(f => f.Anchor == name))
        {
            findings.Error(Locate(alias.Start), path, $"'*{name}' refers to a list or mapping that contains it; a scenario cannot refer to itself");
            throw new StopLoading();
        }

        if (!_anchors.TryGetValue(name, out var size))
        {
            findings.Error(Locate(alias.Start), path, $"'*{name}' refers to an anchor '&{name}' that is not defined above it");
            throw new StopLoading();
        }

        _values += size;
        _aliasedValues += size;
        if (_aliasedValues > MaxAliasedValues)
        {
            findings.Error(Locate(alias.Start), path,
                $"aliases (*name) repeat more than {MaxAliasedValues:N0} values in total by here; a scenario needs far fewer, so write the repeated parts out or remove the nested aliases");
            throw new StopLoading();
        }
    }

    /// <summary>Counts a value and defines its anchor; a list or mapping gets its size when it closes.</summary>
    private void Anchor(NodeEvent e)
    {
        _values++;
        if (!e.Anchor.IsEmpty)
        {
            _anchors[e.Anchor.Value] = 1;
        }
    }

    private void BeginSkip(int nodes)
    {
        _skipNodes = nodes;
        _skipDepth = 0;
    }

    /// <summary>Drops whole nodes: a duplicate key's value, or a complex key and its value.</summary>
    private void Skip(ParsingEvent e)
    {
        switch (e)
        {
            case MappingStart or SequenceStart:
                _skipDepth++;
                return;
            case MappingEnd or SequenceEnd:
                _skipDepth--;
                break;
        }

        if (_skipDepth == 0)
        {
            _skipNodes--;
        }
    }

    private void CompleteNode()
    {
        if (_stack.Count == 0)
        {
            return;
        }

        var parent = _stack[^1];
        if (parent.IsMapping)
        {
            parent.ExpectKey = true;
        }
        else
        {
            parent.Index++;
        }
    }

    private string PathOfNextNode()
    {
        if (_stack.Count == 0)
        {
            return "";
        }

        var parent = _stack[^1];
        return parent.IsMapping ? YamlFields.Join(parent.Path, parent.Key) : $"{parent.Path}[{parent.Index}]";
    }

    private Frame? InnermostFlow()
    {
        for (var i = _stack.Count - 1; i >= 0; i--)
        {
            if (_stack[i].IsFlow)
            {
                return _stack[i];
            }
        }

        return null;
    }

    private SourceLocation? FirstIndentingTab(int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return new SourceLocation(findings.File, i + 1, tab + 1);
            }
        }

        return null;
    }

    private SourceLocation Locate(Mark m) => new(findings.File, (int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));

    /// <summary>Says in plain words what the common YAML mistakes mean and how to fix them.</summary>
    private string Explain(YamlException e)
    {
        var m = e.Message;
        var cut = m.LastIndexOf("): ", StringComparison.Ordinal);
        if (m.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0)
        {
            m = m[(cut + 3)..];
        }

        m = m.TrimEnd('.');
        if (m.Contains("tab character", StringComparison.OrdinalIgnoreCase))
        {
            return "a tab is used for indentation; YAML indents with spaces only";
        }

        if (m.Contains("did not find expected ',' or", StringComparison.Ordinal) && InnermostFlow() is { } open)
        {
            var close = open.IsMapping ? '}' : ']';
            return $"expected ',' or '{close}' here, to continue or close the '{(open.IsMapping ? '{' : '[')}' opened on line {open.Start.Line}, column {open.Start.Column}";
        }

        if (m.Contains("did not find expected key", StringComparison.Ordinal)
            || m.Contains("did not find expected '-' indicator", StringComparison.Ordinal))
        {
            return "this line is not indented like the lines around it; keys of one mapping, and the '-' of one list, must start in the same column";
        }

        if (m.Contains("quoted scalar", StringComparison.Ordinal))
        {
            return "a quoted value is never closed; add the closing quote";
        }

        if (m.Contains("mapping values are not allowed", StringComparison.Ordinal) || m.Contains("found invalid mapping", StringComparison.Ordinal))
        {
            return "a value contains ': '; put the value in quotes, or move the nested key to its own line";
        }

        return m;
    }

    private sealed class Frame(bool isMapping, bool isFlow, Mark start, string path, string? anchor, long valuesAtStart)
    {
        /// <summary>Values counted before this list or mapping began.</summary>
        public long ValuesAtStart { get; } = valuesAtStart;

        public bool IsMapping { get; } = isMapping;

        public bool IsFlow { get; } = isFlow;

        public Mark Start { get; } = start;

        public string Path { get; } = path;

        public string? Anchor { get; } = anchor;

        /// <summary>Keys seen so far in a mapping, with where each was first given.</summary>
        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);

        public bool ExpectKey { get; set; } = isMapping;

        public string Key { get; set; } = "";

        public Mark KeyStart { get; set; } = Mark.Empty;

        public int Index { get; set; }
    }
}

/// <summary>Thrown by <see cref="GuardedParser"/> once the reason has been recorded as a finding.</summary>
internal sealed class StopLoading : Exception;
