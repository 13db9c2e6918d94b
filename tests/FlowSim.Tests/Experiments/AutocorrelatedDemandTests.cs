using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Experiments;

/// <summary><c>demand[].autocorrelation</c>: AR(1) daily demand, its window variance and the safety stock sized for it.</summary>
public class AutocorrelatedDemandTests
{
    private static string Scenario(double rho, string horizon, int trials, string strategy = "{ name: fixed, policy: buffer, order_up_to: 5000 }") => TestScenarios.SingleItem(
        demand: "{ dist: normal, mean: 100/day, sd: 20/day }\n    autocorrelation: " + rho.ToString(System.Globalization.CultureInfo.InvariantCulture),
        horizon: horizon,
        trials: trials,
        strategies: "  - " + strategy + "\n");

    [Theory]
    [InlineData(0.8)]
    [InlineData(-0.4)]
    public void Ten_days_of_demand_have_the_ar1_variance_of_their_sum(double rho)
    {
        // Var(sum of n days) = sigma^2 (n + 2 sum_{k<n} (n - k) rho^k); the sample variance over N
        // trials has a standard error of about s^2 sqrt(2 / (N - 1)).
        const int trials = 600;
        const int days = 10;
        var result = Experiment.Run(TestScenarios.Load(Scenario(rho, $"{days}d", trials)), new RunOptions(Threads: 2));
        var demanded = result.Strategies[0][Metric.DemandedUnits];
        var sum = 0.0;
        for (var k = 1; k < days; k++)
        {
            sum += (days - k) * Math.Pow(rho, k);
        }

        var expected = 400 * (days + (2 * sum));
        Assert.Equal(expected, 400 * days * PolicySizing.Ar1WindowVarianceFactor(rho, days), 6);
        var variance = demanded.Std * demanded.Std;
        var standardError = variance * Math.Sqrt(2.0 / (trials - 1));
        Assert.True(Math.Abs(variance - expected) <= 3 * standardError, $"variance {variance:F0}, AR(1) {expected:F0} ± {3 * standardError:F0}");
        Assert.True(Math.Abs(demanded.Mean - (100 * days)) <= 3 * demanded.Std / Math.Sqrt(trials), $"mean {demanded.Mean:F1}");
    }

    [Fact]
    public void The_safety_stock_covers_the_variance_of_correlated_demand_over_the_protection_period()
    {
        // A 5-day lead time reviewed daily protects 5 days; z(95%) times the AR(1) sd of their sum.
        var result = Experiment.Run(TestScenarios.Load(Scenario(0.6, "60d", 1, "{ name: sized, policy: buffer, rule: base-stock, service_level: 95% }")
            .Replace("lead_time: 3d", "lead_time: 5d")), new RunOptions(Threads: 1));
        var numbers = result.Strategies[0].PolicyDetails[0].Numbers;
        var protection = numbers.ProtectionDays!.Value;
        // The daily variance is that of the normal truncated at zero, five sd below its mean.
        var daily = Distribution.Normal(100, 20).Variance;
        var expected = StandardNormal.Quantile(0.95) * Math.Sqrt(daily * protection * PolicySizing.Ar1WindowVarianceFactor(0.6, protection));
        Assert.InRange(numbers.SafetyStock!.Value, expected - 1e-9, expected + 1);
        Assert.True(PolicySizing.Ar1WindowVarianceFactor(0.6, protection) > 2, "correlation widens the window's spread");
    }

    [Fact]
    public void A_warehouse_feeding_correlated_demand_is_sized_for_its_correlation_too()
    {
        // A DC ordering up to its level daily passes its customers' AR(1) days on to the warehouse
        // behind it, which protects 7 days: z(95%) times the AR(1) sd of 7 correlated days, not of
        // 7 independent ones. A second DC's independent days add their plain variance.
        const string yaml = """
            name: two echelons
            horizon: 60d
            trials: 1
            items:
              - { id: a, unit_cost: 10, price: 20 }
            suppliers:
              - { id: s1, lead_time: 7d }
            stock_points:
              - { id: wh }
              - { id: dc }
              - { id: dc2 }
            lanes:
              - { from: s1, to: wh }
              - { from: wh, to: dc, lead_time: 1d }
              - { from: wh, to: dc2, lead_time: 1d }
            demand:
              - { item: a, at: dc, daily: { dist: normal, mean: 10, sd: 3 }, autocorrelation: 0.8 }
              - { item: a, at: dc2, daily: { dist: normal, mean: 10, sd: 3 } }
            strategies:
              - { name: sized, policy: buffer, rule: base-stock, service_level: 95% }
            """;
        var result = Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1));
        var warehouse = result.Strategies[0].PolicyDetails.Single(p => p.Location == "wh").Numbers;
        Assert.Equal(7, warehouse.ProtectionDays);
        var daily = Distribution.Normal(10, 3).Variance;
        var window = (daily * 7 * PolicySizing.Ar1WindowVarianceFactor(0.8, 7)) + (daily * 7);
        Assert.Equal(StandardNormal.Quantile(0.95) * Math.Sqrt(window), warehouse.SafetyStock!.Value, 6);
        Assert.True(window > 2.5 * 2 * daily * 7, "the correlated DC's busy spells reach the warehouse");
    }

    [Fact]
    public void The_window_variance_rises_steadily_to_fully_correlated_days_as_rho_nears_one()
    {
        // Fully correlated days: n days vary as one day times n, a factor of n over independent days.
        var previous = 1.0;
        foreach (var rho in new[] { 0.5, 0.9, 0.99, 0.999, 0.999999, 0.9999999999, 0.9999999999999999 })
        {
            var factor = PolicySizing.Ar1WindowVarianceFactor(rho, 5);
            Assert.True(factor >= previous && factor <= 5, $"rho {rho}: factor {factor}, previous {previous}");
            previous = factor;
        }

        Assert.Equal(5, previous, 6);
        Assert.Equal(1 - 0.8, PolicySizing.Ar1WindowVarianceFactor(-1 + 1e-12, 5), 6);
    }

    [Theory]
    [InlineData("{ dist: normal, mean: 100/day, sd: 20/day }\n    autocorrelation: 1", "must be above -1 and below 1")]
    [InlineData("{ dist: poisson, mean: 5/day }\n    autocorrelation: 0.5", "applies to normal and gamma daily demand, not poisson")]
    public void Autocorrelation_out_of_range_or_on_another_family_is_refused(string demand, string message)
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(demand: demand));
        Assert.Contains(errors, e => e.Contains("demand[0].autocorrelation") && e.Contains(message));
    }
}
