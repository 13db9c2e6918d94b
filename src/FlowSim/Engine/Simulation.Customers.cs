using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// Customers who arrive one by one (<c>customers:</c>): a Poisson process of orders at exact
/// times, each served, backordered or lost on its own, and continuous review.
/// </summary>
/// <remarks>
/// A slot's next arrival is one event on the heap, so a slow item costs its arrivals, not its
/// days. Arrivals are drawn at the slot's peak rate and each is kept with the day's own rate over
/// that peak (thinning): exact for a rate that changes from day to day with the season or a
/// demand shock. Both runs of a trial (with disruptions and without) draw the same numbers, as the
/// peak counts every shock whether or not it is on.
/// </remarks>
internal sealed partial class Simulation
{
    /// <summary>The most customer orders per day slot <paramref name="slot"/> can see: its rate at the peak of its season and shocks; 0 without arrivals.</summary>
    private double ArrivalBound(SlotModel slot)
    {
        if (slot.Arrivals is not { } arrivals)
        {
            return 0;
        }

        var peak = 1.0;
        if (!slot.Seasonality.IsFlat)
        {
            // Factors change from day to day only: the largest day's is the peak.
            peak = 0;
            for (var day = 0; day <= (int)Math.Ceiling(_horizonDays); day++)
            {
                peak = Math.Max(peak, slot.Seasonality.FactorOn(day));
            }
        }

        var shock = 1.0;
        foreach (var k in slot.DemandShocks)
        {
            shock = Math.Max(shock, _model.Disruptions[k].Spec.Factor);
        }

        return arrivals.RatePerDay * peak * shock;
    }

    /// <summary>Draws slot <paramref name="i"/>'s next candidate arrival after <paramref name="t"/> and schedules it, if it falls in the horizon.</summary>
    private void ScheduleCustomerOrder(int i, double t)
    {
        ref var rng = ref _streams.Demand[i];
        var next = t - (Math.Log(1 - rng.NextDouble()) / _setup[i].ArrivalBound);
        if (next < _horizonDays)
        {
            _queue.Schedule(next, EventKind.CustomerOrder, i);
        }
    }

    /// <summary>A candidate customer order at slot <paramref name="i"/>: kept at the day's rate, it buys its order's size; then the next is drawn.</summary>
    private void OnCustomerOrder(int i, double t)
    {
        var slot = _slots[i];
        var arrivals = slot.Arrivals!;
        ref var rng = ref _streams.Demand[i];
        var bound = _setup[i].ArrivalBound;
        var kept = true;
        if (bound != arrivals.RatePerDay)
        {
            var day = Math.Floor(t);
            var season = slot.Seasonality.IsFlat ? 1 : slot.Seasonality.FactorOn(day);
            var shock = slot.DemandShocks.Length > 0 && _disruptionsOn ? _shock[i].RateAt(t) : 1;
            if (shock != 1)
            {
                Changed();
            }

            kept = rng.NextDouble() * bound < arrivals.RatePerDay * season * shock;
        }

        if (kept)
        {
            var size = arrivals.OrderSize;
            var q = size.Kind == DistributionKind.Constant ? size.Mean : size.Sample(ref rng);
            if (q > 0)
            {
                Sell(i, t, q);
                ReviewAsPositionFalls(i, t);
            }
        }

        ScheduleCustomerOrder(i, t);
    }

    /// <summary>A slot on continuous review reviews now: its position just fell.</summary>
    private void ReviewAsPositionFalls(int i, double t)
    {
        if (_setup[i].Continuous)
        {
            OnReview(i, t);
        }
    }
}
