using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Policies;

/// <summary>How long an order waits at a stock point upstream that has run out.</summary>
internal static partial class PolicySizing
{
    /// <summary>
    /// Expected days an order from downstream waits for <paramref name="upstream"/>'s stock: its
    /// expected backorders over the demand it supplies (Little's law), as METRIC approximates it.
    /// Backorders are those of its rule on normal demand over its protection period: the loss at S
    /// averaged over the days of a review period for the order-up-to rules, the second-order loss
    /// over (s, s + Q] for (s,Q) and (s,S). Its variance: an order waits with the probability p that
    /// the stock point is out (the normal tail beyond its protecting level), then for a time taken as
    /// exponential, so Var = mean² (2/p - 1). Zero for a stock point that is not buffered.
    /// </summary>
    public static (double Mean, double Variance) ExpectedUpstreamWait(SlotPolicy upstream, SizingInput slot)
    {
        if (upstream.Kind != PolicyKind.Buffer || slot.DemandMean <= 0)
        {
            return (0, 0);
        }

        var b = upstream.Buffer;
        var mean = slot.DemandMean;
        double Sd(double days) => DemandSd(slot, days);
        double Loss(double days, double level) => DemandLoss(slot, days, level);
        double SecondLoss(double days, double level) => DemandSecondLoss(slot, days, level);

        var p = b.ProtectionDays;
        var review = Math.Max(1, (int)Math.Round(upstream.ContinuousReview ? 1 : upstream.ReviewDays));
        var backorders = b.Rule switch
        {
            BufferRule.BaseStock or BufferRule.PeriodicReview => Enumerable.Range(0, review).Average(j => Loss(p - j, b.OrderUpTo)),
            _ => b.OrderQuantity > 0 && b.Rule == BufferRule.ReorderPoint
                ? (SecondLoss(p, b.ReorderPoint) - SecondLoss(p, b.ReorderPoint + b.OrderQuantity)) / b.OrderQuantity
                : b.OrderUpTo > b.ReorderPoint
                    ? (SecondLoss(p, b.ReorderPoint) - SecondLoss(p, b.OrderUpTo)) / (b.OrderUpTo - b.ReorderPoint)
                    : Loss(p, b.ReorderPoint),
        };
        var wait = backorders / mean;
        var level = b.Rule is BufferRule.BaseStock or BufferRule.PeriodicReview ? b.OrderUpTo : b.ReorderPoint;
        var sdP = Sd(p);
        var stockedOut = sdP > 0 ? 1 - StandardNormal.Probability((level - (mean * p)) / sdP) : (mean * p) > level ? 1 : 0;
        return wait <= 0 || stockedOut <= 0 ? (0, 0) : (wait, wait * wait * ((2 / Math.Min(1, stockedOut)) - 1));
    }
}
