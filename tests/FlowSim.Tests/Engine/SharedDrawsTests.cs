using FlowSim.Engine;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Engine;

/// <summary>
/// The runs of one trial may share its demand and lead-time draws: every run sees exactly the
/// numbers it would have drawn itself, so sharing changes no outcome.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public class SharedDrawsTests
{
    public static TheoryData<string> BundledScenarios() => [.. RepoFiles.Scenarios()];

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Give_every_run_of_a_trial_the_outcome_it_has_when_drawing_as_it_goes(string file)
    {
        // The bundled scenarios between them have demand shocks, seasons, expediting (which shares
        // its lane's stream), drawn lead times, tables and samplers. Every kind of run of a trial,
        // in the order the trial runner makes them, then another trial, then the first again.
        var model = Model.Compile(ScenarioLoader.Load(RepoFiles.Path(file)).Scenario!);
        var shared = new Simulation(model, shareDraws: true);
        var own = new Simulation(model);
        var a = new double[shared.Layout.Length];
        var b = new double[shared.Layout.Length];
        var leaders = Enumerable.Range(0, model.Disruptions.Length).Where(d => model.Disruptions[d].Leader == d).ToArray();

        // Each disruption switched off alone; of hundreds (the many-disruptions benchmark), twelve
        // spread over them, as every such run is a whole trial.
        if (leaders.Length > 12)
        {
            leaders = [.. Enumerable.Range(0, 12).Select(k => leaders[k * leaders.Length / 12])];
        }

        foreach (var trial in new long[] { 3, 4, 3 })
        {
            for (var strategy = 0; strategy < model.Strategies.Length; strategy++)
            {
                shared.Run(strategy, trial, 17, a);
                own.Run(strategy, trial, 17, b);
                Assert.Equal(b, a);
                if (leaders.Length == 0)
                {
                    continue;
                }

                shared.Run(strategy, trial, 17, a, disruptions: false);
                own.Run(strategy, trial, 17, b, disruptions: false);
                Assert.Equal(b, a);
                foreach (var d in leaders)
                {
                    shared.Run(strategy, trial, 17, a, switchedOff: d);
                    own.Run(strategy, trial, 17, b, switchedOff: d);
                    Assert.Equal(b, a);
                }
            }
        }

        // A different seed is a different trial too.
        shared.Run(0, 3, 18, a);
        own.Run(0, 3, 18, b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Keep_the_demand_of_every_store_of_the_large_network()
    {
        // 1,200 demand streams, none shocked: all of them are drawn once per trial.
        var model = Model.Compile(ScenarioLoader.Load(RepoFiles.Path("benchmarks/scenarios/large-network.yaml")).Scenario!);
        Assert.Equal(1200, new Simulation(model, shareDraws: true).SharedDemandStreams);
        Assert.Equal(0, new Simulation(model).SharedDemandStreams);
    }

    [Fact]
    public void Are_not_kept_for_a_scenario_too_long_to_hold_them()
    {
        // 200 years of 30 stores is more than a thread keeps: those runs draw as they go.
        var stores = string.Join("\n", Enumerable.Range(1, 30).Select(k => $"  - {{ id: s{k} }}"));
        var lanes = string.Join("\n", Enumerable.Range(1, 30).Select(k => $"  - {{ from: sup, to: s{k} }}"));
        var demand = string.Join("\n", Enumerable.Range(1, 30).Select(k => $"  - {{ item: a, at: s{k}, daily: {{ dist: poisson, mean: 3 }} }}"));
        var model = Model.Compile(TestScenarios.Load($$"""
            name: long
            horizon: 200y
            items:
              - { id: a, unit_cost: 10, price: 20 }
            suppliers:
              - { id: sup, lead_time: 5d }
            stock_points:
            {{stores}}
            lanes:
            {{lanes}}
            demand:
            {{demand}}
            strategies:
              - { name: bs, policy: buffer, rule: base-stock, service_level: 95% }
            """));
        Assert.True(200 * 365 * 30 > Simulation.MaxSharedDemandDraws);
        Assert.Equal(0, new Simulation(model, shareDraws: true).SharedDemandStreams);
    }
}
