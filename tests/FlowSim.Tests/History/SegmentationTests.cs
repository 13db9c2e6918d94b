using FlowSim.History;

namespace FlowSim.Tests.History;

public class SegmentationTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>
    /// 52 weeks of five items built so their segments are known: steady and lumpy carry most of
    /// the value (A), mid the next slice (B), cheap and rare the tail (C); steady and cheap sell the
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
            rows.Add(new(date, "cheap", "shop", 5, 0.5));
            if (day % 7 == 0)
            {
                rows.Add(new(date, "lumpy", "shop", week % 2 == 0 ? 140 : 0, 7));
                rows.Add(new(date, "mid", "shop", week % 2 == 0 ? 70 : 10, 2));
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
}
