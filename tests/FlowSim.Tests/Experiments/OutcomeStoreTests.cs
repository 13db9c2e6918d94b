using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Reports;

namespace FlowSim.Tests.Experiments;

/// <summary>Trial outcomes kept in blocks, in memory up to a budget and in a temporary file beyond it.</summary>
public sealed class OutcomeStoreTests
{
    private static readonly FlowSim.Scenarios.Scenario PortClosure =
        FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/port-closure.yaml")).Scenario!;

    private static (byte[] Json, byte[] Csv) Files(ExperimentResult result)
    {
        using var json = new MemoryStream();
        ResultsJson.Write(result, json, ["run"]);
        using var csv = new MemoryStream();
        TrialsCsv.Write(result, csv);
        return (json.ToArray(), csv.ToArray());
    }

    public sealed class Results_do_not_depend_on_storage
    {
        [Theory]
        [InlineData(5, 0L, 1)]            // every block on disk
        [InlineData(4, 20_000L, 2)]       // the first blocks in memory, the rest on disk
        [InlineData(7, long.MaxValue, 2)] // several blocks, all in memory
        public void Given_blocks_in_memory_or_on_disk_When_run_Then_json_and_csv_are_byte_identical(int blockTrials, long memoryBytes, int threads)
        {
            var options = new RunOptions(Trials: 23, Threads: threads, Attribute: true);
            var expected = Files(Experiment.Run(PortClosure, options));

            var actual = Files(Experiment.RunWithStorage(PortClosure, options, new OutcomeStorage(blockTrials, memoryBytes)));

            Assert.Equal(expected.Json, actual.Json);
            Assert.Equal(expected.Csv, actual.Csv);
        }

        [Fact]
        public void Given_adaptive_precision_When_the_outcomes_go_to_disk_Then_the_same_trials_and_results_come_out()
        {
            var options = new RunOptions(Trials: 10, Threads: 1, Precision: 0.002, MaxTrials: 40);
            var expected = Experiment.Run(PortClosure, options);

            var actual = Experiment.RunWithStorage(PortClosure, options, new OutcomeStorage(3, 0));

            Assert.Equal(expected.Trials, actual.Trials);
            Assert.Equal(Files(expected).Json, Files(actual).Json);
        }
    }

    public sealed class Memory
    {
        [Fact]
        public void Given_ten_times_more_trials_Then_the_outcomes_held_in_memory_stay_within_the_budget()
        {
            var model = Model.Compile(PortClosure);
            var storage = new OutcomeStorage(8, 8 * 1024);
            long InMemory(int trials)
            {
                var runner = new TrialRunner(model, 1, attribute: false, threads: 1, storage: storage);
                runner.Run(trials, null, CancellationToken.None);
                Assert.Equal(trials, runner.Store.Trials);
                Assert.True(runner.Store.Spilled);
                return runner.Store.InMemoryBytes;
            }

            var few = InMemory(16);
            var many = InMemory(160);

            Assert.True(many <= storage.MemoryBytes, $"{many} bytes in memory, budget {storage.MemoryBytes}");
            Assert.Equal(few, many);
        }

        [Fact]
        public void Given_outcomes_on_disk_When_read_by_trial_or_by_column_Then_both_give_the_same_numbers()
        {
            var model = Model.Compile(PortClosure);
            var runner = new TrialRunner(model, 1, attribute: false, threads: 2, storage: new OutcomeStorage(3, 0));
            runner.Run(11, null, CancellationToken.None);
            var store = runner.Store;

            for (var c = 0; c < store.Width; c += 7)
            {
                var column = store.Column(1, c);
                for (var k = 0; k < store.Trials; k++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(column[k]), BitConverter.DoubleToInt64Bits(store.Get(1, k, c)));
                }
            }
        }
    }
}
