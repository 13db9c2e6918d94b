using FlowSim.Scenarios;

namespace FlowSim.Benchmarks;

/// <summary>Finds and loads the repository's scenario files.</summary>
internal static class ScenarioFiles
{
    /// <summary>The reference workload R1: one item, Poisson(20) daily demand, base-stock, 10 years.</summary>
    public const string R1 = "benchmarks/scenarios/r1-base-stock.yaml";

    /// <summary>The quickstart: four items, four strategies, two years.</summary>
    public const string Quickstart = "scenarios/quickstart.yaml";

    /// <summary>Port closure: one item through a plant, 2 DCs and 4 stores, three strategies, a 3-week lane closure.</summary>
    public const string PortClosure = "scenarios/port-closure.yaml";

    /// <summary>The large generated network: 100 items x 1 plant x 3 DCs x 12 stores, one year, disruptions (generate-large.cs).</summary>
    public const string Large = "benchmarks/scenarios/large-network.yaml";

    /// <summary>A moderate network (20 items x 1 plant x 2 DCs x 6 stores, two years) with 300 random disruptions (generate-disruptions.cs).</summary>
    public const string ManyDisruptions = "benchmarks/scenarios/many-disruptions.yaml";

    /// <summary>A slow mover: 0.08 customer orders a day over 200 years, continuous review.</summary>
    public const string SlowMover = "benchmarks/scenarios/slow-mover.yaml";

    /// <summary>
    /// The folder holding FlowSim.sln. Benchmarks run in a child process built in a generated
    /// folder under bin/, so the search walks up from wherever the assembly is.
    /// </summary>
    public static string RepositoryRoot { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>Loads a scenario given relative to the repository root; throws if it is not valid.</summary>
    public static Scenario Load(string relativePath)
    {
        var path = Path.Combine(RepositoryRoot, relativePath);
        var result = ScenarioLoader.Load(path);
        return result.Scenario
            ?? throw new InvalidOperationException($"{path} is not a valid scenario: {string.Join("; ", result.Errors)}");
    }

    private static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no folder containing FlowSim.sln above {start}");
    }
}
