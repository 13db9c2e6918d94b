using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports;

namespace FlowSim.Tests.Experiments;

public sealed class ShardingTests
{
    public sealed class Slices
    {
        [Theory]
        [InlineData(1, 1)]
        [InlineData(21, 7)]
        [InlineData(20, 3)]
        [InlineData(1000, 7)]
        [InlineData(5, 5)]
        public void Given_T_trials_in_N_shards_Then_every_trial_is_in_exactly_one_slice_and_sizes_differ_by_at_most_one(int trials, int count)
        {
            var seen = new int[trials];
            var sizes = new List<int>();
            for (var i = 0; i < count; i++)
            {
                var shard = new Shard(i, count);
                sizes.Add(shard.EndTrial(trials) - shard.FirstTrial(trials));
                for (var k = shard.FirstTrial(trials); k < shard.EndTrial(trials); k++)
                {
                    seen[k]++;
                }
            }

            Assert.All(seen, n => Assert.Equal(1, n));
            Assert.True(sizes.Max() - sizes.Min() <= 1);
        }

        [Fact]
        public void A_million_trials_in_a_thousand_shards_do_not_overflow()
        {
            var last = new Shard(999, 1000);

            Assert.Equal(999_000, last.FirstTrial(1_000_000));
            Assert.Equal(1_000_000, last.EndTrial(1_000_000));
        }
    }

    public sealed class Merge
    {
        private static readonly FlowSim.Scenarios.Scenario Scenario = TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: poisson, mean: 5/day }", horizon: "120d", trials: 10,
            strategies: "  - name: lean\n    policy: buffer\n    order_up_to: 18\n  - name: deep\n    policy: buffer\n    order_up_to: 40\n"));

        [Fact]
        public void Given_shards_of_one_run_When_merged_Then_every_trial_outcome_equals_the_single_run()
        {
            var options = new RunOptions(Trials: 10, Threads: 1);
            var single = Experiment.Run(Scenario, options);

            var merged = Sharding.Merge(Scenario, [.. Enumerable.Range(0, 4).Select(i => Sharding.Run(Scenario, options, new Shard(i, 4)))]);

            Assert.Equal(single.Trials, merged.Trials);
            Assert.Equal(single.EventsSimulated, merged.EventsSimulated);
            for (var s = 0; s < single.Strategies.Length; s++)
            {
                Assert.Equal(single.Strategies[s].Values(Metric.TotalCost), merged.Strategies[s].Values(Metric.TotalCost));
                Assert.Equal(single.Strategies[s][Metric.FillRate], merged.Strategies[s][Metric.FillRate]);
            }
        }

        [Fact]
        public void Given_a_missing_shard_When_merged_Then_the_library_refuses()
        {
            var options = new RunOptions(Trials: 10, Threads: 1);

            var e = Assert.Throws<ArgumentException>(() => Sharding.Merge(Scenario, [Sharding.Run(Scenario, options, new Shard(0, 2))]));

            Assert.Contains("shard 1/2 is missing", e.Message);
        }

        [Fact]
        public void Given_shards_loaded_one_at_a_time_When_merged_Then_the_result_equals_the_single_run_and_each_is_loaded_once()
        {
            var options = new RunOptions(Trials: 10, Threads: 1);
            var single = Experiment.Run(Scenario, options);
            var loads = new List<int>();

            var merged = Sharding.Merge(Scenario, 3, i =>
            {
                loads.Add(i);
                return Sharding.Run(Scenario, options, new Shard(i, 3));
            });

            Assert.Equal([0, 1, 2], loads);
            Assert.Equal(single.Strategies[1].Values(Metric.TotalCost), merged.Strategies[1].Values(Metric.TotalCost));
        }

        [Fact]
        public void Given_a_loader_that_returns_the_wrong_shard_When_merged_Then_the_library_refuses()
        {
            var options = new RunOptions(Trials: 10, Threads: 1);

            var e = Assert.Throws<ArgumentException>(() => Sharding.Merge(Scenario, 2, _ => Sharding.Run(Scenario, options, new Shard(0, 2))));

            Assert.Contains("asked for shard 1/2, got shard 0/2", e.Message);
        }

        [Fact]
        public void Adaptive_precision_cannot_be_sharded()
        {
            Assert.Throws<ArgumentException>(() => Sharding.Run(Scenario, new RunOptions(Precision: 0.01), new Shard(0, 2)));
        }
    }

    public sealed class File_format
    {
        private static readonly FlowSim.Scenarios.Scenario Scenario = TestScenarios.Load(TestScenarios.SingleItem(horizon: "60d", trials: 6));

        [Fact]
        public void Given_a_shard_When_written_and_read_back_Then_every_outcome_keeps_its_exact_bits()
        {
            var outcomes = Sharding.Run(Scenario, new RunOptions(Threads: 1), new Shard(1, 3));
            var file = ShardFile.Of(Scenario, outcomes, ["run", "test.yaml"]);
            using var buffer = new MemoryStream();
            file.Write(buffer);
            buffer.Position = 0;

            var read = ShardFile.Read(buffer, "part.flowsim");

            Assert.Equal(file.ScenarioSha256, read.ScenarioSha256);
            Assert.Equal(file.Command, read.Command);
            Assert.Equal(outcomes.Shard, read.Outcomes.Shard);
            Assert.Equal(outcomes.Events, read.Outcomes.Events);
            for (var s = 0; s < outcomes.Strategies.Length; s++)
            {
                Assert.Equal(
                    outcomes.Outcomes[s].Select(BitConverter.DoubleToInt64Bits),
                    read.Outcomes.Outcomes[s].Select(BitConverter.DoubleToInt64Bits));
            }
        }

        [Fact]
        public void Given_a_shard_file_When_only_its_header_is_read_Then_it_is_the_header_of_the_full_read()
        {
            var outcomes = Sharding.Run(Scenario, new RunOptions(Threads: 1), new Shard(2, 3));
            var path = Path.Combine(Path.GetTempPath(), $"flowsim-header-{Guid.NewGuid():N}.flowsim");
            try
            {
                AtomicFile.Write(path, ShardFile.Of(Scenario, outcomes, ["run", "test.yaml", "--seed", "3"]).Write);

                var header = ShardFile.ReadHeader(path);

                var full = ShardFile.Read(path).Header;
                Assert.Equal(
                    (full.FlowSimVersion, full.ScenarioPath, full.ScenarioSha256, full.Seed, full.TotalTrials, full.Shard, full.Attribute, full.StockPoints, full.Disruptions, full.Events),
                    (header.FlowSimVersion, header.ScenarioPath, header.ScenarioSha256, header.Seed, header.TotalTrials, header.Shard, header.Attribute, header.StockPoints, header.Disruptions, header.Events));
                Assert.Equal(["run", "test.yaml", "--seed", "3"], header.Command);
                Assert.Equal(full.Strategies.ToArray(), header.Strategies.ToArray());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Given_a_shard_from_another_FlowSim_version_Then_merging_is_refused_naming_the_version()
        {
            var outcomes = Sharding.Run(Scenario, new RunOptions(Threads: 1), new Shard(0, 1));
            var file = ShardFile.Of(Scenario, outcomes, ["run", "test.yaml"]) with { FlowSimVersion = "0.0.1" };

            var problems = ShardMerge.Problems([new ShardSource("old.flowsim", file.Header)]);

            Assert.Contains(problems, p => p.StartsWith($"old.flowsim: flowsim_version: written by FlowSim 0.0.1, this is FlowSim {Provenance.Version}", StringComparison.Ordinal));
        }
    }
}
