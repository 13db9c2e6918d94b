using System.Collections.Immutable;
using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>A lane, compiled.</summary>
internal sealed class LaneModel
{
    public required Lane Spec { get; init; }

    /// <summary>Supplier index, or -1 when the lane starts at a stock point.</summary>
    public required int Supplier { get; init; }

    public required int ToStockPoint { get; init; }

    public required Distribution LeadTime { get; init; }

    /// <summary>The lead time when it is constant (no draw needed); -1 otherwise.</summary>
    public required double FixedLeadTimeDays { get; init; }

    /// <summary>True for a supplier lane with no expediting, no supplier capacity and no disruption on it or its supplier.</summary>
    public bool Plain { get; init; }

    /// <summary>Orders on this lane have a cost or size of their own, or share a joint ordering cost.</summary>
    public bool OrderTerms { get; init; }

    /// <summary>The lanes from this lane's source to its stock point that share a joint ordering cost; -1 for none.</summary>
    public int JointGroup { get; init; } = -1;
}

/// <summary>A production line, compiled: it makes <see cref="Slot"/> from component slots at the same plant.</summary>
internal sealed class ProductionModel
{
    public required int Slot { get; init; }

    public required int[] ComponentSlots { get; init; }

    public required double[] ComponentQuantities { get; init; }

    public required Distribution LeadTime { get; init; }

    /// <summary>Units that can start per day; infinity for unlimited.</summary>
    public required double CapacityPerDay { get; init; }

    public required double MinBatch { get; init; }

    public required double BatchMultiple { get; init; }

    public required double CostPerUnit { get; init; }

    /// <summary>Servers that make orders one unit after another, first come first served; 0 for a line without (orders take the lead time once started).</summary>
    public int Servers { get; init; }

    /// <summary>Time one server takes to make one unit; null without servers.</summary>
    public Distribution? UnitTime { get; init; }

    /// <summary>The line's place among the lines in the scenario's own order: its lead times draw from the stream keyed by it (see <see cref="SlotModel.StreamKey"/>).</summary>
    public int StreamKey { get; init; }
}

/// <summary>A disruption, compiled: what it hits as indices, and which disruption's timing it shares.</summary>
internal sealed class DisruptionModel
{
    public required Disruption Spec { get; init; }

    /// <summary>The disruption whose occurrences this one shares (itself unless it belongs to a shared event).</summary>
    public required int Leader { get; init; }

    public int Supplier { get; init; } = -1;

    public int Lane { get; init; } = -1;

    /// <summary>For a plant's capacity loss: the production lines at the plant.</summary>
    public int[] ProductionLines { get; init; } = [];

    /// <summary>For a demand shock: the slots whose customer demand it multiplies.</summary>
    public int[] ShockedSlots { get; init; } = [];

    /// <summary>Customer-facing slots whose supply runs through what is hit: where survival and recovery are measured.</summary>
    public required int[] AffectedCustomerSlots { get; init; }
}

/// <summary>A compiled strategy: one policy per slot, and whether it uses backup lanes.</summary>
internal sealed record StrategyModel(string Name, SlotPolicy[] Policies, bool UsesBackups = true);
