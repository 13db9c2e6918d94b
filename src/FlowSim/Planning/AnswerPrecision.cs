namespace FlowSim.Planning;

/// <summary>
/// The best value of an optimisation rounded to the precision the trials support. The trials
/// cannot tell apart the values of the plausible range (those whose paired difference from the
/// best is not significant); when only the best is plausible, they cannot tell it from the values
/// within half a grid step of it, which were not tried. The answer is the best rounded to the
/// coarsest power of ten (in the setting's own units) that keeps it inside that interval:
/// plausible values from 93.2% to 94.5% around a best of 93.7725% give 94%; a best of 97% with
/// plausible values from 85% to 97% stays 97% (100% is outside); a sharp whole number stays as it is.
/// </summary>
public static class AnswerPrecision
{
    /// <summary>The rounded answer.</summary>
    /// <param name="best">The best value tried.</param>
    /// <param name="plausibleLow">The lowest plausible value (the best's own value when it is the only one).</param>
    /// <param name="plausibleHigh">The highest plausible value.</param>
    /// <param name="step">The distance from the best to the nearest other value tried.</param>
    public static double Round(double best, double plausibleLow, double plausibleHigh, double step)
    {
        var (low, high) = plausibleHigh > plausibleLow ? (plausibleLow, plausibleHigh) : (best - (step / 2), best + (step / 2));
        if (!(high > low) || !double.IsFinite(low) || !double.IsFinite(high))
        {
            return best;
        }

        for (var exponent = (int)Math.Floor(Math.Log10(high - low)) + 1; exponent >= -10; exponent--)
        {
            var unit = Math.Pow(10, exponent);
            var rounded = Math.Round(Math.Round(best / unit) * unit, Math.Clamp(-exponent, 0, 15));
            if (rounded >= low - 1e-12 && rounded <= high + 1e-12)
            {
                return rounded;
            }
        }

        return best;
    }

    /// <summary>The distance from <paramref name="best"/> to the nearest other value in <paramref name="tried"/>; <paramref name="fallback"/> when there is none.</summary>
    public static double NearestStep(double best, IEnumerable<double> tried, double fallback)
    {
        ArgumentNullException.ThrowIfNull(tried);
        var others = tried.Where(v => v != best).Select(v => Math.Abs(v - best)).ToList();
        return others.Count == 0 ? fallback : others.Min();
    }
}
