using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// Text a scenario can hold reaches a terminal inert: <see cref="TerminalText"/> escapes control
/// and bidirectional characters, findings quote values escaped, and disruption ids and shared
/// event names follow the rule for ids.
/// </summary>
public class HostileTextLoaderTests
{
    public class Escaping
    {
        [Theory]
        [InlineData("Kiln & Clay ceramics studio", "Kiln & Clay ceramics studio")]
        [InlineData("Café Ünïcode 陶器", "Café Ünïcode 陶器")]
        [InlineData("a\u001b[31mred", @"a\e[31mred")]
        [InlineData("\u001b]0;title\u0007", @"\e]0;title\u0007")]
        [InlineData("over\rwrite", @"over\rwrite")]
        [InlineData("two\nlines\tand tab", @"two\nlines\tand tab")]
        [InlineData("nul\0del\u007f", @"nul\u0000del\u007f")]
        [InlineData("csi\u009b2J", @"csi\u009b2J")]
        [InlineData("rtl\u202egnp.exe", @"rtl\u202egnp.exe")]
        [InlineData("isolate\u2066x\u2069", @"isolate\u2066x\u2069")]
        [InlineData("", "")]
        public void Given_text_When_escaped_for_a_terminal_Then_only_control_and_bidi_characters_change(string text, string shown)
        {
            Assert.Equal(shown, TerminalText.Escape(text));
            Assert.Equal(text == shown, TerminalText.IsSafe(text));
        }

        [Fact]
        public void Escaping_twice_changes_nothing_more() =>
            Assert.Equal(TerminalText.Escape("a\u001b[2J"), TerminalText.Escape(TerminalText.Escape("a\u001b[2J")));

        [Fact]
        public void Given_a_finding_that_quotes_control_characters_When_printed_Then_it_is_one_line_with_them_escaped()
        {
            var finding = new ScenarioError("s.yaml", 3, 9, "strategies[0].policy", "unknown policy 'bufer\u001b[2J\n\u0007'");

            Assert.Equal(@"s.yaml:3:9 strategies[0].policy: unknown policy 'bufer\e[2J\n\u0007'", finding.ToString());
        }
    }

    public class Disruption_ids
    {
        private static string WithDisruption(string id, string eventName = "storm") => TestScenarios.SingleItem(trials: 5)
            + $"""
            disruptions:
              - id: {id}
                kind: supplier_outage
                supplier: vendor
                at: 20d
                duration: 5d
                event: {eventName}
            """;

        [Theory]
        [InlineData("port-strike_2.0")]
        [InlineData("Hafenstreik")]
        public void Given_an_id_of_letters_digits_and_dashes_When_loaded_Then_it_is_accepted(string id) =>
            Assert.Equal(id, TestScenarios.Load(WithDisruption(id)).Disruptions[0].Id);

        [Theory]
        [InlineData("\"port strike\"", "'port strike'")]
        [InlineData("\"strike\\nfake line\"", @"'strike\nfake line'")]
        [InlineData("\"strike\\e[2J\"", @"'strike\e[2J'")]
        [InlineData("\"<img src=x>\"", "'<img src=x>'")]
        public void Given_an_id_with_spaces_markup_or_control_characters_When_loaded_Then_it_is_refused_with_the_id_rule(string yaml, string shown)
        {
            var errors = TestScenarios.Errors(WithDisruption(yaml));

            var error = Assert.Single(errors);
            Assert.Matches(@"^bad\.yaml:\d+:\d+ disruptions\[0\]\.id: ids use letters, digits, '-', '_' and '\.' \(at most 64\), got ", error);
            Assert.EndsWith(shown, error);
        }

        [Fact]
        public void Given_a_100000_character_id_When_loaded_Then_it_is_refused_and_the_message_quotes_only_its_start()
        {
            var errors = TestScenarios.Errors(WithDisruption(new string('x', 100_000)));

            var error = Assert.Single(errors);
            Assert.EndsWith($"got '{new string('x', 64)}...' (100,000 characters)", error);
            Assert.True(error.Length < 300, $"the message is {error.Length} characters long");
        }

        [Fact]
        public void Given_an_event_name_with_a_space_When_loaded_Then_it_is_refused_with_the_id_rule()
        {
            var error = Assert.Single(TestScenarios.Errors(WithDisruption("strike", "\"north sea storm\"")));

            Assert.Matches(@"^bad\.yaml:\d+:\d+ disruptions\[0\]\.event: ids use letters, digits, '-', '_' and '\.' \(at most 64\), got 'north sea storm'$", error);
        }
    }
}
