using FlowSim.Stochastic;

namespace FlowSim.Policies;

/// <summary>
/// Seasonal levels (<c>forecast: { seasonal: true }</c>): at a review on day t, the level that
/// protects against a stockout is sized over the coverage window the order must cover, from the
/// demand the scenario's own seasonality and trend expect on each of its days.
/// </summary>
internal static partial class PolicySizing
{
    /// <summary>
    /// The protecting level (S for base-stock and (R,S), s for (s,S) and (s,Q)) at a review on each
    /// day of the horizon: the expected demand over the P days from the window's start (the day
    /// after the review with daily demand, the review's own day when customers arrive one by one)
    /// plus z sqrt(the window's variance + E[D]² Var(L)). A fractional last day counts by its fraction.
    /// </summary>
    /// <remarks>
    /// The variance factor is how much more a window's demand varies than independent days
    /// (autocorrelation, blocks), as flat sizing reads it.
    /// </remarks>
    internal static double[] SeasonalLevels(SizingInput slot, double serviceLevel, double protectionDays, double varianceFactor, double horizonDays)
    {
        var reviews = (int)Math.Ceiling(horizonDays) + 1;
        var first = slot.ArrivalsWithinDay ? 0 : 1;
        var whole = (int)Math.Floor(protectionDays);
        var fraction = protectionDays - whole;
        var days = reviews + first + whole + 1;

        // Prefix sums of each day's expected demand and variance, every stream with its own factors.
        var mean = new double[days + 1];
        var variance = new double[days + 1];
        var dayMean = new double[days];
        var dayVariance = new double[days];
        for (var d = 0; d < days; d++)
        {
            double m = 0, v = 0;
            foreach (var part in slot.DemandParts)
            {
                var f = part.Seasonality.IsFlat ? 1 : part.Seasonality.FactorOn(d);
                m += part.Scale * part.Mean * f;
                v += part.Scale * part.Scale * ((part.VarianceLinearInFactor * f) + ((part.Variance - part.VarianceLinearInFactor) * f * f));
            }

            (dayMean[d], dayVariance[d]) = (m, v);
            mean[d + 1] = mean[d] + m;
            variance[d + 1] = variance[d] + v;
        }

        var z = StandardNormal.Quantile(serviceLevel);
        var leadTimeTerm = slot.DemandMean * slot.DemandMean * slot.LeadTimeVariance;
        var levels = new double[reviews];
        for (var t = 0; t < reviews; t++)
        {
            var (start, end) = (t + first, t + first + whole);
            var m = mean[end] - mean[start] + (fraction * dayMean[end]);
            var v = variance[end] - variance[start] + (fraction * dayVariance[end]);
            levels[t] = Level(slot, m + (z * Math.Sqrt((v * varianceFactor) + leadTimeTerm)));
        }

        return levels;
    }
}
