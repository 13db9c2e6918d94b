namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// Marks a benchmark whose operation is one Monte Carlo trial of a scenario, so the summary can
/// turn its time and allocation per trial into events per second and bytes per event.
/// </summary>
/// <param name="scenario">The scenario file, relative to the repository root.</param>
/// <param name="trials">The trials the benchmark runs (0 to trials - 1): events are counted over the same ones.</param>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class EventsPerTrialAttribute(string scenario, int trials = WorkloadBenchmarks.Trials) : Attribute
{
    public string Scenario { get; } = scenario;

    public int Trials { get; } = trials;
}
