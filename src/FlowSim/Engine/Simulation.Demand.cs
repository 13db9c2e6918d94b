using System.Runtime.CompilerServices;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>Customer demand: a day's demand drawn once for the trial or as it comes, with seasons, shocks, autocorrelation and resampled blocks.</summary>
internal sealed partial class Simulation
{
    /// <summary>Today's customer demand at slot <paramref name="i"/>: drawn once for the trial, or drawn now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double DrawDemand(int i, double day)
    {
        ref readonly var setup = ref _setup[i];
        if (setup.DemandColumn >= 0)
        {
            return _demand[_demandRow + setup.DemandColumn];
        }

        return setup.PlainDemand is { } table ? table.Sample(ref _streams.Demand[i]) : DrawScaledDemand(i, day);
    }

    /// <summary>Demand that a shock or the season may scale, or that no table can draw.</summary>
    private double DrawScaledDemand(int i, double day)
    {
        var slot = _slots[i];
        var shock = slot.DemandShocks.Length > 0 && _disruptionsOn ? _shock[i].RateAt(day) : 1;
        if (shock != 1)
        {
            Changed();
        }

        return DrawDemand(slot, day, shock, ref _streams.Demand[i], ref _streams.DemandState[i]);
    }

    /// <summary>One day's demand of a slot, scaled by <paramref name="shock"/> and its season.</summary>
    private static double DrawDemand(SlotModel slot, double day, double shock, ref RandomStream rng, ref double state)
    {
        if (slot.DemandTable is { } table && shock == 1)
        {
            return table.Sample(ref rng);
        }

        var scale = shock;
        if (!slot.Seasonality.IsFlat)
        {
            scale *= slot.Seasonality.FactorOn(day);
        }

        if (slot.Autocorrelation != 0)
        {
            return Correlated(slot, scale, ref rng, ref state);
        }

        if (slot.DemandBlockDays > 0)
        {
            return FromBlock(slot, day, ref rng, ref state) * scale;
        }

        return scale == 1 ? slot.Demand!.Sample(ref rng) : slot.Demand!.Sample(ref rng, scale);
    }

    /// <summary>
    /// Block bootstrap: each block of the horizon starts at a random observed day and replays the
    /// days after it in order, wrapping round; <paramref name="state"/> holds the block's first value's index.
    /// </summary>
    private static double FromBlock(SlotModel slot, double day, ref RandomStream rng, ref double state)
    {
        var values = slot.Demand!.Values;
        var inBlock = (long)day % slot.DemandBlockDays;
        if (inBlock == 0 || double.IsNaN(state))
        {
            state = rng.NextIndex(values.Length);
        }

        return values[(int)((state + inBlock) % values.Length)];
    }

    /// <summary>
    /// Autocorrelated demand: a standard normal AR(1), z = rho z' + sqrt(1 - rho^2) e, started in
    /// its stationary law, mapped through the daily distribution's quantile, so each day keeps the
    /// distribution and the season scales it as it scales an independent day.
    /// </summary>
    private static double Correlated(SlotModel slot, double scale, ref RandomStream rng, ref double state)
    {
        NormalSampler.NextPair(ref rng, out var e, out _);
        var rho = slot.Autocorrelation;
        state = double.IsNaN(state) ? e : (rho * state) + (Math.Sqrt(1 - (rho * rho)) * e);

        // Keep the probability inside (0, 1): the quantile of 0 or 1 is no day's demand.
        var p = Math.Clamp(StandardNormal.Probability(state), 1e-15, 1 - 1e-15);
        return slot.Demand!.Quantile(p) * scale;
    }
}
