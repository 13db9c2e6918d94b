using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>What-if overrides (<c>--set PATH=VALUE</c>) applied to a scenario before it is checked.</summary>
public sealed class ScenarioOverrideTests
{
    private static readonly string Yaml = TestScenarios.SingleItem(leadTime: "{ dist: uniform, min: 2d, max: 4d }");

    private static ScenarioLoadResult Load(params string[] overrides) =>
        ScenarioLoader.Parse(System.Text.Encoding.UTF8.GetBytes(Yaml), "s.yaml", [.. overrides.Select(o => ScenarioOverride.TryParse(o)!)]);

    [Fact]
    public void Given_a_list_entry_named_by_id_When_set_Then_the_scenario_carries_the_new_value()
    {
        var r = Load("suppliers.vendor.lead_time.max=9d", "items.widget.unit_cost=6");
        Assert.True(r.Scenario is not null, string.Join("\n", r.Findings));
        Assert.Equal(6, r.Scenario!.Items[0].UnitCost);
        Assert.Equal(["suppliers.vendor.lead_time.max=9d", "items.widget.unit_cost=6"], r.Scenario.Source.Overrides.Select(o => o.ToString()));
    }

    [Fact]
    public void Entries_can_be_named_by_position_by_lane_ends_and_by_item_at_location()
    {
        var r = Load("lanes.vendor->shop.transport_cost=0.5", "demand.widget@shop.patience=0d", "strategies[0].order_up_to=30");
        Assert.True(r.Scenario is not null, string.Join("\n", r.Findings));
        Assert.Equal(0.5, r.Scenario!.Lanes[0].TransportCostPerUnit);
    }

    [Fact]
    public void A_whole_distribution_can_be_replaced_by_a_flow_mapping()
    {
        var r = Load("suppliers.vendor.lead_time={ dist: normal, mean: 5d, sd: 1d }");
        Assert.True(r.Scenario is not null, string.Join("\n", r.Findings));
    }

    [Fact]
    public void An_unknown_path_is_an_error_that_lists_the_nearest_valid_paths()
    {
        var error = Assert.Single(Load("suppliers.vendor.lead_tim.max=9d").Errors).ToString();
        Assert.Equal("--set suppliers.vendor.lead_tim.max=9d: no setting 'lead_tim' under suppliers.vendor; nearest valid paths: "
            + "suppliers.vendor.lead_time.max, suppliers.vendor.lead_time.min, suppliers.vendor.lead_time.dist", error);
    }

    [Fact]
    public void A_position_past_the_end_of_a_list_says_how_long_the_list_is_and_names_its_entries()
    {
        var error = Assert.Single(Load("lanes[7].lead_time=3d").Errors).ToString();
        Assert.Equal("--set lanes[7].lead_time=3d: lanes has 1 entry, so [7] is out of range; name one by position ([0] to [0]) or by name: vendor->shop", error);
    }

    [Fact]
    public void A_new_setting_is_checked_in_place_and_its_errors_point_at_the_override()
    {
        var error = Assert.Single(Load("items.widget.patience=3d").Errors).ToString();
        Assert.StartsWith("--set items.widget.patience=3d items[0].patience: unknown key 'patience'", error);

        // A group the file leaves out is created: a strategy's override for one item.
        var r = Load("strategies.buffer.items.widget.order_up_to=30");
        Assert.True(r.Scenario is not null, string.Join("\n", r.Findings));
        Assert.StartsWith("--set strategies.buffer.items.gadget.order_up_to=30 strategies[0].items.gadget: unknown item 'gadget'",
            Assert.Single(Load("strategies.buffer.items.gadget.order_up_to=30").Errors).ToString());
    }

    [Fact]
    public void A_name_shared_by_several_entries_must_be_given_by_position()
    {
        var yaml = TestScenarios.SingleItem().Replace("""
            lanes:
              - from: vendor
                to: shop
            """, """
            lanes:
              - { from: vendor, to: shop, items: [widget] }
              - { from: vendor, to: shop, items: [gadget] }
            """, StringComparison.Ordinal).Replace("""
            items:
              - id: widget
            """, """
            items:
              - id: gadget
                unit_cost: 1
              - id: widget
            """, StringComparison.Ordinal);
        var r = ScenarioLoader.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), "s.yaml", [new ScenarioOverride("lanes.vendor->shop.transport_cost", "1")]);
        Assert.Equal("--set lanes.vendor->shop.transport_cost=1: lanes.vendor->shop names 2 entries of lanes ([0], [1]); name one by position, e.g. lanes[0]",
            Assert.Single(r.Errors).ToString());
    }

    [Fact]
    public void An_unknown_entry_is_an_error()
    {
        var error = Assert.Single(Load("suppliers.kiln.lead_time=9d").Errors).ToString();
        Assert.StartsWith("--set suppliers.kiln.lead_time=9d: no setting 'kiln' under suppliers; nearest valid paths: ", error);
    }

    [Fact]
    public void A_wrong_unit_is_reported_against_the_override_with_its_field_path()
    {
        var error = Assert.Single(Load("suppliers.vendor.lead_time.max=9x").Errors).ToString();
        Assert.Equal("--set suppliers.vendor.lead_time.max=9x suppliers[0].lead_time.max: unknown unit 'x' in '9x': expected one of h, d, w, mo, y", error);
    }

    [Fact]
    public void A_value_out_of_range_is_reported_against_the_override()
    {
        var error = Assert.Single(Load("strategies.buffer.service_level=1.5").Errors).ToString();
        Assert.StartsWith("--set strategies.buffer.service_level=1.5 strategies[0].service_level: must be strictly between 0 and 1", error);
    }

    [Fact]
    public void Setting_inside_a_single_value_says_to_set_the_value_itself()
    {
        var yaml = TestScenarios.SingleItem();
        var r = ScenarioLoader.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), "s.yaml", [new ScenarioOverride("suppliers.vendor.lead_time.mean", "5d")]);
        Assert.Contains("suppliers.vendor.lead_time is a single value ('3d'), not a group of settings; set suppliers.vendor.lead_time=VALUE instead", Assert.Single(r.Errors).ToString());
    }

    [Fact]
    public void A_longer_lead_time_with_a_fixed_order_up_to_level_lowers_the_fill_rate()
    {
        var before = Experiment.Run(Load().Scenario!, new RunOptions(Threads: 1));
        var after = Experiment.Run(Load("suppliers.vendor.lead_time={ dist: uniform, min: 6d, max: 8d }").Scenario!, new RunOptions(Threads: 1));
        Assert.True(after.Strategies[0][Metric.FillRate].Mean < before.Strategies[0][Metric.FillRate].Mean - 0.1);
    }

    [Fact]
    public void A_lane_setting_cut_at_its_arrow_by_a_shell_is_refused_with_advice_to_quote_it()
    {
        // `--set lanes.kiln->studio.lead_time=2w` unquoted: the shell writes stdout to a file and passes lanes.kiln-.
        var quickstart = RepoFiles.Path("scenarios/quickstart.yaml");
        var cut = Cli.CliRunner.Run("run", quickstart, "--trials", "2", "--set", "lanes.kiln-");
        Assert.Equal(2, cut.ExitCode);
        Assert.Contains("got 'lanes.kiln-'; a lane is named from->to: in a shell, quote the whole setting", cut.Stderr);

        // Given as a path to search, the cut reaches the scenario's paths: the same advice follows the nearest ones.
        var path = Cli.CliRunner.Run("optimize", quickstart, "--strategy", "buffer", "--param", "lanes.kiln-", "--range", "1..2", "--trials", "2");
        Assert.Equal(2, path.ExitCode);
        Assert.Contains("no setting 'kiln-' under lanes", path.Stderr);
        Assert.Contains("a lane is named from->to: in a shell, quote the whole setting", path.Stderr);

        // A path that merely does not exist gets no such advice.
        Assert.DoesNotContain("quote", Assert.Single(Load("suppliers.vendor.lead_tim.max=9d").Errors).ToString());
    }

    [Fact]
    public void Set_on_the_command_line_exits_2_on_a_bad_path_and_records_good_ones_in_the_json()
    {
        var quickstart = RepoFiles.Path("scenarios/quickstart.yaml");
        var bad = Cli.CliRunner.Run("run", quickstart, "--trials", "4", "--set", "suppliers.kiln.lead_tme=9w");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("no setting 'lead_tme' under suppliers.kiln", bad.Stderr);
        var noEquals = Cli.CliRunner.Run("run", quickstart, "--set", "suppliers.kiln.lead_time");
        Assert.Equal(2, noEquals.ExitCode);
        Assert.Contains("--set expects PATH=VALUE", noEquals.Stderr);

        var json = Path.Combine(Path.GetTempPath(), $"flowsim-set-{Guid.NewGuid():N}.json");
        try
        {
            var good = Cli.CliRunner.Run("run", quickstart, "--trials", "4", "--set", "suppliers.kiln.lead_time=10w", "--json", json);
            Assert.True(good.ExitCode == 0, good.Stderr);
            var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json)).RootElement;
            Assert.Equal("suppliers.kiln.lead_time=10w", doc.GetProperty("scenario").GetProperty("overrides")[0].GetString());
        }
        finally
        {
            File.Delete(json);
        }
    }
}
