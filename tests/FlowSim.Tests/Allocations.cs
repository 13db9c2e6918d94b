namespace FlowSim.Tests;

/// <summary>Measures what code allocates on the current thread once it is warm.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes allocated by <paramref name="action"/> in its cleanest of several repetitions. The
    /// runtime may compile hot methods (tier-up, on-stack replacement) on the test thread while a
    /// loop runs, and that work allocates; code that itself allocates does so in every repetition.
    /// </summary>
    public static long InSteadyState(Action action, int repetitions = 5)
    {
        action();
        var least = long.MaxValue;
        for (var r = 0; r < repetitions; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
