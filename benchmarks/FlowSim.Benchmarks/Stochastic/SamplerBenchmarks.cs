using BenchmarkDotNet.Attributes;
using FlowSim.Stochastic;

namespace FlowSim.Benchmarks.Stochastic;

/// <summary>
/// One draw from each sampler the engine uses for demand and lead times. Each benchmark makes
/// <see cref="Draws"/> draws per invocation, so the mean is the time of one draw.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class SamplerBenchmarks
{
    private const int Draws = 1000;

    private readonly PoissonTable _poissonTable = PoissonTable.TryCreate(20)!;
    private readonly Distribution _poisson = Distribution.Poisson(20);
    private readonly Distribution _normal = Distribution.Normal(100, 20);
    private readonly Distribution _gamma = Distribution.Gamma(10, 5);
    private readonly Distribution _negativeBinomial = Distribution.NegativeBinomial(8, 5);

    // The quickstart's daily demand for dinner plates and mugs.
    private readonly Distribution _lumpyNegativeBinomial = Distribution.NegativeBinomial(4, 7);
    private readonly Distribution _poissonMean6 = Distribution.Poisson(6);

    // A mutable struct, passed by ref so the state advances.
    private RandomStream _rng = RandomStream.Create(2026);

    [Benchmark(Baseline = true, OperationsPerInvoke = Draws)]
    public double UniformDouble()
    {
        double sum = 0;
        for (var i = 0; i < Draws; i++)
        {
            sum += _rng.NextDouble();
        }

        return sum;
    }

    /// <summary>
    /// The same draws from a copy of the stream held in a local, which the JIT keeps in registers:
    /// the difference from <see cref="UniformDouble"/> is the cost of a stream that lives in memory.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double UniformDouble_LocalStream()
    {
        var rng = _rng;
        double sum = 0;
        for (var i = 0; i < Draws; i++)
        {
            sum += rng.NextDouble();
        }

        _rng = rng;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Draws)]
    public double PoissonTable_Mean20()
    {
        var table = _poissonTable;
        double sum = 0;
        for (var i = 0; i < Draws; i++)
        {
            sum += table.Sample(ref _rng);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Draws)]
    public double Poisson_Mean20() => Draw(_poisson);

    [Benchmark(OperationsPerInvoke = Draws)]
    public double Normal_100_20() => Draw(_normal);

    [Benchmark(OperationsPerInvoke = Draws)]
    public double Gamma_10_5() => Draw(_gamma);

    [Benchmark(OperationsPerInvoke = Draws)]
    public double NegativeBinomial_8_5() => Draw(_negativeBinomial);

    /// <summary>Gamma shape below 1 (0.36), so every draw also takes a power.</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double NegativeBinomial_4_7() => Draw(_lumpyNegativeBinomial);

    /// <summary>Seasonal Poisson demand: a scaled mean has no table, so each draw builds a sampler.</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double Poisson_Mean6_Scaled1_6()
    {
        var poisson = _poissonMean6;
        double sum = 0;
        for (var i = 0; i < Draws; i++)
        {
            sum += poisson.Sample(ref _rng, 1.6);
        }

        return sum;
    }

    private double Draw(Distribution distribution)
    {
        double sum = 0;
        for (var i = 0; i < Draws; i++)
        {
            sum += distribution.Sample(ref _rng);
        }

        return sum;
    }
}
