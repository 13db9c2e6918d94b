using System.Diagnostics;
using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary>
/// What only a real process shows: Ctrl+C (SIGINT) stops a long run promptly with exit code 130,
/// a report of how far it got and no output file; and two processes give byte-identical results.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public class ProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-process-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Quickstart => RepoFiles.Path("scenarios/quickstart.yaml");

    [Fact]
    public void Ctrl_C_stops_a_long_run_within_seconds_with_exit_130_and_leaves_no_file()
    {
        // SIGINT is how a terminal delivers Ctrl+C on Linux and macOS, where CI runs this.
        Assert.False(OperatingSystem.IsWindows(), "this test sends SIGINT and needs a Unix-like system");
        var json = Path.Combine(_dir, "results.json");
        using var child = ChildProcess.Start(_dir, "run", Quickstart, "--trials", "10000000", "--threads", "2", "--json", json);

        // Interrupt once it is simulating (its workers burn CPU), not while it is still starting up.
        var started = Stopwatch.StartNew();
        while (child.CpuTime < TimeSpan.FromSeconds(2) && started.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(50);
        }

        var interrupted = Stopwatch.StartNew();
        child.Interrupt();
        var exit = child.WaitForExit(TimeSpan.FromSeconds(10));
        interrupted.Stop();

        Assert.True(exit is not null, "still running 10 s after Ctrl+C");
        var (code, stdout, stderr) = exit.Value;
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(5), $"took {interrupted.Elapsed} to stop");
        Assert.Matches(@"^flowsim: interrupted after [\d,]+ of 10,000,000 trials; nothing was written\.\s*$", stderr);
        Assert.Equal("", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("csv")]
    public async Task A_closed_stdout_exits_2_with_a_message_and_no_stack_trace(string format)
    {
        Assert.False(OperatingSystem.IsWindows(), "this test closes stdout with a POSIX shell");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo("sh") { WorkingDirectory = _dir, RedirectStandardError = true, UseShellExecute = false };
        // '>&-' closes stdout before flowsim starts, as a careless script or service unit can.
        foreach (var a in new[] { "-c", "\"$@\" >&-", "sh", host, ChildProcess.CliDll, "run", Quickstart, "--trials", "3", "--format", format, "--quiet" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(ExitCodes.InvalidInput, process.ExitCode);
        Assert.StartsWith("flowsim: standard output cannot be written", stderr);
        Assert.DoesNotContain("internal error", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Two_processes_on_different_thread_counts_write_byte_identical_json()
    {
        using var one = ChildProcess.Start(_dir, "run", Quickstart, "--trials", "30", "--seed", "11", "--threads", "1", "--json", "one.json");
        using var two = ChildProcess.Start(_dir, "run", Quickstart, "--trials", "30", "--seed", "11", "--threads", "2", "--json", "two.json");

        foreach (var child in new[] { one, two })
        {
            var exit = child.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.True(exit is not null, "a run did not finish in 2 minutes");
            Assert.True(exit.Value.ExitCode == 0, exit.Value.Stderr);
        }

        var first = File.ReadAllBytes(Path.Combine(_dir, "one.json"));
        Assert.NotEmpty(first);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(_dir, "two.json")));
    }
}
