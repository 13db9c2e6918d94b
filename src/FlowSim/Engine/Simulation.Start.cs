using FlowSim.Policies;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>A random start (<c>start: steady</c>): each trial begins at a random point of the policy's cycle.</summary>
internal sealed partial class Simulation
{
    /// <summary>
    /// Slot <paramref name="i"/>'s stock at the start of a trial, drawn uniformly over the range its
    /// position cycles in; sets its first review on a random day of the review period, unless it
    /// has no review days (<paramref name="noReviewDays"/>).
    /// </summary>
    private double RandomStart(int i, SlotPolicy p, long trial, ulong seed, bool noReviewDays)
    {
        // Its own stream per slot, so a random start moves no other draw, and every strategy of a
        // trial that starts at random starts at the same point of its cycle.
        var rng = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, StartSource + _slots[i].StreamKey));
        var initial = p.InitialStock - (p.Start.StockSpread * rng.NextDouble());
        if (p.Start.WholeUnits)
        {
            initial = Math.Ceiling(initial - Tolerances.Quantity);
        }

        var firstReview = rng.NextIndex((int)p.ReviewDays);
        if (!noReviewDays)
        {
            _stock.NextReview[i] = firstReview;
        }

        return initial;
    }
}
