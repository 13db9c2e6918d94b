namespace FlowSim.Cli;

/// <summary>The exit codes of the <c>flowsim</c> command (a contract scripts rely on).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An internal error: a bug in FlowSim.</summary>
    public const int InternalError = 1;

    /// <summary>An invalid scenario or invalid arguments.</summary>
    public const int InvalidInput = 2;

    /// <summary><c>flowsim rerun</c> ran, and the new result differs from the recorded one.</summary>
    public const int ResultDiffers = 3;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
