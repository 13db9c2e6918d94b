using FlowSim.Engine.Supply;

namespace FlowSim.Tests.Engine.Supply;

/// <summary>The waiting queue is first in, first out, however its ring wraps and grows.</summary>
public class TimedQueueTests
{
    [Fact]
    public void Gives_entries_back_oldest_first_as_it_wraps_grows_and_is_copied()
    {
        var q = new TimedQueue();
        var reference = new Queue<(double Time, double Quantity, int A, int B)>();
        var rng = new Random(5);
        for (var step = 0; step < 5_000; step++)
        {
            // More adds than takes on average, in bursts: the ring wraps many times and grows.
            if (reference.Count == 0 || rng.NextDouble() < 0.52)
            {
                var e = (Time: step + rng.NextDouble(), Quantity: rng.Next(1, 9), A: rng.Next(100), B: rng.Next(100));
                q.Enqueue(e.Time, e.Quantity, e.A, e.B);
                reference.Enqueue(e);
            }
            else
            {
                var e = reference.Dequeue();
                Assert.Equal(e, (q.HeadTime, q.HeadQuantity, q.HeadA, q.HeadB));
                q.DropHead();
            }

            Assert.Equal(reference.Count, q.Count);
            if (step % 997 == 0)
            {
                var copy = new TimedQueue();
                copy.CopyFrom(q);
                foreach (var e in reference)
                {
                    Assert.Equal(e, (copy.HeadTime, copy.HeadQuantity, copy.HeadA, copy.HeadB));
                    copy.DropHead();
                }

                Assert.Equal(0, copy.Count);
            }
        }
    }

    [Fact]
    public void Takes_whole_entries_then_part_of_the_next()
    {
        var q = new TimedQueue();
        q.Enqueue(1, 4);
        q.Enqueue(2, 5);
        q.Enqueue(3, 6);

        Assert.Equal(7, q.Take(7));
        Assert.Equal(2, q.Count);
        Assert.Equal((2.0, 2.0), (q.HeadTime, q.HeadQuantity));
        Assert.Equal(8, q.Take(100));
        Assert.Equal(0, q.Count);
    }
}
