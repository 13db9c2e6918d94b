using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Experiments;

/// <summary>Common random numbers and results that do not depend on threads.</summary>
public class ReproducibilityTests
{
    private const string Strategies = """
          - name: lean
            policy: buffer
            rule: s-Q
            service_level: 90%
          - name: lean-copy
            policy: buffer
            rule: s-Q
            service_level: 90%
          - name: to-order
            policy: demand-responsive
        """;

    private static ExperimentResult Run(int threads, ulong seed = 11) => Experiment.Run(
        TestScenarios.Load(TestScenarios.SingleItem(
            demand: "{ dist: negative_binomial, mean: 8/day, cv: 60% }",
            leadTime: "{ dist: uniform, min: 2d, max: 9d }",
            horizon: "200d",
            trials: 64,
            strategies: Strategies)),
        new RunOptions(Seed: seed, Threads: threads));

    [Fact]
    public void Strategies_with_the_same_parameters_have_identical_outcomes_trial_by_trial()
    {
        var result = Run(threads: 2);
        var (a, b) = (result.Strategies[0], result.Strategies[1]);
        for (var k = 0; k < result.Trials; k++)
        {
            foreach (var m in Metrics.All)
            {
                Assert.Equal(a.Outcome(k, m), b.Outcome(k, m));
            }
        }
    }

    [Fact]
    public void Every_strategy_in_a_trial_sees_the_same_demand()
    {
        var result = Run(threads: 2);
        var demanded = result.Strategies.Select(s => s.Values(Metric.DemandedUnits)).ToArray();
        Assert.Equal(demanded[0], demanded[2]);
        // ...while trials differ from each other.
        Assert.True(demanded[0].Distinct().Count() > result.Trials / 2);
    }

    [Fact]
    public void Outcomes_do_not_depend_on_the_thread_count()
    {
        var one = Run(threads: 1);
        var two = Run(threads: 2);
        for (var s = 0; s < one.Strategies.Length; s++)
        {
            Assert.Equal(one.Strategies[s].Values(Metric.TotalCost), two.Strategies[s].Values(Metric.TotalCost));
        }
    }

    [Fact]
    public void Another_seed_gives_other_outcomes()
    {
        Assert.NotEqual(Run(1, seed: 11).Strategies[0].Values(Metric.TotalCost), Run(1, seed: 12).Strategies[0].Values(Metric.TotalCost));
    }
}
