using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FlowSim.Experiments;

namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// Summary columns for benchmarks marked <see cref="EventsPerTrialAttribute"/>: engine events per
/// trial, events per second and bytes allocated per event.
/// </summary>
/// <remarks>
/// Events per trial is counted in the summarising process by running the same trials with the
/// same seed as the benchmark (results, and so event counts, do not depend on the thread count).
/// </remarks>
internal sealed class EventColumn : IColumn
{
    public static readonly EventColumn EventsPerTrial = new("Events/trial", Kind.PerTrial);
    public static readonly EventColumn EventsPerSecond = new("Events/s", Kind.PerSecond);
    public static readonly EventColumn BytesPerEvent = new("B/event", Kind.BytesPerEvent);

    private static readonly ConcurrentDictionary<string, double> Counted = new();

    private readonly Kind _kind;

    private EventColumn(string name, Kind kind)
    {
        ColumnName = name;
        _kind = kind;
    }

    private enum Kind
    {
        PerTrial,
        PerSecond,
        BytesPerEvent,
    }

    public string Id => nameof(EventColumn) + "." + _kind;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)_kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _kind switch
    {
        Kind.PerTrial => "Engine events in one trial (all strategies of the scenario)",
        Kind.PerSecond => "Engine events per second of wall-clock time",
        _ => "Bytes allocated per engine event",
    };

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var marked = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<EventsPerTrialAttribute>();
        if (marked is null)
        {
            return "-";
        }

        var events = Counted.GetOrAdd($"{marked.Scenario}:{marked.Trials}", _ => Count(marked.Scenario, marked.Trials));
        var report = summary[benchmarkCase];
        switch (_kind)
        {
            case Kind.PerTrial:
                return events.ToString("N0", CultureInfo.InvariantCulture);
            case Kind.PerSecond:
                var nanoseconds = report?.ResultStatistics?.Mean;
                return nanoseconds is > 0
                    ? (events / (nanoseconds.Value * 1e-9)).ToString("N0", CultureInfo.InvariantCulture)
                    : "-";
            default:
                var bytes = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
                return bytes is null ? "-" : (bytes.Value / events).ToString("0.###", CultureInfo.InvariantCulture);
        }
    }

    public override string ToString() => ColumnName;

    private static double Count(string scenario, int trials)
    {
        var result = Experiment.Run(ScenarioFiles.Load(scenario), new RunOptions(trials, WorkloadBenchmarks.Seed, Threads: 1));
        return (double)result.EventsSimulated / trials;
    }
}
