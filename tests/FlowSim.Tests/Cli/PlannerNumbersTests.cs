using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary>Quantities in policy lines on the console as a planner writes them.</summary>
public sealed class PlannerNumbersTests
{
    [Theory]
    [InlineData(135.6, true, "136")]
    [InlineData(62.9, true, "63")]
    [InlineData(1119, true, "1,119")]
    [InlineData(135.6, false, "136")]    // 100 or more: whole units whatever the item
    [InlineData(21.6, false, "21.6")]
    [InlineData(8.0, false, "8")]
    [InlineData(0.0, true, "0")]
    [InlineData(-0.4, true, "0")]        // never "-0"
    public void Quantities_are_whole_for_whole_unit_items_and_have_separators(double units, bool whole, string shown) =>
        Assert.Equal(shown, PlannerNumbers.Units(units, whole));

    [Fact]
    public void A_policy_summary_shows_levels_and_batches_in_units_and_leaves_days_and_fractiles()
    {
        Assert.Equal("(s,S) s=136 S=262 (safety stock 22)", PlannerNumbers.PolicySummary("(s,S) s=135.6 S=261.8 (safety stock 21.6)", wholeUnits: true));
        Assert.Equal("(s,Q) s=1,250 Q=40.5 (safety stock 21.6)", PlannerNumbers.PolicySummary("(s,Q) s=1250 Q=40.5 (safety stock 21.6)", wholeUnits: false));
        Assert.Equal("1,119 at 0d, 227 at 26w (critical fractile 0.792)", PlannerNumbers.PolicySummary("1119 at 0d, 227.2 at 26w (critical fractile 0.792)", wholeUnits: false));
        Assert.Equal("(R,S) R=2w S=1,500 (safety stock 300), levels follow a 4w moving average",
            PlannerNumbers.PolicySummary("(R,S) R=2w S=1500 (safety stock 300), levels follow a 4w moving average", wholeUnits: true));
        Assert.Equal("make-to-order min batch 1,200, patience 14w, deposit 30%", PlannerNumbers.PolicySummary("make-to-order min batch 1200, patience 14w, deposit 30%", wholeUnits: true));
    }

    [Fact]
    public void Long_lines_break_between_words_and_indent_what_follows()
    {
        var lines = TerminalWidth.Wrap("  buffer earns EUR 29,999 a year more than demand-responsive, 95% CI [EUR 28,558, EUR 31,440].", 40).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.Equal("  buffer earns EUR 29,999 a year more", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("    ", l, StringComparison.Ordinal));
        Assert.Equal("buffer earns EUR 29,999 a year more than demand-responsive, 95% CI [EUR 28,558, EUR 31,440].",
            string.Join(" ", lines.Select(l => l.Trim())));

        // A currency code stays with its amount.
        Assert.Equal(["  costs", "    EUR 28,558", "    more"], TerminalWidth.Wrap("  costs EUR 28,558 more", 15));
        Assert.Equal(["  CI", "    [EUR 28,558,", "    EUR 31,440]"], TerminalWidth.Wrap("  CI [EUR 28,558, EUR 31,440]", 16));

        // No width: the line as it is.
        Assert.Equal(["a b c"], TerminalWidth.Wrap("a b c", null));
    }
}
