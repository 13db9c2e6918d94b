using System.Globalization;
using System.Text.Json;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim audit --format csv</c>: the audit as a table a spreadsheet reads, with the JSON's figures.</summary>
public sealed class AuditCsvTests
{
    private static readonly string Scenario = RepoFiles.Path("scenarios/port-closure.yaml");

    [Fact]
    public void The_csv_has_one_row_per_node_duration_and_strategy_with_the_figures_of_the_json()
    {
        string[] args = ["audit", Scenario, "--durations", "2w,6w", "--trials", "6", "--seed", "5", "-q"];
        var csv = CliRunner.Run([.. args, "--format", "csv"]);
        var json = CliRunner.Run([.. args, "--format", "json"]);
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        Assert.True(json.ExitCode == 0, json.Stderr);

        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(["node", "kind", "duration_days", "strategy"], header[..4]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();

        using var doc = JsonDocument.Parse(json.Stdout);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        var expected = nodes.SelectMany(n => n.GetProperty("outages").EnumerateArray().SelectMany(o => o.GetProperty("strategies").EnumerateArray()
            .Select(s => (Node: n.GetProperty("id").GetString(), Days: o.GetProperty("duration_days").GetDouble(), Strategy: s.GetProperty("name").GetString(),
                ExtraCost: s.GetProperty("extra_cost").GetProperty("mean").GetDouble())))).ToList();

        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        int Col(string name) => Array.IndexOf(header, name);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Node, rows[i][Col("node")]);
            Assert.Equal(expected[i].Days, double.Parse(rows[i][Col("duration_days")], CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].Strategy, rows[i][Col("strategy")]);
            Assert.Equal(expected[i].ExtraCost, double.Parse(rows[i][Col("extra_cost")], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Csv_to_a_file_and_json_to_stdout_can_be_asked_for_together()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowsim-audit-{Guid.NewGuid():N}.csv");
        try
        {
            var outcome = CliRunner.Run("audit", Scenario, "--durations", "2w", "--trials", "4", "--seed", "5", "--csv", path, "--json", "-", "-q");
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
            using var doc = JsonDocument.Parse(outcome.Stdout);
            Assert.StartsWith("node,kind,duration_days,strategy,", File.ReadAllText(path));

            // The provenance the JSON begins with, and the outage's start day, are beside the CSV.
            using var provenance = JsonDocument.Parse(File.ReadAllText(path + ".provenance.json"));
            var p = provenance.RootElement;
            Assert.Equal(Path.GetFileName(path), p.GetProperty("describes").GetString());
            Assert.Equal(doc.RootElement.GetProperty("scenario").GetProperty("sha256").GetString(), p.GetProperty("scenario").GetProperty("sha256").GetString());
            Assert.Equal((5, 4), (p.GetProperty("seed").GetInt32(), p.GetProperty("trials").GetInt32()));
            Assert.Equal(doc.RootElement.GetProperty("outage_start_day").GetDouble(), p.GetProperty("outage_start_day").GetDouble());
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".provenance.json");
        }
    }
}
