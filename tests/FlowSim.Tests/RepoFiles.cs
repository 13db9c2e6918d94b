namespace FlowSim.Tests;

/// <summary>Finds files of the repository (scenarios, schemas) from the test binaries.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The bundled scenarios and the benchmark workloads, as paths relative to the root, in order.</summary>
    public static IEnumerable<string> Scenarios() =>
        Directory.GetFiles(Path("scenarios"), "*.yaml").Concat(Directory.GetFiles(Path("benchmarks/scenarios"), "*.yaml"))
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/')).Order();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "FlowSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FlowSim.sln not found above " + AppContext.BaseDirectory);
    }
}
