using System.Collections.Immutable;
using FlowSim.History;
using FlowSim.Stochastic;

namespace FlowSim.Tests.History;

public class SeasonalityDetectorTests
{
    // 2024-01-01 is a Monday, so day i of the series is weekday i % 7 (Monday first).
    private static readonly DateOnly Monday = new(2024, 1, 1);

    private static DemandSeries Poisson(int days, double level, Func<DateOnly, double> factor, ulong seed)
    {
        var rng = RandomStream.Create(seed);
        var daily = new double[days];
        for (var i = 0; i < days; i++)
        {
            daily[i] = Distribution.Poisson(level).Sample(ref rng, factor(Monday.AddDays(i)));
        }

        return new DemandSeries("widget", "shop", Monday, [.. daily]);
    }

    private static readonly double[] Weekdays = [0.7, 0.8, 0.9, 1.0, 1.1, 1.5, 1.0];

    [Fact]
    public void A_planted_weekly_pattern_is_found_with_its_factors()
    {
        var weeks = 52;
        var season = SeasonalityDetector.Detect(Poisson(weeks * 7, 10, d => Weekdays[SeasonalPattern.MondayFirst(d.DayOfWeek)], seed: 11));

        Assert.True(season.WeeklyPValue < SeasonalityDetector.SignificanceLevel);
        for (var d = 0; d < 7; d++)
        {
            // Factor = weekday mean / overall mean; the weekday mean of 52 Poisson days has sd sqrt(10 w / 52).
            var se = Math.Sqrt(10 * Weekdays[d] / weeks) / 10;
            Assert.InRange(season.Weekly[d], Weekdays[d] - (4 * se), Weekdays[d] + (4 * se));
        }
    }

    [Fact]
    public void White_noise_has_no_weekly_or_annual_pattern_and_no_trend()
    {
        var season = SeasonalityDetector.Detect(Poisson(3 * 364, 10, _ => 1, seed: 12));

        Assert.True(season.IsFlat, season.ToString());
        Assert.True(season.WeeklyPValue >= SeasonalityDetector.SignificanceLevel);
        Assert.True(season.AnnualPValue >= SeasonalityDetector.SignificanceLevel);
        Assert.True(season.TrendPValue >= SeasonalityDetector.SignificanceLevel);
    }

    [Fact]
    public void A_planted_christmas_season_and_growth_are_found()
    {
        double[] months = [0.7, 0.7, 0.8, 0.9, 1.0, 1.0, 0.9, 0.9, 1.0, 1.1, 1.5, 2.5];
        var monthMean = months.Average();
        var days = 3 * 364;
        var season = SeasonalityDetector.Detect(Poisson(days, 10, d => months[d.Month - 1] / monthMean * Math.Pow(1.10, (d.DayNumber - Monday.DayNumber) / 365.0), seed: 13));

        Assert.True(season.AnnualPValue < SeasonalityDetector.SignificanceLevel);
        Assert.Equal(11, season.Annual.IndexOf(season.Annual.Max()));
        Assert.InRange(season.Annual[11], 2.0, 3.0);

        // The slope of log weekly means: each has sd about sqrt(10 / 7) / 10, over n = 156 weeks
        // spread with sum (t - mean t)^2 = n (n^2 - 1) / 12; 52.14 weeks a year.
        var n = days / 7.0;
        var se = Math.Sqrt(10 / 7.0) / 10 / Math.Sqrt(n * ((n * n) - 1) / 12) * (365 / 7.0) * 1.10;
        Assert.InRange(season.TrendPerYear, 0.10 - (4 * se), 0.10 + (4 * se));
        Assert.Empty(season.Weekly);
    }

    [Fact]
    public void Short_histories_are_not_tested_rather_than_called_flat()
    {
        var season = SeasonalityDetector.Detect(Poisson(20, 10, _ => 1, seed: 14));
        Assert.True(double.IsNaN(season.WeeklyPValue));
        Assert.True(double.IsNaN(season.AnnualPValue));
        Assert.True(double.IsNaN(season.TrendPValue));
    }

    [Fact]
    public void Factors_follow_the_calendar_whatever_day_the_series_starts()
    {
        // The same pattern, the series starting on a Thursday: Saturday is still the peak.
        var thursday = new DateOnly(2024, 1, 4);
        var rng = RandomStream.Create(15);
        var daily = Enumerable.Range(0, 364).Select(i => Distribution.Poisson(10).Sample(ref rng, Weekdays[SeasonalPattern.MondayFirst(thursday.AddDays(i).DayOfWeek)])).ToArray();
        var season = SeasonalityDetector.Detect(new DemandSeries("w", "s", thursday, ImmutableArray.Create(daily)));
        Assert.Equal(5, season.Weekly.IndexOf(season.Weekly.Max()));
    }
}
