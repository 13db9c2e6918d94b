using System.Collections.Immutable;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Strategies that source their own way run on the network compiled with their sourcing.</summary>
internal sealed partial class Model
{
    // Per strategy, the model it runs on; empty while compiling.
    private Model[] _networks = [];

    /// <summary>
    /// The compiled network strategy <paramref name="strategy"/> runs on: this model, or for a
    /// strategy with sourcing of its own (<c>strategies[].sourcing</c>), the scenario compiled with
    /// it. Every one has the same slots, lanes, production lines and disruptions in the same order
    /// (only how slots are supplied, and so the demand each must supply, differs), so all strategies
    /// of a trial draw the same numbers; and all share <see cref="Strategies"/>, each sized on its own network.
    /// </summary>
    public Model For(int strategy) => _networks.Length == 0 ? this : _networks[strategy];

    /// <summary>The distinct networks the strategies run on, in the order of the strategies, and for each strategy its index among them.</summary>
    public (Model[] Networks, int[] Of) NetworksByStrategy()
    {
        var networks = new List<Model>();
        var of = new int[Strategies.Length];
        for (var s = 0; s < of.Length; s++)
        {
            var m = For(s);
            var i = networks.IndexOf(m);
            if (i < 0)
            {
                i = networks.Count;
                networks.Add(m);
            }

            of[s] = i;
        }

        return ([.. networks], of);
    }

    /// <summary>The same text for the same choices: strategies whose sourcing gives the same key share a network.</summary>
    private static string SourcingKey(ImmutableArray<SourcingChoice> choices) =>
        string.Join(";", choices.Select(c => FormattableString.Invariant(
            $"{c.ItemId}@{c.StockPointId}:{string.Join(",", c.Lanes)}:{string.Join(",", c.Shares.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}:{c.Backup}")));

    /// <summary>The scenario's own sourcing with a strategy's choices laid over it.</summary>
    private static Dictionary<StockedItem, Sourcing> WithChoices(IReadOnlyDictionary<StockedItem, Sourcing> own, ImmutableArray<SourcingChoice> choices)
    {
        var sources = own.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var c in choices)
        {
            sources[new StockedItem(c.ItemId, c.StockPointId)] = c.AsSourcing();
        }

        return sources;
    }
}
