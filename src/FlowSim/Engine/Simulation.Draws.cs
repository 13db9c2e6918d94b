using System.Runtime.CompilerServices;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// Random draws that every run of a trial shares: customer demand and lane lead times.
/// </summary>
/// <remarks>
/// Every run of one trial (each strategy, with disruptions and without) reads the same streams:
/// the same demand per stock point and day, the same sequence of lead times per lane (common
/// random numbers). When a trial is run more than once, those draws are made once, in a tight
/// loop, and the runs read them back: the values are exactly those each run would have drawn, so
/// results do not change; only the cost of drawing them again does.
/// </remarks>
internal sealed partial class Simulation
{
    /// <summary>The most demand draws kept for one trial (16 MB per thread): longer or wider scenarios draw as they go.</summary>
    internal const int MaxSharedDemandDraws = 1 << 21;

    // Per slot: its column in _demand, or -1 when its draws depend on the run (a demand shock
    // scales them while disruptions are on) or it has no customers.
    private int[] _demandColumn = [];
    private int _demandWidth;
    private int _demandDays;

    // Demand drawn for the current trial, day by day: day d of column c is at d * _demandWidth + c.
    private double[] _demand = [];
    private int _demandRow;

    // Lead times drawn so far on each lane in the current trial, in the order the lane's stream
    // gives them; null for a lane whose stream also serves expediting (see ResetDraws). Each run
    // reads them from its own cursor (TrialStreams.LeadCursor).
    private LeadTimes?[] _leadTimes = [];

    // The trial the shared draws belong to.
    private bool _drawsValid;
    private long _drawsTrial;
    private ulong _drawsSeed;

    /// <summary>
    /// Draw demand and lead times once per trial and share them between the runs of that trial.
    /// Worth it when each trial is run several times (strategies, runs without disruptions).
    /// </summary>
    internal bool ShareDraws { get; }

    /// <summary>A lane's lead times in the order its stream gives them, drawn as runs first need them.</summary>
    private sealed class LeadTimes(Distribution distribution)
    {
        private double[] _values = new double[64];
        private int _count;
        private RandomStream _rng;

        public void Start(ulong seed)
        {
            _rng = RandomStream.Create(seed);
            _count = 0;
        }

        /// <summary>The lead time at <paramref name="cursor"/>, drawing it if no run has yet; moves the cursor on.</summary>
        public double Next(ref int cursor)
        {
            if (cursor == _count)
            {
                if (_count == _values.Length)
                {
                    Array.Resize(ref _values, _count * 2);
                }

                _values[_count++] = distribution.Sample(ref _rng);
            }

            return _values[cursor++];
        }
    }

    private void InitDraws()
    {
        if (!ShareDraws)
        {
            return;
        }

        _demandColumn = new int[_slots.Length];
        _demandWidth = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            // A shock scales demand only while disruptions are on: those slots draw as they go.
            // Customers arriving one by one draw as they arrive.
            _demandColumn[i] = _slots[i].HasCustomers && _slots[i].Arrivals is null && _slots[i].DemandShocks.Length == 0 ? _demandWidth++ : -1;
        }

        _demandDays = (int)Math.Ceiling(_horizonDays);
        if ((long)_demandDays * _demandWidth > MaxSharedDemandDraws)
        {
            _demandWidth = 0;
        }

        _demand = new double[_demandDays * _demandWidth];
        _leadTimes = new LeadTimes?[_lanes.Length];
        for (var j = 0; j < _lanes.Length; j++)
        {
            // Expediting draws its lead times from the same stream, between the lane's own: the
            // sequence then depends on the run, so such a lane draws as it goes.
            var lane = _lanes[j];
            if (lane.FixedLeadTimeDays < 0 && lane.Spec.Expedite is null)
            {
                _leadTimes[j] = new LeadTimes(lane.LeadTime);
            }
        }
    }

    /// <summary>Makes the shared draws belong to this trial, drawing its demand when it is a new one.</summary>
    private void ResetDraws(long trial, ulong seed)
    {
        if (!ShareDraws)
        {
            return;
        }

        if (!_drawsValid || trial != _drawsTrial || seed != _drawsSeed)
        {
            // Not valid while drawing: a cancelled fill leaves nothing half-drawn behind.
            _drawsValid = false;
            DrawTrialDemand(trial, seed);
            for (var j = 0; j < _leadTimes.Length; j++)
            {
                _leadTimes[j]?.Start(RandomStream.DeriveSeed(seed, trial, LaneSource + j));
            }

            (_drawsTrial, _drawsSeed, _drawsValid) = (trial, seed, true);
        }

    }

    private void DrawTrialDemand(long trial, ulong seed)
    {
        if (_demandWidth == 0)
        {
            return;
        }

        var demand = _demand;
        var width = _demandWidth;
        for (var i = 0; i < _slots.Length; i++)
        {
            var c = _demandColumn[i];
            if (c < 0)
            {
                continue;
            }

            // The same stream, and the same draw per day, as DrawDemand makes in a run.
            var slot = _slots[i];
            var rng = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, DemandSource + slot.StreamKey));
            var state = double.NaN;
            for (var day = 0; day < _demandDays; day++)
            {
                demand[day * width + c] = DrawDemand(slot, day, 1, ref rng, ref state);
            }
        }
    }

    /// <summary>Demand streams drawn once per trial (tests).</summary>
    internal int SharedDemandStreams => _demandWidth;

    /// <summary>Slot <paramref name="i"/>'s column in the shared demand for this run; -1 when it draws as it goes.</summary>
    private int DemandColumn(int i) => _demandWidth > 0 ? _demandColumn[i] : -1;

    /// <summary>One lead time on lane <paramref name="j"/>: its constant one, or its stream's next (from the trial's shared draws when kept).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double LeadTime(int j)
    {
        var fixedDays = _laneSetup[j].FixedLeadTimeDays;
        if (fixedDays >= 0)
        {
            return fixedDays;
        }

        return _leadTimes.Length > 0 && _leadTimes[j] is { } shared ? shared.Next(ref _streams.LeadCursor[j]) : _lanes[j].LeadTime.Sample(ref _streams.Lane[j]);
    }
}
