namespace FlowSim.Tests.Cli;

/// <summary>A temporary folder for a study's shard files (an audit's, a sweep's), and the study's shards run into it.</summary>
public abstract class StudyShardFixture : IDisposable
{
    private readonly string _dir;
    private int _studies;

    protected StudyShardFixture(string study) => _dir = Directory.CreateTempSubdirectory($"flowsim-{study}-shard-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static string PortClosure => RepoFiles.Path("scenarios/port-closure.yaml");

    protected string In(string name) => Path.Combine(_dir, name);

    private protected static void Succeeds(CliRunner.Outcome outcome) => Assert.True(outcome.ExitCode == 0, outcome.Stderr);

    /// <summary>
    /// Runs <paramref name="study"/> (the command, the scenario and the study's options) as
    /// <paramref name="count"/> shards, each on another thread count (results never depend on it).
    /// </summary>
    protected string[] Shards(string[] study, int count, params string[] extra)
    {
        var parts = new string[count];
        var name = $"{study[0]}-{_studies++}";
        for (var i = 0; i < count; i++)
        {
            parts[i] = In($"{name}-{i}-of-{count}.flowsim");
            Succeeds(CliRunner.Run([.. study, .. extra, "--shard", $"{i}/{count}", "--out", parts[i], "--threads", $"{1 + (i % 3)}", "--quiet"]));
        }

        return parts;
    }

    /// <summary>
    /// Merges <paramref name="parts"/> into a JSON file and checks the merge is refused (exit 2)
    /// saying each of <paramref name="messages"/>, with nothing written.
    /// </summary>
    protected void MergeRefused(string[] parts, params string[] messages)
    {
        var output = In("merged.json");

        var refused = CliRunner.Run(["merge", .. parts, "--json", output]);

        Assert.Equal(2, refused.ExitCode);
        foreach (var message in messages)
        {
            Assert.Contains(message, refused.Stderr);
        }

        Assert.False(File.Exists(output));
    }
}
