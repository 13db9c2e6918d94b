using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Reports;

namespace FlowSim.Tests.Cli;

/// <summary>
/// <c>flowsim merge</c> on shard files that are well formed and correctly checksummed but say
/// impossible things: every one is refused with exit 2 and a message, never an exception.
/// </summary>
public sealed class CraftedShardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-crafted-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string PortClosure => RepoFiles.Path("scenarios/port-closure.yaml");

    private string In(string name) => Path.Combine(_dir, name);

    /// <summary>Every field of a shard file, to change one and write it back with a fresh checksum.</summary>
    private sealed class Fields
    {
        public required string Version { get; set; }
        public required string ScenarioPath { get; set; }
        public required string Sha256 { get; set; }
        public ulong Seed { get; set; }
        public int Total { get; set; }
        public int Index { get; set; }
        public int Count { get; set; }
        public int First { get; set; }
        public int End { get; set; }
        public bool Attribute { get; set; }
        public int StockPoints { get; set; }
        public int Disruptions { get; set; }
        public int Width { get; set; }
        public int ItemLocations { get; set; }
        public int ItemMetrics { get; set; }
        public int SupplyRows { get; set; }
        public int SupplyMetrics { get; set; }
        public required string[] Command { get; set; }
        public long Events { get; set; }
        public required string[] Strategies { get; set; }
        public required double[][] Outcomes { get; set; }
        public required double[][] ItemOutcomes { get; set; }

        public static Fields Of(ShardFile f)
        {
            var o = f.Outcomes;
            return new Fields
            {
                Version = f.FlowSimVersion,
                ScenarioPath = f.ScenarioPath,
                Sha256 = f.ScenarioSha256,
                Seed = o.Seed,
                Total = o.TotalTrials,
                Index = o.Shard.Index,
                Count = o.Shard.Count,
                First = o.FirstTrial,
                End = o.EndTrial,
                Attribute = o.Attribute,
                StockPoints = o.StockPoints,
                Disruptions = o.Disruptions,
                Width = o.OutcomeWidth,
                ItemLocations = o.ItemLocations,
                ItemMetrics = FlowSim.Outcomes.ItemLocationMetrics.Count,
                SupplyRows = o.SupplyRows,
                SupplyMetrics = FlowSim.Outcomes.SupplyMetrics.Count,
                Command = [.. f.Command],
                Events = o.Events,
                Strategies = [.. o.Strategies],
                Outcomes = [.. o.Outcomes.Select(x => x.ToArray())],
                ItemOutcomes = [.. o.ItemOutcomes.Select(x => x.ToArray())],
            };
        }

        // The format of docs/scaling.md, written by hand so that any field can say anything.
        public void Write(string path)
        {
            var bytes = new MemoryStream();
            var w = new BinaryWriter(bytes);
            void Text(string s)
            {
                var b = Encoding.UTF8.GetBytes(s);
                w.Write(b.Length);
                w.Write(b);
            }

            w.Write("FLOWSHRD"u8);
            w.Write(ShardFile.FormatVersion);
            Text(Version);
            Text(ScenarioPath);
            Text(Sha256);
            w.Write(Seed);
            w.Write(Total);
            w.Write(Index);
            w.Write(Count);
            w.Write(First);
            w.Write(End);
            w.Write(Attribute ? (byte)1 : (byte)0);
            w.Write(StockPoints);
            w.Write(Disruptions);
            w.Write(Width);
            w.Write(ItemLocations);
            w.Write(ItemMetrics);
            w.Write(SupplyRows);
            w.Write(SupplyMetrics);
            w.Write(Command.Length);
            foreach (var a in Command)
            {
                Text(a);
            }

            w.Write(Events);
            w.Write(Strategies.Length);
            foreach (var s in Strategies)
            {
                Text(s);
            }

            foreach (var values in Outcomes.Concat(ItemOutcomes))
            {
                foreach (var v in values)
                {
                    w.Write(v);
                }
            }

            w.Flush();
            Assert.True(BitConverter.IsLittleEndian);
            var content = bytes.ToArray();
            File.WriteAllBytes(path, [.. content, .. SHA256.HashData(content)]);
        }
    }

    private string[] RealShards(int count)
    {
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = In($"part-{i}.flowsim");
            var run = CliRunner.Run("run", PortClosure, "--trials", "6", "--shard", $"{i}/{count}", "--out", parts[i], "--threads", "1");
            Assert.True(run.ExitCode == 0, run.Stderr);
        }

        return parts;
    }

    private string Crafted(string from, Action<Fields> edit)
    {
        var fields = Fields.Of(ShardFile.Read(from));
        edit(fields);
        var path = In($"crafted-{Guid.NewGuid():N}.flowsim");
        fields.Write(path);
        return path;
    }

    private CliRunner.Outcome MergeFails(params string[] parts)
    {
        var json = In("merged.json");
        var outcome = CliRunner.Run(["merge", .. parts, "--json", json]);
        Assert.True(outcome.ExitCode == 2, $"exit {outcome.ExitCode}: {outcome.Stderr}");
        Assert.False(File.Exists(json), "a refused merge writes nothing");
        Assert.DoesNotContain("Exception", outcome.Stderr);
        Assert.DoesNotContain("   at ", outcome.Stderr);
        return outcome;
    }

    [Fact]
    public void Given_an_unchanged_crafted_copy_When_merged_Then_it_merges_as_the_original()
    {
        // The hand-written format is the real one: a faithful copy merges.
        var parts = RealShards(2);
        var copy = Crafted(parts[1], _ => { });

        var outcome = CliRunner.Run("merge", parts[0], copy, "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
    }

    [Fact]
    public void Given_a_shard_whose_width_times_trials_overflows_When_merged_Then_exit_2_says_it_cannot_hold_that()
    {
        var part = RealShards(1)[0];
        var huge = Crafted(part, f =>
        {
            // A million stock points is within the reader's count limit; with every trial in one shard the numbers overflow an int.
            f.StockPoints = 1 << 20;
            f.Width = ShardOutcomes.WidthOf(f.StockPoints, f.Disruptions);
            f.Total = 10_000_000;
            f.Index = 0;
            f.Count = 1;
            f.First = 0;
            f.End = 10_000_000;
        });

        Assert.Contains($"{huge}: outcome_width:", MergeFails(huge).Stderr);
    }

    [Fact]
    public void Given_a_shard_whose_stock_points_differ_from_its_siblings_When_merged_Then_exit_2_names_the_outcome_layout()
    {
        var parts = RealShards(2);
        var odd = Crafted(parts[1], f =>
        {
            f.StockPoints += 1;
            f.Width = ShardOutcomes.WidthOf(f.StockPoints, f.Disruptions);
            f.Outcomes = [.. f.Outcomes.Select(_ => new double[(f.End - f.First) * f.Width])];
        });

        Assert.Contains($"{odd}: outcome_layout:", MergeFails(parts[0], odd).Stderr);
    }

    [Fact]
    public void Given_shards_that_agree_but_not_with_their_scenario_When_merged_Then_exit_2_names_the_first_file()
    {
        var part = RealShards(1)[0];
        var odd = Crafted(part, f =>
        {
            f.Disruptions += 2;
            f.Width = ShardOutcomes.WidthOf(f.StockPoints, f.Disruptions);
            f.Outcomes = [.. f.Outcomes.Select(_ => new double[(f.End - f.First) * f.Width])];
        });

        Assert.Contains($"{odd}: the shards' stock points, item-locations, disruptions or strategies differ from the scenario's", MergeFails(odd).Stderr);
    }

    [Theory]
    [InlineData("stock points", "outcome_layout: -1 stock points")]
    [InlineData("strategies", "strategies: count -1 is out of range")]
    [InlineData("no strategies", "strategies: none")]
    [InlineData("events", "events: -5")]
    [InlineData("trials", "trials: 2147483647 is more than FlowSim runs")]
    [InlineData("index", "shard: -1/1 of 6 trials is not a shard")]
    [InlineData("supply rows", "supply_rows: count -1 is out of range")]
    [InlineData("supply width", "supply_width: 3 numbers per supplier or lane, but this FlowSim lays out")]
    public void Given_a_shard_with_a_negative_or_impossible_count_When_merged_Then_exit_2_names_the_field(string field, string message)
    {
        var part = RealShards(1)[0];
        var odd = Crafted(part, f =>
        {
            switch (field)
            {
                case "stock points": f.StockPoints = -1; break;
                case "strategies": f.Strategies = []; f.Outcomes = []; f.ItemOutcomes = []; break;
                case "no strategies": f.Strategies = []; f.Outcomes = []; f.ItemOutcomes = []; break;
                case "events": f.Events = -5; break;
                case "trials": f.Total = int.MaxValue; f.Count = int.MaxValue; f.End = 1; break;
                case "index": f.Index = -1; break;
                case "supply rows": f.SupplyRows = -1; break;
                case "supply width": f.SupplyMetrics = 3; break;
            }
        });
        if (field == "strategies")
        {
            // A count of -1 with no names after it.
            var bytes = File.ReadAllBytes(odd)[..^32];
            var at = bytes.Length - 4;
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), -1);
            File.WriteAllBytes(odd, [.. bytes, .. SHA256.HashData(bytes)]);
        }

        Assert.Contains(message, MergeFails(odd).Stderr);
    }

    [Fact]
    public void Given_one_shard_of_a_ten_million_shard_plan_When_merged_Then_the_missing_shards_are_named_up_to_ten_and_counted()
    {
        var part = RealShards(1)[0];
        var one = Crafted(part, f =>
        {
            f.Total = 10_000_000;
            f.Count = 10_000_000;
            f.Index = 3;
            f.First = 3;
            f.End = 4;
            f.Outcomes = [.. f.Outcomes.Select(o => o[..f.Width])];
            f.ItemOutcomes = [.. f.ItemOutcomes.Select(o => o[..((f.ItemLocations * f.ItemMetrics) + (f.SupplyRows * f.SupplyMetrics))])];
        });

        var stderr = MergeFails(one).Stderr;

        Assert.Contains("shard 0/10000000 (trials 0 to 0) is missing", stderr);
        Assert.DoesNotContain("shard 3/10000000", stderr);
        Assert.Contains("shard 10/10000000 (trials 10 to 10) is missing", stderr);
        Assert.DoesNotContain("shard 11/10000000", stderr);
        Assert.Contains("... and 9,999,989 more of the 10,000,000 shards are missing (1 given)", stderr);
        Assert.True(stderr.Split('\n').Length < 20, stderr);
    }
}
