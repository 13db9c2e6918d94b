using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace FlowSim.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>--filter '*'</c> for all of them or
/// <c>--filter '*Workload*'</c> for the whole-trial workloads. See benchmarks/README.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // Reports go to benchmarks/BenchmarkDotNet.Artifacts whatever the working folder.
        var config = DefaultConfig.Instance
            .WithArtifactsPath(Path.Combine(ScenarioFiles.RepositoryRoot, "benchmarks", "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
