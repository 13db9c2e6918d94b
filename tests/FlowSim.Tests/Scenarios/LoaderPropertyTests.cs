using System.Diagnostics;
using System.Text;
using CsCheck;
using FlowSim.Experiments;
using FlowSim.Fuzz;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// Whatever a scenario file holds, the loader gives a clean scenario or its findings: never
/// another exception, never a hang. Valid mutants are simulated too, with the engine's debug
/// books check on, and their outputs must be finite shares and amounts.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public class LoaderPropertyTests
{
    // Each file loads in milliseconds; two seconds means something went quadratic or looped.
    private static readonly TimeSpan PerFile = TimeSpan.FromSeconds(2);

    private static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    // The same inputs on every run, so CI is repeatable; set CsCheck_Seed to explore other ones.
    private static readonly string? FixedSeed = Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } ? null : "fpbN9Xzylz61";

    [Fact]
    public void Mutated_files_give_a_scenario_or_findings_and_never_throw_or_hang()
    {
        ScenarioMutations.Mutated.Sample(bytes =>
        {
            var clock = Stopwatch.StartNew();
            FuzzTarget.LoadScenario(bytes);
            Assert.True(clock.Elapsed < PerFile, $"took {clock.Elapsed}");
        }, seed: FixedSeed, iter: 1000, threads: 1, print: Show);
    }

    [Fact]
    public void The_fuzz_target_accepts_every_bundled_and_bad_scenario_file()
    {
        var files = Directory.GetFiles(RepoFiles.Path("scenarios"), "*.yaml").Concat(Directory.GetFiles(RepoFiles.Path("tests/bad-scenarios"), "*.yaml")).ToList();
        Assert.True(files.Count > 20);
        foreach (var file in files)
        {
            // A scenario that reads history files finds them next to itself: from bytes alone it cannot.
            if (File.ReadAllText(file).Contains("history:", StringComparison.Ordinal))
            {
                continue;
            }

            var result = FuzzTarget.LoadScenario(File.ReadAllBytes(file));
            Assert.Equal(file.Contains("bad-scenarios", StringComparison.Ordinal) && !file.Contains("shelf-life", StringComparison.Ordinal), result.Scenario is null);
        }
    }

    [Fact]
    public void The_fuzz_target_reports_a_broken_contract_as_a_failure()
    {
        // An empty mapping has errors, so the target must return them; a target that swallowed everything would pass anything.
        var result = FuzzTarget.LoadScenario("{}"u8);
        Assert.Null(result.Scenario);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Valid_mutants_simulate_to_finite_outputs_with_fill_rates_in_0_1()
    {
        var simulated = SimulateValid(ScenarioMutations.Plausible, 200);

        // The generator must keep producing runnable scenarios, or this test would check nothing.
        Assert.True(simulated >= 40, $"only {simulated} of 200 mutants were valid and small enough to simulate");
    }

    [Fact]
    public void Extreme_but_valid_mutants_simulate_without_hanging_or_overflowing()
    {
        // This found a capacity of 1e-6 a week stepping day by day through 1e8 days, a gamma quantile
        // that never converged for a cv near 0, and a production order started twice.
        var simulated = SimulateValid(ScenarioMutations.Extreme, 300);

        Assert.True(simulated >= 30, $"only {simulated} of 300 mutants were valid and small enough to simulate");
    }

    /// <summary>Simulates the generated scenarios that load and are small; returns how many ran.</summary>
    private static int SimulateValid(Gen<string> scenarios, int iterations)
    {
        var simulated = 0;
        scenarios.Sample(yaml =>
        {
            var result = FuzzTarget.LoadScenario(Encoding.UTF8.GetBytes(yaml));
            if (result.Scenario is not { } scenario || scenario.HorizonDays * scenario.Stocked.Length > 20_000)
            {
                return;
            }

            simulated++;
            // Debug builds check every trial's books as it closes (Simulation.Invariants.cs).
            // A run stops at a deadline instead of hanging the test suite; missing it fails the property.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            ExperimentResult run;
            try
            {
                run = Experiment.Run(scenario, new RunOptions(Trials: 3, Threads: 1), null, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("three trials took more than 20 s");
                return;
            }

            foreach (var strategy in run.Strategies)
            {
                for (var k = 0; k < run.Trials; k++)
                {
                    foreach (var m in Enum.GetValues<Metric>())
                    {
                        var v = strategy.Outcome(k, m);
                        var mayBeUndefined = m.MayBeUndefined();
                        Assert.True(double.IsFinite(v) || (mayBeUndefined && double.IsNaN(v)), $"{strategy.Name} trial {k} {m} = {v}");
                    }

                    Assert.InRange(strategy.Outcome(k, Metric.FillRate), 0, 1);
                    Assert.InRange(strategy.Outcome(k, Metric.CycleServiceLevel), 0, 1);
                }
            }
        }, seed: FixedSeed, iter: iterations, threads: 1);
        return simulated;
    }
}
