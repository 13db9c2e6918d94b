namespace FlowSim.Tests.Cli;

/// <summary>
/// <c>flowsim audit --shard</c> and <c>flowsim merge</c>: an audit's shards merge into exactly what
/// the whole audit writes, and shards that do not belong together are refused with nothing written.
/// </summary>
public sealed class AuditShardTests() : StudyShardFixture("audit")
{
    private static readonly string[] Study = ["--durations", "2w,6w", "--trials", "7", "--seed", "5"];

    private string[] Shards(int count) => Shards(["audit", PortClosure, .. Study], count);

    [Fact]
    public void Given_three_shards_merged_in_any_order_Then_json_csv_and_table_are_the_whole_audits_bytes()
    {
        var json = In("whole.json");
        var csv = In("whole.csv");
        var whole = CliRunner.Run(["audit", PortClosure, .. Study, "--json", json, "--csv", csv, "--threads", "2"]);
        Succeeds(whole);
        var parts = Shards(3);
        var mergedJson = In("merged.json");
        var mergedCsv = In("merged.csv");

        var merged = CliRunner.Run(["merge", parts[2], parts[0], parts[1], "--json", mergedJson, "--csv", mergedCsv]);

        Succeeds(merged);
        Assert.Equal(File.ReadAllBytes(json), File.ReadAllBytes(mergedJson));
        Assert.Equal(File.ReadAllBytes(csv), File.ReadAllBytes(mergedCsv));
        Assert.Equal(whole.Stdout, merged.Stdout);
        Assert.Contains("\"nodes\"", File.ReadAllText(mergedJson));
    }

    [Fact]
    public void Given_a_shard_with_another_seed_Then_merge_exits_2_naming_the_seed_and_writes_nothing()
    {
        var parts = Shards(2);
        var other = In("other-seed.flowsim");
        Succeeds(CliRunner.Run(["audit", PortClosure, "--durations", "2w,6w", "--trials", "7", "--seed", "6", "--shard", "1/2", "--out", other]));
        var output = In("merged.json");

        var refused = CliRunner.Run("merge", parts[0], other, "--json", output);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("seed: 6, but", refused.Stderr);
        Assert.Contains("nothing was merged", refused.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Given_a_missing_shard_Then_merge_names_the_audit_command_that_runs_it()
    {
        var parts = Shards(3);

        var refused = CliRunner.Run("merge", parts[0], parts[2], "--json", In("merged.json"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("shard 1/3 (trials 2 to 3) is missing", refused.Stderr);
        Assert.Contains("'flowsim audit ... --shard 1/3'", refused.Stderr);
        Assert.False(File.Exists(In("merged.json")));
    }

    [Fact]
    public void Given_shards_of_an_audit_and_of_a_run_together_Then_merge_refuses_to_mix_them()
    {
        var audit = Shards(2);
        var run = In("run-1.flowsim");
        Succeeds(CliRunner.Run("run", PortClosure, "--trials", "7", "--seed", "5", "--shard", "1/2", "--out", run));

        var refused = CliRunner.Run("merge", audit[0], run, "--json", In("merged.json"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not a shard of an audit", refused.Stderr);
        Assert.False(File.Exists(In("merged.json")));
    }

    [Fact]
    public void Given_a_damaged_audit_shard_Then_merge_names_its_checksum()
    {
        var parts = Shards(2);
        var bytes = File.ReadAllBytes(parts[1]);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(parts[1], bytes);

        var refused = CliRunner.Run("merge", parts[0], parts[1], "--json", In("merged.json"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("checksum", refused.Stderr);
        Assert.False(File.Exists(In("merged.json")));
    }

    [Theory]
    [InlineData("3/3", "I must be from 0 to 2")]
    [InlineData("1-3", "--shard expects I/N")]
    [InlineData("0/8", "8 shards for 7 trials would leave shards empty")]
    public void Given_a_bad_shard_Then_audit_exits_2_and_writes_no_file(string shard, string message)
    {
        var output = In("part.flowsim");

        var refused = CliRunner.Run(["audit", PortClosure, .. Study, "--shard", shard, "--out", output]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(message, refused.Stderr);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--json", "--json does not apply with --shard")]
    [InlineData("--out", "--out applies only with --shard")]
    public void Given_a_shard_with_a_result_file_or_out_alone_Then_audit_exits_2(string option, string message)
    {
        string[] args = option == "--out" ? ["--out", In("part.flowsim")] : ["--shard", "0/2", "--out", In("part.flowsim"), option, In("a.json")];

        var refused = CliRunner.Run(["audit", PortClosure, .. Study, .. args]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(message, refused.Stderr);
        Assert.False(File.Exists(In("part.flowsim")));
    }

    [Fact]
    public void Given_an_audit_Then_stderr_shows_its_plan_with_a_pilot_estimate_and_quiet_shows_nothing()
    {
        var outcome = CliRunner.Run(["audit", PortClosure, .. Study, "--threads", "2"]);
        Succeeds(outcome);

        // Port closure: the baseline and 4 nodes x 2 durations at least.
        Assert.Matches(@"^audit: \d+ runs x 7 trials = [\d,]+ trials, 2 threads; a pilot of 9 trials took [\d.]+ s: about .+ in all\n", outcome.Stderr);
        Assert.Matches(@"\naudit: [\d,]+ trials in [\d.]+ s\n$", outcome.Stderr);
        Assert.Equal("", CliRunner.Run(["audit", PortClosure, .. Study, "--quiet"]).Stderr);
    }
}
