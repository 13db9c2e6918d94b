using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>Finds places in YAML text and checks the findings a scenario gives.</summary>
internal static class LoadAssert
{
    public const string FileName = "bad.yaml";

    /// <summary>
    /// The 1-based line and column of <paramref name="token"/> on the <paramref name="occurrence"/>th
    /// line containing <paramref name="lineText"/> (of <paramref name="lineText"/> itself when no
    /// token is given), counted in the text, so a test never hard-codes a position.
    /// </summary>
    public static (int Line, int Column) Find(string yaml, string lineText, string? token = null, int occurrence = 1)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(lineText, StringComparison.Ordinal);
            if (at < 0 || --occurrence > 0)
            {
                continue;
            }

            var column = token is null ? at : lines[i].IndexOf(token, at, StringComparison.Ordinal);
            Assert.True(column >= 0, $"'{token}' is not on the line '{lines[i]}'");
            return (i + 1, column + 1);
        }

        Assert.Fail($"no line (or too few lines) contain '{lineText}'");
        return default;
    }

    public static ScenarioLoadResult Parse(string yaml) => TestScenarios.Parse(yaml, FileName);

    public static List<ScenarioError> Errors(string yaml) => [.. Parse(yaml).Errors];

    /// <summary>The one error the YAML gives; fails when it gives none or several.</summary>
    public static ScenarioError SingleError(string yaml)
    {
        var result = Parse(yaml);
        var errors = result.Errors.ToList();
        Assert.True(errors.Count == 1, $"expected exactly one error, got {errors.Count}:\n{string.Join("\n", result.Findings)}");
        Assert.Null(result.Scenario);
        return errors[0];
    }

    /// <summary>Checks where an error is, which field it names, and the words of its message.</summary>
    public static void Is(ScenarioError error, (int Line, int Column) at, string fieldPath, params string[] words)
    {
        Assert.Equal(FileName, error.File);
        Assert.Equal(at, (error.Line, error.Column));
        Assert.Equal(fieldPath, error.FieldPath);
        foreach (var word in words)
        {
            Assert.Contains(word, error.Message);
        }
    }

    /// <summary>The one error of <paramref name="yaml"/> is at the token, on the field, with the words.</summary>
    public static void OnlyError(string yaml, (int Line, int Column) at, string fieldPath, params string[] words) =>
        Is(SingleError(yaml), at, fieldPath, words);
}
