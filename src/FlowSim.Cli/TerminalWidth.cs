using System.Globalization;

namespace FlowSim.Cli;

/// <summary>
/// The width console tables and sentences are laid out for: <c>COLUMNS</c> when set, else the
/// terminal's width when stdout is a terminal (80 when the terminal will not say). Output to a file
/// or a pipe without <c>COLUMNS</c> has no limit, so what a script reads never depends on the window
/// it was started from.
/// </summary>
internal static class TerminalWidth
{
    /// <summary>The width of a terminal that does not report its own.</summary>
    public const int Unknown = 80;

    /// <summary>The narrowest layout honoured; a smaller <c>COLUMNS</c> is read as this.</summary>
    public const int Narrowest = 40;

    /// <summary>
    /// Environment seen by this call chain instead of the process's: the process environment is
    /// shared by everything running in it, so in-process callers set variables here.
    /// </summary>
    internal static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> Environment = new();

    /// <summary>The width to lay out for, or null for no limit.</summary>
    public static int? For(TextWriter output)
    {
        var columns = Environment.Value is { } env ? env.GetValueOrDefault("COLUMNS") : System.Environment.GetEnvironmentVariable("COLUMNS");
        if (int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var set) && set > 0)
        {
            return Math.Max(Narrowest, set);
        }

        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            return null;
        }

        try
        {
            return Console.WindowWidth is var w && w > 0 ? Math.Max(Narrowest, w) : Unknown;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return Unknown;
        }
    }

    /// <summary>Breaks a line at spaces so no piece is wider than <paramref name="width"/>; pieces after the first are indented two more than the line.</summary>
    public static IEnumerable<string> Wrap(string line, int? width)
    {
        if (width is not { } w || line.Length <= w)
        {
            yield return line;
            yield break;
        }

        var lead = line.Length - line.TrimStart(' ').Length;
        var indent = new string(' ', lead + 2);
        var prefix = line[..lead];
        var rest = line[lead..];
        while (prefix.Length + rest.Length > w)
        {
            var room = Math.Max(1, w - prefix.Length);
            var cut = rest.LastIndexOf(' ', Math.Min(room, rest.Length - 1));
            while (cut > 0 && Glued(rest, cut))
            {
                cut = rest.LastIndexOf(' ', cut - 1);
            }

            if (cut <= 0)
            {
                // A word longer than the line: keep it whole rather than break a name or a number.
                cut = rest.IndexOf(' ', Math.Min(room, rest.Length - 1));
                if (cut <= 0)
                {
                    break;
                }
            }

            var piece = rest[..cut].TrimEnd(' ');
            if (piece.Length > 0)
            {
                yield return prefix + piece;
                prefix = indent;
            }

            rest = rest[(cut + 1)..].TrimStart(' ');
        }

        yield return prefix + rest;
    }

    /// <summary>A currency code and its amount (<c>EUR 28,558</c>) stay on one line.</summary>
    private static bool Glued(string text, int space)
    {
        var start = text.LastIndexOf(' ', space - 1) + 1;
        var word = text.AsSpan(start, space - start).TrimStart('[');
        return word.Length == 3 && char.IsAsciiLetterUpper(word[0]) && char.IsAsciiLetterUpper(word[1]) && char.IsAsciiLetterUpper(word[2])
            && space + 1 < text.Length && (char.IsAsciiDigit(text[space + 1]) || text[space + 1] == '-');
    }
}
