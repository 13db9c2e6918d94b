namespace FlowSim.Benchmarks.Experiments;

/// <summary>
/// Marks a benchmark whose operation is one Monte Carlo trial of a scenario, so the summary can
/// turn its time and allocation per trial into events per second and bytes per event.
/// </summary>
/// <param name="scenario">The scenario file, relative to the repository root.</param>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class EventsPerTrialAttribute(string scenario) : Attribute
{
    public string Scenario { get; } = scenario;
}
