using System.Globalization;
using System.Text.Json;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim optimize --format csv</c>: every value tried as a row a spreadsheet reads, with the JSON's figures.</summary>
public sealed class OptimizeCsvTests
{
    private static readonly string Scenario = RepoFiles.Path("scenarios/quickstart.yaml");

    private static readonly string[] Args =
        ["optimize", Scenario, "--strategy", "buffer", "--param", "service_level", "--range", "85%..97%:4%", "--target", "fill_rate>=0.9", "--trials", "6", "--seed", "5", "-q"];

    [Fact]
    public void The_csv_has_one_row_per_value_tried_with_the_figures_and_the_verdict_of_the_json()
    {
        var csv = CliRunner.Run([.. Args, "--format", "csv"]);
        var json = CliRunner.Run([.. Args, "--format", "json"]);
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        Assert.True(json.ExitCode == 0, json.Stderr);

        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(["strategy", "strategies.buffer.service_level", "is_best", "is_plausible", "meets_target"], header[..5]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        int Col(string name) => Array.IndexOf(header, name);

        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        var candidates = root.GetProperty("candidates").EnumerateArray().ToList();
        var objective = root.GetProperty("maximize").GetString()!;
        Assert.Equal(candidates.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var c = candidates[i];
            Assert.Equal("buffer", rows[i][Col("strategy")]);
            Assert.Equal(c.GetProperty("value").GetString(), rows[i][1]);
            Assert.Equal(c.GetProperty(objective).GetProperty("mean").GetDouble(), double.Parse(rows[i][Col(objective)], CultureInfo.InvariantCulture));
            Assert.Equal(c.GetProperty(objective).GetProperty("ci95")[0].GetDouble(), double.Parse(rows[i][Col(objective + "_ci95_low")], CultureInfo.InvariantCulture));
            var fillRate = c.GetProperty("fill_rate").GetProperty("mean").GetDouble();
            Assert.Equal(fillRate, double.Parse(rows[i][Col("fill_rate")], CultureInfo.InvariantCulture));
            Assert.Equal(fillRate >= 0.9 ? "true" : "false", rows[i][Col("meets_target")]);
            Assert.Equal(c.GetProperty("value").GetString() == root.GetProperty("best").GetString() ? "true" : "false", rows[i][Col("is_best")]);
        }

        var plausible = root.GetProperty("plausible").EnumerateArray().Select(p => p.GetString()!).ToHashSet();
        Assert.Equal(plausible, rows.Where(r => r[Col("is_plausible")] == "true").Select(r => r[1]).ToHashSet());
        Assert.Single(rows, r => r[Col("is_best")] == "true");
    }
}
