using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Planning;

/// <summary>
/// Multi-echelon inventory placement: where to hold safety stock so that customers get their
/// service at the least inventory. Three placements of one strategy's buffered item-locations:
/// the single-echelon baseline (each sized alone for the target), the guaranteed-service model's
/// analytic placement, and the placement a simulation search on common random numbers finds from
/// the better of the two; then a paired run on fresh trials proves what each one gives.
/// </summary>
public static class Meio
{
    /// <summary>Progress of a placement search: the trials spent so far, of the budget.</summary>
    /// <param name="TrialsUsed">Trials run so far (search and proof).</param>
    /// <param name="Stage">What is running: analytic, search or proof.</param>
    public sealed record Progress(long TrialsUsed, string Stage);

    /// <summary>Checks that <paramref name="strategy"/> can be placed for <paramref name="target"/>; the reasons it cannot otherwise.</summary>
    public static ImmutableArray<string> Problems(Scenario scenario, string strategy, PlacementTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var st = scenario.Strategies.FirstOrDefault(s => s.Name == strategy);
        if (st is null)
        {
            return [$"no strategy named '{strategy}'; the scenario has {string.Join(", ", scenario.Strategies.Select(s => s.Name))}"];
        }

        var problems = new List<string>();
        var buffers = st.Policies.Where(p => p.Policy is BufferPolicy).ToList();
        if (buffers.Count == 0)
        {
            problems.Add($"strategy '{strategy}' buffers no item-location, so there is no stock to place; give it a buffer policy somewhere");
        }

        foreach (var p in buffers.Where(p => p.Policy is BufferPolicy { ForecastWindowDays: not null } or BufferPolicy { ForecastSmoothing: not null } or BufferPolicy { SeasonalLevels: true }))
        {
            problems.Add($"{p.ItemId}@{p.StockPointId} in strategy '{strategy}' follows a forecast; a placement sets fixed levels, so remove its forecast first");
        }

        if (!scenario.Demand.Any())
        {
            problems.Add("the scenario has no customer demand to serve");
        }
        else if (problems.Count == 0 && LeftOut(scenario, st, target) is var leftOut && leftOut.Count == scenario.Demand.Length)
        {
            problems.Add($"no customer-facing item-location of strategy '{strategy}' has a service the placement can change: "
                + string.Join("; ", leftOut.Select(l => $"{l.Key} {l.Value}")));
        }

        return [.. problems];
    }

    /// <summary>
    /// Customer-facing item-locations whose service the placement cannot change, with why: those
    /// not buffered, unless the target is on-time delivery and they deliver against confirmed
    /// demand (a demand-responsive stage's promise is kept from the stock upstream).
    /// </summary>
    public static IReadOnlyDictionary<string, string> LeftOut(Scenario scenario, Strategy strategy, PlacementTarget? target)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(strategy);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in scenario.Demand)
        {
            var policy = strategy.PolicyFor(d.ItemId, d.StockPointId);
            var why = policy switch
            {
                BufferPolicy => null,
                DemandResponsivePolicy when target?.Metric == ItemLocationMetric.OnTimeDelivery => null,
                DemandResponsivePolicy => "is demand-responsive: its fill rate from stock does not depend on where stock is held (use --target on_time_delivery>=...)",
                _ => $"is {policy.Kind}: its batches, not the placement, set its service",
            };
            if (why is not null)
            {
                result[$"{d.ItemId}@{d.StockPointId}"] = why;
            }
        }

        return result;
    }

    /// <summary>Runs the placement: analytic start, search, proof. Call <see cref="Problems"/> first.</summary>
    public static MeioResult Run(Scenario scenario, MeioRequest request, IProgress<Progress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(request);
        var strategy = scenario.Strategies.First(s => s.Name == request.Strategy);
        var stages = Stages.Of(scenario, request.Strategy);
        var variables = stages.Where(s => strategy.PolicyFor(s.ItemId, s.StockPointId) is BufferPolicy).Select(s => s.Index).ToArray();
        var leftOut = LeftOut(scenario, strategy, request.Target);
        var customerFacing = stages.Where(s => s.FacesCustomers && !leftOut.ContainsKey(s.ToString())).ToList();
        ImmutableArray<int[]> groups = request.Per == TargetScope.Item
            ? [.. customerFacing.GroupBy(s => s.ItemId).Select(g => g.Select(s => s.Index).ToArray())]
            : [.. customerFacing.Select(s => new[] { s.Index })];
        var groupNames = groups.Select(g => request.Per == TargetScope.Item ? stages[g[0]].ItemId : stages[g[0]].ToString()).ToImmutableArray();
        var trials = new PlacementTrials(scenario, strategy, stages, variables, groups, request);
        var echelons = Echelons(stages);
        var protection = stages.Select(s => s.Numbers.ProtectionDays ?? Math.Max(1, s.LeadTimeMean)).ToArray();

        // The baseline: the strategy with every buffered item-location sized alone for the target
        // fill rate; without a target, the strategy as written.
        var alone = request.Target is not { } goal ? strategy : strategy with
        {
            Policies = [.. strategy.Policies.Select(p => p.Policy is BufferPolicy b
                ? p with { Policy = b.Rule is BufferRule.BaseStock or BufferRule.PeriodicReview
                    ? b with { FillRate = goal.Threshold, SafetyStockUnits = null, SafetyStockDays = null, OrderUpTo = null }
                    : b with { FillRate = goal.Threshold, SafetyStockUnits = null, SafetyStockDays = null, ReorderPoint = null } }
                : p)],
        };
        var aloneStages = Stages.Of(scenario with { Strategies = [alone] }, request.Strategy);
        var baseline = variables.Select(k => aloneStages[k].ProtectingLevel!.Value).ToArray();

        var buffered = stages.Select(s => variables.Contains(s.Index)).ToArray();
        // The analytic bound: the target, or without one the cycle service level the strategy's buffers are sized to.
        var first = strategy.Policies.Select(p => p.Policy).OfType<BufferPolicy>().First();
        var bound = request.Target?.Threshold ?? first.FillRate ?? first.ServiceLevel;
        var analytic = GuaranteedService.Place(stages, buffered, protection, bound, out var dropped);
        var analyticLevels = variables.Select(k => analytic[k].Level).ToArray();
        progress?.Report(new Progress(0, "analytic"));

        var search = new PlacementSearch(trials, stages, variables, echelons, request, progress);
        var (start, searched) = search.Run(baseline, analyticLevels, cancellation);

        // The proof: fresh trials, the three placements side by side; again without disruptions when there are some.
        var placements = new[] { baseline, analyticLevels, searched };
        var proofs = ImmutableArray.CreateBuilder<ProofRun>();
        foreach (var withDisruptions in scenario.Disruptions.IsEmpty ? [true] : new[] { true, false })
        {
            progress?.Report(new Progress(search.TrialsUsed, "proof"));
            var outcomes = trials.Run(placements, Names, request.ProofTrials, request.ProofSeed, withDisruptions, cancellation, out var experiment);
            proofs.Add(Prove(withDisruptions ? "as written" : "without disruptions", outcomes, groupNames, request, experiment));
        }

        Placement ToPlacement(string name, double[] levels) => new(name, [.. variables.Select((k, v) => new PlacedLevel(stages[k].ItemId, stages[k].StockPointId,
            stages[k].Numbers.Rule is BufferRule.BaseStock or BufferRule.PeriodicReview ? "order_up_to" : "reorder_point",
            levels[v], levels[v] - (stages[k].DemandMean * protection[k]), stages[k].FacesCustomers, echelons[k]))]);

        return new MeioResult(scenario, request, stages, analytic, dropped, ToPlacement("baseline", baseline), ToPlacement("analytic", analyticLevels), ToPlacement("searched", searched),
            start, search.Steps, search.TrialsUsed, search.Converged, proofs.ToImmutable())
        { LeftOut = leftOut };
    }

    /// <summary>The placements' names, in report order.</summary>
    public static ImmutableArray<string> Names { get; } = ["baseline", "analytic", "searched"];

    private static ProofRun Prove(string label, PlacementTrials.Outcome[] outcomes, ImmutableArray<string> groupNames, MeioRequest request, ExperimentResult experiment)
    {
        var perYear = outcomes[0].Result.MeasuredDays > 0 ? Units.DaysPerYear / outcomes[0].Result.MeasuredDays : 1;
        var baseValue = outcomes[0].Result[Metric.AvgInventoryValue];
        var placements = outcomes.Select((o, k) =>
        {
            var differences = PairedTrials.Differences(outcomes[0].Result, o.Result, Metric.AvgInventoryValue);
            var released = Statistics.Of(differences);
            var share = baseValue.Mean > 0 ? ReleasedShare(differences, outcomes[0].Result) : Statistics.Undefined;
            var services = groupNames.Select((g, i) =>
            {
                var values = o.Service[i].Where(double.IsFinite).ToArray();
                var low = PlacementTrials.LowerBound(o.Service[i]);
                return new GroupService(g, values.Length > 0 ? Statistics.Of(values) : Statistics.Undefined, low, request.Target is not { } t || !(low < t.Threshold));
            }).ToImmutableArray();
            return new PlacementProof(Names[k], o.Result[Metric.AvgInventoryValue], o.Result[Metric.TotalCost].Times(perYear), released, share, services);
        }).ToImmutableArray();
        return new ProofRun(label, request.ProofTrials, request.ProofSeed, placements) { Experiment = experiment };
    }

    /// <summary>
    /// The release as a share of the baseline's inventory value: total released over the baseline's
    /// total, with a delta-method interval that counts the uncertainty of both (the paired release's
    /// interval divided by the baseline's mean would take that mean as known).
    /// </summary>
    private static Statistics ReleasedShare(double[] released, StrategyResult baseline)
    {
        var values = new double[released.Length];
        var perTrial = new double[released.Length];
        for (var k = 0; k < released.Length; k++)
        {
            values[k] = baseline.Outcome(k, Metric.AvgInventoryValue);
            perTrial[k] = values[k] > 0 ? released[k] / values[k] : double.NaN;
        }

        return Statistics.OfRatio(released, values, perTrial, scale: 1, complement: false, scratch: null);
    }

    /// <summary>Steps from the customers: 0 where customers buy, 1 for the stages feeding those, and so on.</summary>
    private static int[] Echelons(ImmutableArray<Stage> stages)
    {
        var echelon = stages.Select(s => s.FacesCustomers ? 0 : int.MaxValue).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var s in stages.Where(s => echelon[s.Index] != int.MaxValue))
            {
                foreach (var (u, _) in s.Upstream.Where(u => echelon[u.Stage] > echelon[s.Index] + 1))
                {
                    echelon[u] = echelon[s.Index] + 1;
                    changed = true;
                }
            }
        }

        return [.. echelon.Select(e => e == int.MaxValue ? 0 : e)];
    }
}
