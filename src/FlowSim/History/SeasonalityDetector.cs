using System.Collections.Immutable;
using FlowSim.Scenarios;
using MathNet.Numerics.LinearAlgebra;
using MN = MathNet.Numerics.Distributions;

namespace FlowSim.History;

/// <summary>
/// Weekly and annual seasonality and trend found in a demand history. Factors average 1 and are
/// empty when the pattern was not significant (or could not be tested).
/// </summary>
/// <param name="Weekly">Seven day-of-week factors, Monday first.</param>
/// <param name="WeeklyPValue">p-value of the day-of-week test; NaN when not tested (fewer than 4 whole weeks).</param>
/// <param name="Annual">Twelve month factors, January first.</param>
/// <param name="AnnualPValue">p-value of the month-of-year test; NaN when not tested (fewer than 104 whole weeks).</param>
/// <param name="TrendPerYear">Compound growth per year; 0 when not significant.</param>
/// <param name="TrendPValue">p-value of the trend test; NaN when not tested (fewer than 26 whole weeks).</param>
public sealed record SeasonalPattern(
    ImmutableArray<double> Weekly,
    double WeeklyPValue,
    ImmutableArray<double> Annual,
    double AnnualPValue,
    double TrendPerYear,
    double TrendPValue)
{
    /// <summary>True when there is no seasonality and no trend.</summary>
    public bool IsFlat => Weekly.IsEmpty && Annual.IsEmpty && TrendPerYear == 0;

    /// <summary>
    /// The factor on <paramref name="date"/> relative to the level at <paramref name="levelDate"/>:
    /// day-of-week x month x trend, as the engine applies them.
    /// </summary>
    public double FactorOn(DateOnly date, DateOnly levelDate)
    {
        var f = Weekly.IsEmpty ? 1 : Weekly[MondayFirst(date.DayOfWeek)];
        f *= Annual.IsEmpty ? 1 : Annual[date.Month - 1];
        return TrendPerYear == 0 ? f : f * Math.Pow(1 + TrendPerYear, (date.DayNumber - levelDate.DayNumber) / Units.DaysPerYear);
    }

    /// <summary>0 for Monday to 6 for Sunday.</summary>
    public static int MondayFirst(DayOfWeek day) => ((int)day + 6) % 7;
}

/// <summary>Finds weekly and annual seasonality and trend in daily demand, with significance tests.</summary>
/// <remarks>
/// Weekly: a two-way analysis of variance on whole weeks, the weeks as blocks (so trend and annual
/// season do not pass for a weekly pattern), F-test of the day-of-week effect. Annual and trend:
/// least squares on the log of each whole week's mean daily demand, with a linear time term and
/// (from two years on) month-of-year terms; F-test of the month terms, t-test of the slope.
/// A pattern counts when its p-value is below <see cref="SignificanceLevel"/>.
/// </remarks>
public static class SeasonalityDetector
{
    /// <summary>The p-value below which a pattern is reported.</summary>
    public const double SignificanceLevel = 0.01;

    /// <summary>Whole weeks needed for the weekly test.</summary>
    public const int MinWeeks = 4;

    /// <summary>Whole weeks needed for the trend test (half a year).</summary>
    public const int MinWeeksForTrend = 26;

    /// <summary>Whole weeks needed for the annual test (two years, so every month is seen twice).</summary>
    public const int MinWeeksForAnnual = 104;

    /// <summary>Tests a daily series for weekly and annual seasonality and trend.</summary>
    public static SeasonalPattern Detect(DemandSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (weekly, weeklyP) = Weekly(series);
        var (annual, annualP, trend, trendP) = AnnualAndTrend(series);
        return new SeasonalPattern(weekly, weeklyP, annual, annualP, trend, trendP);
    }

    private static (ImmutableArray<double> Factors, double P) Weekly(DemandSeries series)
    {
        var x = series.Daily;
        var weeks = x.Length / 7;
        if (weeks < MinWeeks)
        {
            return ([], double.NaN);
        }

        var n = weeks * 7;
        double grand = 0;
        var rows = new double[weeks];
        var cols = new double[7];
        for (var i = 0; i < n; i++)
        {
            grand += x[i];
            rows[i / 7] += x[i] / 7;
            cols[i % 7] += x[i] / weeks;
        }

        grand /= n;
        if (grand <= 0)
        {
            return ([], 1);
        }

        double between = 0, error = 0;
        for (var d = 0; d < 7; d++)
        {
            between += weeks * (cols[d] - grand) * (cols[d] - grand);
        }

        for (var i = 0; i < n; i++)
        {
            var e = x[i] - rows[i / 7] - cols[i % 7] + grand;
            error += e * e;
        }

        var df2 = 6 * (weeks - 1);
        var p = error <= 1e-12 * Math.Max(between, 1) ? (between > 0 ? 0 : 1) : 1 - MN.FisherSnedecor.CDF(6, df2, between / 6 / (error / df2));
        if (!(p < SignificanceLevel))
        {
            return ([], p);
        }

        var factors = new double[7];
        for (var d = 0; d < 7; d++)
        {
            factors[SeasonalPattern.MondayFirst(series.Start.AddDays(d).DayOfWeek)] = cols[d] / grand;
        }

        return ([.. factors], p);
    }

    private static (ImmutableArray<double> Factors, double AnnualP, double Trend, double TrendP) AnnualAndTrend(DemandSeries series)
    {
        // Whole weeks, so the weekday mix is the same in every point; a week counts in the month of its middle day.
        var weeks = new List<(int Index, int Month, double MeanDaily)>();
        for (var w = 0; (w + 1) * 7 <= series.Daily.Length; w++)
        {
            double sum = 0;
            for (var i = 0; i < 7; i++)
            {
                sum += series.Daily[(w * 7) + i];
            }

            weeks.Add((w, series.Start.AddDays((w * 7) + 3).Month, sum / 7));
        }

        var n = weeks.Count;
        if (n < MinWeeksForTrend)
        {
            return ([], double.NaN, 0, double.NaN);
        }

        var level = weeks.Average(m => m.MeanDaily);
        if (level <= 0)
        {
            return ([], n >= MinWeeksForAnnual ? 1 : double.NaN, 0, 1);
        }

        // A small offset keeps weeks without demand finite on the log scale.
        var y = Vector<double>.Build.Dense([.. weeks.Select(m => Math.Log(m.MeanDaily + (0.05 * level)))]);
        var trendOnly = Regression(y, [.. weeks.Select(m => new double[] { 1, m.Index })]);
        if (n < MinWeeksForAnnual)
        {
            return ([], double.NaN, TrendOf(trendOnly), trendOnly.SlopeP);
        }

        // Month-of-year terms, January the baseline.
        var seasonal = Regression(y, [.. weeks.Select(m => new double[] { 1, m.Index }.Concat(Enumerable.Range(2, 11).Select(k => m.Month == k ? 1.0 : 0.0)).ToArray())]);
        var df2 = n - 13;
        var annualP = seasonal.Rss <= 1e-12 * Math.Max(trendOnly.Rss, 1e-300) ? (trendOnly.Rss > seasonal.Rss ? 0 : 1)
            : 1 - MN.FisherSnedecor.CDF(11, df2, (trendOnly.Rss - seasonal.Rss) / 11 / (seasonal.Rss / df2));
        if (!(annualP < SignificanceLevel))
        {
            return ([], annualP, TrendOf(trendOnly), trendOnly.SlopeP);
        }

        var raw = Enumerable.Range(0, 12).Select(k => Math.Exp(k == 0 ? 0 : seasonal.Beta[k + 1])).ToArray();
        var mean = raw.Average();
        return ([.. raw.Select(r => r / mean)], annualP, TrendOf(seasonal), seasonal.SlopeP);
    }

    // The slope is per week on the log scale.
    private static double TrendOf(Fit fit) => fit.SlopeP < SignificanceLevel ? Math.Exp(Units.DaysPerYear / 7 * fit.Beta[1]) - 1 : 0;

    private sealed record Fit(Vector<double> Beta, double Rss, double SlopeP);

    private static Fit Regression(Vector<double> y, double[][] rows)
    {
        var x = Matrix<double>.Build.DenseOfRowArrays(rows);
        var beta = x.QR().Solve(y);
        var residual = y - (x * beta);
        var rss = residual.DotProduct(residual);
        var df = rows.Length - rows[0].Length;
        if (df <= 0)
        {
            return new Fit(beta, rss, double.NaN);
        }

        var se = Math.Sqrt(rss / df * (x.TransposeThisAndMultiply(x)).Inverse()[1, 1]);
        var p = se <= 0 ? (beta[1] == 0 ? 1 : 0) : 2 * (1 - MN.StudentT.CDF(0, 1, df, Math.Abs(beta[1]) / se));
        return new Fit(beta, rss, p);
    }
}
