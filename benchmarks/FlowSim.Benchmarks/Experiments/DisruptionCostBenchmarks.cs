using BenchmarkDotNet.Attributes;
using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// The port-closure network, trial by trial, with its disruption and with disruptions switched
/// off on the same random streams: what following a disruption costs the engine. Target: a trial
/// with disruptions costs no more than 1.5x the same trial without.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class DisruptionCostBenchmarks
{
    /// <summary>Trials per invocation.</summary>
    public const int Trials = 100;

    private Simulation _simulation = null!;
    private double[] _outcome = null!;
    private int _strategies;

    [GlobalSetup]
    public void Setup()
    {
        var model = Model.Compile(ScenarioFiles.Load("scenarios/port-closure.yaml"));
        _simulation = new Simulation(model);
        _outcome = new double[new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length).Length];
        _strategies = model.Strategies.Length;
        PortClosure_WithDisruptions();
        PortClosure_WithoutDisruptions();
    }

    [Benchmark(OperationsPerInvoke = Trials, Baseline = true)]
    public double PortClosure_WithoutDisruptions() => RunTrials(disruptions: false);

    [Benchmark(OperationsPerInvoke = Trials)]
    public double PortClosure_WithDisruptions() => RunTrials(disruptions: true);

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
