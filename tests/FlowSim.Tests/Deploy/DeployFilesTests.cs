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
    public void The_Slurm_merge_starts_when_every_shard_has_ended_even_one_that_failed()
    {
        var submit = File.ReadAllText(RepoFiles.Path("deploy/slurm/submit.sh"));

        // afterok would leave the merge pending for ever after a failed shard; merge itself refuses missing shards.
        Assert.Contains("--dependency=\"afterany:${shard_job}\"", submit);
        Assert.DoesNotContain("afterok", Commands(submit));
        Assert.Contains("--array=\"0-$((shards - 1))\"", submit);
    }

    [Fact]
    public void The_Kubernetes_wait_for_the_shards_ends_when_the_Job_fails_as_well_as_when_it_completes()
    {
        var submit = File.ReadAllText(RepoFiles.Path("deploy/kubernetes/submit.sh"));

        Assert.Contains("*\" Complete \"*) return 0", submit);
        Assert.Contains("*\" Failed \"*) return 1", submit);
        Assert.DoesNotContain("kubectl wait", Commands(submit));
    }

    [Fact]
    public void The_image_runs_flowsim_as_a_non_root_user_that_the_Jobs_require()
    {
        var lines = File.ReadAllLines(RepoFiles.Path("deploy/Dockerfile")).Select(l => l.Trim()).ToList();
        var stage = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var users = lines.Select((l, i) => (Line: l, Index: i)).Where(l => l.Index > stage && l.Line.StartsWith("USER ", StringComparison.Ordinal)).ToList();
        var entrypoint = lines.FindIndex(stage, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));

        // The last USER of the final stage, before the entrypoint; numeric, so Kubernetes' runAsNonRoot can check it.
        var user = Assert.Single(users);
        Assert.True(user.Index < entrypoint, "USER must come before ENTRYPOINT");
        var uid = int.Parse(user.Line["USER ".Length..].Split(':')[0]);
        Assert.NotEqual(0, uid);
        foreach (var job in new[] { "shards-job.yaml", "merge-job.yaml" })
        {
            var text = File.ReadAllText(RepoFiles.Path($"deploy/kubernetes/{job}"));
            Assert.Contains("runAsNonRoot: true", text);
            Assert.Contains($"runAsUser: {uid}", text);
            Assert.Contains($"fsGroup: {uid}", text);
        }
    }

    [Fact]
    public void The_image_build_context_leaves_out_build_outputs_git_and_results_but_not_the_sources()
    {
        var ignored = File.ReadAllLines(RepoFiles.Path(".dockerignore")).Where(l => l.Length > 0 && l[0] != '#').ToHashSet();

        Assert.Superset(new HashSet<string> { ".git", "**/bin", "**/obj", "**/*.flowsim", "shards", "logs", "results*.json", "report*.html" }, ignored);
        Assert.DoesNotContain(ignored, p => p.TrimStart('*', '/').Split('/')[0] is "src" or "Directory.Build.props" or "Directory.Packages.props" or "global.json");
    }

    /// <summary>A shell script without its comment lines.</summary>
    private static string Commands(string script) =>
        string.Join('\n', script.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

    [GeneratedRegex(@"(?m)^\s*completions:\s*(\d+)")]
    private static partial Regex Completions();

    [GeneratedRegex(@"\$SHARD_INDEX/(\d+)")]
    private static partial Regex ShardCount();
}
