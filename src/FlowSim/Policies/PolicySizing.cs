using System.Globalization;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Policies;

/// <summary>
/// Turns a policy as written into the numbers the engine runs: safety stock from a service level
/// and the scenario's own demand and lead-time variability, economic order quantities, and
/// newsvendor batch sizes.
/// </summary>
internal static partial class PolicySizing
{
    /// <summary>
    /// Days of demand an order placed at a review must cover: the lead time plus the review period,
    /// less one day, because each day's demand is booked before that day's review, and a receipt
    /// is available from the first demand at or after its arrival.
    /// </summary>
    public static double ProtectionDays(double leadTimeMeanDays, double reviewDays) =>
        Math.Max(leadTimeMeanDays, 1) + reviewDays - 1;

    /// <summary>
    /// The protection period of a periodic review. With daily demand, <see cref="ProtectionDays(double, double)"/>.
    /// With customers arriving one by one, a review at the start of day t comes before that day's
    /// customers, so its order must cover them too: the lead time plus the review period, in full.
    /// </summary>
    public static double PeriodicProtectionDays(double leadTimeMeanDays, double reviewDays, bool arrivalsWithinDay) =>
        arrivalsWithinDay ? leadTimeMeanDays + reviewDays : ProtectionDays(leadTimeMeanDays, reviewDays);

    /// <summary>
    /// The protection period of a continuous review: the lead time alone when customers arrive at
    /// exact times (an order placed at an arrival covers the demand until it lands); with daily
    /// demand, as a daily review, since an order placed after a day's demand serves from the next day at the earliest.
    /// </summary>
    public static double ContinuousProtectionDays(double leadTimeMeanDays, bool arrivalsWithinDay) =>
        arrivalsWithinDay ? leadTimeMeanDays : ProtectionDays(leadTimeMeanDays, 1);

    /// <summary>
    /// SS = z * sqrt(P * Var(D) + E[D]^2 * Var(L)), with P the protection period in days, D the
    /// daily demand and L the lead time.
    /// </summary>
    public static double SafetyStock(double serviceLevel, double protectionDays, double demandMean, double demandVariance, double leadTimeVariance)
    {
        var z = StandardNormal.Quantile(serviceLevel);
        return z * Math.Sqrt(protectionDays * demandVariance + demandMean * demandMean * leadTimeVariance);
    }

    /// <summary>
    /// The first day whose demand an order placed on <paramref name="orderDay"/> can serve. Orders
    /// are placed after the day's demand, and a receipt serves demand from the day it arrives on
    /// (receipts run before demand), so a zero lead time serves from the next day.
    /// </summary>
    public static int FirstSellingDay(double orderDay, double leadTimeDays) =>
        leadTimeDays > 0 ? (int)Math.Ceiling(orderDay + leadTimeDays) : (int)Math.Floor(orderDay) + 1;

    /// <summary>EOQ = sqrt(2 K D / h) with D yearly demand and h the yearly holding cost of a unit.</summary>
    public static double EconomicOrderQuantity(double orderingCost, double demandPerDay, double holdingPerUnitYear, double reviewDays)
    {
        if (orderingCost <= 0 || holdingPerUnitYear <= 0 || demandPerDay <= 0)
        {
            // No trade-off to balance: order one review period's demand.
            return Math.Max(1, demandPerDay * reviewDays);
        }

        return Math.Sqrt(2 * orderingCost * demandPerDay * Units.DaysPerYear / holdingPerUnitYear);
    }

    /// <summary>
    /// The demand quantile a newsvendor stocks to. A fractile of 0 (selling earns nothing: price at
    /// or below cost and no lost-sale cost) stocks nothing; a fractile of 1 (unsold units are
    /// salvaged at cost) stocks to a demand almost never exceeded instead of an infinite one.
    /// </summary>
    internal static double NewsvendorQuantile(Distribution demand, double fractile) =>
        fractile <= 0 ? 0 : demand.Quantile(Math.Min(fractile, 1 - 1e-6));

    /// <summary>The critical fractile cu / (cu + co): underage = lost-sale cost, overage = cost - salvage.</summary>
    public static double CriticalFractile(double lostSaleCost, double unitCost, double salvageValue)
    {
        var under = lostSaleCost;
        var over = unitCost - salvageValue;
        return under + over <= 0 ? 0.5 : under / (under + over);
    }

    /// <summary>
    /// The distribution of total demand over a window of days, for the newsvendor: exact for a
    /// single day, Poisson and normal; moment-matched within the family otherwise (normal for the
    /// bounded families).
    /// </summary>
    public static Distribution WindowDemand(Distribution daily, Seasonality seasonality, int firstDay, int endDay)
    {
        var days = Math.Max(0, endDay - firstDay);
        if (days == 0)
        {
            return Distribution.Constant(0);
        }

        double sumF = 0, sumF2 = 0;
        for (var d = firstDay; d < endDay; d++)
        {
            var f = seasonality.FactorOn(d);
            sumF += f;
            sumF2 += f * f;
        }

        if (days == 1 && sumF == 1)
        {
            return daily;
        }

        var mean = daily.Mean * sumF;
        // Each day scales its own spread by its factor; independent days add variances.
        var sd = Math.Sqrt(daily.Variance * sumF2);
        if (daily.Kind == DistributionKind.NegativeBinomial)
        {
            // The Poisson part of the variance scales with the mean, not its square.
            var gammaPart = daily.Variance - daily.Mean;
            sd = Math.Sqrt(mean + gammaPart * sumF2);
        }

        return daily.Kind switch
        {
            DistributionKind.Poisson => Distribution.Poisson(mean),
            DistributionKind.NegativeBinomial when sd * sd > mean => Distribution.NegativeBinomial(mean, sd),
            DistributionKind.Gamma when sd > 0 => Distribution.Gamma(mean, sd),
            DistributionKind.LogNormal when sd > 0 => Distribution.LogNormal(mean, sd),
            _ => sd > 0 ? Distribution.Normal(mean, sd) : Distribution.Constant(mean),
        };
    }

    /// <summary>Compiles one item's policy at one stock point.</summary>
    public static SlotPolicy Compile(PolicySpec spec, SizingInput slot, double horizonDays) => spec switch
    {
        BufferPolicy b => CompileBuffer(b, slot, horizonDays),
        DemandResponsivePolicy d => CompileDemandResponsive(d, slot),
        SpeculativePolicy s => CompileSpeculative(s, slot, horizonDays),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "unknown policy"),
    };

    /// <summary>
    /// A derived level in the slot's units: rounded up to a whole unit when demand comes in whole
    /// units (less the tolerance, so a level that is whole up to rounding noise stays as it is).
    /// Adding +0 turns the -0 that Ceiling gives for zero demand into 0, so summaries never print "-0".
    /// </summary>
    private static double Level(SizingInput slot, double x) => slot.WholeUnits ? Math.Ceiling(x - Tolerances.Quantity) + 0.0 : x;

    /// <summary>
    /// The least order-up-to level a service target allows when customers arrive one by one and
    /// replenishment takes no time: one customer order. Lead-time demand is then zero, and so
    /// would the level be, which backorders every customer (for an instant) however high the target.
    /// </summary>
    private static double InstantReplenishmentFloor(BufferPolicy b, SizingInput slot, double protection, bool sizedFromTarget) =>
        sizedFromTarget && b.ContinuousReview && slot.ArrivalsWithinDay && protection <= 0 ? slot.OrderSizeMean : 0;

    private static SlotPolicy CompileBuffer(BufferPolicy b, SizingInput slot, double horizonDays)
    {
        var (leadMean, leadVariance) = (slot.LeadTimeMean, slot.LeadTimeVariance);
        var protection = b.ContinuousReview ? ContinuousProtectionDays(leadMean, slot.ArrivalsWithinDay) : PeriodicProtectionDays(leadMean, b.ReviewDays, slot.ArrivalsWithinDay);
        var sizedFromServiceLevel = b.SafetyStockUnits is null && b.SafetyStockDays is null;
        var q = b.OrderQuantity ?? Level(slot, EconomicOrderQuantity(slot.OrderingCost, slot.DemandMean, slot.UnitCost * slot.HoldingRatePerYear, b.ReviewDays));
        var safety = b.SafetyStockUnits
            ?? (b.SafetyStockDays is { } days ? days * slot.DemandMean
                : b.FillRate is { } fill ? FillRateSafetyStock(fill, b, slot, protection, q)
                : SafetyStock(b.ServiceLevel, slot.VarianceDays(protection), slot.DemandMean, slot.DemandVariance * WindowVarianceFactor(slot, slot.VarianceDays(protection), WindowStartPeriod(b)), leadVariance));
        var cycleStock = slot.DemandMean * protection;
        var floor = InstantReplenishmentFloor(b, slot, protection, sizedFromServiceLevel);
        if (floor > 0 && b.Rule is BufferRule.BaseStock or BufferRule.PeriodicReview)
        {
            safety = Math.Max(safety, floor - cycleStock);
        }

        double upTo = 0, reorder = 0;
        string summary;
        switch (b.Rule)
        {
            case BufferRule.BaseStock:
            case BufferRule.PeriodicReview:
                upTo = b.OrderUpTo ?? Level(slot, cycleStock + safety);
                summary = b.Rule == BufferRule.BaseStock && b.ReviewDays == 1
                    ? $"base-stock S={N(upTo)}"
                    : $"(R,S) R={Units.FormatDays(b.ReviewDays)} S={N(upTo)}";
                break;
            case BufferRule.MinMax:
                reorder = b.ReorderPoint ?? Level(slot, cycleStock + safety);
                upTo = b.OrderUpTo ?? reorder + q;
                summary = $"(s,S) s={N(reorder)} S={N(upTo)}";
                break;
            default:
                reorder = b.ReorderPoint ?? Level(slot, cycleStock + safety);
                summary = $"(s,Q) s={N(reorder)} Q={N(q)}";
                break;
        }

        if (b.ContinuousReview)
        {
            summary += ", continuous review";
        }

        if (b.FillRate is { } target && sizedFromServiceLevel && b.OrderUpTo is null && b.ReorderPoint is null)
        {
            summary += $", sized for a {N(target * 100)}% fill rate";
        }

        // The level that protects against a stockout: S where the rule orders up to it at every
        // review, s where the rule waits for the position to fall to it. Given as a number, it
        // holds what it holds, whatever safety stock or service level is written beside it.
        var ordersUpTo = b.Rule is BufferRule.BaseStock or BufferRule.PeriodicReview;
        var givenLevel = ordersUpTo ? b.OrderUpTo : b.ReorderPoint;
        var held = givenLevel is { } given ? given - cycleStock : safety;
        var initial = b.Rule == BufferRule.ReorderPoint ? reorder + q : upTo;
        if (b.ForecastWindowDays is { } window)
        {
            summary += $", levels follow a {Units.FormatDays(window)} moving average";
        }

        if (b.ForecastSmoothing is { } alpha)
        {
            summary += $", levels follow exponential smoothing (alpha {alpha.ToString("0.###", CultureInfo.InvariantCulture)})";
        }

        double[]? seasonal = null;
        if (b.SeasonalLevels)
        {
            // A split's window carries the variance of fewer days than its mean (see SizingInput.SplitShortfallDays).
            var splitFactor = slot.SplitShortfallDays > 0 && protection > 0 ? slot.VarianceDays(protection) / protection : 1;
            seasonal = SeasonalLevels(slot, b.ServiceLevel, protection, WindowVarianceFactor(slot, protection, WindowStartPeriod(b)) * splitFactor, horizonDays);
            initial = seasonal[0] + (ordersUpTo ? 0 : q);
            summary += " at average demand";
        }

        summary += $" ({SafetyStockText(held, ordersUpTo ? "S" : "s", b.ReviewDays)})";
        if (seasonal is not null)
        {
            summary += $", levels follow the season: {(ordersUpTo ? "S" : "s")} {N(seasonal.Min())} to {N(seasonal.Max())} over the horizon";
        }

        // A steady start spreads the stock over the cycle the rule keeps the position in: (s, S] for
        // (s,S), (s, s + Q] for (s,Q); an order-up-to rule's cycle is its review period alone.
        var spread = b.Rule switch
        {
            BufferRule.MinMax => upTo - reorder,
            BufferRule.ReorderPoint => q,
            _ => 0,
        };
        if (b.SteadyStart)
        {
            summary += ", random start";
        }

        if (b.StartOnHand is { } onHand)
        {
            initial = onHand;
            summary += $", starts with {N(onHand)} on hand";
        }

        if (b.RandomPhase)
        {
            summary += ", first review on a random day";
        }

        if (b.EstimatedSd)
        {
            summary += ", safety stock on the sd of forecast errors";
        }

        return new SlotPolicy
        {
            Kind = PolicyKind.Buffer,
            ReviewDays = b.ReviewDays,
            ContinuousReview = b.ContinuousReview,
            Buffer = new BufferLevels
            {
                Rule = b.Rule,
                OrderUpTo = upTo,
                ReorderPoint = reorder,
                OrderQuantity = q,
                ForecastWindowDays = b.ForecastWindowDays ?? 0,
                ForecastSmoothing = b.ForecastSmoothing ?? 0,
                ProtectionDays = protection,
                VarianceDays = slot.VarianceDays(protection),
                SafetyStock = held,
                EstimatesSd = b.EstimatedSd,
                SafetyFactor = b.EstimatedSd ? StandardNormal.Quantile(b.ServiceLevel) : 0,
                LeadTimeVarianceTerm = slot.DemandMean * slot.DemandMean * leadVariance,
                DemandVariance = slot.DemandVariance,
                SeasonalLevels = seasonal,
            },
            PatienceDays = slot.PatienceDays,
            InitialStock = initial,
            // A random phase alone draws the first review day; the stock is as given (no spread).
            Start = b.SteadyStart ? new StartPlan(true, spread, slot.WholeUnits) : b.RandomPhase ? new StartPlan(true, 0, slot.WholeUnits) : default,
            Summary = summary,
            Numbers = new PolicyNumbers
            {
                Rule = b.Rule,
                ReviewDays = b.ContinuousReview ? 0 : b.ReviewDays,
                OrderUpTo = b.Rule == BufferRule.ReorderPoint ? null : upTo,
                ReorderPoint = ordersUpTo ? null : reorder,
                OrderQuantity = b.Rule == BufferRule.ReorderPoint ? q : null,
                ProtectionDays = protection,
                ExpectedProtectionDemand = cycleStock,
                SafetyStock = held,
                ServiceLevel = sizedFromServiceLevel && givenLevel is null && b.FillRate is null ? b.ServiceLevel : null,
                FillRate = sizedFromServiceLevel && givenLevel is null ? b.FillRate : null,
                ForecastWindowDays = b.ForecastWindowDays,
                ForecastSmoothing = b.ForecastSmoothing,
                SeasonalLevelLow = seasonal?.Min(),
                SeasonalLevelHigh = seasonal?.Max(),
            },
        };
    }

    /// <summary>
    /// The safety stock as a planner reads it. A negative one is printed as it is, with why: the
    /// level sits below the demand expected before an order placed now can arrive.
    /// </summary>
    private static string SafetyStockText(double held, string level, double reviewDays)
    {
        // Rounding noise around zero is no safety stock, not a negative one.
        if (held >= -Tolerances.Quantity)
        {
            return $"safety stock {N(Math.Max(held, 0))}";
        }

        var over = reviewDays > 1 ? "review period + lead time" : "lead time";
        return $"safety stock {N(held)}: {level} is below the expected demand over {over}";
    }

    private static SlotPolicy CompileDemandResponsive(DemandResponsivePolicy d, SizingInput slot)
    {
        var patience = d.PatienceDays ?? slot.PatienceDays;
        var promise = d.PromiseDays ?? QuotedDeliveryDays(d.ContinuousReview ? 0 : d.ReviewDays, slot);
        return new SlotPolicy
        {
            Kind = PolicyKind.DemandResponsive,
            ReviewDays = d.ReviewDays,
            ContinuousReview = d.ContinuousReview,
            Release = new ReleaseTerms(d.MinBatch, d.DepositShare),
            PatienceDays = patience,
            PromiseDays = promise,
            Summary = $"make-to-order{(d.MinBatch > 0 ? $" min batch {N(d.MinBatch)}" : "")}, patience {Units.FormatDays(patience)}"
                + (patience > 0 ? $", promise {Units.FormatDays(promise)}" : "")
                + (d.DepositShare > 0 ? $", deposit {N(d.DepositShare * 100)}%" : "")
                + (d.ContinuousReview ? ", released as orders come in" : ""),
            Numbers = new PolicyNumbers { ReviewDays = d.ContinuousReview ? 0 : d.ReviewDays, MinBatch = d.MinBatch },
        };
    }

    /// <summary>
    /// The delivery date a make-to-order seller quotes by default, in days from the order: an
    /// order waits up to a review period to be released (none when released as orders come in), then the lead time, which it quotes at
    /// its mean plus 1.645 standard deviations (met about 95% of the time), in whole days.
    /// </summary>
    internal static double QuotedDeliveryDays(double reviewDays, SizingInput slot) =>
        reviewDays + Math.Ceiling(slot.LeadTimeMean + (1.645 * Math.Sqrt(Math.Max(slot.LeadTimeVariance, 0))) - Tolerances.Quantity);

    /// <summary>A speculative policy's batches over the horizon: its list once, or repeated every period.</summary>
    private static SpeculativeBatch[] Expanded(SpeculativePolicy s, double horizonDays)
    {
        if (s.EveryDays is not { } period)
        {
            return [.. s.Batches];
        }

        var batches = new List<SpeculativeBatch>();
        for (var k = 0; s.Batches[0].AtDays + (k * period) < horizonDays; k++)
        {
            var shift = k * period;
            batches.AddRange(s.Batches.Select(b => new SpeculativeBatch(b.AtDays + shift, b.Quantity, b.SellUntilDays + shift)));
        }

        return [.. batches];
    }

    private static SlotPolicy CompileSpeculative(SpeculativePolicy policy, SizingInput slot, double horizonDays)
    {
        var leadMean = slot.LeadTimeMean;
        var batches = Expanded(policy, horizonDays);
        var plans = new BatchPlan[batches.Length];
        var fractile = CriticalFractile(slot.LostSaleCost, slot.UnitCost, slot.SalvageValue);
        for (var i = 0; i < plans.Length; i++)
        {
            var batch = batches[i];
            var sellUntil = batch.SellUntilDays
                ?? (i + 1 < plans.Length ? batches[i + 1].AtDays + leadMean : horizonDays);
            sellUntil = Math.Min(sellUntil, horizonDays);
            var firstDay = FirstSellingDay(batch.AtDays, leadMean);
            var endDay = (int)Math.Ceiling(sellUntil);
            // A stock point with no customers of its own forecasts what flows through it.
            var daily = slot.Demand ?? (slot.DemandVariance > 0 ? Distribution.Normal(slot.DemandMean, Math.Sqrt(slot.DemandVariance)) : Distribution.Constant(slot.DemandMean));
            var qty = batch.Quantity
                ?? Level(slot, NewsvendorQuantile(WindowDemand(daily, slot.Seasonality, firstDay, endDay), fractile));
            plans[i] = new BatchPlan(batch.AtDays, qty, sellUntil);
        }

        double? newsvendorUnits = batches.Any(b => b.Quantity is null)
            ? plans.Where((_, i) => batches[i].Quantity is null).Sum(p => p.Quantity)
            : null;

        return new SlotPolicy
        {
            Kind = PolicyKind.Speculative,
            ReviewDays = 1,
            Season = new SeasonPlan
            {
                Batches = plans,
                CarryLeftovers = policy.CarryLeftovers,
                ReplenishesInSeason = policy.Replenish is not null,
                ReorderPoint = policy.Replenish?.ReorderPoint ?? 0,
                OrderQuantity = policy.Replenish?.OrderQuantity ?? 0,
                LeadTimeMeanDays = leadMean,
            },
            PatienceDays = slot.PatienceDays,
            Summary = string.Join(", ", plans.Take(policy.Batches.Length).Select(p => $"{N(p.Quantity)} at {Units.FormatDays(p.AtDays)}"))
                + (policy.EveryDays is { } every ? $", repeated every {Units.FormatDays(every)} ({plans.Length / policy.Batches.Length} periods)" : "")
                + $" (critical fractile {fractile:0.###})"
                + (policy.Replenish is { } r ? $"; in season (s,Q) s={N(r.ReorderPoint)} Q={N(r.OrderQuantity)}" : ""),
            Numbers = new PolicyNumbers
            {
                ReviewDays = policy.Replenish is null ? null : 1,
                ReorderPoint = policy.Replenish?.ReorderPoint,
                OrderQuantity = policy.Replenish?.OrderQuantity,
                CriticalFractile = fractile,
                NewsvendorQuantity = newsvendorUnits,
                Batches = [.. plans.Select((p, i) => new BatchNumbers(p.AtDays, p.Quantity, p.SellUntilDays, batches[i].Quantity is null))],
                EveryDays = policy.EveryDays,
            },
        };
    }

    private static string N(double x) => x.ToString(x == Math.Floor(x) ? "0" : "0.#", CultureInfo.InvariantCulture);
}
