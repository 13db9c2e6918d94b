using System.Text.Json;
using FlowSim.Reports;

namespace FlowSim.Tests.Cli;

/// <summary>
/// The files an analyst loads: every CSV opens with its header (pandas' <c>read_csv</c> and a
/// spreadsheet read it as it is), its provenance lies beside it, and <c>--parquet</c> is written
/// with the other files or refused where it does not apply.
/// </summary>
public sealed class AnalystFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-analyst-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Quickstart => RepoFiles.Path("scenarios/quickstart.yaml");

    private string In(string name) => Path.Combine(_dir, name);

    /// <summary>Fields of one CSV line (RFC 4180 quoting).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        fields.Add(cell.ToString());
        return fields;
    }

    private static void HeaderFirstAndRectangular(string path, string firstColumn)
    {
        var lines = File.ReadAllLines(path);
        var header = Fields(lines[0]);
        Assert.Equal(firstColumn, header[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith('#'));
        Assert.True(lines.Length > 1, $"{path} has no rows");
        Assert.All(lines.Skip(1), l => Assert.Equal(header.Count, Fields(l).Count));
    }

    [Fact]
    public void Every_csv_file_opens_with_its_header_and_every_row_has_its_field_count()
    {
        var run = CliRunner.Run("run", Quickstart, "--trials", "4", "--csv", In("run.csv"), "-q");
        var sweep = CliRunner.Run("sweep", Quickstart, "--vary", "strategies.buffer.service_level=0.90..0.95:0.05", "--trials", "4", "--csv", In("sweep.csv"), "-q");
        var audit = CliRunner.Run("audit", Quickstart, "--durations", "2w", "--trials", "4", "--csv", In("audit.csv"), "-q");
        Assert.All([run, sweep, audit], o => Assert.True(o.ExitCode == 0, o.Stderr));

        HeaderFirstAndRectangular(In("run.csv"), "trial");
        HeaderFirstAndRectangular(In("sweep.csv"), "strategies.buffer.service_level");
        HeaderFirstAndRectangular(In("audit.csv"), "node");
    }

    [Fact]
    public void A_csv_file_gets_the_provenance_of_the_json_beside_it()
    {
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "4", "--seed", "9", "--set", "costs.ordering_cost=30", "--csv", In("t.csv"), "--json", In("r.json"), "-q");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);

        using var sidecar = JsonDocument.Parse(File.ReadAllText(In("t.csv") + CsvProvenance.Suffix));
        using var results = JsonDocument.Parse(File.ReadAllText(In("r.json")));
        var s = sidecar.RootElement;
        var r = results.RootElement;
        Assert.Equal("t.csv", s.GetProperty("describes").GetString());
        foreach (var key in new[] { "flowsim_version", "scenario", "seed", "trials", "command", "rank_by" })
        {
            Assert.Equal(r.GetProperty(key).GetRawText(), s.GetProperty(key).GetRawText());
        }

        Assert.Equal("costs.ordering_cost=30", s.GetProperty("scenario").GetProperty("overrides")[0].GetString());
    }

    [Fact]
    public void A_sidecar_path_that_cannot_be_written_stops_the_run_before_it_starts_and_nothing_is_written()
    {
        Directory.CreateDirectory(In("t.csv" + CsvProvenance.Suffix));
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "4", "--csv", In("t.csv"), "--json", In("r.json"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("t.csv.provenance.json' is a folder", outcome.Stderr);
        Assert.False(File.Exists(In("t.csv")));
        Assert.False(File.Exists(In("r.json")));
    }

    [Fact]
    public void Parquet_is_written_with_the_other_files_one_row_per_trial_and_strategy_and_one_per_item_location()
    {
        var outcome = CliRunner.Run("run", Quickstart, "--trials", "6", "--parquet", In("t.parquet"), "--csv", In("t.csv"), "-q");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);

        var (all, _, _) = FlowSim.Tests.Reports.TrialsParquetTests.Read(File.ReadAllBytes(In("t.parquet")));
        var csv = File.ReadAllLines(In("t.csv"));

        // The quickstart stocks four items at one stock point: a chain row and four item-location rows per trial and strategy.
        Assert.Equal(6 * 4 * (1 + 4), all["trial"].Length);
        var chain = Enumerable.Range(0, all["trial"].Length).Where(r => all["item"][r] is null).ToArray();
        var columns = all.ToDictionary(c => c.Key, c => chain.Select(r => c.Value[r]).ToArray());
        Assert.Equal(6 * 4, columns["trial"].Length);
        Assert.Equal(csv.Length - 1, columns["trial"].Length);

        // The quickstart has no disruptions: time to survive is undefined, a null (not NaN) in every row.
        Assert.All(columns["time_to_survive_days"], Assert.Null);

        // The same rows as the CSV, in the same order.
        var header = Fields(csv[0]);
        var totalCost = header.IndexOf("total_cost");
        for (var r = 0; r < csv.Length - 1; r++)
        {
            var row = Fields(csv[r + 1]);
            Assert.Equal(row[1], columns["strategy"][r]);
            Assert.Equal(double.Parse(row[totalCost], System.Globalization.CultureInfo.InvariantCulture), columns["total_cost"][r]);
        }
    }

    [Fact]
    public void Parquet_never_changes_the_recorded_command()
    {
        CliRunner.Run("run", Quickstart, "--trials", "3", "--json", In("a.json"));
        CliRunner.Run("run", Quickstart, "--trials", "3", "--json", In("b.json"), "--parquet", In("t.parquet"));
        Assert.Equal(File.ReadAllText(In("a.json")), File.ReadAllText(In("b.json")));
    }

    [Theory]
    [InlineData("a Parquet file is binary", "run", "QUICKSTART", "--parquet", "-")]
    [InlineData("--parquet does not apply with --shard", "run", "QUICKSTART", "--shard", "0/2", "--out", "OUT", "--parquet", "PARQUET")]
    [InlineData("--parquet does not apply to sweep", "sweep", "QUICKSTART", "--vary", "costs.ordering_cost=10..20:10", "--parquet", "PARQUET")]
    [InlineData("--parquet does not apply to audit", "audit", "QUICKSTART", "--parquet", "PARQUET")]
    [InlineData("--parquet does not apply to compare", "compare", "QUICKSTART", "--parquet", "PARQUET")]
    public void Parquet_is_refused_with_exit_code_2_where_it_does_not_apply(string message, params string[] args)
    {
        var outcome = CliRunner.Run([.. args.Select(a => a switch
        {
            "QUICKSTART" => Quickstart,
            "OUT" => In("part-0.flowsim"),
            "PARQUET" => In("t.parquet"),
            _ => a,
        })]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
