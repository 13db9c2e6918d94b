using FlowSim.History;
using FlowSim.Scenarios;

namespace FlowSim.Tests.History;

public class SegmentationTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>
    /// 52 weeks of five items built so their segments are known: steady and lumpy carry 79.5% of
    /// the value (A), mid brings it to 94.7% (B), cheap and rare are the tail (C); steady and cheap sell the
    /// same every week (X), mid alternates 70 and 10 a week (cv 0.76, Y), lumpy 140 and 0 and rare
    /// one unit every four weeks (Z).
    /// </summary>
    internal static List<DemandRecord> Constructed()
    {
        var rows = new List<DemandRecord>();
        for (var day = 0; day < 364; day++)
        {
            var date = Start.AddDays(day);
            var week = day / 7;
            rows.Add(new(date, "steady", "shop", 10, 8));
            rows.Add(new(date, "cheap", "shop", 5, 2));
            if (day % 7 == 0)
            {
                rows.Add(new(date, "lumpy", "shop", week % 2 == 0 ? 140 : 0, 7));
                rows.Add(new(date, "mid", "shop", week % 2 == 0 ? 70 : 10, 5));
                if (week % 4 == 0)
                {
                    rows.Add(new(date, "rare", "shop", 1, 1));
                }
            }
        }

        return rows;
    }

    [Fact]
    public void Classifies_a_constructed_catalogue_as_built()
    {
        var segments = Segmentation.Segment(Constructed(), r => r.UnitCost!.Value).ToDictionary(s => s.Item, s => s.Segment);

        Assert.Equal("AX", segments["steady"]);
        Assert.Equal("AZ", segments["lumpy"]);
        Assert.Equal("BY", segments["mid"]);
        Assert.Equal("CX", segments["cheap"]);
        Assert.Equal("CZ", segments["rare"]);
    }

    [Fact]
    public void Annual_value_is_units_a_year_times_unit_cost()
    {
        var steady = Segmentation.Segment(Constructed(), r => r.UnitCost!.Value).Single(s => s.Item == "steady");
        Assert.Equal(10 * 365 * 8, steady.AnnualValue, 6);
        Assert.Equal(0, steady.WeeklyCv);
    }

    [Fact]
    public void Every_segment_has_a_policy_and_the_erratic_valuable_one_is_made_to_order()
    {
        foreach (var abc in "ABC")
        {
            foreach (var xyz in "XYZ")
            {
                Assert.True(Segmentation.Policies.ContainsKey($"{abc}{xyz}"));
            }
        }

        Assert.Contains("demand-responsive", Segmentation.Policies["AZ"].Keys);
        Assert.Contains("buffer", Segmentation.Policies["AX"].Keys);
    }

    [Fact]
    public void An_item_whose_cumulative_share_passes_80_percent_is_not_A()
    {
        // Values 35%, 35%, 19%, 11%: the third item ends at 89%, beyond the first 80%; the fourth at 100%.
        var rows = new List<DemandRecord>();
        foreach (var (item, units) in new[] { ("first", 35), ("second", 35), ("third", 19), ("fourth", 11) })
        {
            for (var day = 0; day < 28; day++)
            {
                rows.Add(new(Start.AddDays(day), item, "shop", units, 1));
            }
        }

        var segments = Segmentation.Segment(rows, r => r.UnitCost!.Value);

        Assert.Equal("AABC", string.Concat(segments.Select(s => s.Abc)));
        Assert.All(segments, s => Assert.Equal(s.CumulativeShare <= Segmentation.AShare, s.Abc == 'A'));
    }

    [Fact]
    public void The_most_valuable_item_is_A_even_when_it_alone_holds_over_80_percent()
    {
        Assert.Equal('A', Segmentation.Abc(0.9, isFirst: true));
        Assert.Equal('B', Segmentation.Abc(0.9, isFirst: false));
        Assert.Equal('A', Segmentation.Abc(0.8, isFirst: false));
        Assert.Equal('C', Segmentation.Abc(0.951, isFirst: false));
    }

    [Theory]
    [InlineData("lean", "90%")]
    [InlineData("standard", "95%")]
    [InlineData("high-target", "97%")]
    [InlineData("generous", "99%")]
    public void A_buffer_named_for_its_target_gets_that_service_level(string target, string serviceLevel)
    {
        var named = Segmentation.Policies.Where(p => p.Value.Why.StartsWith(target, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, p => Assert.Contains($"service_level: {serviceLevel}", p.Value.Keys));
    }

    [Fact]
    public void Every_buffer_names_its_target_and_the_lean_one_is_leaner_than_the_standard_one()
    {
        var buffers = Segmentation.Policies.Values.Where(p => p.Keys.Contains("policy: buffer", StringComparison.Ordinal));
        Assert.All(buffers, p => Assert.Matches("^(lean|standard|high-target|generous) ", p.Why));
        Assert.NotEqual(Segmentation.Policies["AX"].Keys, Segmentation.Policies["BY"].Keys);
    }

    [Fact]
    public void The_table_header_states_the_rule_the_classes_follow()
    {
        var text = new StringWriter();
        Segmentation.WriteTable(Segmentation.Segment(Constructed(), r => r.UnitCost!.Value), "h.csv", text);

        Assert.Contains("A: cum. share at most 80% (and the top item), B: at most 95%, C: the rest", text.ToString());
    }
}
