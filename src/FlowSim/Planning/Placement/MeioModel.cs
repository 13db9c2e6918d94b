using System.Collections.Immutable;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>Which customers a placement's target is measured over.</summary>
public enum TargetScope
{
    /// <summary>Every customer-facing item-location meets the target on its own.</summary>
    ItemLocation,

    /// <summary>Every item meets the target over all its customer-facing locations together.</summary>
    Item,
}

/// <summary>A placement's service target: <c>fill_rate&gt;=95%</c> or <c>on_time_delivery&gt;=98%</c>.</summary>
/// <param name="Metric">Fill rate or on-time delivery: units served over units asked.</param>
/// <param name="Threshold">The least share, as a fraction.</param>
public sealed record PlacementTarget(ItemLocationMetric Metric, double Threshold)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric.Key()}>={Threshold * 100:0.###}%");

    /// <summary>Parses <c>fill_rate&gt;=95%</c> (or 0.95), or the same with <c>on_time_delivery</c>; null with a reason otherwise.</summary>
    public static PlacementTarget? TryParse(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = "";
        var parts = text.Split(">=", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            error = $"expected fill_rate>=VALUE or on_time_delivery>=VALUE such as fill_rate>=95%, got '{text}'" + OptimizationTarget.ShellHint(text);
            return null;
        }

        ItemLocationMetric? metric = parts[0] switch
        {
            "fill_rate" => ItemLocationMetric.FillRate,
            "on_time_delivery" => ItemLocationMetric.OnTimeDelivery,
            _ => null,
        };
        if (metric is null)
        {
            error = $"a placement's target is fill_rate or on_time_delivery (a share of units), got '{parts[0]}'";
            return null;
        }

        if (!Units.TryParseFraction(parts[1], out var threshold, out _) && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out threshold))
        {
            error = $"expected a share after >=, such as 95% or 0.95, got '{parts[1]}'";
            return null;
        }

        if (!(threshold >= 0.5 && threshold < 1))
        {
            error = $"expected a share from 50% to below 100% (a service target, such as 95%), got '{parts[1]}'";
            return null;
        }

        return new PlacementTarget(metric.Value, threshold);
    }
}

/// <summary>What <c>flowsim meio</c> is asked.</summary>
/// <param name="Strategy">The strategy whose buffered item-locations are placed.</param>
/// <param name="Target">
/// The service every customer-facing item-location (or item) must meet with 95% confidence; null
/// for none (then a cost objective alone decides, and the baseline is the strategy as written).
/// </param>
/// <param name="Per">Whether the target holds per item-location or per item.</param>
/// <param name="Objective">The chain metric minimised: avg_inventory_value, or total_cost.</param>
/// <param name="Budget">Trials the search may spend, all candidates together.</param>
/// <param name="SearchTrials">Trials per candidate during the search.</param>
/// <param name="ProofTrials">Trials of the final, paired run of the three placements.</param>
/// <param name="Seed">The search's seed; the proof draws from a seed derived from it, so its trials are fresh.</param>
/// <param name="Threads">Threads, or null for all cores.</param>
public sealed record MeioRequest(string Strategy, PlacementTarget? Target, TargetScope Per, Metric Objective, int Budget, int SearchTrials, int ProofTrials, ulong Seed, int? Threads)
{
    /// <summary>The proof's seed: a fresh stream, away from the search's.</summary>
    public ulong ProofSeed => unchecked((Seed ^ 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL);
}

/// <summary>One item-location's level in a placement.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="StockPointId">Stock point id.</param>
/// <param name="Setting">The policy key the level is written to: <c>order_up_to</c> or <c>reorder_point</c>.</param>
/// <param name="Level">The level, in units.</param>
/// <param name="SafetyStock">The level less the expected demand over the stage's own protection period.</param>
/// <param name="FacesCustomers">True when customers buy here.</param>
/// <param name="Echelon">Steps from the customers: 0 for a customer-facing stage, 1 for the stages that feed those, and so on.</param>
public sealed record PlacedLevel(string ItemId, string StockPointId, string Setting, double Level, double SafetyStock, bool FacesCustomers, int Echelon)
{
    /// <summary>The item-location as <c>ITEM@STOCK_POINT</c>.</summary>
    public string Name => $"{ItemId}@{StockPointId}";
}

/// <summary>A placement: a level at every buffered item-location.</summary>
/// <param name="Name">baseline, analytic or searched.</param>
/// <param name="Levels">One per buffered item-location, in the scenario's order.</param>
public sealed record Placement(string Name, ImmutableArray<PlacedLevel> Levels)
{
    /// <summary>Units of safety stock over all item-locations, each at its unit cost.</summary>
    public double SafetyStockValue(ImmutableArray<Stage> stages) =>
        Levels.Sum(l => l.SafetyStock * stages.First(s => s.ItemId == l.ItemId && s.StockPointId == l.StockPointId).UnitCost);
}

/// <summary>Service of one customer group (an item-location, or an item) under a placement in the proof.</summary>
/// <param name="Name">ITEM@STOCK_POINT, or the item id.</param>
/// <param name="Service">The target's metric, over trials.</param>
/// <param name="LowerBound">One-sided 95% lower confidence bound of its mean.</param>
/// <param name="Met">True when the lower bound reaches the target (always, without one).</param>
public sealed record GroupService(string Name, Statistics Service, double LowerBound, bool Met);

/// <summary>How a placement did in the proof.</summary>
/// <param name="Placement">Its name.</param>
/// <param name="InventoryValue">Average inventory value over the chain.</param>
/// <param name="TotalCostPerYear">Total cost per year.</param>
/// <param name="Released">Inventory value released against the baseline (baseline minus this), paired over trials.</param>
/// <param name="ReleasedShare">The release as a share of the baseline's inventory value (total released over the baseline's total; a delta-method CI counting the uncertainty of both).</param>
/// <param name="Services">Service per customer group.</param>
public sealed record PlacementProof(string Placement, Statistics InventoryValue, Statistics TotalCostPerYear, Statistics Released, Statistics ReleasedShare, ImmutableArray<GroupService> Services)
{
    /// <summary>True when every group meets the target with 95% confidence.</summary>
    public bool MeetsTarget => Services.All(s => s.Met);
}

/// <summary>The three placements run side by side on the same fresh trials.</summary>
/// <param name="Label">What the run includes: <c>as written</c> or <c>without disruptions</c>.</param>
/// <param name="Trials">Trials.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Placements">Baseline, analytic and searched, in that order.</param>
public sealed record ProofRun(string Label, int Trials, ulong Seed, ImmutableArray<PlacementProof> Placements)
{
    /// <summary>The run itself: the three placements as strategies named baseline, analytic and searched.</summary>
    public required ExperimentResult Experiment { get; init; }
}

/// <summary>One step of the search.</summary>
/// <param name="Step">Its number, from 1.</param>
/// <param name="Candidates">Candidates evaluated.</param>
/// <param name="Moved">The item-locations whose level went down, or empty when the step sizes were halved.</param>
/// <param name="Objective">The objective's mean after the step.</param>
public sealed record SearchStep(int Step, int Candidates, ImmutableArray<string> Moved, double Objective);

/// <summary>What <c>flowsim meio</c> found.</summary>
/// <param name="Scenario">The scenario (its strategies as written).</param>
/// <param name="Request">The question.</param>
/// <param name="Stages">The network's stages under the strategy.</param>
/// <param name="Analytic">The guaranteed-service model's stage by stage answer.</param>
/// <param name="DroppedLinks">Links the analytic model left out to see the network as a tree.</param>
/// <param name="Baseline">Every buffered item-location sized alone for the target.</param>
/// <param name="AnalyticPlacement">The guaranteed-service placement.</param>
/// <param name="Searched">The placement the simulation search ended at.</param>
/// <param name="Start">Which placement the search started from.</param>
/// <param name="Steps">The search's steps.</param>
/// <param name="TrialsUsed">Trials the search spent.</param>
/// <param name="Converged">True when the search stopped because no move improved significantly; false when the budget ran out.</param>
/// <param name="Proofs">The proof runs: as written, and without disruptions when the scenario has some.</param>
public sealed record MeioResult(Scenario Scenario, MeioRequest Request, ImmutableArray<Stage> Stages, ImmutableArray<GuaranteedServiceStage> Analytic, int DroppedLinks,
    Placement Baseline, Placement AnalyticPlacement, Placement Searched, string Start, ImmutableArray<SearchStep> Steps, long TrialsUsed, bool Converged, ImmutableArray<ProofRun> Proofs)
{
    /// <summary>The three placements in report order.</summary>
    public ImmutableArray<Placement> Placements => [Baseline, AnalyticPlacement, Searched];

    /// <summary>Customer-facing item-locations left out of the target, with why (<see cref="Meio.LeftOut"/>).</summary>
    public IReadOnlyDictionary<string, string> LeftOut { get; init; } = new Dictionary<string, string>();
}
