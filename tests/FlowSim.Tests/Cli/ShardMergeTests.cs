using FlowSim.Experiments;
using FlowSim.Reports;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim run --shard</c> and <c>flowsim merge</c>: shards merge into exactly what a single run gives.</summary>
public sealed class ShardMergeTests : IDisposable
{
    private const string Trials = "21";

    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-shard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Port closure has disruptions, so disruption cost (a second run of every trial) is in the outcomes.
    private static string PortClosure => RepoFiles.Path("scenarios/port-closure.yaml");

    private string In(string name) => Path.Combine(_dir, name);

    private static void Succeeds(CliRunner.Outcome outcome) => Assert.True(outcome.ExitCode == 0, outcome.Stderr);

    private string[] RunShards(int count, string scenario, params string[] extra)
    {
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = In($"part-{i}-of-{count}.flowsim");
            Succeeds(CliRunner.Run(["run", scenario, "--trials", Trials, "--shard", $"{i}/{count}", "--out", parts[i], "--threads", "1", .. extra]));
        }

        return parts;
    }

    [Trait(TestCategory.Name, TestCategory.Slow)]
    public sealed class Merged_results : IDisposable
    {
        private readonly ShardMergeTests _t = new();

        public void Dispose() => _t.Dispose();

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        public void Given_N_shards_When_merged_Then_the_json_csv_and_parquet_are_byte_identical_to_a_single_run(int shards)
        {
            var single = _t.In("single.json");
            var singleCsv = _t.In("single.csv");
            var singleParquet = _t.In("single.parquet");
            Succeeds(CliRunner.Run("run", PortClosure, "--trials", Trials, "--json", single, "--csv", singleCsv, "--parquet", singleParquet, "--threads", "2"));
            var parts = _t.RunShards(shards, PortClosure);
            var merged = _t.In("merged.json");
            var mergedCsv = _t.In("merged.csv");
            var mergedParquet = _t.In("merged.parquet");

            Succeeds(CliRunner.Run(["merge", .. parts, "--json", merged, "--csv", mergedCsv, "--parquet", mergedParquet]));

            Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(merged));
            Assert.Equal(File.ReadAllBytes(singleCsv), File.ReadAllBytes(mergedCsv));
            Assert.Equal(File.ReadAllBytes(singleParquet), File.ReadAllBytes(mergedParquet));

            // The sidecars differ only in the name of the CSV they describe.
            Assert.Equal(
                File.ReadAllText(singleCsv + ".provenance.json").Replace("single.csv", "merged.csv", StringComparison.Ordinal),
                File.ReadAllText(mergedCsv + ".provenance.json"));
            Assert.Contains("\"disruption_cost\"", File.ReadAllText(merged));
        }

        [Fact]
        public void Given_shards_in_reverse_order_with_attribution_When_merged_Then_the_json_equals_a_single_run()
        {
            var single = _t.In("single.json");
            Succeeds(CliRunner.Run("run", PortClosure, "--trials", Trials, "--attribute", "--json", single));
            var parts = _t.RunShards(3, PortClosure, "--attribute");
            var merged = _t.In("merged.json");

            Succeeds(CliRunner.Run(["merge", .. parts.Reverse(), "--json", merged]));

            Assert.Equal(File.ReadAllText(single), File.ReadAllText(merged));
            Assert.Contains("\"attribution\"", File.ReadAllText(merged));
        }

        [Fact]
        public void Given_shards_run_with_overrides_When_merged_Then_the_json_equals_a_single_run_with_them()
        {
            string[] set = ["--set", "strategies.lean.service_level=95%", "--set", "disruptions.port-strike.duration=5w"];
            var single = _t.In("single-set.json");
            Succeeds(CliRunner.Run(["run", PortClosure, "--trials", Trials, .. set, "--json", single]));
            var parts = _t.RunShards(3, PortClosure, set);
            var merged = _t.In("merged-set.json");

            Succeeds(CliRunner.Run(["merge", .. parts, "--json", merged]));

            Assert.Equal(File.ReadAllText(single), File.ReadAllText(merged));
            Assert.Contains("disruptions.port-strike.duration=5w", File.ReadAllText(merged));
        }

        [Fact]
        public void Given_shards_run_with_item_location_percentiles_When_merged_Then_the_json_equals_a_single_run_with_them()
        {
            var single = _t.In("single-pct.json");
            Succeeds(CliRunner.Run(["run", PortClosure, "--trials", Trials, "--percentiles", "item-locations", "--json", single]));
            var parts = _t.RunShards(3, PortClosure, "--percentiles", "item-locations");
            var merged = _t.In("merged-pct.json");

            Succeeds(CliRunner.Run(["merge", .. parts, "--json", merged]));

            Assert.Equal(File.ReadAllText(single), File.ReadAllText(merged));
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(merged));
            var fill = doc.RootElement.GetProperty("strategies")[0].GetProperty("item_locations")[0].GetProperty("metrics").GetProperty("avg_on_hand_units");
            Assert.True(fill.TryGetProperty("p95", out _), "the shards' --percentiles carries over to the merge");
        }

        [Fact]
        public void Given_shards_ranked_by_total_cost_When_merged_Then_the_json_ranks_as_a_single_run_does()
        {
            string[] rank = ["--rank", "total_cost"];
            var single = _t.In("single-rank.json");
            Succeeds(CliRunner.Run(["run", PortClosure, "--trials", Trials, .. rank, "--json", single]));
            var parts = _t.RunShards(2, PortClosure, rank);
            var merged = _t.In("merged-rank.json");

            Succeeds(CliRunner.Run(["merge", .. parts, "--json", merged]));

            Assert.Equal(File.ReadAllText(single), File.ReadAllText(merged));
            Assert.Contains("\"rank_by\": \"total_cost\"", File.ReadAllText(merged));
        }

        [Fact]
        public void Given_shards_When_merged_Then_stdout_prints_the_single_runs_table()
        {
            var single = CliRunner.Run("run", PortClosure, "--trials", Trials);
            var parts = _t.RunShards(2, PortClosure);

            var merged = CliRunner.Run(["merge", .. parts]);

            Succeeds(merged);
            Assert.Equal(single.Stdout, merged.Stdout);
        }
    }

    [Trait(TestCategory.Name, TestCategory.Slow)]
    public sealed class Merged_report : IDisposable
    {
        private readonly ShardMergeTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void Given_shards_When_merged_with_report_Then_the_html_report_is_written()
        {
            var parts = _t.RunShards(2, PortClosure);
            var report = _t.In("report.html");

            Succeeds(CliRunner.Run(["merge", .. parts, "--report", report, "--quiet"]));

            var html = File.ReadAllText(report);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Port", html);
        }
    }

    public sealed class Refused_merges : IDisposable
    {
        private readonly ShardMergeTests _t = new();

        public void Dispose() => _t.Dispose();

        private CliRunner.Outcome MergeFails(params string[] parts)
        {
            var json = _t.In("merged.json");
            var outcome = CliRunner.Run(["merge", .. parts, "--json", json]);
            Assert.Equal(2, outcome.ExitCode);
            Assert.False(File.Exists(json), "a refused merge writes nothing");
            Assert.DoesNotContain("   at ", outcome.Stderr);
            return outcome;
        }

        [Fact]
        public void Given_a_shard_with_another_seed_When_merged_Then_it_is_refused_naming_both_files_and_the_seed()
        {
            var parts = _t.RunShards(2, PortClosure);
            var other = _t.In("other-seed.flowsim");
            Succeeds(CliRunner.Run("run", PortClosure, "--trials", Trials, "--seed", "99", "--shard", "1/2", "--out", other));

            var outcome = MergeFails(parts[0], other);

            Assert.Contains($"{other}: seed: 99, but {parts[0]} has", outcome.Stderr);
        }

        [Fact]
        public void Given_a_shard_from_another_trial_plan_When_merged_Then_the_trial_plan_is_named()
        {
            var parts = _t.RunShards(2, PortClosure);
            var other = _t.In("other-plan.flowsim");
            Succeeds(CliRunner.Run("run", PortClosure, "--trials", Trials, "--shard", "1/3", "--out", other));

            var outcome = MergeFails(parts[0], other);

            Assert.Contains($"{other}: trial plan: 21 trials in 3 shards, but {parts[0]} has 21 trials in 2 shards", outcome.Stderr);
        }

        [Fact]
        public void Given_a_missing_slice_When_merged_Then_the_missing_shard_and_its_trials_are_named()
        {
            var parts = _t.RunShards(3, PortClosure);

            var outcome = MergeFails(parts[0], parts[2]);

            Assert.Contains("shard 1/3 (trials 7 to 13) is missing", outcome.Stderr);
        }

        [Fact]
        public void Given_a_slice_twice_When_merged_Then_the_overlap_is_named()
        {
            var parts = _t.RunShards(2, PortClosure);
            var copy = _t.In("copy.flowsim");
            File.Copy(parts[1], copy);

            var outcome = MergeFails(parts[0], parts[1], copy);

            Assert.Contains($"{parts[1]} and {copy} both hold shard 1/2 (trials 10 to 20)", outcome.Stderr);
        }

        [Fact]
        public void Given_the_scenario_changed_after_the_shards_ran_When_merged_Then_it_is_refused()
        {
            var scenario = _t.In("scenario.yaml");
            File.Copy(PortClosure, scenario);
            var parts = _t.RunShards(2, scenario);
            File.AppendAllText(scenario, "\n# edited\n");

            var outcome = MergeFails(parts);

            Assert.Contains("scenario.sha256:", outcome.Stderr);
            Assert.Contains("has changed since the shards ran", outcome.Stderr);
        }

        [Fact]
        public void Given_the_scenario_is_gone_When_merged_Then_its_recorded_path_is_named()
        {
            var scenario = _t.In("scenario.yaml");
            File.Copy(PortClosure, scenario);
            var parts = _t.RunShards(2, scenario);
            File.Delete(scenario);

            var outcome = MergeFails(parts);

            Assert.Contains($"scenario.path: '{scenario.Replace('\\', '/')}' not found", outcome.Stderr);
        }

        [Fact]
        public void Given_a_truncated_or_damaged_file_When_merged_Then_it_is_refused()
        {
            var parts = _t.RunShards(2, PortClosure);
            var bytes = File.ReadAllBytes(parts[1]);
            var truncated = _t.In("truncated.flowsim");
            File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
            var damaged = _t.In("damaged.flowsim");
            bytes[bytes.Length - 100] ^= 0x40;
            File.WriteAllBytes(damaged, bytes);

            Assert.Contains($"{truncated}: the file ends early", MergeFails(parts[0], truncated).Stderr);
            Assert.Contains($"{damaged}: checksum:", MergeFails(parts[0], damaged).Stderr);
        }

        [Fact]
        public void Given_a_file_that_is_not_a_shard_When_merged_Then_it_is_refused()
        {
            var notShard = _t.In("results.json");
            File.WriteAllText(notShard, "{}");

            Assert.Contains($"{notShard}: not a FlowSim shard file", MergeFails(notShard).Stderr);
        }

        [Fact]
        public void Given_a_newer_format_version_When_merged_Then_the_format_version_is_named()
        {
            var parts = _t.RunShards(1, PortClosure);
            var bytes = File.ReadAllBytes(parts[0]);
            bytes[8] = 4;
            File.WriteAllBytes(parts[0], bytes);

            Assert.Contains("format_version: 4, but this FlowSim reads shard format 3", MergeFails(parts).Stderr);
        }
    }

    public sealed class Shard_option : IDisposable
    {
        private readonly ShardMergeTests _t = new();

        public void Dispose() => _t.Dispose();

        [Theory]
        [InlineData("3/3", "I must be from 0 to 2")]
        [InlineData("0/0", "N must be at least 1")]
        [InlineData("1-3", "--shard expects I/N")]
        [InlineData("-1/3", "--shard expects I/N")]
        [InlineData("0/22", "22 shards for 21 trials would leave shards empty")]
        public void Given_a_bad_shard_When_run_Then_exit_2_names_what_is_wrong_and_writes_nothing(string shard, string message)
        {
            var part = _t.In("part.flowsim");

            var outcome = CliRunner.Run("run", PortClosure, "--trials", Trials, "--shard", shard, "--out", part);

            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains(message, outcome.Stderr);
            Assert.False(File.Exists(part));
        }

        [Theory]
        [InlineData("--precision", "1%", "--precision cannot be used with --shard")]
        [InlineData("--json", "r.json", "--json does not apply with --shard")]
        public void Given_an_option_a_shard_cannot_honour_When_run_Then_exit_2(string option, string value, string message)
        {
            var outcome = CliRunner.Run("run", PortClosure, "--shard", "0/2", "--out", _t.In("part.flowsim"), option, value);

            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains(message, outcome.Stderr);
        }

        [Fact]
        public void Given_shard_without_out_or_out_without_shard_When_run_Then_exit_2()
        {
            Assert.Contains("--shard needs --out PATH", CliRunner.Run("run", PortClosure, "--shard", "0/2").Stderr);
            Assert.Contains("--out applies only with --shard", CliRunner.Run("run", PortClosure, "--out", _t.In("p.flowsim")).Stderr);
        }

        [Fact]
        public void Given_a_shard_run_When_recorded_Then_the_command_is_the_single_runs()
        {
            var parts = _t.RunShards(2, PortClosure, "--seed", "5");

            var file = ShardFile.Read(parts[1]);

            Assert.Equal(["run", PortClosure, "--trials", Trials, "--seed", "5"], file.Command);
            Assert.Equal(new Shard(1, 2), file.Outcomes.Shard);
            Assert.Equal(10, file.Outcomes.FirstTrial);
            Assert.Equal(11, file.Outcomes.Trials);
        }
    }
}
