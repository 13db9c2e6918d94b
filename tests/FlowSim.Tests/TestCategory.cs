namespace FlowSim.Tests;

/// <summary>
/// Test traits that let a run leave out tests on purpose, for example a quick loop while editing:
/// <c>dotnet test --filter "Category!=Slow&amp;Category!=Process&amp;Category!=Browser"</c>.
/// CI runs every test.
/// </summary>
internal static class TestCategory
{
    public const string Name = "Category";

    /// <summary>Tests that take several seconds each (statistical checks over many trials, whole scenarios).</summary>
    public const string Slow = "Slow";

    /// <summary>Tests that start processes (the built flowsim, a shell, the deploy scripts) or need a POSIX system.</summary>
    public const string Process = "Process";

    /// <summary>Tests that render HTML in Chromium.</summary>
    public const string Browser = "Browser";
}
