using FlowSim.Engine.Disruptions;

namespace FlowSim.Tests.Engine.Disruptions;

/// <summary>
/// The quick lookups of a trial's disruptions (an occurrence under way, the next cancelling
/// outage, a timeline's rate, the occurrences followed on a day) give the answer a scan over
/// every occurrence or segment gives, for random occurrences and times, including the exact
/// starts and ends where an occurrence begins or stops holding.
/// </summary>
public class OccurrenceLookupTests
{
    private const int Disruptions = 6;

    /// <summary>
    /// Random occurrences per disruption: even disruptions as a renewal process (one after the
    /// other, some of no length), odd ones overlapping in any order, as no draw gives them.
    /// </summary>
    private static Occurrences Draw(Random rng)
    {
        var occurrences = new Occurrences(Disruptions);
        for (var d = 0; d < Disruptions; d++)
        {
            occurrences.Begin(d);
            var n = rng.Next(0, 12);
            var t = rng.NextDouble() * 20;
            for (var k = 0; k < n; k++)
            {
                if (d % 2 == 0)
                {
                    var end = t + (rng.Next(4) == 0 ? 0 : Math.Round(rng.NextDouble() * 15));
                    occurrences.Add(d, t, end);
                    t = end + Math.Round(rng.NextDouble() * 30);
                }
                else
                {
                    var start = Math.Round(rng.NextDouble() * 300);
                    occurrences.Add(d, start, start + Math.Round(rng.NextDouble() * 40));
                }
            }

            occurrences.End(d);
        }

        return occurrences;
    }

    /// <summary>Random times, and every start and end with a hair either side.</summary>
    private static List<double> Times(Occurrences occurrences, Random rng)
    {
        var times = new List<double> { -1, 0, 1_000 };
        for (var k = 0; k < occurrences.Count; k++)
        {
            foreach (var t in new[] { occurrences[k].Start, occurrences[k].End })
            {
                times.AddRange([t, Math.BitDecrement(t), Math.BitIncrement(t)]);
            }
        }

        for (var k = 0; k < 200; k++)
        {
            times.Add(rng.NextDouble() * 400 - 20);
        }

        return times;
    }

    [Fact]
    public void An_occurrence_is_found_under_way_exactly_when_one_holds_the_time()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var occurrences = Draw(rng);
            foreach (var t in Times(occurrences, rng))
            {
                for (var d = 0; d < Disruptions; d++)
                {
                    var scan = Enumerable.Range(occurrences.FirstOf(d), occurrences.CountOf(d))
                        .Where(k => occurrences[k].Start <= t && t < occurrences[k].End).ToList();
                    var found = occurrences.During(d, t);
                    if (scan.Count == 0)
                    {
                        Assert.Equal(-1, found);
                    }
                    else
                    {
                        Assert.Contains(found, scan);
                    }
                }
            }
        }
    }

    [Fact]
    public void The_first_start_in_a_window_is_the_earliest_start_strictly_inside_it()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var occurrences = Draw(rng);
            var times = Times(occurrences, rng);
            foreach (var from in times)
            {
                var to = rng.Next(3) == 0 ? times[rng.Next(times.Count)] : from + (rng.NextDouble() * 60);
                for (var d = 0; d < Disruptions; d++)
                {
                    var scan = Enumerable.Range(occurrences.FirstOf(d), occurrences.CountOf(d))
                        .Select(k => occurrences[k].Start).Where(s => s > from && s < to)
                        .DefaultIfEmpty(double.PositiveInfinity).Min();
                    Assert.Equal(scan, occurrences.FirstStartBetween(d, from, to));
                }
            }
        }
    }

    [Fact]
    public void A_timeline_gives_the_rate_and_next_change_of_a_scan_over_its_segments_in_any_order_of_asking()
    {
        var rng = new Random(13);
        for (var trial = 0; trial < 50; trial++)
        {
            var timeline = new RateTimeline();
            for (var k = rng.Next(0, 15); k > 0; k--)
            {
                var start = Math.Round(rng.NextDouble() * 300);
                timeline.Add(start, start + Math.Round(rng.NextDouble() * 20), Math.Round(rng.NextDouble() * 3, 1));
            }

            if (rng.Next(2) == 0)
            {
                timeline.Seal();
            }
            else
            {
                timeline.SealLargest();
            }

            var times = Enumerable.Range(0, 300).Select(_ => rng.NextDouble() * 340 - 20).ToList();
            for (var k = 0; k < timeline.Count; k++)
            {
                times.AddRange([timeline.StartOf(k), timeline.EndOf(k), Math.BitDecrement(timeline.EndOf(k))]);
            }

            // Shuffled, then forward in time as the engine mostly asks.
            foreach (var t in times.Concat(times.Order()))
            {
                var (rate, next) = (1.0, double.PositiveInfinity);
                for (var k = 0; k < timeline.Count; k++)
                {
                    if (t < timeline.StartOf(k))
                    {
                        (rate, next) = (1, timeline.StartOf(k));
                        break;
                    }

                    if (t < timeline.EndOf(k))
                    {
                        (rate, next) = (timeline.RateOf(k), timeline.EndOf(k));
                        break;
                    }
                }

                Assert.Equal((rate, next), (timeline.RateAt(t, out var found), found));
            }
        }
    }

    [Fact]
    public void The_occurrences_followed_on_a_day_are_those_joined_by_then_and_not_yet_let_go()
    {
        var rng = new Random(17);
        for (var trial = 0; trial < 20; trial++)
        {
            var tracked = new TrackedOccurrences();
            var n = rng.Next(0, 80);
            var joins = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 200) - 28 + rng.NextDouble()).ToArray();
            var leaves = joins.Select(j => Math.Floor(j) + 1 + rng.Next(0, 60)).ToArray();
            for (var o = 0; o < n; o++)
            {
                tracked.Add(o, joins[o]);
            }

            tracked.Seal();
            for (var day = -40.0; day < 300; day++)
            {
                tracked.Admit(day);
                var followed = Enumerable.Range(0, tracked.Count).Select(a => tracked[a]).Order().ToList();
                var expected = Enumerable.Range(0, n).Where(o => joins[o] <= day && day < leaves[o] + 1).ToList();
                Assert.Equal(expected, followed);

                // The engine lets go of an occurrence on its last day, after following it.
                for (var a = 0; a < tracked.Count;)
                {
                    if (leaves[tracked[a]] <= day)
                    {
                        tracked.RemoveAt(a);
                    }
                    else
                    {
                        a++;
                    }
                }
            }
        }
    }
}
