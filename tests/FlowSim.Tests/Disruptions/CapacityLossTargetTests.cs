using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Disruptions;

/// <summary>A capacity loss needs a capacity to cut: on a supplier without one it would silently do nothing.</summary>
public class CapacityLossTargetTests
{
    private static string Scenario(string supplier) => $$"""
        name: capacity loss
        horizon: 200d
        trials: 2
        items:
          - { id: widget, unit_cost: 10, price: 20 }
        suppliers:
          - {{supplier}}
        stock_points:
          - { id: shop }
        lanes:
          - { from: vendor, to: shop }
        demand:
          - { item: widget, at: shop, daily: 10/day }
        strategies:
          - { name: buffer, policy: buffer, rule: base-stock, order_up_to: 80 }
        disruptions:
          - { id: slow, kind: capacity_loss, supplier: vendor, at: 50d, duration: 20d, capacity: 50% }
        """;

    [Fact]
    public void On_a_supplier_without_capacity_it_is_an_error_at_its_supplier_field()
    {
        var errors = TestScenarios.Errors(Scenario("{ id: vendor, lead_time: 5d }"));
        var error = Assert.Single(errors);
        Assert.StartsWith("bad.yaml:17:48 disruptions[0].supplier: supplier 'vendor' has no capacity (unlimited)", error);
        Assert.Contains("suppliers[].capacity", error);
    }

    [Fact]
    public void On_a_supplier_with_capacity_it_is_valid()
    {
        Assert.Empty(TestScenarios.Errors(Scenario("{ id: vendor, lead_time: 5d, capacity: 15/day }")));
    }

    [Fact]
    public void Validate_refuses_it_with_exit_2_and_the_location()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-capacity-loss-");
        try
        {
            var path = Path.Combine(dir.FullName, "uncapped.yaml");
            File.WriteAllText(path, Scenario("{ id: vendor, lead_time: 5d }"));
            var outcome = CliRunner.Run("validate", path);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains("uncapped.yaml:17:48 disruptions[0].supplier: supplier 'vendor' has no capacity", outcome.Stderr + outcome.Stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
