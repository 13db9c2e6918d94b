using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports;
using Parquet;
using Parquet.Schema;

namespace FlowSim.Tests.Reports;

/// <summary>The <c>--parquet</c> file: one row per trial and strategy, read back with a Parquet reader.</summary>
public class TrialsParquetTests
{
    private static readonly FlowSim.Scenarios.Scenario PortClosure =
        FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/port-closure.yaml")).Scenario!;

    private static byte[] File(ExperimentResult result)
    {
        using var stream = new MemoryStream();
        TrialsParquet.Write(result, stream, ["run"]);
        return stream.ToArray();
    }

    /// <summary>Every column of a Parquet file, row groups concatenated, with the footer's metadata and the row group count.</summary>
    internal static (Dictionary<string, object?[]> Columns, Dictionary<string, string> Metadata, int RowGroups) Read(byte[] bytes)
    {
        var reader = ParquetReader.CreateAsync(new MemoryStream(bytes)).GetAwaiter().GetResult();
        try
        {
            var columns = reader.Schema.DataFields.ToDictionary(f => f.Name, _ => new List<object?>());
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = (int)group.RowCount;
                foreach (var field in reader.Schema.DataFields)
                {
                    columns[field.Name].AddRange(ReadColumn(group, field, n));
                }
            }

            return (columns.ToDictionary(c => c.Key, c => c.Value.ToArray()), reader.CustomMetadata, reader.RowGroupCount);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IEnumerable<object?> ReadColumn(ParquetRowGroupReader group, DataField field, int n)
    {
        if (field.ClrType == typeof(int))
        {
            var whole = new int[n];
            group.ReadAsync(field, whole.AsMemory()).AsTask().GetAwaiter().GetResult();
            return whole.Cast<object?>();
        }

        if (field.ClrType == typeof(double))
        {
            var numbers = new double?[n];
            group.ReadAsync(field, numbers.AsMemory()).AsTask().GetAwaiter().GetResult();
            return numbers.Cast<object?>();
        }

        var text = new string[n];
        group.ReadAsync(field, text.AsMemory()).AsTask().GetAwaiter().GetResult();
        return text;
    }

    public class Write
    {
        [Fact]
        public void Given_a_run_When_read_back_Then_every_value_is_the_per_trial_outcome()
        {
            var result = Experiment.Run(PortClosure, new RunOptions(Trials: 7, Threads: 2));
            var (columns, metadata, _) = Read(File(result));

            var rows = result.Trials * result.Strategies.Length;
            Assert.Equal(["trial", "strategy", "item", "location", .. TrialsParquet.ChainColumns], columns.Keys);
            Assert.All(columns.Values, c => Assert.Equal(rows, c.Length));
            var r = 0;
            for (var k = 0; k < result.Trials; k++)
            {
                foreach (var strategy in result.Strategies)
                {
                    Assert.Equal(k, columns["trial"][r]);
                    Assert.Equal(strategy.Name, columns["strategy"][r]);
                    Assert.Null(columns["item"][r]);
                    Assert.Null(columns["location"][r]);
                    foreach (var m in Metrics.All)
                    {
                        var v = strategy.Outcome(k, m);
                        Assert.Equal(double.IsFinite(v) ? v : null, (double?)columns[m.Key()][r]);
                    }

                    foreach (var c in CostComponents.All)
                    {
                        Assert.Equal(c.ValueIn(m => strategy.Outcome(k, m)), (double?)columns["cost." + c.Key()][r]);
                    }

                    r++;
                }
            }

            using var provenance = JsonDocument.Parse(metadata[TrialsParquet.ProvenanceKey]);
            Assert.Equal(result.Seed, provenance.RootElement.GetProperty("seed").GetUInt64());
            Assert.Equal(7, provenance.RootElement.GetProperty("trials").GetInt32());
        }

        [Fact]
        public void Given_one_or_two_threads_When_written_Then_the_files_are_byte_identical()
        {
            var one = File(Experiment.Run(PortClosure, new RunOptions(Trials: 9, Threads: 1)));
            var two = File(Experiment.Run(PortClosure, new RunOptions(Trials: 9, Threads: 2)));
            Assert.Equal(one, two);
        }
    }

    public class Blocks
    {
        private static readonly string[] Metric = ["fill_rate", "lost_units"];

        private static byte[] Table(int rows, int blockRows, Action<TrialRows, int> add)
        {
            var result = Experiment.Run(PortClosure, new RunOptions(Trials: 1, Threads: 1));
            using var stream = new MemoryStream();
            using (var table = TrialRows.Create(stream, result, null, Metric, blockRows))
            {
                for (var k = 0; k < rows; k++)
                {
                    add(table, k);
                }

                table.Complete();
            }

            return stream.ToArray();
        }

        [Fact]
        public void Given_more_rows_than_a_block_When_written_Then_each_block_is_a_row_group_and_rows_keep_their_order()
        {
            var (columns, _, groups) = Read(Table(10, 4, (t, k) => t.AddChain(k, "lean", [k / 10.0, k])));
            Assert.Equal(3, groups);
            Assert.Equal(Enumerable.Range(0, 10).Cast<object?>(), columns["trial"]);
            Assert.Equal(Enumerable.Range(0, 10).Select(k => (object?)(double?)k), columns["lost_units"]);
        }

        [Fact]
        public void Given_item_location_rows_When_added_beside_chain_rows_Then_they_carry_their_names_and_the_chain_row_none()
        {
            var (columns, _, _) = Read(Table(2, 3, (t, k) =>
            {
                t.AddChain(k, "lean", [0.9, 4]);
                t.AddItemLocations(k, "lean", [new ItemLocationRow("mug", "store", [0.8, 3]), new ItemLocationRow("bowl", "store", [1.0, double.NaN])]);
            }));

            Assert.Equal([null, "mug", "bowl", null, "mug", "bowl"], columns["item"]);
            Assert.Equal([null, "store", "store", null, "store", "store"], columns["location"]);
            Assert.Equal([0, 0, 0, 1, 1, 1], columns["trial"]);
            Assert.Equal([4.0, 3.0, null, 4.0, 3.0, null], columns["lost_units"].Select(v => (double?)v));
        }
    }

    [Fact]
    public void A_run_that_keeps_item_locations_adds_a_row_per_trial_strategy_and_item_location_that_adds_up_to_the_chain_row()
    {
        var result = Experiment.Run(PortClosure, new RunOptions(Trials: 3, Threads: 2, KeepItemLocationOutcomes: true));
        var (columns, _, _) = Read(File(result));
        var locations = result.Strategies[0].ItemLocations.Length;
        Assert.True(locations > 1);
        Assert.Equal(result.Trials * result.Strategies.Length * (1 + locations), columns["trial"].Length);
        Assert.Contains("avg_on_order_units", columns.Keys);

        var items = columns["item"];
        var demanded = columns["demanded_units"];
        var onOrder = columns["avg_on_order_units"];
        for (var row = 0; row < items.Length; row += 1 + locations)
        {
            // A chain row, then its item-location rows: their demand adds up to the chain's.
            Assert.Null(items[row]);
            Assert.Null(onOrder[row]);
            var parts = Enumerable.Range(row + 1, locations).Sum(r => (double)demanded[r]!);
            Assert.Equal((double)demanded[row]!, parts, 6);
        }

        // Every item-location value is the trial's own.
        var strategy = result.Strategies[1];
        var first = (1 * (1 + locations)) + 1;
        for (var r = 0; r < locations; r++)
        {
            Assert.Equal(strategy.ItemLocations[r].ItemId, items[first + r]);
            Assert.Equal(strategy.Outcome(0, r, ItemLocationMetric.HoldingCost), (double)columns["holding_cost"][first + r]!);
        }
    }
}
