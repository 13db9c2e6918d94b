using FlowSim.Scenarios;

namespace FlowSim.Policies;

/// <summary>
/// How much more (or less) a protection period's demand varies than independent days would:
/// autocorrelated days (AR(1)) and days resampled in blocks, at the stock point that sees the
/// customers and at every stock point their demand flows up to.
/// </summary>
internal static partial class PolicySizing
{
    /// <summary>
    /// The variance of <paramref name="days"/> days' demand over that of independent days for an
    /// AR(1) with lag-1 correlation <paramref name="rho"/>: 1 + (2 / n) sum over k below n of (n - k) rho^k,
    /// summed term by term (the closed form cancels catastrophically as rho nears 1); a fractional
    /// number of days takes the terms with n - k above 0.
    /// </summary>
    public static double Ar1WindowVarianceFactor(double rho, double days)
    {
        if (rho == 0 || days <= 0)
        {
            return 1;
        }

        var total = days;
        var power = 1.0;
        for (var k = 1; k < days; k++)
        {
            power *= rho;
            total += 2 * (days - k) * power;
        }

        return total / days;
    }

    /// <summary>
    /// Days between the starts of a buffer's protection windows, for demand resampled in blocks:
    /// a review every R days from day 0 starts one every R days, so in a block of B days on every
    /// gcd(R, B)-th day; a continuous or daily review, or a steady start (the first review on a
    /// random day), on any day (1).
    /// </summary>
    private static int WindowStartPeriod(BufferPolicy b) =>
        b.ContinuousReview || b.SteadyStart || b.RandomPhase ? 1 : (int)Math.Max(1, Math.Round(b.ReviewDays));

    /// <summary>The days apart in a block of <paramref name="block"/> days that windows starting every <paramref name="period"/> days start on.</summary>
    private static int StartStep(int period, int block) => (int)System.Numerics.BigInteger.GreatestCommonDivisor(Math.Max(1, period), block);

    /// <summary>How much more (or less) the demand of a protection period varies than independent days would.</summary>
    private static double WindowVarianceFactor(SizingInput slot, double protectionDays, int startPeriod = 1)
    {
        if (slot.DemandParts.Length > 1 || (slot.DemandParts.Length == 1 && slot.Demand is null))
        {
            return SuppliedWindowVarianceFactor(slot, protectionDays, startPeriod);
        }

        if (slot.DemandBlockDays > 0 && slot.Demand is { } d && d.Variance > 0)
        {
            // With daily demand a review has seen its own day: the window starts the day after.
            var firstStart = slot.ArrivalsWithinDay ? 0 : 1;
            return BlockWindowVariance(d.Values, slot.DemandBlockDays, protectionDays, StartStep(startPeriod, slot.DemandBlockDays), firstStart) / (Math.Max(1, Math.Round(protectionDays)) * d.Variance);
        }

        return Ar1WindowVarianceFactor(slot.Autocorrelation, protectionDays);
    }

    /// <summary>
    /// The variance of <paramref name="days"/> days' demand drawn in blocks of <paramref name="block"/>
    /// observed days. Blocks begin every <paramref name="block"/> days of the horizon, each at a random
    /// observed day, so a window is the rest of the block it starts in, then whole blocks, then the
    /// start of one more: independent runs of the history (the sums of consecutive values, wrapping
    /// round). Where in a block a window starts changes its variance a lot (a week starting mid-block
    /// spans two independent weeks), so it is averaged over the days a window starts on:
    /// <paramref name="startStep"/> apart from <paramref name="firstStart"/> (step 1 for a daily or
    /// continuous review; a review every R days from day 0 starts on every gcd(R, block)-th day of
    /// a block, from the day after the review with daily demand, which the review has seen).
    /// </summary>
    public static double BlockWindowVariance(IReadOnlyList<double> values, int block, double days, int startStep = 1, int firstStart = 0)
    {
        var n = (int)Math.Max(1, Math.Round(days));
        var runs = new double[block + 1];
        for (var length = 1; length <= block; length++)
        {
            runs[length] = RunVariance(values, length);
        }

        double total = 0;
        var starts = 0;
        for (var k = 0; k < block; k += Math.Max(1, startStep))
        {
            var offset = (firstStart + k) % block;
            var first = Math.Min(block - offset, n);
            var rest = n - first;
            total += runs[first] + (rest / block * runs[block]) + runs[rest % block];
            starts++;
        }

        return total / starts;

        static double RunVariance(IReadOnlyList<double> v, int length)
        {
            if (length == 0)
            {
                return 0;
            }

            var sums = new double[v.Count];
            for (var i = 0; i < v.Count; i++)
            {
                for (var k = 0; k < length; k++)
                {
                    sums[i] += v[(i + k) % v.Count];
                }
            }

            var mean = sums.Average();
            return sums.Sum(x => (x - mean) * (x - mean)) / sums.Length;
        }
    }

    /// <summary>
    /// <see cref="WindowVarianceFactor"/> where the demand comes from several streams or from
    /// further down the network: each stream's window variance, scaled by the square of what of it
    /// reaches here, over that of independent days. Streams are independent of one another.
    /// </summary>
    private static double SuppliedWindowVarianceFactor(SizingInput slot, double protectionDays, int startPeriod)
    {
        if (!slot.DemandParts.Any(p => p.Correlated) || protectionDays <= 0 || !(slot.DemandVariance > 0))
        {
            return 1;
        }

        var days = protectionDays;
        double window = 0;
        foreach (var part in slot.DemandParts)
        {
            var scale2 = part.Scale * part.Scale;
            if (part.BlockValues is { } values && part.BlockDays > 0 && part.Variance > 0)
            {
                // Block runs are whole days; rescaled to the protection period as for one stream.
                window += scale2 * BlockWindowVariance(values, part.BlockDays, days, StartStep(startPeriod, part.BlockDays), firstStart: 1) * days / Math.Max(1, Math.Round(days));
            }
            else
            {
                window += scale2 * part.Variance * days * Ar1WindowVarianceFactor(part.Autocorrelation, days);
            }
        }

        return window / (days * slot.DemandVariance);
    }
}
