using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;
using FlowSim.Stochastic;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Experiments;

/// <summary>
/// <c>customers:</c> orders arriving one by one as a Poisson process, and <c>review: continuous</c>:
/// the continuous-review models of inventory theory, checked against their closed forms.
/// </summary>
public class CustomerArrivalTests
{
    // Half an order a day on lead times of 4 days on average: 2 orders outstanding on average.
    private const double Rate = 0.5;
    private const double LeadTime = 4;

    private static string Yaml(string customers, string leadTime, string strategies, string patience = "unlimited", int trials = 40, string horizon = "2000d") =>
        TestScenarios.SingleItem(demand: "ARRIVALS", leadTime: leadTime, strategies: strategies, patience: patience, horizon: horizon, warmup: "100d", trials: trials)
            .Replace("daily: ARRIVALS", $"customers: {customers}", StringComparison.Ordinal);

    private static StrategyResult Run(string customers, string leadTime, string strategies, string patience = "unlimited", int trials = 40) =>
        Experiment.Run(TestScenarios.Load(Yaml(customers, leadTime, strategies, patience, trials)), new RunOptions(Threads: 1)).Strategies[0];

    private const string BaseStock3 = "  - name: buffer\n    policy: buffer\n    order_up_to: 3\n    review: continuous\n";

    [Fact]
    public void Base_stock_on_continuous_review_fills_as_Palms_theorem_says_for_exponential_lead_times()
    {
        // (S-1,S) with Poisson orders: the orders outstanding are Poisson(rate x mean lead time)
        // whatever the lead-time law (Palm), so an order is filled from stock when fewer than S are.
        var st = Run($"{{ rate: {Rate}/day }}", $"{{ dist: exponential, mean: {LeadTime}d }}", BaseStock3);
        var outstanding = new Poisson(Rate * LeadTime);
        StandardErrors.Near(outstanding.CumulativeDistribution(2), st[Metric.FillRate], "fill rate");
        var onHand = Enumerable.Range(0, 3).Sum(n => (3 - n) * outstanding.Probability(n));
        StandardErrors.Near(onHand, st[Metric.AvgOnHandUnits], "average on hand");
        StandardErrors.Near(Rate * LeadTime, st[Metric.AvgInTransitUnits], "average in transit (Little)");
    }

    [Theory]
    [InlineData("{ dist: exponential, mean: 4d }")]
    [InlineData("{ dist: uniform, min: 1d, max: 7d }")]
    [InlineData("4d")]
    public void Lost_sales_on_continuous_review_lose_the_Erlang_loss_share_whatever_the_lead_time_law(string leadTime)
    {
        // Patience 0: an order that finds no stock is lost and orders nothing, so the units on
        // order are the busy servers of an M/G/3/3 loss system: Erlang B(3, 2) of orders are lost.
        var st = Run($"{{ rate: {Rate}/day }}", leadTime, BaseStock3, patience: "0d");
        StandardErrors.Near(1 - ErlangB(3, Rate * LeadTime), st[Metric.FillRate], $"fill rate with lead time {leadTime}");
        Assert.Equal(0, st[Metric.BackorderedUnits].Mean);
    }

    [Fact]
    public void A_reorder_point_rule_on_continuous_review_fills_as_the_uniform_position_of_r_Q_theory_says()
    {
        // (r,Q) with unit Poisson orders: the position is uniform on r+1..r+Q, and an order finds
        // stock when the demand over the lead time is below the position it saw.
        var st = Run($"{{ rate: {Rate}/day }}", "4d", "  - name: buffer\n    policy: buffer\n    rule: s-Q\n    reorder_point: 1\n    order_quantity: 3\n    review: continuous\n");
        var leadTimeDemand = new Poisson(Rate * LeadTime);
        var expected = Enumerable.Range(2, 3).Average(y => leadTimeDemand.CumulativeDistribution(y - 1));
        StandardErrors.Near(expected, st[Metric.FillRate], "fill rate");
    }

    [Fact]
    public void Continuous_review_places_one_replenishment_order_per_customer_order()
    {
        var st = Run($"{{ rate: {Rate}/day }}", $"{{ dist: exponential, mean: {LeadTime}d }}", BaseStock3, trials: 5);
        for (var trial = 0; trial < st.Trials; trial++)
        {
            Assert.True(st.Outcome(trial, Metric.DemandedUnits) > 500);
            Assert.Equal(st.Outcome(trial, Metric.DemandedUnits), st.Outcome(trial, Metric.OrdersPlaced));
        }
    }

    [Fact]
    public void Demand_responsive_on_continuous_review_releases_each_customer_order_as_it_comes()
    {
        var st = Run($"{{ rate: {Rate}/day, order_size: 2 }}", "3d", "  - name: mto\n    policy: demand-responsive\n    review: continuous\n", trials: 5);
        for (var trial = 0; trial < st.Trials; trial++)
        {
            var demanded = st.Outcome(trial, Metric.DemandedUnits);
            Assert.Equal(demanded, st.Outcome(trial, Metric.OrderedUnits));
            Assert.Equal(demanded / 2, st.Outcome(trial, Metric.OrdersPlaced));
        }
    }

    [Fact]
    public void Orders_of_random_size_bring_the_rate_times_the_mean_size_a_day()
    {
        var st = Run($"{{ rate: {Rate}/day, order_size: {{ dist: empirical, values: [1, 2, 6] }} }}", "4d", BaseStock3, trials: 40);
        StandardErrors.Near(Rate * 3 * 1900, st[Metric.DemandedUnits], "units demanded over 1,900 days");
    }

    [Fact]
    public void Arrivals_follow_the_weekly_pattern_exactly_by_thinning()
    {
        // All demand on the first day of each week: every order, and so every receipt two days
        // later, falls in that day.
        var yaml = Yaml($"{{ rate: {Rate}/day }}", "2d", BaseStock3, trials: 1)
            .Replace("    patience: unlimited", "    patience: unlimited\n    seasonality: { weekly: [1, 0, 0, 0, 0, 0, 0] }", StringComparison.Ordinal);
        var model = Model.Compile(TestScenarios.Load(yaml));
        var receipts = new List<double>();
        var sim = new Simulation(model) { Trace = e => { if (e.Kind == EventKind.Receipt) { receipts.Add(e.Time); } } };
        sim.Run(0, 0, 7, new double[sim.Layout.Length]);

        // 0.5 a day on average means 3.5 on each first day: about 1,000 in 2,000 days.
        Assert.InRange(receipts.Count, 900, 1100);
        Assert.All(receipts, t => Assert.InRange(t % 7, 2, 3));
    }

    [Fact]
    public void A_slow_mover_over_two_hundred_years_visits_only_the_days_with_something_to_do()
    {
        var yaml = Yaml("{ rate: 0.08/day }", "4d", BaseStock3, trials: 1, horizon: "200y");
        var model = Model.Compile(TestScenarios.Load(yaml));
        var sim = new Simulation(model);
        sim.Run(0, 0, 7, new double[sim.Layout.Length]);

        // About 5,840 orders and as many receipts over 73,000 days: at most one day each.
        Assert.True(sim.DaysVisited < 14_000, $"{sim.DaysVisited} days visited");
        Assert.True(sim.EventsProcessed > 10_000, $"{sim.EventsProcessed} events");
    }

    [Fact]
    public void Results_are_the_same_whatever_the_thread_count()
    {
        var scenario = TestScenarios.Load(Yaml($"{{ rate: {Rate}/day, order_size: {{ dist: poisson, mean: 2 }} }}", "{ dist: exponential, mean: 4d }", BaseStock3, trials: 12));
        var one = Experiment.Run(scenario, new RunOptions(Threads: 1)).Strategies[0];
        var two = Experiment.Run(scenario, new RunOptions(Threads: 2)).Strategies[0];
        for (var trial = 0; trial < one.Trials; trial++)
        {
            Assert.Equal(one.Outcome(trial, Metric.TotalCost), two.Outcome(trial, Metric.TotalCost));
            Assert.Equal(one.Outcome(trial, Metric.FillRate), two.Outcome(trial, Metric.FillRate));
        }
    }

    [Fact]
    public void Sizing_protects_the_lead_time_alone_when_orders_arrive_at_exact_times()
    {
        // A half-day lead time: an order placed at an arrival lands half a day later; placed after
        // a day's demand, it serves the next day at the earliest.
        var policy = "  - name: buffer\n    policy: buffer\n    service_level: 95%\n    review: continuous\n";
        var arrivals = Experiment.Run(TestScenarios.Load(Yaml($"{{ rate: {Rate}/day }}", "12h", policy, trials: 2)), new RunOptions(Threads: 1));
        var daily = Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(demand: $"{{ dist: poisson, mean: {Rate}/day }}", leadTime: "12h", strategies: policy, trials: 2)), new RunOptions(Threads: 1));
        Assert.Equal(0.5, arrivals.Strategies[0].PolicyDetails[0].Numbers.ProtectionDays);
        Assert.Equal(1, daily.Strategies[0].PolicyDetails[0].Numbers.ProtectionDays);
        Assert.Equal(0, arrivals.Strategies[0].PolicyDetails[0].Numbers.ReviewDays);
        Assert.Contains("continuous review", arrivals.Strategies[0].PolicyDetails[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_periodic_review_before_the_days_customers_covers_the_lead_time_and_the_whole_review_period()
    {
        // A review at the start of day t comes before that day's customers, so its order covers
        // L + R days: daily review and 5 days' lead time give 6, where daily buckets booked before
        // the review give max(L, 1) + R - 1 = 5; a weekly review, 12 against 11.
        static PolicyNumbers Sized(string demand, string review) => Experiment.Run(
            TestScenarios.Load(TestScenarios.SingleItem(demand: demand, leadTime: "5d", strategies: $"  - name: buffer\n    policy: buffer\n    rule: R-S\n    review: {review}\n    service_level: 95%\n", trials: 2)
                .Replace("daily: ARRIVALS", "customers: { rate: 6/day }", StringComparison.Ordinal)),
            new RunOptions(Threads: 1)).Strategies[0].PolicyDetails[0].Numbers;
        Assert.Equal(6, Sized("ARRIVALS", "1d").ProtectionDays);
        Assert.Equal(5, Sized("{ dist: poisson, mean: 6/day }", "1d").ProtectionDays);
        Assert.Equal(12, Sized("ARRIVALS", "7d").ProtectionDays);
        Assert.Equal(11, Sized("{ dist: poisson, mean: 6/day }", "7d").ProtectionDays);
    }

    [Fact]
    [Trait("Category", TestCategory.Slow)]
    public void A_daily_review_of_arriving_customers_sized_for_95_percent_cycle_service_reaches_it()
    {
        // Poisson(6) a day over L + R = 6 days: 36 on average. The level is sized from the normal
        // approximation; the cycle service level is P(demand over the 6 days <= S), exactly.
        var policy = "  - name: buffer\n    policy: buffer\n    rule: base-stock\n    service_level: 95%\n";
        var result = Experiment.Run(TestScenarios.Load(Yaml("{ rate: 6/day }", "5d", policy, trials: 40)), new RunOptions(Threads: 2)).Strategies[0];
        var s = result.PolicyDetails[0].Numbers.OrderUpTo!.Value;
        var exact = Poisson.CDF(36, Math.Floor(s));
        var csl = result[Metric.CycleServiceLevel];
        Assert.True(exact > 0.93, $"S = {s} protects {exact:P1} of 6 days' demand: the sizing no longer covers L + R");
        Assert.InRange(exact, csl.Mean - (3 * csl.HalfWidth / 1.96), csl.Mean + (3 * csl.HalfWidth / 1.96));
    }

    [Fact]
    public void A_day_of_single_unit_arrivals_is_Poisson_and_of_larger_orders_keeps_the_compound_moments()
    {
        var unit = new CustomerArrivals(0.5, Distribution.Constant(1)).DailyTotal();
        Assert.Equal(DistributionKind.Poisson, unit.Kind);
        Assert.Equal(0.5, unit.Mean, 12);

        // Sizes 1, 2 or 6 equally likely: mean 3, mean square 41/3.
        var lumpy = new CustomerArrivals(0.5, Distribution.Empirical([1, 2, 6])).DailyTotal();
        Assert.Equal(DistributionKind.NegativeBinomial, lumpy.Kind);
        Assert.Equal(1.5, lumpy.Mean, 9);
        Assert.Equal(0.5 * 41 / 3, lumpy.Variance, 9);
    }

    [Theory]
    [InlineData("    daily: { dist: poisson, mean: 1/day }\n    customers: { rate: 1/day }", "demand[0].customers", "not both")]
    [InlineData("    customers: { order_size: 2 }", "demand[0].customers.rate", "customer orders per day")]
    [InlineData("    customers: { rate: 0/day }", "demand[0].customers.rate", "")]
    [InlineData("    customers: { rate: 1/day }\n    autocorrelation: 0.5", "demand[0].autocorrelation", "Poisson process")]
    [InlineData("    customers: { rate: 1e12/day }", "demand[0].customers.rate", "give daily demand")]
    [InlineData("    customers: { rate: 1000000/day }", "demand[0].customers.rate", "customer orders a trial at the peak rate")]
    [InlineData("    customers: { rate: 1/day, order_size: { dist: empirical, history: h.csv } }", "demand[0].customers.order_size", "not read from a history")]
    public void Bad_customer_arrivals_are_refused_at_their_place(string demandLines, string path, string message)
    {
        var yaml = TestScenarios.SingleItem().Replace("    daily: { dist: poisson, mean: 5/day }", demandLines, StringComparison.Ordinal);
        var errors = TestScenarios.Errors(yaml);
        Assert.Contains(errors, e => e.Contains(path, StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("    rule: R-S\n    review: continuous\n    order_up_to: 9\n", "use base-stock for continuous review")]
    [InlineData("    review: continuous\n    forecast: { window: 4w }\n", "review daily")]
    [InlineData("    review: sometimes\n", "(or 'continuous')")]
    public void Continuous_review_where_it_cannot_apply_is_refused(string policyLines, string message)
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(strategies: "  - name: buffer\n    policy: buffer\n" + policyLines));
        Assert.Contains(errors, e => e.Contains("review", StringComparison.Ordinal) || e.Contains("forecast", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    private static double ErlangB(int servers, double load)
    {
        // The recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
        var b = 1.0;
        for (var k = 1; k <= servers; k++)
        {
            b = load * b / (k + (load * b));
        }

        return b;
    }
}
