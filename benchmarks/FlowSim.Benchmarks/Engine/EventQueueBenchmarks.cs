using BenchmarkDotNet.Attributes;
using FlowSim.Engine;
using FlowSim.Stochastic;

namespace FlowSim.Benchmarks.Engine;

/// <summary>
/// The event queue under the classic "hold" pattern: take the earliest event and schedule one a
/// random time later, so the queue stays at <see cref="Size"/> events. The mean is the time of one
/// <c>Next</c> plus one <c>Schedule</c>. With <see cref="WholeDays"/> the gaps are whole days (as
/// lead times in days from a day's review are), which wait in day buckets instead of the heap.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class EventQueueBenchmarks
{
    private const int Holds = 1000;

    // A power of two, so the increment index wraps with a mask.
    private const int IncrementCount = 4096;

    private readonly EventQueue _queue = new();
    private readonly double[] _incrementsDays = new double[IncrementCount];
    private int _next;

    /// <summary>Events in the heap: 8 is a typical engine heap (the engine runs demand and reviews as day ticks), 1,000 a large network.</summary>
    [Params(8, 1000)]
    public int Size { get; set; }

    /// <summary>Gaps rounded up to whole days (bucketed) instead of fractions of days (the heap).</summary>
    [Params(false, true)]
    public bool WholeDays { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Exponential gaps with mean 5 days, drawn up front so the benchmark times the queue only.
        var rng = RandomStream.Create(42);
        for (var i = 0; i < IncrementCount; i++)
        {
            var gap = -5 * Math.Log(rng.NextOpenDouble());
            _incrementsDays[i] = WholeDays ? Math.Ceiling(gap) : gap;
        }

        _queue.Clear();
        for (var i = 0; i < Size; i++)
        {
            _queue.Schedule(_incrementsDays[i], EventKind.Receipt, i % 4, 1);
        }
    }

    [Benchmark(OperationsPerInvoke = Holds)]
    public double ScheduleAndNext()
    {
        var queue = _queue;
        var increments = _incrementsDays;
        var j = _next;
        double last = 0;
        for (var h = 0; h < Holds; h++)
        {
            var e = queue.Next();
            last = e.Time;
            queue.Schedule(e.Time + increments[j], e.Kind, e.Slot, e.Quantity);
            j = (j + 1) & (IncrementCount - 1);
        }

        _next = j;
        return last;
    }
}
