using FlowSim.Experiments;
using FlowSim.Outcomes;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Policies;

/// <summary>
/// Base-stock with Poisson daily demand, a fixed lead time and full backorders has exact answers.
/// With reviews after each day's demand and receipts before it, an order placed on day t arrives
/// before the demand of day t + L, so the net stock after day t + L's demand is S minus L days of
/// demand, and before it S minus L - 1 days.
/// </summary>
public class BaseStockPoissonTests
{
    private const double Lambda = 5;
    private const int LeadTime = 3;
    private const int S = 20;
    private const int Trials = 200;

    private static ExperimentResult Run() => Experiment.Run(
        TestScenarios.Load(TestScenarios.SingleItem(
            demand: $"{{ dist: poisson, mean: {Lambda}/day }}",
            leadTime: $"{LeadTime}d",
            horizon: "1000d",
            warmup: "30d",
            trials: Trials,
            strategies: $"  - name: buffer\n    policy: buffer\n    rule: base-stock\n    order_up_to: {S}\n")),
        new RunOptions(Threads: 2));

    /// <summary>E[(S - X)+] for X ~ Poisson(mean).</summary>
    private static double ExpectedPositivePart(double mean)
    {
        double sum = 0;
        for (var k = 0; k < S; k++)
        {
            sum += (S - k) * Poisson.PMF(mean, k);
        }

        return sum;
    }

    [Fact]
    public void Average_on_hand_is_the_expected_positive_part_of_S_minus_lead_time_demand()
    {
        var onHand = Run().Strategies[0][Metric.AvgOnHandUnits];
        var exact = ExpectedPositivePart(Lambda * LeadTime);
        var se = onHand.Std / Math.Sqrt(Trials);
        Assert.InRange(onHand.Mean, exact - (3 * se), exact + (3 * se));
    }

    [Fact]
    public void Fill_rate_matches_the_exact_Poisson_formula()
    {
        // Units shipped on a day = E[(S - Y)+] - E[(S - Y - D)+], Y ~ Poisson(lambda (L - 1)), D the day's demand.
        var exact = (ExpectedPositivePart(Lambda * (LeadTime - 1)) - ExpectedPositivePart(Lambda * LeadTime)) / Lambda;
        var fill = Run().Strategies[0][Metric.FillRate];
        var se = fill.Std / Math.Sqrt(Trials);
        Assert.InRange(fill.Mean, exact - (3 * se), exact + (3 * se));
        Assert.InRange(exact, 0.80, 0.999); // the case is informative: neither always nor never short
    }

    [Fact]
    public void Cycle_service_level_counts_replenishment_cycles_as_the_textbook_does()
    {
        // Order up to S every R days with a one-day lead time: the order placed after day t's demand
        // is received before day t + 1's, and the cycle from that receipt to the next sees R days of
        // demand against S. It has a stockout exactly when they exceed S: P(no stockout) = P(X <= S),
        // X ~ Poisson(lambda R). Calendar review periods, counted before, are offset by the lead time.
        const int review = 4, orderUpTo = 22;
        var result = Experiment.Run(
            TestScenarios.Load(TestScenarios.SingleItem(
                demand: $"{{ dist: poisson, mean: {Lambda}/day }}",
                leadTime: "1d",
                horizon: "1000d",
                warmup: "20d",
                trials: Trials,
                strategies: $"  - name: periodic\n    policy: buffer\n    rule: R-S\n    review: {review}d\n    order_up_to: {orderUpTo}\n")),
            new RunOptions(Threads: 2));
        var csl = result.Strategies[0][Metric.CycleServiceLevel];
        var exact = Poisson.CDF(Lambda * review, orderUpTo);
        var se = csl.HalfWidth / 1.96;
        Assert.InRange(csl.Mean, exact - (3 * se), exact + (3 * se));
        Assert.InRange(exact, 0.5, 0.95);

        // Every cycle of 4 days: about a quarter as many cycles as days measured, a trial at a time.
        var cycles = result.Strategies[0][Metric.ReplenishmentCycles].Mean;
        Assert.InRange(cycles, (980 / review) - 1, (980 / review) + 1);
    }
}
