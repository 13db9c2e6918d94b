using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// The messages a planner reads for broken scenarios are part of the tool: every file under
/// <c>tests/bad-scenarios/</c> must produce exactly the findings listed for it in
/// <c>expected-messages.txt</c>, no more and no fewer.
/// </summary>
public class BadScenarioMessageTests
{
    private static readonly string Folder = RepoFiles.Path("tests/bad-scenarios");

    /// <summary>File name to the lines expected for it, read from the listing.</summary>
    private static Dictionary<string, List<string>> Expected()
    {
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, "expected-messages.txt")))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                current = [];
                expected.Add(line[3..], current);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                Assert.True(current is not null, $"message before any '== file' line: {line}");
                current!.Add(line);
            }
        }

        return expected;
    }

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_bad_scenario_gives_exactly_its_listed_messages(string file)
    {
        var expected = Expected();
        Assert.True(expected.ContainsKey(file), $"{file} has no entry in expected-messages.txt");

        var result = ScenarioLoader.Parse(File.ReadAllBytes(Path.Combine(Folder, file)), file);

        Assert.Equal(expected[file], result.Findings.Select(f => f.ToString()));
    }

    [Fact]
    public void Every_listed_scenario_exists_and_all_but_warnings_are_refused()
    {
        foreach (var (file, lines) in Expected())
        {
            Assert.True(File.Exists(Path.Combine(Folder, file)), $"expected-messages.txt lists {file}, which is not in the folder");
            Assert.NotEmpty(lines);
            var result = ScenarioLoader.Parse(File.ReadAllBytes(Path.Combine(Folder, file)), file);
            Assert.Equal(lines.Any(l => !l.Contains(": warning: ", StringComparison.Ordinal)), result.Scenario is null);
        }
    }
}
