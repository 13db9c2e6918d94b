using FlowSim.Planning;

namespace FlowSim.Tests.Scenarios;

/// <summary>Values each of which the loader reads, but that together make no sense, are refused in the loader's format.</summary>
public class SensibleValueTests
{
    private const string Network = """
        name: plant
        horizon: 200d
        trials: 2
        items:
          - { id: clay, unit_cost: 1, price: 2 }
          - { id: mug, unit_cost: 4, price: 10 }
        suppliers:
          - id: vendor
            lead_time: 3d
        stock_points:
          - id: plant
        lanes:
          - { from: vendor, to: plant, items: [clay] }
        production:
        {0}
        demand:
          - { item: mug, at: plant, daily: 5/day }
        strategies:
          - { name: buffer, policy: buffer }
        """;

    private static string WithProduction(string lines) => Network.Replace("{0}", lines, StringComparison.Ordinal);

    [Fact]
    public void Two_production_lines_for_one_item_at_one_plant_are_refused_naming_the_first()
    {
        var errors = TestScenarios.Errors(WithProduction(
            "  - { item: mug, at: plant, components: { clay: 1 }, lead_time: 1d }\n  - { item: mug, at: plant, components: { clay: 2 }, lead_time: 2d }"));

        var error = Assert.Single(errors);
        Assert.Matches(@"^bad\.yaml:\d+:\d+ production\[1\]: 'mug' at 'plant' is already made by production\[0\]; give one production line per item and plant$", error);
    }

    [Fact]
    public void An_empty_bill_of_materials_is_refused_asking_for_a_component()
    {
        var errors = TestScenarios.Errors(WithProduction("  - { item: mug, at: plant, components: {}, lead_time: 1d }"));

        Assert.Single(errors);
        Assert.Contains("production[0].components: name at least one component", errors[0]);
    }

    [Fact]
    public void One_line_per_item_and_plant_still_loads()
    {
        TestScenarios.Load(WithProduction("  - { item: mug, at: plant, components: { clay: 1 }, lead_time: 1d }"));
    }

    [Theory]
    [InlineData("0.000001")]
    [InlineData("0.1%")]
    public void A_service_level_so_low_that_the_order_up_to_level_is_negative_is_refused_with_the_lowest_sensible_level(string level)
    {
        var yaml = TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 5/day, sd: 20/day }",
            strategies: $"  - name: lean\n    policy: buffer\n    service_level: {level}\n");

        var errors = TestScenarios.Errors(yaml);

        var error = Assert.Single(errors);
        Assert.Contains("strategies[0].service_level: ", error);
        Assert.Contains("a negative order-up-to level", error);
        Assert.Contains("Use a service level of at least 0.", error);
    }

    [Fact]
    public void Validate_refuses_a_service_level_whose_sized_order_up_to_level_is_negative_with_exit_2_and_the_field()
    {
        // The check needs the policies sized over the network, so it runs after the loader: every
        // command that validates or runs a scenario must still make it.
        var yaml = TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 5/day, sd: 20/day }",
            strategies: "  - name: lean\n    policy: buffer\n    service_level: 0.1%\n");
        var path = Path.Combine(Path.GetTempPath(), $"flowsim-low-level-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            Assert.NotNull(FlowSim.Scenarios.ScenarioLoader.Load(path).Scenario);
            var outcome = FlowSim.Tests.Cli.CliRunner.Run("validate", path);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains("strategies[0].service_level: ", outcome.Stderr + outcome.Stdout);
            Assert.Contains("a negative order-up-to level", outcome.Stderr + outcome.Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_service_level_below_half_that_still_leaves_stock_loads_with_a_negative_safety_stock()
    {
        var yaml = TestScenarios.SingleItem(
            demand: "{ dist: normal, mean: 5/day, sd: 2/day }",
            strategies: "  - name: lean\n    policy: buffer\n    service_level: 30%\n");

        TestScenarios.Load(yaml);
    }

    [Theory]
    [InlineData("fill_rate>=NaN")]
    [InlineData("fill_rate>=Infinity")]
    [InlineData("total_cost<=-Infinity")]
    public void A_target_that_is_not_a_finite_number_is_refused(string text)
    {
        Assert.Null(OptimizationTarget.TryParse(text, out var error));
        Assert.Contains("expected a finite number after the comparison", error);
    }
}
