namespace FlowSim.Tests;

/// <summary>
/// Compares output with a checked-in expected file. With FLOWSIM_UPDATE_EXPECTED=1 the file is
/// rewritten instead (review the diff before committing it).
/// </summary>
internal static class ExpectedFile
{
    public static void Check(string relative, string actual)
    {
        var path = RepoFiles.Path(Path.Combine("tests/FlowSim.Tests", relative));
        if (Environment.GetEnvironmentVariable("FLOWSIM_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with FLOWSIM_UPDATE_EXPECTED=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            File.WriteAllText(path + ".actual", actual);
            var at = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));
            var line = expected.AsSpan(0, Math.Min(at, expected.Length)).Count('\n') + 1;
            Assert.Fail($"{relative} differs from the output at line {line}; the output is in {path}.actual");
        }
    }
}
