using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// Whole trials. Every benchmark runs <see cref="Trials"/> trials per invocation and reports the
/// time and the allocation per trial.
/// </summary>
/// <remarks>
/// The <c>Experiment_*</c> benchmarks go through <see cref="Experiment.Run"/> as the CLI does,
/// so they include compiling the model, starting worker threads and the statistics at the end.
/// The <c>SteadyState_*</c> benchmarks call the engine directly on a reused
/// <see cref="Simulation"/>: what every worker does between its first trial and its last.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[Config(typeof(Config))]
public class WorkloadBenchmarks
{
    /// <summary>Trials per invocation.</summary>
    public const int Trials = 200;

    /// <summary>
    /// Trials per invocation of <c>Experiment_R1_*</c>: an R1 trial is so short that 200 of them on
    /// two threads last under 20 ms, and one worker thread started late by the machine then moves
    /// the two-thread figure by a third. 2,000 trials measure the trial rate.
    /// </summary>
    public const int R1Trials = 2_000;

    /// <summary>Master seed of every run.</summary>
    public const ulong Seed = 1;

    private Scenario _r1 = null!;
    private Scenario _quickstart = null!;
    private Simulation _r1Simulation = null!;
    private Simulation _quickstartSimulation = null!;
    private int _quickstartStrategies;
    private double[] _r1Outcome = null!;
    private double[] _quickstartOutcome = null!;

    [GlobalSetup]
    public void Setup()
    {
        _r1 = ScenarioFiles.Load(ScenarioFiles.R1);
        _quickstart = ScenarioFiles.Load(ScenarioFiles.Quickstart);

        var r1Model = Model.Compile(_r1);
        _r1Simulation = new Simulation(r1Model);
        _r1Outcome = new double[OutcomeWidth(r1Model)];
        var quickstartModel = Model.Compile(_quickstart);
        _quickstartStrategies = quickstartModel.Strategies.Length;
        // As a worker of Experiment.Run makes it: a trial runs several strategies, which share its draws.
        _quickstartSimulation = new Simulation(quickstartModel, shareDraws: true);
        _quickstartOutcome = new double[OutcomeWidth(quickstartModel)];

        // Run every measured trial once, so the engine's growable buffers reach their final size.
        SteadyState_R1();
        SteadyState_Quickstart();
    }

    [Benchmark(OperationsPerInvoke = R1Trials)]
    [EventsPerTrial(ScenarioFiles.R1, R1Trials)]
    public ExperimentResult Experiment_R1_1Thread() =>
        Experiment.Run(_r1, new RunOptions(R1Trials, Seed, Threads: 1));

    [Benchmark(OperationsPerInvoke = R1Trials)]
    [EventsPerTrial(ScenarioFiles.R1, R1Trials)]
    public ExperimentResult Experiment_R1_2Threads() =>
        Experiment.Run(_r1, new RunOptions(R1Trials, Seed, Threads: 2));

    [Benchmark(OperationsPerInvoke = Trials)]
    [EventsPerTrial(ScenarioFiles.Quickstart)]
    public ExperimentResult Experiment_Quickstart_1Thread() =>
        Experiment.Run(_quickstart, new RunOptions(Trials, Seed, Threads: 1));

    [Benchmark(OperationsPerInvoke = Trials)]
    [EventsPerTrial(ScenarioFiles.Quickstart)]
    public ExperimentResult Experiment_Quickstart_2Threads() =>
        Experiment.Run(_quickstart, new RunOptions(Trials, Seed, Threads: 2));

    /// <summary>
    /// One call with a single trial: the fixed cost of a run (compiling the model, the result
    /// arrays, the statistics) on top of one trial. It does not shrink with more threads.
    /// </summary>
    [Benchmark]
    public ExperimentResult Overhead_R1_OneTrial() =>
        Experiment.Run(_r1, new RunOptions(1, Seed, Threads: 1));

    [Benchmark(OperationsPerInvoke = Trials)]
    [EventsPerTrial(ScenarioFiles.R1)]
    public double SteadyState_R1()
    {
        var sim = _r1Simulation;
        var outcome = _r1Outcome.AsSpan();
        for (var k = 0; k < Trials; k++)
        {
            sim.Run(0, k, Seed, outcome);
        }

        return outcome[0];
    }

    [Benchmark(OperationsPerInvoke = Trials)]
    [EventsPerTrial(ScenarioFiles.Quickstart)]
    public double SteadyState_Quickstart()
    {
        var sim = _quickstartSimulation;
        var outcome = _quickstartOutcome.AsSpan();
        for (var k = 0; k < Trials; k++)
        {
            for (var s = 0; s < _quickstartStrategies; s++)
            {
                sim.Run(s, k, Seed, outcome);
            }
        }

        return outcome[0];
    }

    // One trial's outcome vector, as Experiment.Run sizes it.
    private static int OutcomeWidth(Model model) =>
        new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length).Length;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(EventColumn.EventsPerTrial, EventColumn.EventsPerSecond, EventColumn.BytesPerEvent);
        }
    }
}
