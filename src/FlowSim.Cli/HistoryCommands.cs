using System.CommandLine;

namespace FlowSim.Cli;

/// <summary>The commands that learn from history files: <c>fit</c> and <c>segment</c>.</summary>
internal static class HistoryCommands
{
    public static void AddTo(Command root, TextWriter stdout, TextWriter stderr)
    {
        root.Add(FitCommand.Build(stdout, stderr));
        root.Add(SegmentCommand.Build(stdout, stderr));
    }
}
