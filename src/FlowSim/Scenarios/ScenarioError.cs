namespace FlowSim.Scenarios;

/// <summary>How serious a finding about a scenario is.</summary>
public enum Severity
{
    /// <summary>The scenario cannot run.</summary>
    Error,

    /// <summary>The scenario runs, but probably not as the author meant.</summary>
    Warning,
}

/// <summary>
/// One problem found in a scenario, pinned to the place in the file that causes it.
/// Printed as <c>file:line:col field.path: message</c>, on one line: control characters quoted
/// from the file show escaped (see <see cref="TerminalText"/>).
/// </summary>
/// <param name="File">The scenario file as the user named it.</param>
/// <param name="Line">1-based line; 0 when the problem is about the whole file.</param>
/// <param name="Column">1-based column; 0 when the problem is about the whole file.</param>
/// <param name="FieldPath">Where in the scenario, e.g. <c>lanes[0].lead_time.mean</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what was expected, in a planner's words.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record ScenarioError(string File, int Line, int Column, string FieldPath, string Message, Severity Severity = Severity.Error)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var field = FieldPath.Length > 0 ? $" {FieldPath}:" : ":";
        var prefix = Severity == Severity.Warning ? " warning:" : "";
        return TerminalText.Escape($"{where}{field}{prefix} {Message}");
    }
}
