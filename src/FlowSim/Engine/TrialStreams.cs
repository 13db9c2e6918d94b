using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// The random streams a run draws from as it goes: one per demand stream, lane and production
/// line, each seeded from (seed, trial, source) so every run of a trial sees the same numbers;
/// and, per lane, how far this run has read the lead times the trial shares.
/// </summary>
/// <remarks>Held by the simulation as a readonly field, so drawing through it costs nothing extra.</remarks>
internal readonly struct TrialStreams
{
    /// <summary>Per slot: its customers' demand.</summary>
    public readonly RandomStream[] Demand;

    /// <summary>Per slot with autocorrelated demand: yesterday's standard normal AR(1) value; NaN before the first day.</summary>
    public readonly double[] DemandState;

    /// <summary>Per lane: its lead times.</summary>
    public readonly RandomStream[] Lane;

    /// <summary>Per production line: its lead times.</summary>
    public readonly RandomStream[] Production;

    /// <summary>Per lane: the next of the trial's shared lead times this run takes.</summary>
    public readonly int[] LeadCursor;

    // Per slot and production line: the key of its stream (see SlotModel.StreamKey).
    private readonly int[] _slotKeys;
    private readonly int[] _lineKeys;

    public TrialStreams(int[] slotKeys, int lanes, int[] lineKeys)
    {
        var (slots, productionLines) = (slotKeys.Length, lineKeys.Length);
        (_slotKeys, _lineKeys) = (slotKeys, lineKeys);
        Demand = new RandomStream[slots];
        DemandState = new double[slots];
        Lane = new RandomStream[lanes];
        Production = new RandomStream[productionLines];
        LeadCursor = new int[lanes];
    }

    /// <summary>Starts every stream of <paramref name="trial"/> from its beginning.</summary>
    public void Reset(ulong seed, long trial)
    {
        for (var j = 0; j < Lane.Length; j++)
        {
            Lane[j] = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, Simulation.LaneSource + j));
        }

        for (var p = 0; p < Production.Length; p++)
        {
            Production[p] = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, Simulation.ProductionSource + _lineKeys[p]));
        }

        for (var i = 0; i < Demand.Length; i++)
        {
            Demand[i] = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, Simulation.DemandSource + _slotKeys[i]));
        }

        Array.Fill(DemandState, double.NaN);

        Array.Clear(LeadCursor);
    }

    /// <summary>Makes every stream and cursor where <paramref name="from"/>'s are.</summary>
    public void CopyFrom(in TrialStreams from)
    {
        Array.Copy(from.Demand, Demand, Demand.Length);
        Array.Copy(from.DemandState, DemandState, DemandState.Length);
        Array.Copy(from.Lane, Lane, Lane.Length);
        Array.Copy(from.Production, Production, Production.Length);
        Array.Copy(from.LeadCursor, LeadCursor, LeadCursor.Length);
    }
}
