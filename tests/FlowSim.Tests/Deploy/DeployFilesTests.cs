using System.Text.RegularExpressions;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Deploy;

/// <summary>The files that run FlowSim at scale: the benchmark network and the batch-system manifests.</summary>
public sealed partial class DeployFilesTests
{
    [Fact]
    public void The_large_benchmark_network_is_100_items_through_1_plant_3_DCs_and_12_stores_for_a_year_with_disruptions()
    {
        var result = ScenarioLoader.Load(RepoFiles.Path("benchmarks/scenarios/large-network.yaml"));

        Assert.Empty(result.Findings);
        var s = result.Scenario!;
        Assert.Equal(100, s.Items.Length);
        Assert.Equal([1, 3, 12], new[] { "plant", "dc", "store" }.Select(k => s.StockPoints.Count(sp => sp.Kind == k)));
        Assert.Equal(100 * 12, s.Demand.Length);
        Assert.Equal(365, s.HorizonDays);
        Assert.NotEmpty(s.Disruptions);
    }

    [Fact]
    public void The_Kubernetes_Indexed_Job_runs_as_many_pods_as_the_shards_it_cuts()
    {
        var job = File.ReadAllText(RepoFiles.Path("deploy/kubernetes/shards-job.yaml"));

        var completions = int.Parse(Completions().Match(job).Groups[1].Value);
        var shards = int.Parse(ShardCount().Match(job).Groups[1].Value);

        Assert.Equal(completions, shards);
        Assert.Contains("completionMode: Indexed", job);
    }

    [Fact]
    public void The_Slurm_merge_starts_only_after_every_shard_succeeded()
    {
        var submit = File.ReadAllText(RepoFiles.Path("deploy/slurm/submit.sh"));

        Assert.Contains("--dependency=\"afterok:${shard_job}\"", submit);
        Assert.Contains("--array=\"0-$((shards - 1))\"", submit);
    }

    [GeneratedRegex(@"(?m)^\s*completions:\s*(\d+)")]
    private static partial Regex Completions();

    [GeneratedRegex(@"\$\(SHARD_INDEX\)/(\d+)")]
    private static partial Regex ShardCount();
}
