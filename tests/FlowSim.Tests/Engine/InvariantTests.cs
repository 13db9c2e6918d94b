using System.Reflection;
using FlowSim.Engine;
using FlowSim.Engine.Supply;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Engine;

/// <summary>
/// The debug-build books check (Simulation.Invariants.cs) holds on real trials and catches a unit
/// that appears or vanishes, so the many tests that run trials in Debug really are guarded by it.
/// </summary>
public class InvariantTests
{
    private static (Simulation Sim, double[] Outcome, SlotState[] State) ClosedTrial(string scenario)
    {
        var model = Model.Compile(TestScenarios.Load(scenario));
        var sim = new Simulation(model);
        var outcome = new double[sim.Layout.Length];
        sim.Run(0, 1, 5, outcome);
        var state = (SlotState[])typeof(Simulation).GetField("_state", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(sim)!;
        return (sim, outcome, state);
    }

    // Lumpy demand against a short shelf life: some days stock runs out, on others it expires.
    private static string Perishable => TestScenarios.SingleItem(
        demand: "{ dist: negative_binomial, mean: 5/day, cv: 150% }",
        item: "unit_cost: 4\n    price: 10\n    shelf_life: 2d", warmup: "20d", patience: "1d",
        strategies: "  - name: buffer\n    policy: buffer\n    order_up_to: 20\n");

    [Fact]
    public void A_closed_trial_with_expiry_and_impatient_customers_balances()
    {
        var (sim, outcome, state) = ClosedTrial(Perishable);

        Assert.True(state[0].ExpiredUnits > 0, "the scenario should make units expire");
        Assert.True(state[0].LostUnits > 0, "the scenario should lose impatient customers");
        sim.CheckInvariants(outcome);
    }

    [Theory]
    [InlineData(1.0, "stock is not conserved")]
    [InlineData(-1e6, "on hand is negative")]
    public void A_unit_that_appears_or_vanishes_is_caught(double change, string rule)
    {
        var (sim, outcome, state) = ClosedTrial(Perishable);
        state[0].OnHand += change;

        var e = Assert.Throws<InvalidOperationException>(() => sim.CheckInvariants(outcome));
        Assert.Contains($"invariant broken at widget@shop: {rule}", e.Message);
    }

    [Fact]
    public void A_customer_unit_unaccounted_for_is_caught()
    {
        var (sim, outcome, state) = ClosedTrial(Perishable);
        state[0].LostUnits += 1;

        var e = Assert.Throws<InvalidOperationException>(() => sim.CheckInvariants(outcome));
        Assert.Contains("customer demand does not balance", e.Message);
    }

    [Fact]
    public void A_fill_rate_outside_0_1_is_caught()
    {
        var (sim, outcome, _) = ClosedTrial(Perishable);
        outcome[(int)FlowSim.Outcomes.Metric.FillRate] = 1.01;

        var e = Assert.Throws<InvalidOperationException>(() => sim.CheckInvariants(outcome));
        Assert.Contains("the fill rate is not a share in [0, 1]", e.Message);
    }
}
