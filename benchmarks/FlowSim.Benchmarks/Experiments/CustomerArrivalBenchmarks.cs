using BenchmarkDotNet.Attributes;
using FlowSim.Engine;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// A slow mover (0.08 customer orders a day over 200 years), trial by trial: its customers
/// arriving one by one, against the same demand drawn as daily Poisson buckets with a daily
/// review. Target: the arrivals run at least 10x faster, as they cost per event, not per day.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 10)]
public class CustomerArrivalBenchmarks
{
    /// <summary>Trials per invocation.</summary>
    public const int Trials = 20;

    private Simulation _arrivals = null!;
    private Simulation _daily = null!;
    private double[] _outcome = null!;

    /// <summary>Years simulated per trial (the scenario's 200, or a short horizon to show the fixed cost of a trial).</summary>
    [Params(2, 200)]
    public int Years { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioFiles.Load(ScenarioFiles.SlowMover);
        scenario = scenario with { HorizonDays = Years * Units.DaysPerYear };
        var stream = scenario.Demand[0];
        var buckets = scenario with
        {
            Demand = [stream with { Daily = Distribution.Poisson(stream.Customers!.RatePerDay), Customers = null }],
            Strategies = [.. scenario.Strategies.Select(s => s with
            {
                Policies = [.. s.Policies.Select(p => p with { Policy = p.Policy is BufferPolicy b ? b with { ContinuousReview = false } : p.Policy })],
            })],
        };
        var model = Model.Compile(scenario);
        _arrivals = new Simulation(model);
        _daily = new Simulation(Model.Compile(buckets));
        _outcome = new double[new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length).Length];
        Arrivals();
        DailyBuckets();
    }

    [Benchmark(OperationsPerInvoke = Trials, Baseline = true)]
    public double DailyBuckets() => RunTrials(_daily);

    [Benchmark(OperationsPerInvoke = Trials)]
    public double Arrivals() => RunTrials(_arrivals);

    private double RunTrials(Simulation simulation)
    {
        for (var k = 0; k < Trials; k++)
        {
            simulation.Run(0, k, 1, _outcome);
        }

        return _outcome[0];
    }
}
