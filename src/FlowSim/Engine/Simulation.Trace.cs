namespace FlowSim.Engine;

/// <summary>
/// An opt-in record of each day's closing stock per stock point, in units and in value at unit
/// cost, for fan charts. Off by default: the day loop then pays one null check per day and
/// nothing else. The trace only reads the stock; it changes no simulated number.
/// </summary>
internal sealed partial class Simulation
{
    // Day-major buffers (day * stock points + stock point) while a traced trial runs; null otherwise.
    private float[]? _traceOnHand;
    private float[]? _traceValue;

    /// <summary>
    /// Runs one trial as <see cref="Run"/> does and also writes each day's closing on-hand units,
    /// all items at a stock point together, into <paramref name="onHandByDay"/>, and, when given,
    /// their value at unit cost into <paramref name="valueByDay"/>
    /// (day * stock points + stock point, for days 0 to the horizon).
    /// </summary>
    public void RunTraced(int strategy, long trial, ulong seed, Span<double> outcome, float[] onHandByDay, float[]? valueByDay = null)
    {
        _traceOnHand = onHandByDay;
        _traceValue = valueByDay;
        try
        {
            Run(strategy, trial, seed, outcome);
        }
        finally
        {
            _traceOnHand = null;
            _traceValue = null;
        }
    }

    /// <summary>Occurrences of disruptions in the last trial run: disruption index, start and end in days.</summary>
    public int OccurrenceCount => _occurrences.Count;

    /// <summary>The k-th occurrence of the last trial run.</summary>
    public (int Disruption, double StartDays, double EndDays) Occurrence(int k) => (_occurrences[k].Disruption, _occurrences[k].Start, _occurrences[k].End);

    /// <summary>Books the day's closing stock; called after the day's last event.</summary>
    private void TraceDay(double day)
    {
        var units = _traceOnHand!;
        var value = _traceValue;
        var stockPoints = _model.StockPointIds.Length;
        var row = (int)day * stockPoints;
        Array.Clear(units, row, stockPoints);
        if (value is not null)
        {
            Array.Clear(value, row, stockPoints);
        }

        for (var i = 0; i < _stock.Slots.Length; i++)
        {
            var onHand = _stock.Slots[i].OnHand;
            units[row + _setup[i].StockPoint] += (float)onHand;
            if (value is not null)
            {
                // Unlike items add up only as money: each at its unit cost, as the inventory value metrics count it.
                value[row + _setup[i].StockPoint] += (float)(onHand * _setup[i].UnitCost);
            }
        }
    }
}
