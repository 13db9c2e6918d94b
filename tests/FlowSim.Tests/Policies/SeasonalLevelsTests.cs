using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Policies;

/// <summary>
/// <c>forecast: { seasonal: true }</c> (or <c>plan: seasonal</c>): levels sized at each review over
/// the coverage window ahead, from the demand's own seasonality.
/// </summary>
public class SeasonalLevelsTests
{
    // Half the year at 0.5, half at 1.5 (average 1): month m covers the days d with d * 12 / 365 in
    // [m, m + 1), so days 0-182 run at 0.5 and days 183-364 at 1.5.
    private const string HalfYears = "[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5]";

    // A strongly seasonal fan: the peak month sells 8 times the trough's.
    private const string FanSeason = "[0.3, 0.4, 0.6, 0.9, 1.4, 2.0, 2.4, 1.9, 1.0, 0.5, 0.3, 0.3]";

    private static string Scenario(string daily, string annual, string leadTime, string horizon, string warmup, int trials, string strategies, string extraDemand = "") => $"""
        name: seasonal
        horizon: {horizon}
        warmup: {warmup}
        trials: {trials}
        seed: 11
        items:
          - id: fan
            unit_cost: 20
            price: 40
            holding_rate: 20%/year
        suppliers:
          - id: vendor
            lead_time: {leadTime}
        stock_points:
          - id: shop
        lanes:
          - from: vendor
            to: shop
        demand:
          - item: fan
            at: shop
            daily: {daily}
            {(annual.Length > 0 ? $"seasonality: {{ annual: {annual} }}" : "")}
        {extraDemand}
        costs:
          backorder_penalty: 0.5/day
        strategies:
        {strategies}
        """;

    private static string Buffers(string seasonal) => $"""
          - name: average
            policy: buffer
            service_level: 95%
          - name: seasonal
            policy: buffer
            service_level: 95%
            {seasonal}

        """;

    [Fact]
    public void Levels_are_the_expected_demand_of_each_review_s_coverage_window()
    {
        var scenario = TestScenarios.Load(Scenario("{ dist: constant, value: 10 }", HalfYears, "5d", "400d", "0d", 1, Buffers("forecast: { seasonal: true }")));
        var model = Model.Compile(scenario);
        var levels = model.Strategies[1].Policies[0].Buffer.SeasonalLevels!;

        // P = max(E[L], 1) + R - 1 = 5 days, from the day after the review; no variance, so no safety stock.
        // Day 100: days 101-105 at 0.5 x 10 = 25. Day 180: days 181-182 at 5, 183-185 at 15 = 55.
        // Day 190: days 191-195 at 15 = 75. Day 362: days 363-364 at 15, 365-367 (next year) at 5 = 45.
        Assert.Equal(25, levels[100]);
        Assert.Equal(55, levels[180]);
        Assert.Equal(75, levels[190]);
        Assert.Equal(45, levels[362]);

        var numbers = model.Strategies[1].Policies[0].Numbers;
        Assert.Equal(25, numbers.SeasonalLevelLow);
        Assert.Equal(75, numbers.SeasonalLevelHigh);
        Assert.Contains("levels follow the season: S 25 to 75 over the horizon", model.Strategies[1].Policies[0].Summary);
        Assert.Null(model.Strategies[0].Policies[0].Numbers.SeasonalLevelLow);

        // In the engine: an order placed at day t up to S(t) lands on day t + 5 and covers exactly
        // days t + 1 to t + 5, so once the starting stock is used up (day 4) every day closes with
        // nothing on hand and nobody waits.
        var sim = new Simulation(model);
        var outcome = new double[sim.Layout.Length];
        var onHand = new float[401];
        sim.RunTraced(1, 0, scenario.Seed, outcome, onHand);
        for (var day = 4; day < 400; day++)
        {
            Assert.True(onHand[day] == 0, $"day {day} closes with {onHand[day]} on hand");
        }

        Assert.Equal(0, outcome[(int)Metric.BackorderedUnits]);
    }

    [Fact]
    public void Weekly_factors_and_the_trend_move_the_levels_too()
    {
        var yaml = Scenario("{ dist: constant, value: 1000 }", "", "3d", "400d", "0d", 1, Buffers("forecast: { seasonal: true }"))
            .Replace("daily: { dist: constant, value: 1000 }", "daily: { dist: constant, value: 1000 }\n    seasonality: { weekly: [2, 1, 1, 1, 1, 1, 0], trend: 10%/year }", StringComparison.Ordinal);
        var levels = Model.Compile(TestScenarios.Load(yaml)).Strategies[1].Policies[0].Buffer.SeasonalLevels!;

        // Day 5 covers days 6 (weekly 0), 7 (2) and 8 (1), each times 1.1^(day / 365):
        // 2000 x 1.0018296 + 1000 x 1.0020912 = 3005.75, rounded up to 3006 (3000 without the trend).
        Assert.Equal(Math.Ceiling((2000 * Math.Pow(1.1, 7 / 365.0)) + (1000 * Math.Pow(1.1, 8 / 365.0))), levels[5]);
        Assert.Equal(3006, levels[5]);
    }

    [Theory]
    // A normal draw is scaled by the factor: variance f² x 400 = 100 on a 0.5 day; S = 50 + z x 10.
    [InlineData("{ dist: normal, mean: 100/day, sd: 20/day }", 60.0)]
    // A Poisson keeps its variance equal to its mean, 50: S = 50 + z x 7.07 = 57.07, rounded up.
    [InlineData("{ dist: poisson, mean: 100/day }", 58.0)]
    public void A_day_s_variance_scales_as_the_engine_draws_it(string daily, double expected)
    {
        // z = 1 at 84.134%; a 1-day lead time gives P = 1, day 101 alone for a review on day 100 (at 0.5).
        var yaml = Scenario(daily, HalfYears, "1d", "400d", "0d", 1, Buffers("forecast: { seasonal: true }"))
            .Replace("service_level: 95%", "service_level: 84.1344746%", StringComparison.Ordinal);
        var levels = Model.Compile(TestScenarios.Load(yaml)).Strategies[1].Policies[0].Buffer.SeasonalLevels!;
        Assert.Equal(expected, levels[100], 1e-4);
    }

    [Fact]
    public void A_stock_point_supplying_others_sizes_on_each_customer_stream_s_own_season()
    {
        // A DC feeds the shop (half-years 0.5 / 1.5) and a kiosk with flat demand of 4 a day, one day away.
        var yaml = Scenario("{ dist: constant, value: 10 }", HalfYears, "3d", "400d", "0d", 1, Buffers("plan: seasonal"),
            extraDemand: "  - item: fan\n    at: kiosk\n    daily: 4/day")
            .Replace("  - id: shop\n", "  - id: shop\n  - id: kiosk\n  - id: dc\n", StringComparison.Ordinal)
            .Replace("  - from: vendor\n    to: shop\n", "  - from: vendor\n    to: dc\n  - from: dc\n    to: shop\n    lead_time: 1d\n  - from: dc\n    to: kiosk\n    lead_time: 1d\n", StringComparison.Ordinal);
        var model = Model.Compile(TestScenarios.Load(yaml));
        var dc = Array.FindIndex(model.Slots, s => s.StockPointId == "dc");
        var levels = model.Strategies[1].Policies[dc].Buffer.SeasonalLevels!;

        // The DC's window: P = 3 days from the day after the review. Day 181: days 182 (5 + 4) and
        // 183-184 (15 + 4) = 9 + 19 + 19 = 47. Day 10: 3 x 9 = 27.
        Assert.Equal(47, levels[181]);
        Assert.Equal(27, levels[10]);
    }

    [Fact]
    public void Seasonal_levels_reach_the_cycle_service_level_that_average_levels_miss()
    {
        var result = Experiment.Run(
            TestScenarios.Load(Scenario("{ dist: poisson, mean: 20/day }", FanSeason, "14d", "3y", "1y", 100, Buffers("forecast: { seasonal: true }"))),
            new RunOptions(Threads: 2));
        var average = result.Strategies[0][Metric.CycleServiceLevel];
        var seasonal = result.Strategies[1][Metric.CycleServiceLevel];

        // S(t) = E[window] + 1.645 sd(window) with Poisson window demand of 84 (trough) to 672 (peak)
        // units over P = 14 days: the normal quantile is the Poisson's within about a unit, and the
        // level is rounded up to a whole unit, which adds up to phi(1.645) / sd = 0.103 / 9.2 = 1.1
        // points at the trough. So 95% within 3 standard errors below, and those 1.1 points above.
        var se = seasonal.HalfWidth / 1.96;
        Assert.InRange(seasonal.Mean, 0.95 - (3 * se), 0.95 + 0.011 + (3 * se));

        // One level for the whole year is too high in the trough and far too low at the peak.
        Assert.True(average.Mean < 0.85, $"average-demand levels reach {average.Mean:P1}");
    }

    [Fact]
    public void Stock_is_built_up_ahead_of_the_peak_and_run_down_in_the_trough()
    {
        var scenario = TestScenarios.Load(Scenario("{ dist: poisson, mean: 20/day }", FanSeason, "14d", "2y", "0d", 20, Buffers("forecast: { seasonal: true }")));
        var model = Model.Compile(scenario);
        var sim = new Simulation(model);
        var outcome = new double[sim.Layout.Length];
        var onHand = new float[(2 * 365) + 1];
        double Mean(int from, int to) => onHand.Skip(from).Take(to - from).Average(x => (double)x);

        // Second year: the trough (January at 0.3) and the four weeks before the July peak
        // (days 183-212 of the year; June at 2.0). Seasonal levels hold the safety stock of the
        // window ahead, 1.645 sqrt(Var), about 39 units before the peak and 15 in the trough.
        var (trough, prePeak) = (0.0, 0.0);
        var (troughFlat, prePeakFlat) = (0.0, 0.0);
        for (var trial = 0; trial < scenario.Trials; trial++)
        {
            sim.RunTraced(1, trial, scenario.Seed, outcome, onHand);
            (trough, prePeak) = (trough + Mean(365, 395), prePeak + Mean(365 + 155, 365 + 183));
            sim.RunTraced(0, trial, scenario.Seed, outcome, onHand);
            (troughFlat, prePeakFlat) = (troughFlat + Mean(365, 395), prePeakFlat + Mean(365 + 155, 365 + 183));
        }

        Assert.True(prePeak > 1.5 * trough, $"seasonal: {prePeak / scenario.Trials:F1} on hand before the peak, {trough / scenario.Trials:F1} in the trough");

        // Levels from average demand do the opposite: a full shelf in the trough, an empty one before the peak.
        Assert.True(prePeakFlat < troughFlat, $"average: {prePeakFlat / scenario.Trials:F1} before the peak, {troughFlat / scenario.Trials:F1} in the trough");
    }

    [Fact]
    public void A_seasonal_review_allocates_nothing()
    {
        // Levels are looked up per review day; a trial of a reused instance allocates nothing.
        var model = Model.Compile(TestScenarios.Load(Scenario("{ dist: poisson, mean: 20/day }", FanSeason, "14d", "1y", "0d", 1, Buffers("rule: s-Q\n    forecast: { seasonal: true }"))));
        var sim = new Simulation(model);
        var outcome = new double[sim.Layout.Length];
        long trial = 0;
        Assert.Equal(0, Allocations.InSteadyState(() => sim.Run(1, trial++, 5, outcome)));
    }

    [Theory]
    [InlineData("forecast: { seasonal: true, window: 4w }", "strategies[1].forecast.window", "remove window")]
    [InlineData("forecast: { seasonal: true, sd: estimated }", "strategies[1].forecast.sd", "remove sd")]
    [InlineData("forecast: { seasonal: true }\n    safety_stock: 40", "strategies[1].safety_stock", "remove safety_stock")]
    [InlineData("forecast: { seasonal: true }\n    order_up_to: 400", "strategies[1].order_up_to", "remove order_up_to")]
    [InlineData("forecast: { seasonal: true }\n    review: continuous", "strategies[1].forecast.seasonal", "review daily")]
    [InlineData("forecast: { seasonal: yes }", "strategies[1].forecast.seasonal", "expected true or false")]
    [InlineData("plan: seasonl", "strategies[1].plan", "expected seasonal")]
    [InlineData("plan: seasonal\n    forecast: { smoothing: 0.2 }", "strategies[1].forecast.smoothing", "remove smoothing")]
    [InlineData("plan: seasonal\n    forecast: { seasonal: true }", "strategies[1].forecast.seasonal", "say the same")]
    public void Conflicting_settings_are_refused_at_their_place(string seasonal, string path, string message)
    {
        var errors = TestScenarios.Errors(Scenario("{ dist: poisson, mean: 20/day }", FanSeason, "14d", "1y", "0d", 1, Buffers(seasonal)));
        Assert.Contains(errors, e => e.Contains(path, StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal) && e.StartsWith("bad.yaml:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_seasonal_plan_on_flat_demand_is_warned_about_and_keeps_the_fixed_levels()
    {
        var result = TestScenarios.Parse(Scenario("{ dist: poisson, mean: 20/day }", "", "14d", "1y", "0d", 1, Buffers("forecast: { seasonal: true }")), "flat.yaml");
        Assert.Contains(result.Warnings, w => w.ToString().Contains("strategies[1].forecast.seasonal", StringComparison.Ordinal) && w.ToString().Contains("no seasonality or trend", StringComparison.Ordinal));

        var model = Model.Compile(result.Scenario!);
        var fixedLevel = model.Strategies[0].Policies[0].Buffer.OrderUpTo;
        Assert.All(model.Strategies[1].Policies[0].Buffer.SeasonalLevels!, s => Assert.Equal(fixedLevel, s));
    }
}
