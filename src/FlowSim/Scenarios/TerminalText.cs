using System.Globalization;
using System.Text;

namespace FlowSim.Scenarios;

/// <summary>
/// Text from a scenario, a history file or the command line, made safe to print on a terminal.
/// A name in a file can hold control characters: an escape sequence that recolours, clears or
/// retitles the terminal, a bell, a carriage return that overwrites what was printed, a line
/// break that fakes a line of FlowSim's own output, or a bidirectional override that shows text in
/// another order than it is stored. Printed through <see cref="Escape"/>, each shows as a visible
/// escape instead (<c>\e</c>, <c>\r</c>, <c>\n</c>, <c>\t</c>, otherwise <c>\uXXXX</c>).
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// The text with every control character (C0, DEL, C1) and every bidirectional formatting
    /// character shown as an escape; other text is unchanged. Null gives an empty string.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var b = new StringBuilder(text.Length + 16);
        b.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c))
            {
                b.Append(c);
                continue;
            }

            b.Append(c switch
            {
                '\u001b' => @"\e",
                '\r' => @"\r",
                '\n' => @"\n",
                '\t' => @"\t",
                _ => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return b.ToString();
    }

    /// <summary>True when the text has nothing <see cref="Escape"/> would change.</summary>
    public static bool IsSafe(string? text) => text is null || IndexOfUnsafe(text) < 0;

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // Control characters, and the bidirectional embeddings, overrides, isolates and marks
    // (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, U+061C) that reorder what a reader sees.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u061c';
}
