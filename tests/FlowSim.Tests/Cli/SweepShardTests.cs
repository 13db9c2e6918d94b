using FlowSim.Reports;

namespace FlowSim.Tests.Cli;

/// <summary>
/// <c>flowsim sweep --shard</c> and <c>flowsim merge</c>: a sweep's shards merge into exactly what
/// the whole sweep writes, and shards that do not belong together are refused with nothing written.
/// </summary>
public sealed class SweepShardTests() : StudyShardFixture("sweep")
{
    // The golden sweep of port-closure (GoldenOutputTests): three points, the scenario's own 90% the baseline.
    private static readonly string[] Study = ["--vary", "strategies.lean.service_level=85%..95%:5%", "--trials", "12", "--seed", "5"];

    private string[] Shards(int count, params string[] extra) => Shards(["sweep", PortClosure, .. Study], count, extra);

    private static string Portable(string text) => text.Replace(RepoFiles.Root, "<repo>", StringComparison.Ordinal).ReplaceLineEndings("\n");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Given_n_shards_merged_in_reverse_order_Then_json_csv_and_table_are_the_whole_sweeps_bytes(int count)
    {
        var json = In("whole.json");
        var csv = In("whole.csv");
        var whole = CliRunner.Run(["sweep", PortClosure, .. Study, "--json", json, "--csv", csv, "--threads", "2", "--quiet"]);
        Succeeds(whole);
        var parts = Shards(count);
        var mergedJson = In("merged.json");
        var mergedCsv = In("merged.csv");

        var merged = CliRunner.Run(["merge", .. parts.Reverse(), "--json", mergedJson, "--csv", mergedCsv, "--quiet"]);

        Succeeds(merged);
        Assert.Equal(File.ReadAllBytes(json), File.ReadAllBytes(mergedJson));
        Assert.Equal(File.ReadAllBytes(csv), File.ReadAllBytes(mergedCsv));
        Assert.Equal(whole.Stdout, merged.Stdout);
        // The same bytes as the golden sweep, which the whole sweep is held to.
        ExpectedFile.Check("Golden/Expected/sweep-port-closure.json", Portable(File.ReadAllText(mergedJson)));
        ExpectedFile.Check("Golden/Expected/sweep-port-closure.csv", Portable(File.ReadAllText(mergedCsv)));
    }

    [Fact]
    public void Given_a_chosen_baseline_rank_and_attribution_Then_the_merged_report_and_json_are_the_whole_sweeps()
    {
        string[] options = ["--baseline", "95%", "--rank", "profit", "--attribute"];
        var json = In("whole.json");
        var report = In("whole.html");
        Succeeds(CliRunner.Run(["sweep", PortClosure, .. Study, .. options, "--json", json, "--report", report, "--quiet"]));
        var parts = Shards(2, options);
        var mergedJson = In("merged.json");
        var mergedReport = In("merged.html");

        Succeeds(CliRunner.Run(["merge", .. parts, "--json", mergedJson, "--report", mergedReport, "--format", "csv", "--quiet"]));

        Assert.Equal(File.ReadAllBytes(json), File.ReadAllBytes(mergedJson));
        Assert.Contains("\"point\": 2", File.ReadAllText(mergedJson));
        Assert.Equal(Reports.HtmlReportTests.Normalise(File.ReadAllText(report)), Reports.HtmlReportTests.Normalise(File.ReadAllText(mergedReport)));
    }

    [Fact]
    public void Given_a_shard_with_another_seed_Then_merge_exits_2_naming_the_seed_and_writes_nothing()
    {
        var parts = Shards(2);
        var other = Shards(["sweep", PortClosure, "--vary", "strategies.lean.service_level=85%..95%:5%", "--trials", "12", "--seed", "6"], 2)[1];

        MergeRefused([parts[0], other], "seed: 6, but", "nothing was merged");
    }

    [Fact]
    public void Given_a_shard_of_another_grid_Then_merge_names_the_command_and_writes_nothing()
    {
        var parts = Shards(2);
        var other = Shards(["sweep", PortClosure, "--vary", "strategies.lean.service_level=85%..90%:5%", "--trials", "12", "--seed", "5"], 2)[1];

        MergeRefused([parts[0], other], $"{other}: command:");
    }

    [Fact]
    public void Given_a_missing_shard_Then_merge_names_the_sweep_command_that_runs_it()
    {
        var parts = Shards(3);

        MergeRefused([parts[0], parts[2]], "shard 1/3 (trials 4 to 7) is missing", "'flowsim sweep ... --shard 1/3'");
    }

    [Fact]
    public void Given_shards_of_a_sweep_and_of_an_audit_together_Then_merge_refuses_to_mix_them()
    {
        var sweep = Shards(2);
        var audit = Shards(["audit", PortClosure, "--durations", "2w", "--trials", "12", "--seed", "5"], 2)[1];

        MergeRefused([sweep[0], audit], $"{audit}: not a shard of a sweep as {sweep[0]} is, but of an audit", "nothing was merged");
    }

    [Fact]
    public void Given_a_damaged_or_truncated_sweep_shard_Then_merge_names_its_checksum_or_end()
    {
        var parts = Shards(2);
        var bytes = File.ReadAllBytes(parts[1]);
        var truncated = In("truncated.flowsim");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(parts[1], bytes);

        MergeRefused([parts[0], parts[1]], $"{parts[1]}: checksum");
        MergeRefused([parts[0], truncated], $"{truncated}: the file ends early");
    }

    [Fact]
    public void Given_shards_whose_checksum_holds_but_whose_baseline_is_no_point_of_the_grid_Then_merge_exits_2_naming_the_baseline()
    {
        var parts = Shards(2);
        foreach (var part in parts)
        {
            var file = SweepShardFile.Read(part);
            var crafted = file with { Sweep = file.Sweep with { Baseline = file.Sweep.Baseline with { Point = 7 } } };
            using var stream = File.Create(part);
            crafted.Write(stream);
        }

        MergeRefused(parts, $"{parts[0]}: baseline: point 7 of 3 points", "nothing was merged");
    }

    [Theory]
    [InlineData("\n# edited\n")]
    [InlineData("\nitems: [\n")]
    public void Given_the_scenario_changed_since_the_shards_ran_even_if_it_no_longer_loads_Then_merge_names_its_sha256(string edit)
    {
        var scenario = In("scenario.yaml");
        File.Copy(PortClosure, scenario);
        var parts = Shards(["sweep", scenario, .. Study], 2);
        File.AppendAllText(scenario, edit);

        MergeRefused(parts, "scenario.sha256:", "has changed since the shards ran");
    }

    [Theory]
    [InlineData("--parquet", "--parquet does not apply to the shards of a sweep")]
    [InlineData("--by", "--by does not apply to the shards of a sweep")]
    public void Given_an_output_a_sweep_does_not_write_Then_merge_refuses_it(string option, string message)
    {
        var parts = Shards(1);
        string[] args = option == "--by" ? ["--by", "item"] : ["--parquet", In("t.parquet")];

        var refused = CliRunner.Run(["merge", .. parts, .. args]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(message, refused.Stderr);
    }

    [Theory]
    [InlineData(new[] { "--shard", "3/3" }, "I must be from 0 to 2")]
    [InlineData(new[] { "--shard", "0/13" }, "13 shards for 12 trials would leave shards empty")]
    [InlineData(new[] { "--shard", "0/2", "--json", "a.json" }, "--json does not apply with --shard")]
    [InlineData(new[] { "--shard", "0/2", "--precision", "1%" }, "--precision cannot be used with --shard")]
    [InlineData(new[] { "--out", "part.flowsim" }, "--out applies only with --shard")]
    public void Given_a_shard_a_sweep_cannot_write_Then_sweep_exits_2_and_writes_no_file(string[] args, string message)
    {
        var output = In("part.flowsim");
        var given = args.Select(a => a.EndsWith(".flowsim", StringComparison.Ordinal) || a.EndsWith(".json", StringComparison.Ordinal) ? In(a) : a).ToArray();
        string[] withOut = given.Contains("--out") ? given : [.. given, "--out", output];

        var refused = CliRunner.Run(["sweep", PortClosure, .. Study, .. withOut]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(message, refused.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Given_a_grid_whose_points_run_different_trials_Then_a_shard_is_refused_until_trials_are_fixed()
    {
        var output = In("trials.flowsim");
        string[] sweep = ["sweep", PortClosure, "--vary", "trials=10..12:2", "--shard", "0/2", "--out", output, "--quiet"];

        var refused = CliRunner.Run(sweep);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--shard: the points run different trials or seeds", refused.Stderr);
        Assert.False(File.Exists(output));
        Succeeds(CliRunner.Run([.. sweep, "--trials", "10", "--seed", "3"]));
        Assert.Equal(5, SweepShardFile.Read(output).Runs[1].Trials);
    }

    [Fact]
    public void Given_the_same_setting_varied_twice_Then_sweep_exits_2_and_simulates_nothing()
    {
        var refused = CliRunner.Run(["sweep", PortClosure, "--vary", "strategies.lean.service_level=85%..95%:5%", "--vary", "strategies.lean.service_level=85%..90%:5%", "--trials", "3"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--vary strategies.lean.service_level is given 2 times; vary each setting once", refused.Stderr);
        Assert.Equal("", refused.Stdout);
    }

    [Fact]
    public void Given_one_setting_varied_by_name_and_by_position_Then_sweep_exits_2_naming_both()
    {
        // lean is the first strategy of port-closure.yaml: both paths lead to one setting.
        var refused = CliRunner.Run(["sweep", PortClosure, "--vary", "strategies.lean.service_level=85%..95%:5%", "--vary", "strategies[0].service_level=85%..90%:5%", "--trials", "3"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--vary strategies[0].service_level and --vary strategies.lean.service_level name the same setting (strategies[0].service_level); give each setting once", refused.Stderr);
        Assert.Equal("", refused.Stdout);
    }

    [Fact]
    public void Given_settings_of_two_strategies_named_alike_Then_sweep_runs_them_as_two_axes()
    {
        var run = CliRunner.Run(["sweep", PortClosure, "--vary", "strategies.lean.service_level=85%..90%:5%", "--vary", "strategies[1].service_level=85%..90%:5%", "--trials", "2", "--quiet"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    [Fact]
    public void Given_a_sweep_shard_Then_its_file_records_every_point_and_the_whole_sweeps_command()
    {
        var part = Shards(2)[1];

        var file = SweepShardFile.Read(part);

        Assert.Equal(3, file.Sweep.Points.Length);
        Assert.Equal(1, file.Sweep.Baseline.Point);
        Assert.Equal(6, file.Sweep.Points[0].Trials);
        Assert.DoesNotContain("--shard", file.Command);
        Assert.DoesNotContain("--threads", file.Command);
        Assert.Equal("sweep", file.Command[0]);
    }
}
