using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Planning;

/// <summary>What kind of node of the network an audit takes out.</summary>
public enum AuditNodeKind
{
    /// <summary>A supplier stops shipping (a supplier outage).</summary>
    Supplier,

    /// <summary>A plant makes nothing (its production at zero capacity).</summary>
    Plant,

    /// <summary>A stock point is cut off: every lane into and out of it is closed.</summary>
    StockPoint,

    /// <summary>A lane is closed (a port, a border, a carrier).</summary>
    Lane,
}

/// <summary>Words for node kinds.</summary>
public static class AuditNodeKinds
{
    /// <summary>The kind in words: <c>stock point</c>.</summary>
    public static string Label(this AuditNodeKind kind) => kind switch
    {
        AuditNodeKind.Supplier => "supplier",
        AuditNodeKind.Plant => "plant",
        AuditNodeKind.StockPoint => "stock point",
        _ => "lane",
    };

    /// <summary>The kind as a JSON value: <c>stock_point</c>.</summary>
    public static string Key(this AuditNodeKind kind) => kind.Label().Replace(' ', '_');
}

/// <summary>A node an audit takes out, and the disruptions that do it.</summary>
/// <param name="Id">The supplier, plant or stock point id, or the lane's name (<c>from-&gt;to</c>, or its own; with its position when two lanes share a name).</param>
/// <param name="Kind">What kind of node it is.</param>
public sealed record AuditNode(string Id, AuditNodeKind Kind)
{
    /// <summary>For a lane: its index in <see cref="Scenario.Lanes"/>; -1 otherwise.</summary>
    public int Lane { get; init; } = -1;
}

/// <summary>One strategy's figures for one outage of one node, each compared trial by trial with the scenario as it is.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="TimeToSurviveDays">Days from the outage's start until customers fell short (undefined in trials where they never did).</param>
/// <param name="TimeToRecoverDays">Days from the outage's end until customers' service was back to its level before.</param>
/// <param name="ExtraLostUnits">Lost units with the outage minus without.</param>
/// <param name="LostRevenue">Revenue without the outage minus with it.</param>
/// <param name="ExtraCost">Total cost with the outage minus without.</param>
/// <param name="FellShortShare">Share of trials in which the outage made customers fall short.</param>
public sealed record AuditFigures(string Strategy, Statistics TimeToSurviveDays, Statistics TimeToRecoverDays, Statistics ExtraLostUnits,
    Statistics LostRevenue, Statistics ExtraCost, double FellShortShare)
{
    /// <summary>
    /// The time to survive as the audit reports it: the median over all trials of the days from the
    /// outage's start until customers fell short, a trial in which they never did counting as
    /// surviving for ever (so more stock can only lengthen it). Positive infinity when customers fell
    /// short in at most half the trials; NaN when the strategy does not use the node.
    /// </summary>
    public double MedianTimeToSurviveDays { get; init; } = double.NaN;

    /// <summary>
    /// False when the outage changes nothing the strategy sells or pays in any trial: it does not
    /// use the node, and survive and recover times mean nothing.
    /// </summary>
    public bool UsesNode { get; init; } = true;

    /// <summary>Fill rate with the outage minus without, trial by trial (a share: -0.01 is one percentage point lower).</summary>
    public Statistics FillRateDifference { get; init; } = Statistics.Undefined;

    /// <summary>Profit with the outage minus without, trial by trial.</summary>
    public Statistics ProfitDifference { get; init; } = Statistics.Undefined;

    /// <summary>
    /// The time to survive in words, as the audit's table and page show it: the median in days, with
    /// the share of trials in which customers fell short when not all did; "not short" when they did
    /// in at most half, "never short" when in none, "not used" when the strategy does not use the node.
    /// </summary>
    public string DescribeTimeToSurvive()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (!UsesNode)
        {
            return "not used";
        }

        var share = FellShortShare < 1 ? string.Create(c, $" ({FellShortShare:0%} short)") : "";
        return double.IsPositiveInfinity(MedianTimeToSurviveDays) || double.IsNaN(MedianTimeToSurviveDays)
            ? (FellShortShare > 0 ? "not short" + share : "never short")
            : string.Create(c, $"{MedianTimeToSurviveDays:0.#} d{share}");
    }
}

/// <summary>One outage of one node, for one duration.</summary>
/// <param name="DurationDays">How long the node is out.</param>
/// <param name="Strategies">Figures per strategy, in scenario order.</param>
public sealed record AuditOutage(double DurationDays, ImmutableArray<AuditFigures> Strategies);

/// <summary>A node's results.</summary>
/// <param name="Node">The node.</param>
/// <param name="Outages">One per audited duration, shortest first.</param>
/// <param name="RiskExposureIndex">
/// Per strategy: the node's mean extra cost for the longest outage, as a share of the largest
/// such cost of any node under that strategy, times 100 (100 = the most exposed node).
/// </param>
public sealed record AuditNodeResult(AuditNode Node, ImmutableArray<AuditOutage> Outages, ImmutableArray<double> RiskExposureIndex)
{
    /// <summary>
    /// True for a strategy when the longest outage costs customers units (significantly more lost
    /// units than without it: the 95% confidence interval is above 0) and they fall short before the
    /// node is back in most trials: its median time to survive is shorter than the outage.
    /// </summary>
    public bool Exposed(int strategy)
    {
        var longest = Outages[^1];
        var f = longest.Strategies[strategy];
        return f.UsesNode && f.ExtraLostUnits.Ci95Low > 0 && f.MedianTimeToSurviveDays < longest.DurationDays;
    }
}

/// <summary>The audit: every node, every duration, every strategy, ranked by financial impact.</summary>
/// <param name="Baseline">The scenario as it is, on the same trials.</param>
/// <param name="Durations">The outage durations, in days, shortest first.</param>
/// <param name="OutageStartDays">When every outage starts.</param>
/// <param name="Nodes">Every node, ranked by the first strategy's risk exposure index, most exposed first.</param>
public sealed record AuditResult(ExperimentResult Baseline, ImmutableArray<double> Durations, double OutageStartDays, ImmutableArray<AuditNodeResult> Nodes);

/// <summary>
/// A resilience audit: takes each supplier, plant, stock point and lane out in turn for each
/// duration, on top of the scenario's own randomness and disruptions, and measures what it costs
/// against the scenario as it is on the same trials (common random numbers).
/// </summary>
public static class Audit
{
    /// <summary>The nodes of a scenario an audit takes out, in scenario order.</summary>
    public static ImmutableArray<AuditNode> Nodes(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var plants = scenario.Production.Select(p => p.StockPointId).ToHashSet();
        return
        [
            .. scenario.Suppliers.Select(s => new AuditNode(s.Id, AuditNodeKind.Supplier)),
            .. scenario.StockPoints.Where(sp => plants.Contains(sp.Id)).Select(sp => new AuditNode(sp.Id, AuditNodeKind.Plant)),
            .. scenario.StockPoints.Where(sp => scenario.Lanes.Any(l => l.From == sp.Id || l.To == sp.Id)).Select(sp => new AuditNode(sp.Id, AuditNodeKind.StockPoint)),
            .. scenario.Lanes.Select((l, j) => new AuditNode(scenario.Lanes.Count(x => x.Name == l.Name) > 1 ? $"{l.Name} (lanes[{j}])" : l.Name, AuditNodeKind.Lane) { Lane = j }),
        ];
    }

    /// <summary>
    /// When the audited outages start: four weeks into the measured period (so the service level
    /// before is known), or at its start when it is short.
    /// </summary>
    public static double OutageStart(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var measured = scenario.HorizonDays - scenario.WarmupDays;
        return scenario.WarmupDays + Math.Min(28, measured / 4);
    }

    /// <summary>Runs the audit.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="durations">Outage durations in days (positive).</param>
    /// <param name="options">Trials, seed and threads, the same for every run.</param>
    /// <param name="progress">Told the trials completed so far, every run together: the baseline's, then each outage's (see <see cref="Runs"/>).</param>
    /// <param name="cancellation">Stops between trials.</param>
    public static AuditResult Run(Scenario scenario, ImmutableArray<double> durations, RunOptions options, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        var (sorted, start, plain) = Prepare(scenario, durations, options);
        var runs = Variants(scenario, sorted, start);

        // The baseline first, on every thread: each outage is compared with it as soon as it has run,
        // and only its figures are kept. The outages then run side by side.
        var baseline = Experiment.Run(scenario, plain, progress, cancellation);
        var baselineTrials = baseline.Trials;
        var rest = progress is null ? null : new OffsetProgress(n => progress.Report(baselineTrials + n));
        var outages = VariantRuns.Run(runs.Length - 1, plain, rest,
            (v, o, p) => OutageOf(scenario, baseline, runs[v + 1], Experiment.Run(runs[v + 1].Scenario, o, p, cancellation)), cancellation);
        return Rank(baseline, sorted, start, outages);
    }

    /// <summary>How many runs an audit makes: the scenario as it is, then each node out for each duration.</summary>
    public static int Runs(Scenario scenario, int durations) => 1 + (Nodes(scenario).Length * durations);

    /// <summary>The sorted durations, the outages' start and the options every run of the audit uses.</summary>
    internal static (ImmutableArray<double> Sorted, double Start, RunOptions Plain) Prepare(Scenario scenario, ImmutableArray<double> durations, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (durations.IsDefaultOrEmpty || durations.Any(d => !(d > 0)))
        {
            throw new ArgumentOutOfRangeException(nameof(durations), "durations must be positive");
        }

        // Disruption cost needs no extra runs here: each outage is compared with the baseline.
        return ([.. durations.Order()], OutageStart(scenario), options with { Precision = null, Attribute = false, MeasureDisruptionCost = false });
    }

    /// <summary>
    /// The runs of an audit, in a fixed order: the scenario as it is (no node), then every node in
    /// scenario order out for every duration, shortest first.
    /// </summary>
    internal static ImmutableArray<(AuditNode? Node, double Duration, Scenario Scenario)> Variants(Scenario scenario, ImmutableArray<double> sorted, double start)
    {
        var runs = ImmutableArray.CreateBuilder<(AuditNode?, double, Scenario)>();
        runs.Add((null, 0, scenario));
        foreach (var node in Nodes(scenario))
        {
            foreach (var duration in sorted)
            {
                runs.Add((node, duration, scenario with { Disruptions = [.. scenario.Disruptions, .. Outage(scenario, node, start, duration)] }));
            }
        }

        return runs.ToImmutable();
    }

    /// <summary>One outage's figures per strategy, each compared trial by trial with the baseline.</summary>
    internal static AuditOutage OutageOf(Scenario scenario, ExperimentResult baseline, (AuditNode? Node, double Duration, Scenario Scenario) run, ExperimentResult result)
    {
        var added = run.Scenario.Disruptions.Length - scenario.Disruptions.Length;
        return new AuditOutage(run.Duration, [.. result.Strategies.Select((s, k) => Figures(baseline.Strategies[k], s, scenario.Disruptions.Length, added))]);
    }

    /// <summary>Every node's outages (in the order of <see cref="Variants"/>, baseline left out), ranked by risk exposure.</summary>
    internal static AuditResult Rank(ExperimentResult baseline, ImmutableArray<double> sorted, double start, IReadOnlyList<AuditOutage> outages)
    {
        var nodes = new List<(AuditNode Node, ImmutableArray<AuditOutage> Outages)>();
        var all = Nodes(baseline.Scenario);
        for (var n = 0; n < all.Length; n++)
        {
            nodes.Add((all[n], [.. Enumerable.Range(n * sorted.Length, sorted.Length).Select(i => outages[i])]));
        }

        var strategies = baseline.Strategies.Length;
        var worst = Enumerable.Range(0, strategies).Select(k => nodes.Max(n => Math.Max(0, n.Outages[^1].Strategies[k].ExtraCost.Mean))).ToArray();
        var ranked = nodes
            .Select(n => new AuditNodeResult(n.Node, n.Outages,
                [.. Enumerable.Range(0, strategies).Select(k => worst[k] > 0 ? 100 * Math.Max(0, n.Outages[^1].Strategies[k].ExtraCost.Mean) / worst[k] : 0)]))
            .OrderByDescending(n => n.RiskExposureIndex[0])
            .ThenBy(n => n.Node.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        return new AuditResult(baseline, sorted, start, ranked);
    }

    /// <summary>Passes counts on through a function (one that adds the trials already done).</summary>
    private sealed class OffsetProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>The disruptions that take a node out from <paramref name="start"/> for <paramref name="duration"/> days.</summary>
    private static IEnumerable<Disruption> Outage(Scenario scenario, AuditNode node, double start, double duration)
    {
        var id = $"audit:{node.Id}";
        Disruption Make(string suffix, DisruptionKind kind, string target, DisruptionTarget targetKind, double factor = 1, int lane = -1) =>
            new(id + suffix, kind, target, null, start, null, Distribution.Constant(duration), factor, 0, 0, 0, false, null, new SourceLocation("audit", 0, 0))
            {
                TargetKind = targetKind,
                LaneIndex = lane,
            };

        switch (node.Kind)
        {
            case AuditNodeKind.Supplier:
                yield return Make("", DisruptionKind.SupplierOutage, node.Id, DisruptionTarget.Supplier);
                break;
            case AuditNodeKind.Plant:
                yield return Make("", DisruptionKind.CapacityLoss, node.Id, DisruptionTarget.StockPoint, factor: 0);
                break;
            case AuditNodeKind.Lane:
                yield return Make("", DisruptionKind.LaneClosure, scenario.Lanes[node.Lane].Name, DisruptionTarget.Lane, lane: node.Lane);
                break;
            case AuditNodeKind.StockPoint:
                var k = 0;
                for (var j = 0; j < scenario.Lanes.Length; j++)
                {
                    var lane = scenario.Lanes[j];
                    if (lane.From == node.Id || lane.To == node.Id)
                    {
                        k++;
                        yield return Make(k == 1 ? "" : $"#{k}", DisruptionKind.LaneClosure, lane.Name, DisruptionTarget.Lane, lane: j);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// One strategy's figures: the outage's own survive and recover times (over all the lanes a
    /// stock point's outage closes: the first shortfall of any, the last recovery), the rest paired
    /// with the baseline.
    /// </summary>
    private static AuditFigures Figures(StrategyResult baseline, StrategyResult hit, int first, int count)
    {
        var n = hit.Trials;
        var lost = PairedTrials.Differences(hit, baseline, Metric.LostUnits);
        var revenue = PairedTrials.Differences(baseline, hit, Metric.Revenue);
        var cost = PairedTrials.Differences(hit, baseline, Metric.TotalCost);
        var survive = new double[n];
        var recover = new double[n];
        var fellShort = 0;
        var changed = false;
        for (var k = 0; k < n; k++)
        {
            survive[k] = double.NaN;
            recover[k] = double.NaN;
            for (var d = first; d < first + count; d++)
            {
                var s = hit.Outcome(k, d, DisruptionMetric.TimeToSurviveDays);
                var r = hit.Outcome(k, d, DisruptionMetric.TimeToRecoverDays);
                survive[k] = double.IsNaN(survive[k]) || s < survive[k] ? s : survive[k];
                recover[k] = double.IsNaN(recover[k]) || r > recover[k] ? r : recover[k];
            }

            fellShort += double.IsNaN(survive[k]) ? 0 : 1;

            // Common random numbers: a strategy that never touches the node runs exactly as without the outage.
            changed |= lost[k] != 0 || revenue[k] != 0 || cost[k] != 0;
        }

        var fillRate = PairedTrials.Difference(hit, baseline, Metric.FillRate);
        var profit = PairedTrials.Difference(hit, baseline, Metric.Profit);
        if (!changed)
        {
            return new AuditFigures(hit.Name, Statistics.Of([]), Statistics.Of([]), Statistics.Of(lost), Statistics.Of(revenue), Statistics.Of(cost), 0)
            {
                UsesNode = false,
                FillRateDifference = fillRate,
                ProfitDifference = profit,
            };
        }

        return new AuditFigures(hit.Name, Statistics.Of(survive), Statistics.Of(recover), Statistics.Of(lost), Statistics.Of(revenue), Statistics.Of(cost), (double)fellShort / n)
        {
            MedianTimeToSurviveDays = MedianSurvival(survive),
            FillRateDifference = fillRate,
            ProfitDifference = profit,
        };
    }

    /// <summary>The median of the survive times, a trial that never fell short (NaN) counting as infinitely long.</summary>
    private static double MedianSurvival(double[] survive)
    {
        if (survive.Length == 0)
        {
            return double.NaN;
        }

        var sorted = survive.Select(v => double.IsNaN(v) ? double.PositiveInfinity : v).Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : double.IsPositiveInfinity(sorted[mid]) ? double.PositiveInfinity : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
