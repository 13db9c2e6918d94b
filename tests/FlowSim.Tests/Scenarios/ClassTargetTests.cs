using System.Text.Json;
using FlowSim.Scenarios;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// A buffer strategy's service targets per ABC-XYZ class (<c>classes</c>) and per item group
/// (<c>groups</c>): each item is sized for its class's or group's target, the more specific one
/// winning, and a class or group no item has is an error at its key.
/// </summary>
public sealed class ClassTargetTests
{
    private static string Yaml(string strategyExtra, string mugExtra = "") => $$"""
        name: classes
        horizon: 400d
        warmup: 30d
        trials: 4
        seed: 7
        items:
          - { id: mug, unit_cost: 10, price: 15, class: AX{{mugExtra}} }
          - { id: vase, unit_cost: 10, price: 15, class: AZ }
          - { id: bowl, unit_cost: 10, price: 15, class: CZ, group: tableware }
          - { id: plate, unit_cost: 10, price: 15, class: BY }
        suppliers:
          - { id: vendor, lead_time: 5d }
        stock_points:
          - id: shop
        lanes:
          - { from: vendor, to: shop }
        demand:
          - { item: mug, at: shop, daily: { dist: poisson, mean: 5/day } }
          - { item: vase, at: shop, daily: { dist: poisson, mean: 1/day } }
          - { item: bowl, at: shop, daily: { dist: poisson, mean: 2/day } }
          - { item: plate, at: shop, daily: { dist: poisson, mean: 3/day } }
        strategies:
          - name: buffer
            policy: buffer
            fill_rate: 90%
        {{strategyExtra}}
        """;

    private static BufferPolicy Policy(Scenario scenario, string item) => (BufferPolicy)scenario.Strategies[0].PolicyFor(item, "shop");

    [Fact]
    public void An_item_in_class_A_is_sized_for_its_classs_target_and_the_others_keep_the_strategys()
    {
        var scenario = TestScenarios.Load(Yaml("""
                classes:
                  A: { fill_rate: 98% }
            """));
        Assert.Equal(0.98, Policy(scenario, "mug").FillRate);
        Assert.Equal(0.98, Policy(scenario, "vase").FillRate);
        Assert.Equal(0.90, Policy(scenario, "bowl").FillRate);
        Assert.Equal(0.90, Policy(scenario, "plate").FillRate);
        Assert.Equal("AX", scenario.Items.Single(i => i.Id == "mug").Class);
    }

    [Fact]
    public void The_more_specific_target_wins_letter_then_pair_then_group_then_the_items_own()
    {
        var scenario = TestScenarios.Load(Yaml("""
                classes:
                  A: { fill_rate: 98% }
                  Z: { service_level: 85% }
                  AZ: { fill_rate: 99% }
                groups:
                  tableware: { fill_rate: 97% }
                items:
                  mug: { fill_rate: 99.5% }
            """));
        Assert.Equal(0.995, Policy(scenario, "mug").FillRate);     // its own setting over class A
        Assert.Equal(0.99, Policy(scenario, "vase").FillRate);     // the pair AZ over A and Z
        Assert.Equal(0.97, Policy(scenario, "bowl").FillRate);     // its group over class Z
        Assert.Equal(0.90, Policy(scenario, "plate").FillRate);    // class BY has no target: the strategy's

        // A service level replaces the inherited fill rate: C items with erratic demand other than bowl would get 85%.
        var cz = TestScenarios.Load(Yaml("""
                classes:
                  Z: { service_level: 85% }
            """));
        Assert.Null(Policy(cz, "bowl").FillRate);
        Assert.Equal(0.85, Policy(cz, "bowl").ServiceLevel);
    }

    [Theory]
    [InlineData("classes:\n      AY: { fill_rate: 98% }", "bad.yaml:27:7 strategies[0].classes.AY: no item has ABC-XYZ class 'AY'")]
    [InlineData("classes:\n      D: { fill_rate: 98% }", "bad.yaml:27:7 strategies[0].classes.D: expected an ABC-XYZ class")]
    [InlineData("groups:\n      tablewear: { fill_rate: 98% }", "bad.yaml:27:7 strategies[0].groups.tablewear: no item has item group 'tablewear'; did you mean 'tableware'?")]
    [InlineData("classes:\n      A: { order_up_to: 40 }", "strategies[0].classes.A.order_up_to")]
    [InlineData("classes:\n      A: { fill_rate: 98%, service_level: 95% }", "strategies[0].classes.A: give one target")]
    public void A_class_or_group_no_item_has_is_an_error_at_its_key(string strategyExtra, string expected)
    {
        var errors = TestScenarios.Errors(Yaml("    " + strategyExtra));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_item_class_that_is_not_ABC_XYZ_is_an_error_at_the_item()
    {
        var errors = TestScenarios.Errors(Yaml("", mugExtra: ", group: cups }\n  - { id: cup, unit_cost: 1, price: 2, class: AQ"));
        Assert.Contains(errors, e => e.Contains("items[1].class: expected an ABC-XYZ class", StringComparison.Ordinal));
    }

    [Fact]
    public void The_results_give_each_items_class_and_the_target_it_was_sized_for()
    {
        var dir = Directory.CreateTempSubdirectory("flowsim-classes-");
        try
        {
            var file = Path.Combine(dir.FullName, "classes.yaml");
            File.WriteAllText(file, Yaml("""
                    classes:
                      A: { fill_rate: 98% }
                """));
            var run = CliRunner.Run("run", file, "--format", "json", "-q");
            Assert.True(run.ExitCode == 0, run.Stderr);
            using var doc = JsonDocument.Parse(run.Stdout);
            var strategy = doc.RootElement.GetProperty("strategies")[0];
            var mug = strategy.GetProperty("item_locations").EnumerateArray().Single(il => il.GetProperty("item").GetString() == "mug");
            Assert.Equal(0.98, mug.GetProperty("policy").GetProperty("fill_rate").GetDouble());
            var item = strategy.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetString() == "mug");
            Assert.Equal("AX", item.GetProperty("class").GetString());
            var plate = strategy.GetProperty("item_locations").EnumerateArray().Single(il => il.GetProperty("item").GetString() == "plate");
            Assert.Equal(0.90, plate.GetProperty("policy").GetProperty("fill_rate").GetDouble());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
