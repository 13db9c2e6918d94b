using System.Text;
using FlowSim.Scenarios;
using static FlowSim.Tests.Scenarios.LoadAssert;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// Files that are not the YAML a scenario needs: syntax errors, repeated keys, the wrong kind
/// of document. Each is an error finding with a position, never an exception.
/// </summary>
public class ScenarioLoaderYamlTests
{
    private static string Valid => TestScenarios.SingleItem();

    private static string Replace(string oldText, string newText)
    {
        Assert.Contains(oldText, Valid);
        return Valid.Replace(oldText, newText);
    }

    public class SyntaxErrors
    {
        [Fact]
        public void A_key_indented_one_space_less_than_its_neighbours_is_reported_on_its_line()
        {
            var yaml = Replace("    price: 10", "   price: 10");
            OnlyError(yaml, Find(yaml, "   price: 10", "price"), "", "YAML syntax", "indented");
        }

        [Fact]
        public void A_list_entry_indented_less_than_the_list_is_reported_on_its_line()
        {
            var yaml = Replace("  - id: shop", "  - id: shop\n - id: store");
            OnlyError(yaml, Find(yaml, " - id: store", "-"), "", "YAML syntax", "indented");
        }

        [Fact]
        public void A_brace_left_open_before_the_next_line_is_reported_at_the_brace()
        {
            var yaml = TestScenarios.SingleItem(demand: "{ dist: poisson, mean: 5/day");
            OnlyError(yaml, Find(yaml, "daily: {", "{"), "demand[0].daily", "YAML syntax", "'{' is never closed", "'}'");
        }

        [Fact]
        public void A_bracket_left_open_at_the_end_of_the_file_names_where_it_opened()
        {
            var yaml = TestScenarios.SingleItem(strategies: "  - name: plan\n    policy: buffer\n    order_up_to: [20\n");
            var (line, column) = Find(yaml, "order_up_to: [", "[");
            var error = SingleError(yaml);
            Assert.Equal("", error.FieldPath);
            Assert.True(error.Line > line, $"the error is where ']' was expected, after line {line}: {error}");
            Assert.Contains($"'[' opened on line {line}, column {column}", error.Message);
        }

        [Fact]
        public void A_tab_used_for_indentation_is_reported_at_the_tab()
        {
            var yaml = Replace("    price: 10", "\tprice: 10");
            OnlyError(yaml, Find(yaml, "\tprice"), "", "tab", "spaces");
        }

        [Fact]
        public void A_quote_left_open_asks_for_the_closing_quote()
        {
            var yaml = Replace("name: single item", "name: \"single item");
            OnlyError(yaml, Find(yaml, "name: \"", "\""), "", "quoted value is never closed");
        }

        [Fact]
        public void A_value_containing_colon_space_suggests_quotes()
        {
            var yaml = Replace("name: single item", "name: Plan: steady");
            var error = SingleError(yaml);
            Assert.Equal(1, error.Line);
            Assert.Contains("in quotes", error.Message);
        }
    }

    public class RepeatedKeys
    {
        [Fact]
        public void A_top_level_key_given_twice_is_reported_at_the_second_with_the_first_line()
        {
            var yaml = Replace("trials: 20", "trials: 20\ntrials: 30");
            var first = Find(yaml, "trials: 20");
            OnlyError(yaml, Find(yaml, "trials: 30"), "trials", "'trials' is given twice", $"first on line {first.Line}");
        }

        [Fact]
        public void A_repeated_key_does_not_hide_the_other_errors_of_the_file()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "-3d").Replace("trials: 20", "trials: 20\ntrials: 30");
            Assert.Equal(["trials", "suppliers[0].lead_time"], Errors(yaml).Select(e => e.FieldPath));
        }

        [Fact]
        public void A_key_given_twice_inside_an_item_is_reported_with_the_items_path()
        {
            var yaml = TestScenarios.SingleItem(item: "unit_cost: 4\n    price: 10\n    price: 11");
            OnlyError(yaml, Find(yaml, "price: 11"), "items[0].price", "given twice");
        }

        [Fact]
        public void A_key_given_twice_in_braces_is_reported_at_the_second()
        {
            var yaml = TestScenarios.SingleItem(demand: "{ dist: poisson, mean: 5/day, mean: 6/day }");
            OnlyError(yaml, Find(yaml, "mean: 6/day"), "demand[0].daily.mean", "given twice");
        }

        [Fact]
        public void An_item_overridden_twice_in_a_strategy_is_reported_at_the_second()
        {
            var yaml = TestScenarios.SingleItem(strategies:
                "  - name: plan\n    policy: buffer\n    items:\n      widget: { review: 7d }\n      widget: { review: 14d }\n");
            OnlyError(yaml, Find(yaml, "widget: { review: 14d"), "strategies[0].items.widget", "given twice");
        }
    }

    public class NotAScenario
    {
        [Theory]
        [InlineData("")]
        [InlineData("\n  \n")]
        public void An_empty_file_is_one_whole_file_error(string yaml)
        {
            var error = SingleError(yaml);
            Assert.Equal(0, error.Line);
            Assert.Contains("empty", error.Message);
            Assert.Equal($"{FileName}: the file is empty; expected a scenario with name, horizon, items, suppliers, stock_points, lanes, demand and strategies", error.ToString());
        }

        [Fact]
        public void A_file_of_only_comments_says_so()
        {
            Assert.Contains("only comments", SingleError("# a scenario, one day\n# name: x\n").Message);
        }

        [Fact]
        public void A_plain_text_document_asks_for_a_mapping_at_line_1()
        {
            OnlyError("just some text\n", (1, 1), "", "expected a scenario (a mapping of keys to values)", "'just some text'");
        }

        [Fact]
        public void A_list_document_asks_for_a_mapping()
        {
            OnlyError("- name: x\n", (1, 1), "", "expected a scenario (a mapping", "got a list");
        }

        [Fact]
        public void A_second_document_is_reported_where_it_starts()
        {
            var yaml = Valid + "---\nname: another\n";
            OnlyError(yaml, Find(yaml, "name: another"), "", "second YAML document");
        }

        [Fact]
        public void A_stray_document_marker_at_the_end_is_harmless()
        {
            Assert.NotNull(Parse(Valid + "---\n").Scenario);
        }

        [Fact]
        public void A_byte_order_mark_is_not_read_as_part_of_the_first_key()
        {
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();
            var result = ScenarioLoader.Parse(bytes, FileName);
            Assert.Empty(result.Findings);
        }

        [Fact]
        public void Windows_line_endings_keep_lines_and_columns()
        {
            var yaml = TestScenarios.SingleItem(leadTime: "-3d");
            var error = SingleError(yaml.Replace("\n", "\r\n"));
            Is(error, Find(yaml, "lead_time: -3d", "-3d"), "suppliers[0].lead_time", "must not be negative");
        }

        [Fact]
        public void Bytes_that_are_not_utf8_are_one_whole_file_error()
        {
            var error = Assert.Single(ScenarioLoader.Parse([0x6e, 0x61, 0xff, 0xfe, 0x3a], FileName).Errors);
            Assert.Contains("UTF-8", error.Message);
        }
    }

    public class StructuresTheReaderRefuses
    {
        [Fact]
        public void A_list_used_as_a_key_is_refused_without_a_crash()
        {
            var yaml = Replace("    price: 10", "    ? [a, b]\n    : 10\n    price: 10");
            OnlyError(yaml, Find(yaml, "? [a, b]", "["), "items[0]", "expected a key name, got a list");
        }

        [Fact]
        public void A_self_referencing_key_is_refused_without_overflowing_the_stack()
        {
            // Hashing a key that contains itself would recurse without end.
            var error = Assert.Single(Errors("? &a [*a]\n: 1\n"), e => e.Message.Contains("key name"));
            Assert.Equal((1, 3), (error.Line, error.Column));
        }

        [Fact]
        public void A_list_that_contains_itself_is_refused()
        {
            var yaml = Replace("    lead_time: 3d", "    lead_time: &loop [*loop]");
            OnlyError(yaml, Find(yaml, "*loop"), "suppliers[0].lead_time[0]", "contains it");
        }

        [Fact]
        public void An_alias_to_an_undefined_anchor_is_reported_at_the_alias()
        {
            var yaml = Replace("    lead_time: 3d", "    lead_time: *slow");
            OnlyError(yaml, Find(yaml, "*slow"), "suppliers[0].lead_time", "'*slow'", "not defined");
        }

        [Fact]
        public void Anchors_and_aliases_that_resolve_are_accepted()
        {
            var yaml = Replace("    lead_time: 3d", "    lead_time: &usual 3d").Replace("    to: shop", "    to: shop\n    lead_time: *usual");
            Assert.Equal(3, Parse(yaml).Scenario!.Lanes[0].LeadTime.Mean);
        }

        [Fact]
        public void Nesting_thousands_of_levels_deep_is_an_error_not_a_stack_overflow()
        {
            var yaml = "name: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
            var error = SingleError(yaml);
            Assert.Contains($"nested more than {GuardedParser.MaxDepth} levels", error.Message);
            Assert.Equal(1, error.Line);
        }
    }

    public class NothingEscapes
    {
        private static readonly string Quickstart = File.ReadAllText(RepoFiles.Path("scenarios/quickstart.yaml"));

        [Fact]
        public void Every_truncation_of_the_quickstart_loads_or_reports_without_throwing()
        {
            // A file cut short (a half-saved edit) ends anywhere: at a line's start, or in its
            // middle, inside a key, a value or a bracket.
            var cuts = new SortedSet<int>();
            var start = 0;
            foreach (var line in Quickstart.Split('\n'))
            {
                cuts.UnionWith([start, start + (line.Length / 2)]);
                start += line.Length + 1;
            }

            foreach (var length in cuts.Where(c => c <= Quickstart.Length))
            {
                var result = ScenarioLoader.Parse(Quickstart[..length], FileName);
                Assert.True(result.Scenario is not null || result.Errors.Any(), $"cut at {length}: no scenario and no error");
                Assert.All(result.Findings, f => Assert.DoesNotContain("please report", f.Message));
            }
        }

        [Fact]
        public void Deleting_or_shifting_any_line_of_the_quickstart_loads_or_reports_without_throwing()
        {
            var lines = Quickstart.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().Length == 0 || lines[i].TrimStart().StartsWith('#'))
                {
                    continue;
                }

                string[] variants =
                [
                    string.Join('\n', lines.Where((_, j) => j != i)),
                    string.Join('\n', lines.Select((l, j) => j == i ? " " + l : l)),
                    string.Join('\n', lines.Select((l, j) => j == i ? l + " ]" : l)),
                ];
                foreach (var yaml in variants)
                {
                    var result = ScenarioLoader.Parse(yaml, FileName);
                    Assert.True(result.Scenario is not null || result.Errors.Any(), $"line {i + 1}: no scenario and no error");
                    Assert.All(result.Findings, f => Assert.DoesNotContain("please report", f.Message));
                }
            }
        }
    }
}
