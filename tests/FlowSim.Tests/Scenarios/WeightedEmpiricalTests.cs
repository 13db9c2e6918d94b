using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Scenarios;

/// <summary><c>{ dist: empirical, values, weights }</c>: a probability mass function written in the scenario.</summary>
public class WeightedEmpiricalTests
{
    [Fact]
    public void Weights_give_the_demand_its_mass_function_and_the_simulated_demand_its_mean()
    {
        // Daily demand 0, 4 or 10 units with shares 0.6, 0.3, 0.1: mean 2.2 a day.
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(demand: "{ dist: empirical, values: [0, 4, 10], weights: [6, 3, 1] }", horizon: "2000d"));
        var daily = scenario.Demand[0].Daily;
        Assert.Equal(Distribution.Empirical([0, 4, 10], [6, 3, 1]), daily);
        Assert.Equal(2.2, daily.Mean, 12);

        var result = Experiment.Run(scenario, new RunOptions(Trials: 40, Threads: 1));
        var demanded = result.Strategies[0][Metric.DemandedUnits];

        // Per trial: 2,000 days of variance 0.3 * 16 + 0.1 * 100 - 2.2^2 = 9.96 a day; the CI is of the mean of 40 trials.
        var standardError = Math.Sqrt(2000 * 9.96 / 40);
        Assert.True(Math.Abs(demanded.Mean - (2000 * 2.2)) <= 3 * standardError, $"demanded {demanded.Mean:F0}, expected {2000 * 2.2:F0} ± {3 * standardError:F0}");
    }

    [Theory]
    [InlineData("{ dist: empirical, values: [0, 4, 10], weights: [6, 3] }", "[6, 3]", "demand[0].daily.weights", "expected one weight per value: 3 values, 2 weights")]
    [InlineData("{ dist: empirical, values: [0, 4], weights: [6, -1] }", "-1", "demand[0].daily.weights[1]", "")]
    [InlineData("{ dist: empirical, values: [0, 4], weights: [0, 0] }", "[0, 0]", "demand[0].daily.weights", "at least one weight must be above zero")]
    [InlineData("{ dist: empirical, values: [0, 4], weights: 3 }", "3 }", "demand[0].daily.weights", "expected a list of weights")]
    public void Weights_that_are_no_mass_function_are_refused_with_their_place(string demand, string at, string path, string message)
    {
        var yaml = TestScenarios.SingleItem(demand: demand);
        var error = Assert.Single(TestScenarios.Parse(yaml, "bad.yaml").Errors);
        Assert.Equal(path, error.FieldPath);
        Assert.Contains(message, error.Message);

        // The line and column of the offending text.
        var lines = yaml.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(demand, StringComparison.Ordinal));
        Assert.Equal(line + 1, error.Line);
        Assert.Equal(lines[line].IndexOf(at, lines[line].IndexOf("weights", StringComparison.Ordinal), StringComparison.Ordinal) + 1, error.Column);
    }

    [Fact]
    public void Weights_with_a_history_file_are_refused()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(demand: "{ dist: empirical, history: h.csv, weights: [1] }"));
        Assert.Contains(errors, e => e.Contains("demand[0].daily.weights") && e.Contains("weights go with values"));
    }
}
