using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Reports.Html;

/// <summary>
/// Everything an HTML report shows. Only <see cref="Result"/> is required; each optional part
/// the run did not compute renders as "not computed" instead of being left out silently.
/// </summary>
/// <param name="Result">The experiment's results, every trial included.</param>
/// <param name="Command">The command that produced the result (see <see cref="Provenance.ReproducibleCommand"/>); null leaves it out.</param>
public sealed record ReportInput(ExperimentResult Result, IReadOnlyList<string>? Command = null)
{
    /// <summary>Daily on-hand bands for the fan charts; null when not traced.</summary>
    public InventoryTrace? Inventory { get; init; }

    /// <summary>
    /// Disruption cost per strategy name: each trial's total cost minus the same trial's total cost
    /// with disruptions switched off, over the measured period. Null when not computed.
    /// </summary>
    public IReadOnlyDictionary<string, Statistics>? DisruptionCost { get; init; }

    /// <summary>Disruption cost attributed to each disruption (by id), per strategy name; null when not attributed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Statistics>>? DisruptionCostByDisruption { get; init; }

    /// <summary>
    /// The input for a result as the run computed it: disruption cost when the scenario has
    /// disruptions, and its attribution when the run attributed it.
    /// </summary>
    public static ReportInput For(ExperimentResult result, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var disrupted = result.Scenario.Disruptions.Length > 0;
        return new ReportInput(result, command)
        {
            DisruptionCost = disrupted ? result.Strategies.ToDictionary(s => s.Name, s => s[Metric.DisruptionCost]) : null,
            DisruptionCostByDisruption = result.Attributed
                ? result.Strategies.ToDictionary(
                    s => s.Name,
                    s => (IReadOnlyDictionary<string, Statistics>)s.Disruptions
                        .Where(d => d[DisruptionMetric.AttributedCost].N > 0)
                        .ToDictionary(d => d.Id, d => d[DisruptionMetric.AttributedCost]))
                : null,
        };
    }
}
