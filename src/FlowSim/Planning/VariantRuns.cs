using FlowSim.Experiments;

namespace FlowSim.Planning;

/// <summary>
/// Runs the variants of a study (an audit's outages, a sweep's points) side by side: as many at
/// once as there are worker threads, the threads shared out among them. Each variant's results
/// never depend on its thread count, and each lands in its own slot, so the study's results are
/// the same whatever the number of threads.
/// </summary>
internal static class VariantRuns
{
    /// <summary>Runs <paramref name="run"/> for variants 0 to <paramref name="count"/> - 1 and returns what each gave, in variant order.</summary>
    /// <param name="count">Variants to run.</param>
    /// <param name="options">The study's options; each variant gets them with its share of the threads.</param>
    /// <param name="progress">Told the trials completed so far, all variants together (reports may arrive out of order).</param>
    /// <param name="run">Runs one variant with the options and trial progress given.</param>
    /// <param name="cancellation">Stops the variants not yet started; the running ones stop between trials through their own runs.</param>
    public static T[] Run<T>(int count, RunOptions options, IProgress<int>? progress, Func<int, RunOptions, IProgress<int>?, T> run, CancellationToken cancellation)
    {
        var results = new T[count];
        if (count == 0)
        {
            return results;
        }

        // Many small variants gain most from running whole variants at once (their compiling and
        // summarising overlap too); a few large ones keep their trials spread over the threads.
        var threads = Math.Max(1, options.Threads ?? Environment.ProcessorCount);
        var together = Math.Min(threads, count);
        var each = options with { Threads = Math.Max(1, threads / together) };
        var total = new TrialTotal(progress);
        long next = -1;
        void Work()
        {
            long v;
            while ((v = Interlocked.Increment(ref next)) < count)
            {
                cancellation.ThrowIfCancellationRequested();
                results[v] = run((int)v, each, progress is null ? null : new VariantProgress(total));
            }
        }

        if (together == 1)
        {
            Work();
            return results;
        }

        var workers = new Thread[together];
        Exception? failure = null;
        for (var w = 0; w < together; w++)
        {
            workers[w] = new Thread(() =>
            {
                try
                {
                    Work();
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    // No further variant starts.
                    Interlocked.Exchange(ref next, count);
                }
            })
            { IsBackground = true, Name = $"flowsim-variant-{w}" };
            workers[w].Start();
        }

        foreach (var t in workers)
        {
            t.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return results;
    }

    /// <summary>Trials completed by every variant together.</summary>
    private sealed class TrialTotal(IProgress<int>? outer)
    {
        private int _done;

        public void Add(int trials) => outer?.Report(Interlocked.Add(ref _done, trials));
    }

    /// <summary>One variant's trial counts (the highest seen wins), passed on as increments of the total.</summary>
    private sealed class VariantProgress(TrialTotal total) : IProgress<int>
    {
        private int _seen;

        public void Report(int value)
        {
            var seen = Volatile.Read(ref _seen);
            while (value > seen)
            {
                var was = Interlocked.CompareExchange(ref _seen, value, seen);
                if (was == seen)
                {
                    total.Add(value - seen);
                    return;
                }

                seen = was;
            }
        }
    }
}
