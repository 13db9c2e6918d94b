using System.Collections.Immutable;
using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// One item at one stock point, compiled: its customers (if any), how it is supplied, and its
/// economics as plain numbers, indexed by slot number in every engine array.
/// </summary>
internal sealed partial class SlotModel
{
    public required string ItemId { get; init; }

    public required string StockPointId { get; init; }

    public required int StockPoint { get; init; }

    /// <summary>Customer demand here; null when the slot only supplies other stock points or production.</summary>
    public Distribution? Demand { get; init; }

    /// <summary>Lag-1 autocorrelation of its customers' daily demand; 0 for independent days.</summary>
    public double Autocorrelation { get; init; }

    /// <summary>Days per block of empirical demand resampled in blocks; 0 for independent days.</summary>
    public int DemandBlockDays { get; init; }

    /// <summary>The customer streams whose demand this slot supplies (see <see cref="SizingInput.DemandParts"/>).</summary>
    public ImmutableArray<DemandPart> DemandParts { get; init; } = [];

    public Seasonality Seasonality { get; init; } = Seasonality.None;

    /// <summary>Customer orders arriving one by one at exact times; null when demand is drawn per day.</summary>
    public CustomerArrivals? Arrivals { get; init; }

    /// <summary>O(1) sampler when customer demand is Poisson with a flat mean; null otherwise.</summary>
    public PoissonTable? DemandTable { get; init; }

    /// <summary>Mean daily demand this slot must supply: its customers' plus what flows through it to others.</summary>
    public required double DemandMean { get; init; }

    public required double DemandVariance { get; init; }

    /// <summary>True when demand comes in whole units, so derived levels are rounded up to whole units.</summary>
    public required bool WholeUnits { get; init; }

    public required SourcingRule Rule { get; init; }

    /// <summary>Lanes that supply this slot, primary first; empty for production.</summary>
    public required int[] Lanes { get; init; }

    /// <summary>For a split: each of <see cref="Lanes"/>' share of every order; empty otherwise.</summary>
    public double[] LaneShares { get; init; } = [];

    /// <summary>For a primary and a backup lane: when orders switch to the backup; null otherwise.</summary>
    public BackupSwitch? Backup { get; init; }

    /// <summary>
    /// The slot's place in the scenario's own order of item-locations: its demand and start draw
    /// from streams keyed by it, so a strategy whose sourcing needs another order of the slots
    /// leaves every other strategy's draws as they are without it.
    /// </summary>
    public int StreamKey { get; init; }

    /// <summary>For each of <see cref="Lanes"/>, the upstream slot it draws on, or -1 for a supplier.</summary>
    public required int[] UpstreamSlots { get; init; }

    /// <summary>The production line that makes this item here, or -1.</summary>
    public required int Production { get; init; }

    /// <summary>Replenishment lead time used for sizing (the primary lane's, or production's).</summary>
    public required Distribution LeadTime { get; init; }

    public required double LeadTimeMean { get; init; }

    public required double LeadTimeVariance { get; init; }

    /// <summary>See <see cref="SizingInput.SplitShortfallDays"/>.</summary>
    public double SplitShortfallDays { get; init; }

    public required double UnitCost { get; init; }

    public required double Price { get; init; }

    public required double HoldingRatePerYear { get; init; }

    public required double StorageCostPerUnitDay { get; init; }

    public required double StorageCarbonKgPerUnitDay { get; init; }

    public required double SalvageValue { get; init; }

    /// <summary>Days a unit stays sellable; infinity for no limit.</summary>
    public required double ShelfLifeDays { get; init; }

    public required double OrderingCost { get; init; }

    public required double BackorderPenaltyPerDay { get; init; }

    /// <summary>A lost unit's cost net of the goods not used: the given lost-sale cost, or the margin (not below 0). The newsvendor's underage cost.</summary>
    public required double LostSaleCost { get; init; }

    /// <summary>
    /// What a lost unit costs the business beyond the revenue it would have brought: the given
    /// lost-sale cost minus the margin (not below 0), or 0 when none is given. Charged to profit as
    /// well as to total cost, so the two stay mirror images.
    /// </summary>
    public required double LostSaleGoodwill { get; init; }

    /// <summary>Customers' patience; infinity for full backorders.</summary>
    public required double PatienceDays { get; init; }

    public Returns? Returns { get; init; }

    /// <summary>The slot refurbished returns are stocked in, or -1.</summary>
    public int RenewedSlot { get; init; } = -1;

    /// <summary>What policy sizing reads about this slot.</summary>
    public SizingInput Sizing => new()
    {
        Demand = Demand,
        Autocorrelation = Autocorrelation,
        DemandBlockDays = DemandBlockDays,
        DemandParts = DemandParts,
        Seasonality = Seasonality,
        ArrivalsWithinDay = Arrivals is not null,
        OrderSizeMean = Arrivals?.OrderSize.Mean ?? 0,
        DemandMean = DemandMean,
        DemandVariance = DemandVariance,
        WholeUnits = WholeUnits,
        LeadTimeMean = LeadTimeMean,
        LeadTimeVariance = LeadTimeVariance,
        SplitShortfallDays = SplitShortfallDays,
        UnitCost = UnitCost,
        HoldingRatePerYear = HoldingRatePerYear,
        SalvageValue = SalvageValue,
        OrderingCost = SizingOrderingCost,
        LostSaleCost = LostSaleCost,
        PatienceDays = PatienceDays,
    };

    /// <summary>Disruptions that quarantine receipts here (quality holds).</summary>
    public int[] QualityHolds { get; init; } = [];

    /// <summary>Disruptions that make this slot's policy see old stock figures.</summary>
    public int[] InformationDelays { get; init; } = [];

    /// <summary>Disruptions that multiply this slot's customer demand.</summary>
    public int[] DemandShocks { get; init; } = [];

    public bool HasCustomers => Demand is not null;
}

/// <summary>
/// The scenario compiled for the engine: flat arrays indexed by int ids, samplers ready to draw.
/// Immutable and shared by every simulation thread. Slots are ordered customer-facing first, so
/// every slot comes before the slots that supply it.
/// </summary>
internal sealed partial class Model
{
    private Model(Scenario scenario)
    {
        Scenario = scenario;
    }

    public Scenario Scenario { get; }

    public double HorizonDays => Scenario.HorizonDays;

    public double WarmupDays => Scenario.WarmupDays;

    public SlotModel[] Slots { get; private init; } = [];

    public LaneModel[] Lanes { get; private init; } = [];

    public ProductionModel[] ProductionLines { get; private init; } = [];

    public double[] SupplierCapacityPerDay { get; private init; } = [];

    public DisruptionModel[] Disruptions { get; private init; } = [];

    public StrategyModel[] Strategies { get; private set; } = [];

    /// <summary>Stock point ids, in scenario order (the order of per-stock-point results).</summary>
    public string[] StockPointIds { get; private init; } = [];

    /// <summary>True when some slot is supplied by another stock point or by production.</summary>
    public bool IsNetwork { get; private init; }

    public int LaneCount => Lanes.Length;

    /// <summary>Suppliers and lanes together: the rows of each trial's supply outcomes, suppliers first.</summary>
    public int SupplyRows => SupplierCapacityPerDay.Length + Lanes.Length;

    public static Model Compile(Scenario scenario)
    {
        var (own, ownOrder) = NetworkLayoutFor(scenario);
        var model = CompileNetwork(scenario, own, ownOrder);

        // A strategy with sourcing of its own runs on the network compiled with it (strategies with the
        // same choices share one: optimize's candidates differ only in their levels); the others share this one.
        var compiled = new Dictionary<string, Model> { [""] = model };
        var networks = scenario.Strategies
            .Select(st => compiled.TryGetValue(SourcingKey(st.Sourcing), out var m) ? m : compiled[SourcingKey(st.Sourcing)] = CompileNetwork(scenario, WithChoices(own, st.Sourcing), ownOrder))
            .ToArray();
        var strategies = scenario.Strategies
            .Select((st, s) => new StrategyModel(st.Name, CompilePolicies(scenario, st, networks[s].Slots), st.UsesBackups))
            .ToArray();
        foreach (var network in networks.Append(model).Distinct())
        {
            network.Strategies = strategies;
            network._networks = networks;
        }

        return model;
    }

    /// <summary>
    /// Compiles the network with the given sourcing of each item-location: slots, lanes, production
    /// and disruptions. Every sourcing of a scenario gives the same slots, lanes and production lines
    /// in the same order, so their random streams line up across strategies.
    /// </summary>
    private static Model CompileNetwork(Scenario scenario, IReadOnlyDictionary<StockedItem, Sourcing> sources, ImmutableArray<StockedItem> ownOrder)
    {
        var streamKey = ownOrder.Select((s, k) => (s, k)).ToDictionary(x => x.s, x => x.k);

        // A production line's stream is keyed by its place among the lines in the scenario's own order.
        var lineKey = ownOrder.Where(s => sources[s].Rule == SourcingRule.Production).Select((s, r) => (s, r)).ToDictionary(x => x.s, x => x.r);
        var stockPointIndex = scenario.StockPoints.Select((sp, k) => (sp.Id, k)).ToDictionary(x => x.Id, x => x.k);
        var supplierIndex = scenario.Suppliers.Select((s, k) => (s.Id, k)).ToDictionary(x => x.Id, x => x.k);
        var stocked = scenario.Stocked;
        var compiling = new Compilation(
            scenario,
            scenario.Items.ToDictionary(i => i.Id),
            stockPointIndex,
            stocked.Select((s, k) => (s, k)).ToDictionary(x => x.s, x => x.k),
            scenario.Demand.ToDictionary(d => new StockedItem(d.ItemId, d.StockPointId)));
        var lanes = CompileLanes(scenario, supplierIndex, stockPointIndex);
        var (sourcing, mean, variance, parts) = DemandToSupply(compiling, sources);

        var productionLines = new List<ProductionModel>();
        var slots = new SlotModel[stocked.Length];
        for (var k = 0; k < stocked.Length; k++)
        {
            slots[k] = CompileSlot(compiling, k, sourcing[k], (mean[k], variance[k], [.. parts[k]]), productionLines, (streamKey[stocked[k]], lineKey.GetValueOrDefault(stocked[k], -1)));
        }

        return new Model(scenario)
        {
            Slots = slots,
            Lanes = lanes,
            ProductionLines = [.. productionLines],
            SupplierCapacityPerDay = [.. scenario.Suppliers.Select(s => s.CapacityPerDay ?? double.PositiveInfinity)],
            Disruptions = CompileDisruptions(scenario, slots, lanes, productionLines, supplierIndex, stockPointIndex),
            StockPointIds = [.. scenario.StockPoints.Select(sp => sp.Id)],
            IsNetwork = slots.Any(s => s.Production >= 0 || s.UpstreamSlots.Any(u => u >= 0)),
        };
    }

    /// <summary>What compiling a scenario looks things up in.</summary>
    private sealed record Compilation(
        Scenario Scenario,
        Dictionary<string, Item> Items,
        Dictionary<string, int> StockPointIndex,
        Dictionary<StockedItem, int> SlotOf,
        Dictionary<StockedItem, DemandStream> DemandOf);

    private static LaneModel[] CompileLanes(Scenario scenario, Dictionary<string, int> supplierIndex, Dictionary<string, int> stockPointIndex)
    {
        var joint = JointGroups(scenario.Lanes);
        return scenario.Lanes.Select((l, j) => new LaneModel
        {
            Spec = l,
            Supplier = l.FromSupplier ? supplierIndex[l.From] : -1,
            ToStockPoint = stockPointIndex[l.To],
            LeadTime = l.LeadTime,
            FixedLeadTimeDays = l.LeadTime.Kind == DistributionKind.Constant ? l.LeadTime.Mean : -1,
            Plain = l.FromSupplier && l.Expedite is null && l.QuantityDiscount is null
                && scenario.Suppliers.First(s => s.Id == l.From).CapacityPerDay is null
                && !scenario.Disruptions.Any(d => (d.TargetKind == DisruptionTarget.Lane && d.LaneIndex == j)
                    || (d.TargetKind == DisruptionTarget.Supplier && d.Target == l.From)),
            OrderTerms = l.HasOrderTerms || joint[j] >= 0,
            JointGroup = joint[j],
        }).ToArray();
    }

    private static SlotModel CompileSlot(Compilation compiling, int k, Sourcing src, (double Mean, double Variance, ImmutableArray<DemandPart> Parts) supplied, List<ProductionModel> productionLines,
        (int Slot, int Line) streamKeys)
    {
        var (demandMean, demandVariance) = (supplied.Mean, supplied.Variance);
        var (scenario, stocked, items, stockPointIndex, slotOf, demandOf) = (compiling.Scenario, compiling.Scenario.Stocked, compiling.Items, compiling.StockPointIndex, compiling.SlotOf, compiling.DemandOf);
        var s = stocked[k];
        var item = items[s.ItemId];
        var sp = scenario.StockPoints[stockPointIndex[s.StockPointId]];
        demandOf.TryGetValue(s, out var d);
        Distribution leadTime;
        var productionIndex = -1;
        if (src.Rule == SourcingRule.Production)
        {
            var p = scenario.Production[src.Production];
            leadTime = p.LeadTime;
            productionIndex = productionLines.Count;
            productionLines.Add(new ProductionModel
            {
                Slot = k,
                ComponentSlots = [.. p.Components.Select(c => slotOf[new StockedItem(c.ItemId, s.StockPointId)])],
                ComponentQuantities = [.. p.Components.Select(c => c.QuantityPerUnit)],
                LeadTime = p.LeadTime,
                CapacityPerDay = p.CapacityPerDay ?? double.PositiveInfinity,
                MinBatch = p.MinBatch,
                BatchMultiple = p.BatchMultiple,
                CostPerUnit = p.CostPerUnit,
                Servers = p.Servers,
                UnitTime = p.UnitTime,
                StreamKey = streamKeys.Line,
            });
        }
        else
        {
            leadTime = scenario.Lanes[src.Lanes[0]].LeadTime;
        }

        var (ltMean, ltVariance, shortfall) = src.Rule == SourcingRule.Split
            ? Split(src.Lanes.Select((j, k) => (src.Shares[k], scenario.Lanes[j].LeadTime)))
            : (leadTime.Mean, leadTime.Variance, 0);
        if (src.Rule == SourcingRule.Production && scenario.Production[src.Production].UnitTime is { } unit)
        {
            // Sizing sees one unit's making on top of the lead time; time spent queueing for a server is not in it.
            (ltMean, ltVariance) = (ltMean + unit.Mean, ltVariance + unit.Variance);
        }

        var renewed = -1;
        if (item.Returns?.RenewedItemId is { } renewedId && slotOf.TryGetValue(new StockedItem(renewedId, s.StockPointId), out var rk))
        {
            renewed = rk;
        }

        return new SlotModel
        {
            ItemId = s.ItemId,
            StockPointId = s.StockPointId,
            StockPoint = stockPointIndex[s.StockPointId],
            Demand = d?.Daily,
            Autocorrelation = d?.Autocorrelation ?? 0,
            DemandBlockDays = d?.BlockDays ?? 0,
            DemandParts = supplied.Parts,
            Seasonality = d?.Seasonality ?? Seasonality.None,
            Arrivals = d?.Customers,
            DemandTable = d is not null && d.Customers is null && d.Daily.Kind == DistributionKind.Poisson && d.Seasonality.IsFlat ? PoissonTable.TryCreate(d.Daily.Mean) : null,
            DemandMean = demandMean,
            DemandVariance = demandVariance,
            WholeUnits = WholeUnits(scenario, s, demandOf),
            Rule = src.Rule,
            StreamKey = streamKeys.Slot,
            Lanes = [.. src.Lanes],
            LaneShares = [.. src.Shares],
            Backup = src.Backup,
            UpstreamSlots = [.. src.Lanes.Select(j => scenario.Lanes[j].FromSupplier ? -1 : slotOf[new StockedItem(s.ItemId, scenario.Lanes[j].From)])],
            Production = productionIndex,
            LeadTime = leadTime,
            LeadTimeMean = ltMean,
            LeadTimeVariance = ltVariance,
            SplitShortfallDays = shortfall,
            UnitCost = item.UnitCost,
            Price = item.Price,
            HoldingRatePerYear = item.HoldingRatePerYear,
            StorageCostPerUnitDay = sp.StorageCostPerUnitDay + (sp.StorageCostPerVolumeDay * (item.Volume ?? 0)),
            StorageCarbonKgPerUnitDay = sp.StorageCarbonKgPerUnitDay,
            SalvageValue = item.SalvageValue,
            ShelfLifeDays = item.ShelfLifeDays ?? double.PositiveInfinity,
            OrderingCost = item.OrderingCost ?? scenario.Costs.OrderingCost,
            SizingOrderingCost = (src.Rule == SourcingRule.Production ? null : scenario.Lanes[src.Lanes[0]].OrderingCost) ?? item.OrderingCost ?? scenario.Costs.OrderingCost,
            BackorderPenaltyPerDay = item.BackorderPenaltyPerDay ?? scenario.Costs.BackorderPenaltyPerDay,
            LostSaleCost = item.LostSaleCost ?? scenario.Costs.LostSaleCost ?? Math.Max(0, item.Margin),
            // Only a cost beyond the lost revenue is goodwill: a cost given below the margin sizes
            // batches, but never makes a lost sale earn anything.
            LostSaleGoodwill = (item.LostSaleCost ?? scenario.Costs.LostSaleCost) is { } given ? Math.Max(0, given - Math.Max(0, item.Margin)) : 0,
            PatienceDays = d?.PatienceDays ?? double.PositiveInfinity,
            Returns = d is null ? null : item.Returns,
            RenewedSlot = renewed,
            QualityHolds = Hitting(scenario, DisruptionKind.QualityHold, s, d is not null),
            InformationDelays = Hitting(scenario, DisruptionKind.InformationDelay, s, d is not null),
            DemandShocks = Hitting(scenario, DisruptionKind.DemandShock, s, d is not null),
        };
    }

    private static (IReadOnlyDictionary<StockedItem, Sourcing> Sources, ImmutableArray<StockedItem> Order) NetworkLayoutFor(Scenario scenario)
    {
        // The loader has checked the network; analysing it again here cannot fail.
        var findings = new Findings(scenario.Source.Path);
        var layout = NetworkLayout.Analyse(scenario.StockPoints, scenario.Lanes, scenario.Production, scenario.Demand, findings)
            ?? throw new InvalidOperationException("a checked scenario's network failed analysis: " + string.Join("; ", findings.Items));
        return (layout.Sources.ToDictionary(kv => kv.Key, kv => kv.Value), layout.Stocked);
    }

    /// <summary>
    /// The lead time of a split, for sizing: every order is shared out by fixed shares s_i, each
    /// share taking its lane's lead time L_i. The demand the protection covers is then
    /// W = sum_i s_i D(P_i), each lane's protection window weighed by its share, whose mean is that
    /// of a lead time sum_i s_i E[L_i], and whose variance is Var(D) (P - E[L] + sum_ij s_i s_j
    /// min(E[L_i], E[L_j])) + E[D]^2 sum_i s_i^2 Var(L_i) (the lanes' lead times independent, two
    /// windows sharing the shorter one's days): the shortfall returned is E[L] less that sum. The
    /// lanes' differing lead times are known in advance, so unlike a lead time drawn from a mixture they add no risk.
    /// </summary>
    private static (double Mean, double Variance, double ShortfallDays) Split(IEnumerable<(double Share, Distribution LeadTime)> parts)
    {
        var list = parts.ToList();
        var mean = list.Sum(p => p.Share * p.LeadTime.Mean);
        var variance = list.Sum(p => p.Share * p.Share * p.LeadTime.Variance);
        var overlap = list.Sum(a => list.Sum(b => a.Share * b.Share * Math.Min(a.LeadTime.Mean, b.LeadTime.Mean)));
        return (mean, variance, Math.Max(0, mean - overlap));
    }

    private static bool WholeUnits(Scenario scenario, StockedItem s, Dictionary<StockedItem, DemandStream> demandOf)
    {
        // Upstream slots inherit whole units when every customer stream of the item does; a
        // component with no customers of its own counts in whole units when its bills of
        // materials use it in whole numbers.
        var streams = demandOf.TryGetValue(s, out var own) ? [own] : scenario.Demand.Where(d => d.ItemId == s.ItemId).ToList();
        if (streams.Count == 0)
        {
            var uses = scenario.Production.SelectMany(p => p.Components).Where(c => c.ItemId == s.ItemId).ToList();
            return uses.Count > 0 && uses.All(c => c.QuantityPerUnit == Math.Floor(c.QuantityPerUnit));
        }

        return streams.All(d => d.Daily.DrawsWholeUnits);
    }
}
