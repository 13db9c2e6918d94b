using System.Runtime.InteropServices;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation the run honours within a
/// simulated day, so it can say how far it got and exit 130 with no partial output. A second
/// Ctrl+C ends the process at once, and so does a run that has not stopped after
/// <see cref="GraceTime"/>; results are still never half-written: the temporary files of outputs
/// being written are removed first, a set of outputs being renamed into place is finished first,
/// and a run whose outputs are all in place is left to finish.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private Timer? _deadline;

    /// <summary>How long a run may take to stop cleanly after the first signal before the process ends anyway.</summary>
    public static readonly TimeSpan GraceTime = TimeSpan.FromSeconds(3);

    public Interruption()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _deadline?.Dispose();

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first signal asks the run to stop cleanly; a later one ends the process, after tidying its outputs.
        context.Cancel = true;
        if (!_cancel.IsCancellationRequested)
        {
            _cancel.Cancel();
            // Work that cannot see the cancellation (sizing policies before the first trial) must not keep the process alive.
            _deadline = new Timer(_ => ForceExit(), null, GraceTime, Timeout.InfiniteTimeSpan);
        }
        else
        {
            ForceExit();
        }
    }

    private static void ForceExit()
    {
        // Waits for a set being renamed, removes temporary files of sets being written, and keeps any commit from starting.
        if (OutputSet.AbandonWrites())
        {
            Console.Error.WriteLine("flowsim: interrupted after the results were written in full; finishing.");
            return;
        }

        Console.Error.WriteLine("flowsim: interrupted; nothing was written.");
        Environment.Exit(ExitCodes.Cancelled);
    }
}
