using FlowSim.Scenarios;
using static FlowSim.Tests.Scenarios.LoadAssert;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// Values a planner can get wrong in a well-formed YAML file: each is reported once, at the
/// value (or key) that is wrong, under its field path, saying what was expected.
/// </summary>
public class ScenarioLoaderFieldTests
{
    private static string Valid => TestScenarios.SingleItem();

    private static string WithStrategy(string settings) =>
        TestScenarios.SingleItem(strategies: "  - name: plan\n" + settings);

    private static string Replace(string oldText, string newText)
    {
        Assert.Contains(oldText, Valid);
        return Valid.Replace(oldText, newText);
    }

    [Fact]
    public void The_unbroken_single_item_scenario_is_valid()
    {
        var result = Parse(Valid);
        Assert.Empty(result.Findings);
        Assert.NotNull(result.Scenario);
    }

    public class UnknownKeys
    {
        [Fact]
        public void A_misspelt_lead_time_suggests_lead_time_and_is_the_only_error()
        {
            var yaml = Replace("    lead_time: 3d", "    lead_tme: 3d");
            OnlyError(yaml, Find(yaml, "lead_tme"), "suppliers[0].lead_tme", "unknown key 'lead_tme'", "did you mean 'lead_time'?");
        }

        [Fact]
        public void Swapped_letters_in_unit_cost_suggest_unit_cost_and_do_not_also_report_it_missing()
        {
            var yaml = TestScenarios.SingleItem(item: "unit_cots: 4\n    price: 10");
            OnlyError(yaml, Find(yaml, "unit_cots"), "items[0].unit_cots", "unknown key 'unit_cots'", "did you mean 'unit_cost'?");
        }

        [Fact]
        public void A_key_like_no_valid_key_lists_the_valid_keys_instead_of_guessing()
        {
            var yaml = TestScenarios.SingleItem(item: "unit_cost: 4\n    price: 10\n    colour: blue");
            var error = SingleError(yaml);
            Is(error, Find(yaml, "colour"), "items[0].colour", "unknown key 'colour'", "expected one of: id, unit_cost, price");
            Assert.DoesNotContain("did you mean", error.Message);
        }

        [Fact]
        public void A_two_letter_key_is_not_matched_to_an_unrelated_two_letter_key()
        {
            var yaml = Replace("  - id: shop", "  - id: shop\n    xy: 1");
            var error = SingleError(yaml);
            Is(error, Find(yaml, "xy: 1"), "stock_points[0].xy", "unknown key 'xy'");
            Assert.DoesNotContain("did you mean", error.Message);
        }

        [Fact]
        public void A_yaml_merge_key_is_explained_as_unsupported()
        {
            var yaml = TestScenarios.SingleItem(item: "unit_cost: 4\n    price: 10\n    <<: { holding_rate: 20% }");
            OnlyError(yaml, Find(yaml, "<<"), "items[0].<<", "merge keys (<<) are not supported");
        }

        [Fact]
        public void A_misspelt_setting_in_a_strategy_item_override_is_reported_not_ignored()
        {
            var yaml = WithStrategy("    policy: buffer\n    items:\n      widget:\n        sevice_level: 90%\n");
            OnlyError(yaml, Find(yaml, "sevice_level"), "strategies[0].items.widget.sevice_level", "did you mean 'service_level'?");
        }

        [Fact]
        public void A_misspelt_dist_key_suggests_dist()
        {
            var yaml = TestScenarios.SingleItem(demand: "{ dsit: poisson, mean: 5/day }");
            OnlyError(yaml, Find(yaml, "dsit"), "demand[0].daily.dsit", "did you mean 'dist'?");
        }
    }

    public class WrongTypes
    {
        [Fact]
        public void A_list_where_a_price_is_expected_asks_for_a_number()
        {
            var yaml = TestScenarios.SingleItem(item: "unit_cost: 4\n    price: [10, 12]");
            OnlyError(yaml, Find(yaml, "price:", "["), "items[0].price", "expected a number, got a list");
        }

        [Fact]
        public void Text_where_a_price_is_expected_asks_for_a_number_and_quotes_the_text()
        {
            var yaml = TestScenarios.SingleItem(item: "unit_cost: 4\n    price: ten");
            OnlyError(yaml, Find(yaml, "price: ten", "ten"), "items[0].price", "expected a number", "'ten'");
        }

        [Fact]
        public void An_empty_price_asks_for_a_number()
        {
            var yaml = TestScenarios.SingleItem(item: "unit_cost: 4\n    price:");

            // An empty value is where it would have been written: just after the colon.
            var (line, column) = Find(yaml, "price:");
            OnlyError(yaml, (line, column + "price:".Length), "items[0].price", "expected a number, got an empty value");
        }

        [Fact]
        public void A_list_where_a_lead_time_is_expected_shows_what_a_lead_time_looks_like()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "[3d, 5d]");
            OnlyError(yaml, Find(yaml, "lead_time: [", "["), "suppliers[0].lead_time", "expected a distribution such as { dist: normal");
        }

        [Fact]
        public void Text_where_a_daily_demand_is_expected_shows_a_rate()
        {
            var yaml = TestScenarios.SingleItem(demand: "{ dist: poisson, mean: lots }");
            OnlyError(yaml, Find(yaml, "mean: lots", "lots"), "demand[0].daily.mean", "expected a quantity per period such as 20/day");
        }

        [Fact]
        public void A_horizon_without_a_unit_suggests_writing_one()
        {
            var yaml = TestScenarios.SingleItem(horizon: "400");
            OnlyError(yaml, Find(yaml, "horizon: 400", "400"), "horizon", "has no unit", "400d");
        }

        [Fact]
        public void A_list_as_distribution_name_asks_for_a_name()
        {
            var yaml = TestScenarios.SingleItem(demand: "{ dist: [poisson], mean: 5/day }");
            OnlyError(yaml, Find(yaml, "dist: [", "["), "demand[0].daily.dist", "expected a distribution name", "poisson", "got a list");
        }

        [Fact]
        public void A_list_as_policy_kind_asks_for_one_of_the_kinds()
        {
            var yaml = WithStrategy("    policy: [buffer]\n");
            OnlyError(yaml, Find(yaml, "policy: [", "["), "strategies[0].policy", "expected one of: buffer, demand-responsive, speculative", "got a list");
        }

        [Fact]
        public void A_scalar_strategy_asks_for_a_mapping()
        {
            var yaml = TestScenarios.SingleItem(strategies: "  - buffer\n");
            OnlyError(yaml, Find(yaml, "  - buffer", "buffer"), "strategies[0]", "expected a strategy (a mapping");
        }
    }

    public class LeadTimes
    {
        [Fact]
        public void A_negative_lead_time_is_refused_at_its_value_and_nothing_else_is_reported()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "-3d");
            OnlyError(yaml, Find(yaml, "lead_time: -3d", "-3d"), "suppliers[0].lead_time", "must not be negative", "-3d");
        }

        [Fact]
        public void A_negative_mean_lead_time_is_refused_at_the_mean()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "{ dist: normal, mean: -3d, sd: 1d }");
            OnlyError(yaml, Find(yaml, "mean: -3d", "-3d"), "suppliers[0].lead_time.mean", "must not be negative", "-3d");
        }

        [Fact]
        public void A_negative_lead_time_on_a_lane_is_refused_on_the_lane()
        {
            var yaml = Replace("    to: shop", "    to: shop\n    lead_time: -1w");
            OnlyError(yaml, Find(yaml, "lead_time: -1w", "-1w"), "lanes[0].lead_time", "must not be negative");
        }

        [Fact]
        public void A_lead_time_too_large_to_count_in_days_is_refused()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "1e308y");
            OnlyError(yaml, Find(yaml, "lead_time: 1e308y", "1e308y"), "suppliers[0].lead_time", "too large");
        }

        [Fact]
        public void A_cv_that_overflows_the_standard_deviation_is_an_error_not_a_crash()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "{ dist: normal, mean: 10d, cv: 1e300 }");
            OnlyError(yaml, Find(yaml, "cv: 1e300", "1e300 }"), "suppliers[0].lead_time.cv", "too large");
        }
    }

    public class References
    {
        [Fact]
        public void A_lane_from_a_misspelt_supplier_suggests_the_supplier()
        {
            var yaml = Replace("  - from: vendor", "  - from: vendr");
            OnlyError(yaml, Find(yaml, "from: vendr", "vendr"), "lanes[0].from", "unknown supplier or stock point 'vendr'", "did you mean 'vendor'?");
        }

        [Fact]
        public void A_lane_from_an_unrelated_name_lists_the_known_suppliers()
        {
            var yaml = Replace("  - from: vendor", "  - from: acme");
            var error = SingleError(yaml);
            Is(error, Find(yaml, "from: acme", "acme"), "lanes[0].from", "unknown supplier or stock point 'acme'", "known: vendor");
            Assert.DoesNotContain("did you mean", error.Message);
        }

        [Fact]
        public void A_lane_to_a_misspelt_stock_point_suggests_it()
        {
            var yaml = Replace("    to: shop", "    to: shp");
            OnlyError(yaml, Find(yaml, "to: shp", "shp"), "lanes[0].to", "unknown stock point 'shp'", "did you mean 'shop'?");
        }

        [Fact]
        public void Demand_for_an_item_with_swapped_letters_suggests_the_item()
        {
            var yaml = Replace("  - item: widget", "  - item: wigdet");
            OnlyError(yaml, Find(yaml, "item: wigdet", "wigdet"), "demand[0].item", "unknown item 'wigdet'", "did you mean 'widget'?");
        }

        [Fact]
        public void A_strategy_override_for_an_unknown_item_suggests_the_item()
        {
            var yaml = WithStrategy("    policy: buffer\n    items:\n      widgit:\n        service_level: 90%\n");
            OnlyError(yaml, Find(yaml, "widgit"), "strategies[0].items.widgit", "unknown item 'widgit'", "did you mean 'widget'?");
        }

        [Fact]
        public void References_to_an_item_with_errors_of_its_own_are_not_reported_again()
        {
            // The item is broken (negative price); demand for it must not add "unknown item 'widget'".
            var yaml = TestScenarios.SingleItem(item: "unit_cost: 4\n    price: -10");
            OnlyError(yaml, Find(yaml, "price: -10", "-10"), "items[0].price", "must not be negative");
        }
    }

    public class Shares
    {
        [Theory]
        [InlineData("1.2")]
        [InlineData("0")]
        [InlineData("100%")]
        public void A_service_level_outside_0_and_1_is_refused(string level)
        {
            var yaml = WithStrategy($"    policy: buffer\n    service_level: {level}\n");
            OnlyError(yaml, Find(yaml, "service_level:", level), "strategies[0].service_level", "strictly between 0 and 1", $"got {level}");
        }

        [Fact]
        public void A_deposit_of_the_whole_price_is_refused()
        {
            var yaml = WithStrategy("    policy: demand-responsive\n    deposit: 100%\n");
            OnlyError(yaml, Find(yaml, "deposit: 100%", "100%"), "strategies[0].deposit", "below 1", "got 100%");
        }
    }

    public class Trials
    {
        [Theory]
        [InlineData("0")]
        [InlineData("-5")]
        [InlineData("1e12")]
        [InlineData("2.5")]
        public void Trials_outside_1_to_ten_million_or_fractional_are_refused(string trials)
        {
            var yaml = Replace("trials: 20", $"trials: {trials}");
            OnlyError(yaml, Find(yaml, "trials:", trials), "trials", "whole number from 1 to 10,000,000", $"got {trials}");
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("abc")]
        [InlineData("1.5")]
        [InlineData("18446744073709551616")]
        public void A_seed_that_is_negative_text_fractional_or_too_big_is_refused(string seed)
        {
            var yaml = Replace("seed: 7", $"seed: {seed}");
            OnlyError(yaml, Find(yaml, "seed:", seed), "seed", "expected a whole number from 0 to 18446744073709551615", $"'{seed}'");
        }
    }

    public class Policies
    {
        [Fact]
        public void A_misspelt_policy_kind_suggests_buffer()
        {
            var yaml = WithStrategy("    policy: bufer\n    order_up_to: 20\n");
            OnlyError(yaml, Find(yaml, "policy: bufer", "bufer"), "strategies[0].policy", "unknown policy 'bufer'", "did you mean 'buffer'?");
        }

        [Fact]
        public void A_review_of_part_of_a_day_is_refused()
        {
            var yaml = WithStrategy("    policy: buffer\n    review: 1.5d\n");
            OnlyError(yaml, Find(yaml, "review: 1.5d", "1.5d"), "strategies[0].review", "whole number of days");
        }

        [Fact]
        public void A_periodic_review_rule_without_a_review_period_is_reported_at_its_strategy()
        {
            var yaml = WithStrategy("    policy: buffer\n    rule: R-S\n");
            OnlyError(yaml, Find(yaml, "name: plan"), "strategies[0].review", "missing", "review period");
        }

        [Fact]
        public void A_speculative_policy_without_batches_is_reported_at_its_strategy()
        {
            var yaml = WithStrategy("    policy: speculative\n");
            OnlyError(yaml, Find(yaml, "name: plan"), "strategies[0].batches", "missing", "batches");
        }

        [Fact]
        public void A_setting_of_another_policy_kind_names_the_settings_that_apply()
        {
            var yaml = WithStrategy("    policy: buffer\n    deposit: 30%\n");
            OnlyError(yaml, Find(yaml, "deposit: 30%"), "strategies[0].deposit", "does not apply to a buffer policy", "service_level");
        }
    }

    public class UnitsInValues
    {
        [Fact]
        public void An_unknown_duration_unit_lists_the_duration_units()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "5x");
            OnlyError(yaml, Find(yaml, "lead_time: 5x", "5x"), "suppliers[0].lead_time", "unknown unit 'x'", "h, d, w, mo, y");
        }

        [Fact]
        public void An_unknown_rate_period_lists_the_periods()
        {
            var yaml = TestScenarios.SingleItem(demand: "{ dist: poisson, mean: 20/fortnight }");
            OnlyError(yaml, Find(yaml, "20/fortnight"), "demand[0].daily.mean", "unknown unit '/fortnight'", "/day, /week, /month, /year");
        }

        [Fact]
        public void M_for_months_is_refused_as_ambiguous_with_minutes()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "2m");
            OnlyError(yaml, Find(yaml, "lead_time: 2m", "2m"), "suppliers[0].lead_time", "'m' is ambiguous", "mo");
        }
    }

    public class Ids
    {
        [Fact]
        public void A_repeated_stock_point_id_is_reported_at_the_second_id()
        {
            var yaml = Replace("  - id: shop", "  - id: shop\n  - id: shop");
            var first = Find(yaml, "  - id: shop");
            OnlyError(yaml, Find(yaml, "  - id: shop", "shop", occurrence: 2), "stock_points[1].id", "stock point id 'shop' is used twice", $"first on line {first.Line}");
        }

        [Fact]
        public void A_repeated_item_id_counts_entries_with_errors_in_its_path()
        {
            // items[1] has an error; the repeat is items[2], not the second valid item.
            var yaml = Replace("items:\n", "items:\n  - id: widget\n    unit_cost: 4\n    price: 10\n  - id: broken\n    price: 3\n");
            var errors = Errors(yaml);
            var repeat = Assert.Single(errors, e => e.Message.Contains("used twice"));
            Assert.Equal("items[2].id", repeat.FieldPath);
        }

        [Fact]
        public void A_repeated_strategy_name_is_reported_at_the_second_name()
        {
            var yaml = TestScenarios.SingleItem(strategies: "  - name: plan\n    policy: buffer\n  - name: plan\n    policy: demand-responsive\n");
            OnlyError(yaml, Find(yaml, "name: plan", "plan", occurrence: 2), "strategies[1].name", "strategy name 'plan' is used twice");
        }

        [Fact]
        public void An_empty_item_list_is_refused_at_the_list()
        {
            var yaml = Replace("items:\n  - id: widget\n    unit_cost: 4\n    price: 10\n    holding_rate: 20%/year\n", "items: []\n");
            var error = Assert.Single(Errors(yaml), e => e.FieldPath == "items");
            Is(error, Find(yaml, "items: []", "[]"), "items", "must list at least one entry");
        }
    }

    public class SeveralErrors
    {
        [Fact]
        public void Three_independent_errors_are_all_reported_in_file_order()
        {
            var yaml = TestScenarios.SingleItem(
                leadTime: "-3d",
                trials: 0,
                strategies: "  - name: plan\n    policy: bufer\n");
            var errors = Errors(yaml);
            Assert.Equal(["trials", "suppliers[0].lead_time", "strategies[0].policy"], errors.Select(e => e.FieldPath));
            Is(errors[0], Find(yaml, "trials: 0", "0"), "trials", "whole number");
            Is(errors[1], Find(yaml, "lead_time: -3d", "-3d"), "suppliers[0].lead_time", "must not be negative");
            Is(errors[2], Find(yaml, "policy: bufer", "bufer"), "strategies[0].policy", "did you mean 'buffer'?");
        }

        [Fact]
        public void Findings_are_sorted_by_line_even_when_cross_checks_run_last()
        {
            // The network checks (nothing supplies 'store'; 'shop' now serves no one) run after
            // the stock points are read, and the misspelt policy comes later in the file.
            var yaml = Replace("  - id: shop", "  - id: shop\n  - id: store")
                .Replace("    at: shop", "    at: store")
                .Replace("    policy: buffer", "    policy: bufer");
            var lines = Errors(yaml).Select(e => e.Line).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal(lines.Order(), lines);
        }

        [Fact]
        public void A_problem_met_for_every_item_is_reported_once()
        {
            // The strategy-level service level is read for the default and for the override.
            var yaml = WithStrategy("    policy: buffer\n    service_level: 1.2\n    items:\n      widget:\n        review: 7d\n");
            OnlyError(yaml, Find(yaml, "service_level: 1.2", "1.2"), "strategies[0].service_level", "strictly between 0 and 1");
        }
    }
}
