using FlowSim.Engine.Disruptions;

namespace FlowSim.Tests.Engine.Disruptions;

/// <summary>A lead-time clock that stops while a supplier is down or a lane is closed, and slows while capacity is lost.</summary>
public class RateTimelineTests
{
    private static RateTimeline Closed(params (double Start, double End)[] intervals)
    {
        var t = new RateTimeline();
        foreach (var (start, end) in intervals)
        {
            t.Add(start, end, 0);
        }

        t.Seal();
        return t;
    }

    [Fact]
    public void Without_disruptions_work_takes_its_own_time()
    {
        Assert.Equal(15, RateTimeline.Advance(5, 10, new RateTimeline(), null));
        Assert.Equal(15, RateTimeline.Advance(5, 10, null, null));
    }

    [Fact]
    public void Goods_in_transit_arrive_late_by_the_overlap_with_a_closure()
    {
        // Shipped on day 45 for 10 days; the lane is closed from 50 to 57: 5 days done, 7 stopped, 5 to go.
        Assert.Equal(62, RateTimeline.Advance(45, 10, Closed((50, 57)), null));
    }

    [Fact]
    public void Work_started_while_closed_waits_for_the_reopening()
    {
        Assert.Equal(67, RateTimeline.Advance(52, 10, Closed((50, 57)), null));
        Assert.Equal(57, RateTimeline.Advance(52, 0, Closed((50, 57)), null));
    }

    [Fact]
    public void Overlapping_and_touching_closures_count_once()
    {
        var t = Closed((10, 20), (15, 25), (25, 30));
        Assert.Equal(1, t.Count);
        Assert.Equal(35, RateTimeline.Advance(0, 15, t, null));
    }

    [Fact]
    public void Two_timelines_stop_the_clock_whenever_either_is_closed()
    {
        // Supplier down 10-15, lane closed 20-30: 20 days of work from day 0 end on day 35.
        Assert.Equal(35, RateTimeline.Advance(0, 20, Closed((10, 15)), Closed((20, 30))));
    }

    [Fact]
    public void Half_capacity_doubles_the_time_of_the_work_it_covers()
    {
        var t = new RateTimeline();
        t.Add(10, 20, 0.5);
        t.Seal();
        // 10 days at full rate, then 10 days give 5 days of work, then 5 more at full rate.
        Assert.Equal(25, RateTimeline.Advance(0, 20, t, null));
    }

    [Fact]
    public void A_permanent_stop_means_never()
    {
        Assert.True(double.IsPositiveInfinity(RateTimeline.Advance(0, 10, Closed((5, double.PositiveInfinity)), null)));
    }

    [Fact]
    public void Where_surges_overlap_the_largest_holds()
    {
        var t = new RateTimeline();
        t.Add(0, 10, 2);
        t.Add(5, 15, 3);
        t.SealLargest();
        Assert.Equal((2.0, 3.0, 3.0, 1.0), (t.RateAt(1), t.RateAt(7), t.RateAt(12), t.RateAt(20)));
    }

    [Fact]
    public void An_empty_interval_changes_nothing()
    {
        var t = Closed((40, 40));
        Assert.True(t.IsEmpty);
        Assert.Equal(50, RateTimeline.Advance(40, 10, t, null));
    }
}
