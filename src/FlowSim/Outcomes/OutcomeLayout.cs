namespace FlowSim.Outcomes;

/// <summary>
/// Where each number sits in one trial's outcome vector: the <see cref="Metric"/>s, then the
/// disruption cost's part in each <see cref="CostComponent"/> and in the change of demand, then each stock point's
/// <see cref="StockPointMetric"/>s, then each disruption's <see cref="DisruptionMetric"/>s.
/// </summary>
internal readonly record struct OutcomeLayout(int StockPoints, int Disruptions)
{
    public static readonly int MetricCount = Enum.GetValues<Metric>().Length;
    public static readonly int ComponentCount = Enum.GetValues<CostComponent>().Length;
    public static readonly int GlobalCount = MetricCount + ComponentCount + 1;
    public static readonly int StockPointCount = Enum.GetValues<StockPointMetric>().Length;
    public static readonly int DisruptionCount = Enum.GetValues<DisruptionMetric>().Length;

    public int Length => GlobalCount + (StockPoints * StockPointCount) + (Disruptions * DisruptionCount);

    public static int Of(Metric m) => (int)m;

    /// <summary>The disruption cost's part in component <paramref name="c"/>: that component with disruptions minus without.</summary>
    public static int DisruptionPart(CostComponent c) => MetricCount + (int)c;

    /// <summary>The disruption cost's part in demand: minus the change in demand at price (a shock that adds demand lowers it).</summary>
    public static int DisruptionDemandPart => MetricCount + ComponentCount;

    public int Of(int stockPoint, StockPointMetric m) => GlobalCount + (stockPoint * StockPointCount) + (int)m;

    public int Of(int disruption, DisruptionMetric m) => GlobalCount + (StockPoints * StockPointCount) + (disruption * DisruptionCount) + (int)m;
}
