namespace FlowSim.Cli;

/// <summary>
/// Remembers how many trials a run has completed (reported from worker threads, possibly out of
/// order) and passes each report on, so an interrupted run can say how far it got.
/// </summary>
internal sealed class TrialCounter : IProgress<int>
{
    private int _completed;

    /// <summary>Trials completed so far: the highest count reported.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Where reports go next (a progress bar), if anywhere.</summary>
    public IProgress<int>? Next { get; set; }

    public void Report(int value)
    {
        var seen = Volatile.Read(ref _completed);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref _completed, value, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }

        Next?.Report(value);
    }
}
