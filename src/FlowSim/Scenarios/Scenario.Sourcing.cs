using System.Collections.Immutable;
using System.Globalization;

namespace FlowSim.Scenarios;

/// <summary>Lanes kept for strategies' own sourcing.</summary>
public sealed partial record Lane
{
    /// <summary>
    /// Items the scenario's own sourcing does not send over this lane (<c>standby</c>), so that only
    /// a strategy's <c>sourcing</c> uses it for them; with <see cref="StandbyForAll"/>, every item.
    /// </summary>
    public ImmutableArray<string> StandbyItems { get; init; } = [];

    /// <summary>True when the scenario's own sourcing uses this lane for no item (<c>standby: true</c>).</summary>
    public bool StandbyForAll { get; init; }

    /// <summary>True when the lane carries the item but the scenario's own sourcing leaves it to strategies.</summary>
    public bool IsStandbyFor(string itemId) => StandbyForAll || StandbyItems.Contains(itemId);
}

/// <summary>
/// How a strategy sources one item at one stock point, instead of the lanes' own <c>share</c> and
/// <c>backup</c> settings: one primary lane, a primary and a backup, or a split by shares.
/// </summary>
/// <param name="ItemId">The item.</param>
/// <param name="StockPointId">The stock point it is brought to.</param>
/// <param name="Lanes">Indices into <see cref="Scenario.Lanes"/>: the primary first, then the backup; or every lane of a split.</param>
/// <param name="Location">Where the choice is written.</param>
public sealed record SourcingChoice(string ItemId, string StockPointId, ImmutableArray<int> Lanes, SourceLocation Location)
{
    /// <summary>For a split: each lane's share of every order, in the order of <see cref="Lanes"/>; empty otherwise.</summary>
    public ImmutableArray<double> Shares { get; init; } = [];

    /// <summary>For a primary and a backup: when orders switch to the backup; null otherwise.</summary>
    public BackupSwitch? Backup { get; init; }

    /// <summary>The choice as the network's sourcing of its item-location.</summary>
    internal Sourcing AsSourcing() =>
        new(!Shares.IsEmpty ? SourcingRule.Split : Backup is not null ? SourcingRule.PrimaryBackup : SourcingRule.Single, Lanes, -1) { Shares = Shares, Backup = Backup };

    /// <summary>The choice in words, for results: <c>from mexico->dc</c>, <c>from asia->dc 70%, mexico->dc 30%</c>, <c>from asia->dc, backup mexico->dc when down</c>.</summary>
    public string Describe(ImmutableArray<Lane> lanes)
    {
        if (!Shares.IsEmpty)
        {
            return "from " + string.Join(", ", Lanes.Select((j, k) => $"{lanes[j].Name} {(Shares[k] * 100).ToString("0.##", CultureInfo.InvariantCulture)}%"));
        }

        if (Backup is not { } b)
        {
            return $"from {lanes[Lanes[0]].Name}";
        }

        var when = b.When == BackupTrigger.PrimaryDown ? "when down" : $"when late by {Units.FormatDays(b.LateByDays)}";
        var delay = b.SwitchDelayDays > 0 ? $", after {Units.FormatDays(b.SwitchDelayDays)}" : "";
        return $"from {lanes[Lanes[0]].Name}, backup {lanes[Lanes[1]].Name} {when}{delay}";
    }
}
