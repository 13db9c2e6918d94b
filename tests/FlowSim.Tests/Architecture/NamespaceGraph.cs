namespace FlowSim.Tests.Architecture;

/// <summary>
/// The namespaces of src/ and which others each may use: the one place the allowed graph is
/// written. A nested namespace (FlowSim.Engine.X, FlowSim.Reports.Html) counts as its parent.
/// Read top to bottom it is the way a scenario goes: YAML is loaded into a scenario, the engine runs
/// trials of it, experiments repeat and compare them, planning searches over experiments, and
/// reports and the command line show the results. README's layout section draws the same graph.
/// </summary>
internal static class NamespaceGraph
{
    private const string Stochastic = "FlowSim.Stochastic";
    private const string Outcomes = "FlowSim.Outcomes";
    private const string Scenarios = "FlowSim.Scenarios";
    private const string History = "FlowSim.History";
    private const string Policies = "FlowSim.Policies";
    private const string Engine = "FlowSim.Engine";
    private const string Experiments = "FlowSim.Experiments";
    private const string Planning = "FlowSim.Planning";
    private const string Reports = "FlowSim.Reports";
    private const string Cli = "FlowSim.Cli";

    /// <summary>Each namespace with the namespaces its code may use, in layer order (a namespace may use only ones above it).</summary>
    public static IReadOnlyList<(string Namespace, string[] MayUse)> Layers { get; } =
    [
        // Random streams and distributions: what every layer above draws from.
        (Stochastic, []),

        // What a trial measures: written by the engine, read by experiments and reports.
        (Outcomes, []),

        // The scenario as the planner wrote it: read from YAML, checked, immutable.
        (Scenarios, [Stochastic]),

        // Demand history turned into distributions and segments a scenario refers to.
        (History, [Scenarios, Stochastic]),

        // Order rules and their sizing, from the scenario's figures.
        (Policies, [Scenarios, Stochastic]),

        // One trial: the scenario compiled into a model and run event by event.
        (Engine, [Policies, Scenarios, Stochastic, Outcomes]),

        // Many trials: statistics, paired comparisons, finance. It runs the engine and never sizes a policy itself.
        (Experiments, [Engine, Outcomes, Scenarios, Stochastic]),

        // Sweeps, the optimiser and the resilience audit: experiments over changed scenarios.
        (Planning, [Experiments, Outcomes, Scenarios, Stochastic]),

        // Files and pages of results: may read anything the library computes.
        (Reports, [Stochastic, Outcomes, Scenarios, History, Policies, Engine, Experiments, Planning]),

        // The flowsim command: ties it all together.
        (Cli, [Stochastic, Outcomes, Scenarios, History, Policies, Engine, Experiments, Planning, Reports]),
    ];

    /// <summary>The namespace (FlowSim.X) that a namespace of any depth counts as.</summary>
    public static string Layer(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 2 ? $"{parts[0]}.{parts[1]}" : ns;
    }

    /// <summary>True when the graph has <paramref name="layer"/>.</summary>
    public static bool Has(string layer) => Layers.Any(l => l.Namespace == layer);

    /// <summary>True when code in <paramref name="from"/> may use <paramref name="to"/> (both layers).</summary>
    public static bool Allows(string from, string to) =>
        from == to || Layers.Any(l => l.Namespace == from && l.MayUse.Contains(to));
}
