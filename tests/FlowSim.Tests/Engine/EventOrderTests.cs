using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Engine;

/// <summary>
/// Events at the same time run in the documented order: calendar changes, receipts, demand,
/// reviews and ordering, accounting; within a class, in the order they were scheduled.
/// </summary>
public class EventOrderTests
{
    public class TheEventQueue
    {
        [Fact]
        public void Pops_by_time_then_class_then_insertion()
        {
            var q = new EventQueue();
            q.Schedule(5, EventKind.EndOfHorizon, 0);
            q.Schedule(5, EventKind.Review, 1);
            q.Schedule(5, EventKind.Demand, 2);
            q.Schedule(5, EventKind.Receipt, 3);
            q.Schedule(5, EventKind.SeasonClose, 4);
            q.Schedule(4.5, EventKind.Review, 5);
            q.Schedule(5, EventKind.Receipt, 6);
            q.Schedule(5, EventKind.BatchCommit, 7);

            var order = new List<int>();
            while (q.Count > 0)
            {
                order.Add(q.Next().Slot);
            }

            // 4.5 first; then at 5: calendar, receipts (3 before 6), demand, reviews (1 before 7), accounting.
            Assert.Equal([5, 4, 3, 6, 2, 1, 7, 0], order);
        }

        [Fact]
        public void Keeps_heap_order_over_many_random_events()
        {
            var q = new EventQueue();
            var rng = new Random(3);
            for (var i = 0; i < 5000; i++)
            {
                q.Schedule(rng.Next(0, 200), (EventKind)rng.Next(0, 7), i);
            }

            var previous = q.Next();
            while (q.Count > 0)
            {
                var e = q.Next();
                Assert.True(e.Time > previous.Time || (e.Time == previous.Time && e.Order > previous.Order));
                previous = e;
            }
        }

        [Fact]
        public void Gives_the_same_order_as_a_sort_when_scheduling_and_taking_interleave()
        {
            // Whole days (bucketed), fractions (heap), days further ahead than the buckets reach,
            // and every class, scheduled while events are taken, as a trial does.
            var q = new EventQueue();
            var rng = new Random(11);
            var pending = new List<(double Time, long Order, int Id)>();
            var taken = new List<int>();
            var expected = new List<int>();
            double now = 0;
            var id = 0;
            for (var step = 0; step < 20_000; step++)
            {
                if (pending.Count == 0 || rng.NextDouble() < 0.55)
                {
                    var ahead = rng.Next(4) switch
                    {
                        0 => rng.Next(0, 3),
                        1 => rng.Next(0, 40) + (rng.NextDouble() < 0.5 ? 0.25 : 0),
                        2 => rng.Next(100, 400),
                        _ => rng.NextDouble() * 10,
                    };
                    var time = Math.Floor(now) + ahead < now ? now : Math.Floor(now) + ahead;
                    var kind = (EventKind)rng.Next(0, 11);
                    q.Schedule(time, kind, id % 1000);
                    pending.Add((time, ((long)SimEvent.ClassOf(kind) << 56) | (uint)id, id));
                    id++;
                }
                else
                {
                    var first = pending.MinBy(p => (p.Time, p.Order));
                    SimEvent e;
                    if (rng.NextDouble() < 0.5)
                    {
                        // As the event loop takes them: only before a bound. One at the earliest
                        // event itself (or a moment before) takes nothing; one just after takes it.
                        Assert.False(q.TryTakeBefore(first.Time, first.Order, out _));
                        Assert.False(q.TryTakeBefore(first.Time - 1e-9, long.MaxValue, out _));
                        Assert.True(q.TryTakeBefore(first.Time, first.Order + 1, out e));
                    }
                    else
                    {
                        Assert.Equal(first.Order, q.Peek().Order);
                        e = q.Next();
                    }

                    pending.Remove(first);
                    expected.Add(first.Id % 1000);
                    taken.Add(e.Slot);
                    Assert.Equal(first.Time, e.Time);
                    now = e.Time;
                }
            }

            Assert.Equal(expected, taken);
            Assert.Equal(pending.Count, q.Count);
            while (q.TryTakeBefore(double.PositiveInfinity, 0, out _))
            {
            }

            Assert.Equal(0, q.Count);
            Assert.False(q.TryTakeBefore(double.PositiveInfinity, 0, out _));
        }

        [Fact]
        public void A_warm_queue_allocates_nothing_as_days_come_and_go()
        {
            // Enough events waiting for the day buckets, days of uneven load, and events added to
            // the day being taken (a lead time of zero).
            var q = new EventQueue();
            var rng = new Random(5);
            var gaps = Enumerable.Range(0, 4096).Select(_ => (double)(rng.Next(4) == 0 ? 0 : rng.Next(1, 40))).ToArray();
            for (var i = 0; i < 1000; i++)
            {
                q.Schedule(gaps[i], EventKind.Receipt, i % 50, 1);
            }

            var k = 0;
            void Hold()
            {
                for (var h = 0; h < 20_000; h++)
                {
                    var e = q.Next();
                    q.Schedule(e.Time + gaps[k++ & 4095], e.Kind, e.Slot, e.Quantity);
                }
            }

            for (var warm = 0; warm < 20; warm++)
            {
                Hold();
            }

            Assert.Equal(0, Allocations.InSteadyState(Hold));
        }
    }

    [Trait(TestCategory.Name, TestCategory.Slow)]
    public class ATrial
    {
        [Theory]
        [InlineData("scenarios/port-closure.yaml", true)]
        [InlineData("scenarios/meio-plant-dcs-branches.yaml", true)]
        [InlineData("benchmarks/scenarios/large-network.yaml", true)]
        [InlineData("scenarios/quickstart.yaml", true)]
        [InlineData("scenarios/ceramics-preorder.yaml", false)]
        [InlineData("scenarios/woodworking-three-streams.yaml", false)]
        [InlineData("scenarios/apparel-bullwhip.yaml", true)]
        [InlineData("scenarios/electronics-quality-hold.yaml", true)]
        public void Gives_the_same_outcome_in_one_pass_as_in_the_documented_class_order(string file, bool onePass)
        {
            // Untraced runs do each slot's demand and review together when no stock point with
            // customers supplies another; a trace runs every demand, then every review. Nothing may
            // tell them apart.
            var model = Model.Compile(ScenarioLoader.Load(RepoFiles.Path(file)).Scenario!);
            var fast = new Simulation(model);
            var traced = new Simulation(model) { Trace = _ => { } };
            Assert.Equal(onePass, fast.OnePass);
            var a = new double[fast.Layout.Length];
            var b = new double[fast.Layout.Length];
            for (var strategy = 0; strategy < model.Strategies.Length; strategy++)
            {
                foreach (var disruptions in new[] { true, false })
                {
                    fast.Run(strategy, 3, 17, a, disruptions);
                    traced.Run(strategy, 3, 17, b, disruptions);
                    Assert.Equal(b, a);
                }
            }
        }

        [Fact]
        public void Runs_in_two_passes_when_a_stock_point_both_sells_and_supplies()
        {
            // The DC sells a and supplies b: in one pass its daily demand total would add the
            // stores' requests and its own customers' demand in another order.
            var model = Model.Compile(TestScenarios.Load("""
                name: shared stock point
                horizon: 200d
                items:
                  - { id: a, unit_cost: 10, price: 20 }
                  - { id: b, unit_cost: 10, price: 20 }
                suppliers:
                  - { id: sup, lead_time: { dist: uniform, min: 3d, max: 9d } }
                stock_points:
                  - { id: s1 }
                  - { id: s2 }
                  - { id: dc }
                lanes:
                  - { from: sup, to: dc }
                  - { from: dc, to: s1, lead_time: 1d, items: [b] }
                  - { from: dc, to: s2, lead_time: 1d, items: [b] }
                demand:
                  - { item: b, at: s1, daily: { dist: gamma, mean: 5.3, cv: 60% } }
                  - { item: b, at: s2, daily: { dist: gamma, mean: 7.1, cv: 60% } }
                  - { item: a, at: dc, daily: { dist: gamma, mean: 3.7, cv: 60% } }
                strategies:
                  - { name: bs, policy: buffer, rule: base-stock, service_level: 95% }
                """));
            Assert.False(new Simulation(model).OnePass);
        }

        private static List<SimEvent> Trace(string yaml)
        {
            var model = Model.Compile(TestScenarios.Load(yaml));
            var events = new List<SimEvent>();
            var sim = new Simulation(model) { Trace = events.Add };
            sim.Run(0, 0, 1, new double[sim.Layout.Length]);
            return events;
        }

        [Fact]
        public void Runs_every_day_in_class_order()
        {
            var events = Trace(TestScenarios.SingleItem(horizon: "60d", warmup: "10d"));

            Assert.Contains(events, e => e.Kind == EventKind.Receipt);
            Assert.Contains(events, e => e.Kind == EventKind.EndOfWarmup);
            for (var i = 1; i < events.Count; i++)
            {
                var (a, b) = (events[i - 1], events[i]);
                Assert.True(b.Time > a.Time || (b.Time == a.Time && b.Class >= a.Class),
                    $"{b.Kind} at {b.Time} ran after {a.Kind} at {a.Time}");
            }

            Assert.Equal(EventKind.EndOfHorizon, events[^1].Kind);
        }

        [Fact]
        public void Never_runs_an_event_before_one_already_run_when_production_takes_no_time()
        {
            // Components arrive at fractional times; a line with capacity and no lead time finishes
            // an order the moment it starts. Start = t + whole days, so it is never a rounding step
            // before t (which would put the receipt before the event that made it).
            var yaml = File.ReadAllText(RepoFiles.Path("scenarios/port-closure.yaml"));
            Assert.Contains("    lead_time: 3d\n", yaml);
            var model = Model.Compile(TestScenarios.Load(yaml.Replace("    lead_time: 3d\n", "    lead_time: 0d\n")));
            var last = 0.0;
            var receipts = 0;
            var sim = new Simulation(model)
            {
                Trace = e =>
                {
                    Assert.True(e.Time >= last, $"{e.Kind} at {e.Time:R} ran after an event at {last:R}");
                    last = e.Time;
                    receipts += e.Kind == EventKind.Receipt && e.Aux == -1 && e.Time != Math.Floor(e.Time) ? 1 : 0;
                },
            };
            for (var trial = 0; trial < 20; trial++)
            {
                last = 0;
                sim.Run(0, trial, 4242, new double[sim.Layout.Length]);
            }

            // Finished production did land at fractional times.
            Assert.True(receipts > 0);
        }

        [Fact]
        public void Closes_the_warm_up_with_no_sales_of_it_left_in_todays_flows()
        {
            // Receipts land at half days and fill waiting customers late, so the last warm-up day's
            // late fills come in just before the warm-up ends (at the start of day 20). What was
            // sold then belongs to the warm-up: no return of it is counted after.
            var model = Model.Compile(TestScenarios.Load("""
                name: late fills
                horizon: 60d
                warmup: 20d
                items:
                  - { id: a, unit_cost: 10, price: 20, returns: { share: 10%, after: 2d } }
                suppliers:
                  - { id: sup, lead_time: 1.5d }
                stock_points:
                  - { id: shop }
                lanes:
                  - { from: sup, to: shop }
                demand:
                  - { item: a, at: shop, daily: 10/day, patience: 10d }
                strategies:
                  - { name: short, policy: buffer, order_up_to: 5 }
                """));
            double? before = null, after = null;
            var endedWarmup = false;
            Simulation sim = null!;
            sim = new Simulation(model)
            {
                Trace = e =>
                {
                    if (endedWarmup && after is null)
                    {
                        after = sim.SoldToday(0);
                    }

                    if (e.Kind == EventKind.EndOfWarmup)
                    {
                        (before, endedWarmup) = (sim.SoldToday(0), true);
                    }
                },
            };
            sim.Run(0, 0, 1, new double[sim.Layout.Length]);

            Assert.True(before > 0, "late fills just before the end of the warm-up");
            Assert.Equal(0, after);
        }

        [Fact]
        public void A_receipt_serves_the_demand_of_the_day_it_arrives()
        {
            // Constant demand of 10 a day, one-day lead time, order up to 10: the order placed after
            // today's demand arrives tomorrow before tomorrow's demand, so no customer ever waits.
            // Were demand to run before receipts, every day would be short.
            var result = Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(
                demand: "10/day", leadTime: "1d", horizon: "100d", trials: 1,
                strategies: "  - name: buffer\n    policy: buffer\n    order_up_to: 10\n")), new RunOptions(Threads: 1));

            Assert.Equal(1.0, result.Strategies[0][Metric.FillRate].Mean);
            Assert.Equal(0, result.Strategies[0][Metric.StockoutDays].Mean);
        }

        [Fact]
        public void A_review_sees_the_same_days_demand()
        {
            // With a two-day lead time and S = 10, stock lasts exactly one day: had the review run before
            // demand, it would order a day late and every other day would be short.
            var result = Experiment.Run(TestScenarios.Load(TestScenarios.SingleItem(
                demand: "5/day", leadTime: "2d", horizon: "100d", trials: 1,
                strategies: "  - name: buffer\n    policy: buffer\n    order_up_to: 10\n")), new RunOptions(Threads: 1));

            Assert.Equal(1.0, result.Strategies[0][Metric.FillRate].Mean);
        }
    }
}
