using System.Diagnostics;

namespace FlowSim.Tests;

/// <summary>
/// The headless Chromium that browser tests drive. Without one the test is skipped, and reported
/// as skipped with the reason, never as passed; <c>.ci/run</c> fails on any skipped test.
/// </summary>
internal static class Browser
{
    /// <summary>Names a Chromium executable to use instead of looking on the PATH; a path that is not a file skips the browser tests.</summary>
    public const string ChromiumVariable = "FLOWSIM_CHROMIUM";

    /// <summary>Set to 1 to skip the browser tests even where Chromium is installed.</summary>
    public const string SkipVariable = "FLOWSIM_SKIP_BROWSER_TESTS";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The Chromium executable; skips the calling test (a <c>[SkippableFact]</c>) when there is none.</summary>
    public static string RequireChromium() => RequireChromium(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="RequireChromium()"/>, reading the environment through <paramref name="environment"/>.</summary>
    internal static string RequireChromium(Func<string, string?> environment)
    {
        var (path, reason) = Find(environment);
        Skip.If(path is null, reason);
        return path!;
    }

    /// <summary>Runs Chromium headless with <paramref name="arguments"/> after the usual flags; returns what it printed on stdout.</summary>
    public static string Headless(string chromium, string arguments)
    {
        var start = new ProcessStartInfo(chromium,
            "--headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars --virtual-time-budget=10000 " + arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "Chromium did not finish within two minutes");
        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>The executable, or null and why none is used.</summary>
    private static (string? Path, string Reason) Find(Func<string, string?> environment)
    {
        if (environment(SkipVariable) == "1")
        {
            return (null, $"{SkipVariable}=1 asks to skip the browser tests");
        }

        if (environment(ChromiumVariable) is { Length: > 0 } given)
        {
            return File.Exists(given)
                ? (given, "")
                : (null, $"{ChromiumVariable}={given} is not a file; point it at a Chromium executable, or unset it to look on the PATH");
        }

        var found = (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        return found is not null
            ? (found, "")
            : (null, $"no Chromium on the PATH ({string.Join(", ", Names)}); install it (apt-get install -y chromium) or set {ChromiumVariable} to its path");
    }
}
