using System.Diagnostics;

namespace FlowSim.Tests;

/// <summary>
/// Named pipes (FIFOs) for tests that FlowSim refuses them: a reader that opens one waits for a
/// writer, so every read goes through <see cref="Within"/> and a regression fails instead of hanging.
/// </summary>
internal static class Fifo
{
    /// <summary>True where <c>mkfifo</c> exists (every Unix-like system the tests run on).</summary>
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>Makes a FIFO at <paramref name="path"/> with the system's <c>mkfifo</c>.</summary>
    public static string Make(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path }, UseShellExecute = false })!;
        Assert.True(mkfifo.WaitForExit(10_000), "mkfifo did not finish");
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>
    /// Runs <paramref name="read"/>, which is given <paramref name="fifo"/>, and fails the test if
    /// it is still waiting after <paramref name="seconds"/>; the pipe is then opened for writing
    /// and closed, so the waiting reader sees an empty file and its thread ends.
    /// </summary>
    public static T Within<T>(string fifo, Func<T> read, int seconds = 20)
    {
        var task = Task.Run(read);
        if (!task.Wait(TimeSpan.FromSeconds(seconds)))
        {
            // Opening for writing blocks too, unless the reader is waiting in its open: bound it as well.
            Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose()).Wait(TimeSpan.FromSeconds(5));

            Assert.Fail($"still waiting on the pipe {fifo} after {seconds} s; it must be refused at once");
        }

        return task.Result;
    }
}
