using System.Diagnostics;
using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary>Ctrl+C while a run writes its files: the whole set is written, or every old file stays and no temporary file is left, and stderr says which.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public class OutputInterruptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-interrupt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Ctrl_C_while_writing_completes_the_set_or_keeps_every_old_file(int signals)
    {
        Assert.False(OperatingSystem.IsWindows(), "this test sends SIGINT and needs a Unix-like system");
        foreach (var name in new[] { "r.json", "r.csv", "r.csv.provenance.json", "r.parquet", "r.html" })
        {
            File.WriteAllText(Path.Combine(_dir, name), "old");
        }

        using var child = ChildProcess.Start(_dir, "run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "3000", "--threads", "2",
            "--json", "r.json", "--csv", "r.csv", "--parquet", "r.parquet", "--report", "r.html", "-q");

        // Interrupt as soon as a temporary file has content (the empty probe of the checks comes before the run): the run is in its writing phase.
        var waited = Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(_dir, ".r.*").Any(f => new FileInfo(f) is { Exists: true, Length: > 0 }) && waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            Thread.Sleep(1);
        }

        Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), "no temporary file appeared");
        for (var i = 0; i < signals; i++)
        {
            child.Interrupt();
        }

        var exit = child.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit is not null, "still running 30 s after Ctrl+C");
        var (code, _, stderr) = exit.Value;
        var entries = Directory.GetFileSystemEntries(_dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["r.csv", "r.csv.provenance.json", "r.html", "r.json", "r.parquet"], entries);
        var contents = entries.Select(e => File.ReadAllText(Path.Combine(_dir, e))).ToArray();
        if (code == ExitCodes.Cancelled)
        {
            Assert.Matches("nothing was written", stderr);
            Assert.All(contents, c => Assert.Equal("old", c));
        }
        else
        {
            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("written in full", stderr);
            Assert.All(contents, c => Assert.NotEqual("old", c));
        }
    }
}
