using System.Runtime.CompilerServices;

namespace FlowSim.Engine;

/// <summary>
/// The run without disruptions (for disruption cost) starts where the run with them last had
/// nothing to tell them apart.
/// </summary>
/// <remarks>
/// Both runs of a trial draw the same numbers, so until a disruption first changes something
/// they are the same run. Every place a disruption can act (a closed lane or supplier, a surge,
/// lost capacity, a demand shock, a quality hold, an information delay, a backup switch, a
/// cancelled order) compares what it gets with what the run without disruptions would get; the
/// first difference marks the run as changed. Until then, the run with disruptions keeps copies
/// of its state, and the run without starts from the last copy instead of from day 0: its
/// outcome is exactly that of a run from day 0.
/// <para>
/// A copy costs about as much as simulating a day or two, so copies are made where the change
/// is likely: a disruption acts from the start of its first occurrence, or earlier by the lead
/// time of goods already on their way when it starts. Copies are made 64, 32, ... 2 and 1 days
/// before that start, and every <see cref="CheckpointDays"/> days after it until something changes.
/// </para>
/// </remarks>
internal sealed partial class Simulation
{
    /// <summary>Days between copies once the first occurrence has started and nothing has changed yet.</summary>
    internal const int CheckpointDays = 16;

    // Where the copy is kept: a simulation of the same model, used for its storage only.
    private Simulation? _checkpoint;
    private double _checkpointDay = -1;
    private (int Strategy, long Trial, ulong Seed) _checkpointOf;

    // This run keeps copies, the next one is due on _nextCheckpoint, and whether a disruption has
    // changed anything yet.
    private bool _checkpointing;
    private double _nextCheckpoint;
    private bool _changed;

    // The day the first occurrence of any disruption starts (the horizon when none does).
    private double _firstOccurrenceDay;

    /// <summary>Start the run without disruptions from the run with them (see the remarks above).</summary>
    internal bool ForkRuns { get; }

    /// <summary>The day the last run started on: 0, or a copy's day for a forked run without disruptions (tests).</summary>
    internal double StartDay { get; private set; }

    /// <summary>A disruption just made this run differ from the run without disruptions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Changed() => _changed = true;

    /// <summary>
    /// Sets up copies for a run with disruptions, or finds the day a run without them starts on
    /// (restoring the copy made then); 0 when it starts from the beginning.
    /// </summary>
    private double ForkDay(int strategy, long trial, ulong seed, bool disruptions, int switchedOff)
    {
        _checkpointing = false;
        if (!ForkRuns || Trace is not null || _traceOnHand is not null || _model.Disruptions.Length == 0)
        {
            return 0;
        }

        if (disruptions && switchedOff < 0)
        {
            _checkpointing = true;
            _changed = false;
            _firstOccurrenceDay = Math.Floor(_horizonDays);
            for (var o = 0; o < _occurrences.Count; o++)
            {
                _firstOccurrenceDay = Math.Min(_firstOccurrenceDay, Math.Floor(_occurrences[o].Start));
            }

            _nextCheckpoint = NextCheckpoint(0);
            _checkpointDay = -1;
            _checkpointOf = (strategy, trial, seed);
            return 0;
        }

        if (!disruptions && _checkpointDay > 0 && _checkpointOf == (strategy, trial, seed))
        {
            CopyFlowFrom(_checkpoint!);
            return _checkpointDay;
        }

        return 0;
    }

    /// <summary>At the start of a day of a run with disruptions: copies the state while nothing has changed yet.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Checkpoint(double day)
    {
        if (_changed || day >= _horizonDays)
        {
            _checkpointing = false;
            return;
        }

        _checkpoint ??= new Simulation(_model);
        _checkpoint.CopyFlowFrom(this);
        _checkpointDay = day;
        _nextCheckpoint = NextCheckpoint(day);
    }

    /// <summary>The day of the next copy after <paramref name="day"/>.</summary>
    private double NextCheckpoint(double day)
    {
        for (var gap = 64; gap >= 1; gap /= 2)
        {
            if (_firstOccurrenceDay - gap > day)
            {
                return _firstOccurrenceDay - gap;
            }
        }

        return day + CheckpointDays;
    }

    /// <summary>
    /// Makes this simulation's flow state (stock, orders, queues, random streams, running totals)
    /// that of <paramref name="from"/>. Not copied: what depends on the strategy and on
    /// disruptions being on, which each run's reset sets, and the disruptions' own impact tracking.
    /// </summary>
    private void CopyFlowFrom(Simulation from)
    {
        _stock.CopyFrom(from._stock);
        _ordering.CopyFrom(from._ordering, _forecasts);
        _joint.CopyFrom(in from._joint);
        _productionOrders.CopyFrom(from._productionOrders);
        CopyServersFrom(from);
        _queue.CopyFrom(from._queue);
        _streams.CopyFrom(from._streams);
        _books.CopyFrom(from._books);

        // The parts kept with the setup and the disruptions that still flow from day to day.
        for (var i = 0; i < _setup.Length; i++)
        {
            _setup[i].NextDue = from._setup[i].NextDue;
            if (from._positionHistory[i].Length > 0)
            {
                Array.Copy(from._positionHistory[i], _positionHistory[i], _positionHistory[i].Length);
            }
        }
    }
}
