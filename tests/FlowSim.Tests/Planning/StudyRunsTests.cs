using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Planning;
using FlowSim.Reports;

namespace FlowSim.Tests.Planning;

/// <summary>
/// Studies of many runs (audits, sweeps) run their runs side by side and can be cut into shards:
/// neither the thread count nor the cut changes a byte of their results.
/// </summary>
public sealed class StudyRunsTests
{
    private static readonly ImmutableArray<double> Durations = [14, 42];

    private static byte[] Json(AuditResult audit)
    {
        using var stream = new MemoryStream();
        AuditJson.Write(audit, stream, ["audit", "port-closure.yaml"]);
        return stream.ToArray();
    }

    private static byte[] Json(SweepResult sweep)
    {
        using var stream = new MemoryStream();
        PlanningFiles.WriteSweepJson(sweep, stream, ["sweep", "quickstart.yaml"]);
        return stream.ToArray();
    }

    // Port closure has disruptions of its own and lanes, stock points and suppliers to take out.
    private static FlowSim.Scenarios.Scenario PortClosure { get; } = ScenarioFile.Load(RepoFiles.Path("scenarios/port-closure.yaml")).Scenario!;

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void An_audit_on_one_thread_and_on_several_gives_the_same_bytes(int threads)
    {
        var one = Audit.Run(PortClosure, Durations, new RunOptions(Trials: 5, Seed: 11, Threads: 1));
        var many = Audit.Run(PortClosure, Durations, new RunOptions(Trials: 5, Seed: 11, Threads: threads));
        Assert.Equal(Json(one), Json(many));
    }

    [Fact]
    public void A_sweep_on_one_thread_and_on_three_gives_the_same_bytes()
    {
        var axes = ImmutableArray.Create(new SweepAxis("strategies.buffer.service_level", ParameterRange.TryParse("0.90..0.96:0.02", 0, out _)!));
        var plan = Sweep.Plan(RepoFiles.Path("scenarios/quickstart.yaml"), axes, []);
        var one = Sweep.Run(plan, new RunOptions(Trials: 4, Seed: 3, Threads: 1));
        var three = Sweep.Run(plan, new RunOptions(Trials: 4, Seed: 3, Threads: 3));
        Assert.Equal(Json(one), Json(three));
    }

    [Fact]
    public void An_audit_reports_every_trial_of_every_run_once()
    {
        var counts = new System.Collections.Concurrent.ConcurrentBag<int>();
        var scenario = PortClosure;
        Audit.Run(scenario, Durations, new RunOptions(Trials: 3, Seed: 1, Threads: 2), new Counts(counts));
        Assert.Equal(Audit.Runs(scenario, Durations.Length) * 3, counts.Max());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void An_audit_cut_into_shards_and_merged_in_any_order_gives_the_whole_audits_bytes(int shards)
    {
        var options = new RunOptions(Trials: 5, Seed: 11, Threads: 2);
        var whole = Audit.Run(PortClosure, Durations, options);
        var parts = Enumerable.Range(0, shards).Select(i => AuditSharding.Run(PortClosure, Durations, options with { Threads = 1 + (i % 2) }, new Shard(i, shards))).Reverse().ToList();

        Assert.Equal(Json(whole), Json(AuditSharding.Merge(PortClosure, parts)));
    }

    [Fact]
    public void Shards_of_audits_with_other_durations_or_a_missing_slice_are_refused()
    {
        var options = new RunOptions(Trials: 4, Seed: 11, Threads: 2);
        var first = AuditSharding.Run(PortClosure, Durations, options, new Shard(0, 2));
        var second = AuditSharding.Run(PortClosure, Durations, options, new Shard(1, 2));
        var otherDurations = AuditSharding.Run(PortClosure, [7, 42], options, new Shard(1, 2));
        var otherSeed = AuditSharding.Run(PortClosure, Durations, options with { Seed = 12 }, new Shard(1, 2));

        Assert.Contains("audits outages of", Assert.Throws<ArgumentException>(() => AuditSharding.Merge(PortClosure, [first, otherDurations])).Message);
        Assert.Contains("another audit", Assert.Throws<ArgumentException>(() => AuditSharding.Merge(PortClosure, [first, otherSeed])).Message);
        Assert.Contains("1/2 is missing", Assert.Throws<ArgumentException>(() => AuditSharding.Merge(PortClosure, [first])).Message);
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => AuditSharding.Merge(PortClosure, [first, second, second])).Message);
    }

    private sealed class Counts(System.Collections.Concurrent.ConcurrentBag<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }
}
