using FlowSim.Engine.Disruptions;
using FlowSim.Policies;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// Production lines that work as queues (<c>servers:</c> with <c>unit_time:</c>): an order whose
/// components are in waits first come first served for one of the line's servers, which makes its
/// units one after another, each taking a random unit time.
/// </summary>
/// <remarks>
/// Orders become ready in time order, so first come first served over N servers is: each order
/// takes the server that is free first, and starts when it is free. Only the time each server is
/// next free is kept.
/// </remarks>
internal sealed partial class Simulation
{
    // Per production line with servers: when each server is next free; empty for lines without.
    private double[][] _serverFreeAt = [];

    private void ResetServers()
    {
        MakeServers();
        foreach (var line in _serverFreeAt)
        {
            Array.Clear(line);
        }
    }

    // Made on first use: a simulation kept only to hold a copy is never reset.
    private void MakeServers()
    {
        if (_serverFreeAt.Length != _model.ProductionLines.Length)
        {
            _serverFreeAt = [.. _model.ProductionLines.Select(p => new double[p.Servers])];
        }
    }

    private void CopyServersFrom(Simulation from)
    {
        MakeServers();
        for (var k = 0; k < _serverFreeAt.Length; k++)
        {
            Array.Copy(from._serverFreeAt[k], _serverFreeAt[k], _serverFreeAt[k].Length);
        }
    }

    /// <summary>
    /// Order of <paramref name="q"/> units for slot <paramref name="slot"/>, ready at
    /// <paramref name="t"/>: it takes the server free first, which makes its units one after another
    /// (slower while the line's capacity is lost, not at all while the plant is down); the order is
    /// received when its last unit is made, plus the line's lead time if it has one.
    /// </summary>
    private void StartOnServer(int lineIndex, int slot, double t, double q)
    {
        var line = _model.ProductionLines[lineIndex];
        ref var rng = ref _streams.Production[lineIndex];
        var free = _serverFreeAt[lineIndex];
        var server = 0;
        for (var k = 1; k < free.Length; k++)
        {
            if (free[k] < free[server])
            {
                server = k;
            }
        }

        var start = Math.Max(t, free[server]);

        // Whole units one after another; a fraction of a unit takes that fraction of a unit's time.
        var units = Math.Floor(q + Tolerances.Quantity);
        var work = WorkFor(line.UnitTime!, units, ref rng);
        if (q - units > Tolerances.Quantity)
        {
            work += (q - units) * line.UnitTime!.Sample(ref rng);
        }

        var rate = _disruptionsOn && !_lineCapacity[lineIndex].IsEmpty ? _lineCapacity[lineIndex] : null;
        var finish = rate is null ? start + work : Worked(rate, start, work);
        free[server] = finish;
        var done = finish + line.LeadTime.Sample(ref rng);
        InProduction(start, done, q);
        if (double.IsFinite(done))
        {
            _queue.Schedule(done, EventKind.Receipt, slot, q, -1);
        }
    }

    /// <summary>
    /// The time one server takes to make <paramref name="units"/> whole units: the sum of as many
    /// unit times, drawn as one when its law is known (a constant's multiple, a gamma for
    /// exponential and gamma unit times), from its normal limit for ten thousand units or more of
    /// another law, and unit by unit otherwise; so a large order costs one draw, not one per unit.
    /// </summary>
    private static double WorkFor(Distribution unit, double units, ref RandomStream rng)
    {
        if (units <= 0)
        {
            return 0;
        }

        if (unit.Kind == DistributionKind.Constant)
        {
            return units * unit.Mean;
        }

        if (units > 1 && unit.Kind is DistributionKind.Exponential or DistributionKind.Gamma && unit.Variance > 0)
        {
            // n draws of Gamma(shape k, scale theta) add up to Gamma(n k, theta).
            var scale = unit.Variance / unit.Mean;
            return new GammaSampler(units * unit.Mean / scale).Sample(ref rng) * scale;
        }

        if (units >= 10_000)
        {
            NormalSampler.NextPair(ref rng, out var z, out _);
            return Math.Max(0, (units * unit.Mean) + (z * Math.Sqrt(units * unit.Variance)));
        }

        var work = 0.0;
        for (var u = 0; u < units; u++)
        {
            work += unit.Sample(ref rng);
        }

        return work;
    }

    /// <summary>
    /// Books <paramref name="q"/> units in production from <paramref name="start"/> to
    /// <paramref name="done"/> (see <see cref="Outcomes.Metric.AvgInProductionUnits"/>): whole, when the
    /// order starts, clipped to the measured period, as goods in transit are.
    /// </summary>
    private void InProduction(double start, double done, double q)
    {
        var days = (_horizonDays < done ? _horizonDays : done) - (start < _warmupDays ? _warmupDays : start);
        if (days > 0)
        {
            _books.ProductionArea += q * days;
        }
    }

    /// <summary>When <paramref name="work"/> days of a server's work started at <paramref name="start"/> are done, at the line's capacity as it changes.</summary>
    private double Worked(RateTimeline rate, double start, double work)
    {
        var t = start;
        while (true)
        {
            var r = rate.RateAt(t, out var next);
            if (r != 1)
            {
                Changed();
            }

            if (r > 0 && (double.IsPositiveInfinity(next) || t + (work / r) <= next))
            {
                return t + (work / r);
            }

            if (double.IsPositiveInfinity(next))
            {
                // Down for good: the order never finishes.
                return double.PositiveInfinity;
            }

            work -= (next - t) * r;
            t = next;
        }
    }
}
