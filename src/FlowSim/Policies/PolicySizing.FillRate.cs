using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Policies;

/// <summary>Safety stock sized to a fill rate (type 2): the share of demand filled from stock on the day it is asked.</summary>
internal static partial class PolicySizing
{
    /// <summary>
    /// The safety stock whose level leaves 1 - <paramref name="fillRate"/> of demand short, with
    /// the demand over n days normal (mean E[D] n, variance n Var(D) + E[D]² Var(L)), G(n, x) =
    /// E[(X_n - x)+] its loss function and G2 the second-order loss:
    /// <list type="bullet">
    /// <item>order up to S every R days (base-stock, (R,S); a continuous review of daily demand is
    /// R = 1): the days of a cycle add G(P, S) - G(P - R, S) to the backorders, of R E[D] demanded;</item>
    /// <item>reorder at s with lots of Q ((s,Q)), reviewed every R days: the position after a
    /// review is about uniform on (s, s + Q], so a review period leaves
    /// (G2(P, s) - G2(P, s + Q) - G2(P - R, s) + G2(P - R, s + Q)) / Q short of R E[D]; with (s,S)
    /// (Q = S - s) the position is S after each order and spread below it otherwise, S weighing
    /// one review against the reviews a cycle spends below it (a renewal argument);</item>
    /// <item>customers arriving one by one on continuous review: (G(L, s) - G(L, s + Q)) / Q of
    /// each unit (Hadley and Whitin), a base-stock being s = S - one order, Q = one order.</item>
    /// </list>
    /// Exact on the daily clock with a fixed lead time for the order-up-to rules.
    /// </summary>
    private static double FillRateSafetyStock(double fillRate, BufferPolicy b, SizingInput slot, double protection, double orderQuantity)
    {
        var mean = slot.DemandMean;
        if (mean <= 0)
        {
            return 0;
        }

        double Sd(double days) => DemandSd(slot, days);
        double Loss(double days, double level) => DemandLoss(slot, days, level);
        double SecondLoss(double days, double level) => DemandSecondLoss(slot, days, level);

        var review = b.ContinuousReview ? 1 : b.ReviewDays;
        var lot = b.Rule == BufferRule.MinMax || b.Rule == BufferRule.ReorderPoint ? orderQuantity
            : slot.ArrivalsWithinDay ? slot.OrderSizeMean : 0;

        var reviewCv2 = review * slot.DemandVariance * WindowVarianceFactor(slot, review) / (review * mean * review * mean);

        // The share of demand a protecting level leaves short: smaller as the level rises.
        Func<double, double> shortShare = (b.Rule, b.ContinuousReview, slot.ArrivalsWithinDay) switch
        {
            (BufferRule.BaseStock, true, true) => s => (Loss(protection, s - lot) - Loss(protection, s)) / lot,
            (_, true, true) => s => (Loss(protection, s) - Loss(protection, s + lot)) / lot,
            (BufferRule.BaseStock or BufferRule.PeriodicReview, _, _) => s => PerReview(s) / (review * mean),
            (BufferRule.MinMax, _, _) => s => ((review * mean * PerReview(s + lot)) + Spread(s)) / (lot + (review * mean * (1 + reviewCv2) / 2)) / (review * mean),
            _ => s => Spread(s) / lot / (review * mean),
        };

        // What a review period adds to the backorders from a position y, and that summed over the
        // positions (s, s + Q]. An (s,S) policy is at S after each order, then spread below it: a
        // cycle has one review at S and, by renewal theory, Q / (R E[D]) + (cv² - 1) / 2 below it,
        // cv the coefficient of variation of a review period's demand.
        double PerReview(double y) => Loss(protection, y) - Loss(protection - review, y);
        double Spread(double s) => SecondLoss(protection, s) - SecondLoss(protection, s + lot) - SecondLoss(protection - review, s) + SecondLoss(protection - review, s + lot);

        var spread = Sd(protection) + lot + mean;
        var (low, high) = ((mean * protection) - (10 * spread), (mean * protection) + (20 * spread));
        for (var k = 0; k < 200 && high - low > 1e-9 * Math.Max(1, Math.Abs(high)); k++)
        {
            var mid = (low + high) / 2;
            if (shortShare(mid) > 1 - fillRate)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return high - (mean * protection);
    }

    /// <summary>Sd of demand over <paramref name="days"/> with a random lead time: sqrt(n Var(D) x autocorrelation factor + E[D]² Var(L)).</summary>
    private static double DemandSd(SizingInput slot, double days)
    {
        var varianceDays = slot.VarianceDays(days);
        return Math.Sqrt((Math.Max(varianceDays, 0) * slot.DemandVariance * WindowVarianceFactor(slot, Math.Max(varianceDays, 1))) + (slot.DemandMean * slot.DemandMean * slot.LeadTimeVariance));
    }

    /// <summary>G(n, x) = E[(X_n - x)+], demand over n days taken as normal.</summary>
    private static double DemandLoss(SizingInput slot, double days, double level)
    {
        var (mean, sd) = (slot.DemandMean, DemandSd(slot, days));
        return sd > 0 ? sd * StandardNormal.Loss((level - (mean * days)) / sd) : Math.Max((mean * days) - level, 0);
    }

    /// <summary>G2(n, x), the second-order loss of demand over n days taken as normal.</summary>
    private static double DemandSecondLoss(SizingInput slot, double days, double level)
    {
        var (mean, sd) = (slot.DemandMean, DemandSd(slot, days));
        var over = Math.Max((mean * days) - level, 0);
        return sd > 0 ? sd * sd * StandardNormal.SecondLoss((level - (mean * days)) / sd) : over * over / 2;
    }
}
