using FlowSim.Cli;
using FlowSim.Reports;

namespace FlowSim.Tests.Reports;

/// <summary>A result file is replaced whole or not at all: a failed or interrupted write keeps the earlier one.</summary>
public class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_write_that_fails_half_way_keeps_the_earlier_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "results.json");
        File.WriteAllText(path, "earlier result");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("{ \"half\": "u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("earlier result", File.ReadAllText(path));
        Assert.Equal(["results.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_complete_write_replaces_the_earlier_file()
    {
        var path = Path.Combine(_dir, "results.json");
        File.WriteAllText(path, "earlier result");

        AtomicFile.Write(path, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task An_interrupted_run_keeps_the_earlier_result_and_says_how_far_it_got()
    {
        var path = Path.Combine(_dir, "results.json");
        File.WriteAllText(path, "earlier result");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await FlowSimCli.RunAsync(["run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "10000000", "--json", path], stdout, stderr, cancellation: cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Matches(@"^flowsim: interrupted after [\d,]+ of 10,000,000 trials; nothing was written\.\s*$", stderr.ToString());
        Assert.Equal("earlier result", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
