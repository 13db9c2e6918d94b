namespace FlowSim.Engine;

/// <summary>
/// An opt-in record of each day's closing on-hand units per stock point, for fan charts. Off by
/// default: the day loop then pays one null check per day and nothing else.
/// </summary>
internal sealed partial class Simulation
{
    // Day-major buffer (day * stock points + stock point) while a traced trial runs; null otherwise.
    private float[]? _traceOnHand;

    /// <summary>
    /// Runs one trial as <see cref="Run"/> does and also writes each day's closing on-hand units,
    /// all items at a stock point together, into <paramref name="onHandByDay"/>
    /// (day * stock points + stock point, for days 0 to the horizon).
    /// </summary>
    public void RunTraced(int strategy, long trial, ulong seed, Span<double> outcome, float[] onHandByDay)
    {
        _traceOnHand = onHandByDay;
        try
        {
            Run(strategy, trial, seed, outcome);
        }
        finally
        {
            _traceOnHand = null;
        }
    }

    /// <summary>Occurrences of disruptions in the last trial run: disruption index, start and end in days.</summary>
    public int OccurrenceCount => _occurrences.Count;

    /// <summary>The k-th occurrence of the last trial run.</summary>
    public (int Disruption, double StartDays, double EndDays) Occurrence(int k) => (_occurrences[k].Disruption, _occurrences[k].Start, _occurrences[k].End);

    /// <summary>Books the day's closing stock; called after the day's last event.</summary>
    private void TraceDay(double day)
    {
        var buffer = _traceOnHand!;
        var stockPoints = _model.StockPointIds.Length;
        var row = (int)day * stockPoints;
        Array.Clear(buffer, row, stockPoints);
        for (var i = 0; i < _stock.Slots.Length; i++)
        {
            buffer[row + _setup[i].StockPoint] += (float)_stock.Slots[i].OnHand;
        }
    }
}
