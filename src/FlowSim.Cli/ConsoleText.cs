using FlowSim.Scenarios;
using Spectre.Console;

namespace FlowSim.Cli;

/// <summary>
/// Text from a scenario or history file as the console shows it: control characters escaped
/// (<see cref="TerminalText"/>), so a name can never move the cursor, retitle or clear the
/// terminal, or fake a line of output.
/// </summary>
internal static class ConsoleText
{
    /// <summary>Text for a plain line.</summary>
    public static string Plain(string? text) => TerminalText.Escape(text);

    /// <summary>Text for a table cell: control characters escaped, and Spectre markup brackets too.</summary>
    public static string Cell(string? text) => Markup.Escape(TerminalText.Escape(text));
}
