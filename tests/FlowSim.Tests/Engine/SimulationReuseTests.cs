using FlowSim.Engine;
using FlowSim.Experiments;

namespace FlowSim.Tests.Engine;

/// <summary>A simulation instance is reset and reused for every trial its thread runs.</summary>
public class SimulationReuseTests
{
    private static Model Quickstart() =>
        Model.Compile(FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("scenarios/quickstart.yaml")).Scenario!);

    [Fact]
    public void A_reused_instance_allocates_nothing_per_trial()
    {
        var model = Quickstart();
        var sim = new Simulation(model);
        var outcome = new double[sim.Layout.Length];
        long trial = 0;
        var allocated = Allocations.InSteadyState(() =>
        {
            for (var s = 0; s < model.Strategies.Length; s++)
            {
                sim.Run(s, trial, 99, outcome);
            }

            trial++;
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_reused_instance_gives_the_same_outcome_as_a_fresh_one()
    {
        var model = Quickstart();
        var reused = new Simulation(model);
        var scratch = new double[reused.Layout.Length];
        for (var k = 0; k < 5; k++)
        {
            reused.Run(k % model.Strategies.Length, k, 3, scratch);
        }

        var a = new double[reused.Layout.Length];
        var b = new double[reused.Layout.Length];
        reused.Run(1, 17, 3, a);
        new Simulation(model).Run(1, 17, 3, b);
        Assert.Equal(b, a);
    }
}
