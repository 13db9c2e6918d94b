using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// Whole trials of network scenarios with disruptions, through <see cref="Experiment.Run"/> as
/// the CLI runs them, on 1 and 2 threads. Every trial runs each strategy twice (with and without
/// disruptions, for disruption cost), so a trial costs far more than an R1 trial: fewer trials
/// per invocation and fewer iterations keep a run of this class to a few minutes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
[Config(typeof(Config))]
public class NetworkWorkloadBenchmarks
{
    /// <summary>Port-closure trials per invocation.</summary>
    public const int PortClosureTrials = 40;

    /// <summary>Large-network trials per invocation.</summary>
    public const int LargeTrials = 4;

    private Scenario _portClosure = null!;
    private Scenario _large = null!;

    /// <summary>Worker threads; results are the same on both, only the time differs.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _portClosure = ScenarioFiles.Load(ScenarioFiles.PortClosure);
        _large = ScenarioFiles.Load(ScenarioFiles.Large);
    }

    [Benchmark(OperationsPerInvoke = PortClosureTrials)]
    [EventsPerTrial(ScenarioFiles.PortClosure, PortClosureTrials)]
    public ExperimentResult Experiment_PortClosure() =>
        Experiment.Run(_portClosure, new RunOptions(PortClosureTrials, WorkloadBenchmarks.Seed, Threads));

    [Benchmark(OperationsPerInvoke = LargeTrials)]
    [EventsPerTrial(ScenarioFiles.Large, LargeTrials)]
    public ExperimentResult Experiment_Large() =>
        Experiment.Run(_large, new RunOptions(LargeTrials, WorkloadBenchmarks.Seed, Threads));

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(EventColumn.EventsPerTrial, EventColumn.EventsPerSecond, EventColumn.BytesPerEvent);
        }
    }
}
