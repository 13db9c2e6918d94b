using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FlowSim.Tests.Cli;

/// <summary>Runs the built <c>flowsim</c> (FlowSim.Cli.dll beside the test assembly) as a real child process.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ChildProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The CLI the test project was built with (Debug layout: copied next to the tests).</summary>
    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "FlowSim.Cli.dll");

    public int Id => _process.Id;

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    public static ChildProcess Start(string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(CliDll), $"{CliDll} is missing; build the solution first");
        // dotnet test names the host it runs under; fall back to the one on the PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return new ChildProcess(Process.Start(info)!);
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt() => Assert.Equal(0, Kill(_process.Id, 2));

    /// <summary>Waits for the process to end; null when it is still running after <paramref name="timeout"/>.</summary>
    public (int ExitCode, string Stdout, string Stderr)? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return null;
        }

        _process.WaitForExit();
        return (_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
