using BenchmarkDotNet.Attributes;
using FlowSim.Engine;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// A moderate network with 300 random disruptions of every kind (about 300 occurrences a trial
/// over its two years), trial by trial, with its disruptions and with them switched off on the
/// same random streams, at 1, 2 and 4 times its horizon (the longer horizons draw proportionally
/// more occurrences). Targets: a trial with disruptions costs at most 2x the same trial without,
/// and time grows linearly with the horizon.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 12)]
public class DisruptionScalingBenchmarks
{
    /// <summary>Trials per invocation.</summary>
    public const int Trials = 4;

    private Simulation _simulation = null!;
    private double[] _outcome = null!;
    private int _strategies;

    /// <summary>The horizon as a multiple of the scenario's two years.</summary>
    [Params(1, 2, 4)]
    public int HorizonFactor { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioFiles.Load(ScenarioFiles.ManyDisruptions);
        scenario = scenario with { HorizonDays = scenario.HorizonDays * HorizonFactor };
        var model = Model.Compile(scenario);
        _simulation = new Simulation(model);
        _outcome = new double[new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length).Length];
        _strategies = model.Strategies.Length;
        WithDisruptions();
        WithoutDisruptions();
    }

    [Benchmark(OperationsPerInvoke = Trials, Baseline = true)]
    public double WithoutDisruptions() => RunTrials(disruptions: false);

    [Benchmark(OperationsPerInvoke = Trials)]
    public double WithDisruptions() => RunTrials(disruptions: true);

    private double RunTrials(bool disruptions)
    {
        for (var k = 0; k < Trials; k++)
        {
            for (var s = 0; s < _strategies; s++)
            {
                _simulation.Run(s, k, 1, _outcome, disruptions);
            }
        }

        return _outcome[0];
    }
}
