using System.Diagnostics;
using System.Globalization;
using FlowSim.Outcomes;

namespace FlowSim.Engine;

/// <summary>
/// Debug-build bookkeeping that checks a trial's books balance when it closes: every unit put on
/// a shelf is still there, was taken off (shipped, consumed by production, handed to another
/// stock point), expired or was cleared at season end; no shelf holds fewer than zero units;
/// every unit demanded was shipped on time, shipped late, lost or is still owed; and the fill
/// rate is a share. Release builds compile the calls away.
/// </summary>
internal sealed partial class Simulation
{
    // Per slot, since the trial started or the warm-up ended: what the shelf held then, and every change since.
    private Ledger[]? _ledger;

    /// <summary>Opens the books: at the start of a trial (after its opening stock) and at the end of the warm-up.</summary>
    [Conditional("DEBUG")]
    private void LedgerStart()
    {
        _ledger ??= new Ledger[_state.Length];
        for (var i = 0; i < _state.Length; i++)
        {
            _ledger[i] = new Ledger { Opening = _state[i].OnHand, OpeningCustomerBacklog = _state[i].CustomerBacklog };
        }
    }

    [Conditional("DEBUG")]
    private void LedgerIn(int i, double q)
    {
        if (_ledger is not null)
        {
            _ledger[i].In += q;
        }
    }

    [Conditional("DEBUG")]
    private void LedgerOut(int i, double q)
    {
        if (_ledger is not null)
        {
            _ledger[i].Out += q;
        }
    }

    [Conditional("DEBUG")]
    private void LedgerExpired(int i, double q)
    {
        if (_ledger is not null)
        {
            _ledger[i].Expired += q;
        }
    }

    [Conditional("DEBUG")]
    private void LedgerSalvaged(int i, double q)
    {
        if (_ledger is not null)
        {
            _ledger[i].Salvaged += q;
        }
    }

    /// <summary>Checks the closed trial's books; throws <see cref="InvalidOperationException"/> naming the broken rule.</summary>
    [Conditional("DEBUG")]
    internal void CheckInvariants(ReadOnlySpan<double> outcome)
    {
        if (_ledger is null)
        {
            throw new InvalidOperationException("invariant: the books were never opened for this trial");
        }

        for (var i = 0; i < _state.Length; i++)
        {
            ref readonly var s = ref _state[i];
            var l = _ledger[i];
            var scale = 1 + Math.Abs(l.Opening) + l.In + l.Out + s.Demanded + l.OpeningCustomerBacklog;
            var where = i;
            Require(s.OnHand >= -Tolerance(scale), where, "on hand is negative", s.OnHand, 0);
            Require(Near(s.OnHand, l.Opening + l.In - l.Out - l.Expired - l.Salvaged, scale), where,
                "stock is not conserved: on hand differs from opening + received - taken off - expired - cleared", s.OnHand, l.Opening + l.In - l.Out - l.Expired - l.Salvaged);
            Require(Near(s.ExpiredUnits, l.Expired, scale), where, "expired units reported differ from those taken off the shelf", s.ExpiredUnits, l.Expired);
            Require(Near(s.SalvagedUnits, l.Salvaged, scale), where, "salvaged units reported differ from those cleared", s.SalvagedUnits, l.Salvaged);
            Require(s.ShippedOnTime + s.ShippedLate <= l.Out + Tolerance(scale), where, "more shipped to customers than taken off the shelf", s.ShippedOnTime + s.ShippedLate, l.Out);
            Require(Near(s.Demanded + l.OpeningCustomerBacklog, s.ShippedOnTime + s.ShippedLate + s.LostUnits + s.CustomerBacklog, scale), where,
                "customer demand does not balance: demanded + owed at the start differs from shipped on time + shipped late + lost + still owed",
                s.Demanded + l.OpeningCustomerBacklog, s.ShippedOnTime + s.ShippedLate + s.LostUnits + s.CustomerBacklog);
            Require(s.CustomerBacklog >= -Tolerance(scale) && s.Backlog >= s.CustomerBacklog - Tolerance(scale), where, "units owed are negative or fewer than those owed to customers", s.Backlog, s.CustomerBacklog);
        }

        var fill = outcome[OutcomeLayout.Of(Metric.FillRate)];
        Require(fill is >= 0 and <= 1, -1, "the fill rate is not a share in [0, 1]", fill, 1);
        var cycles = outcome[OutcomeLayout.Of(Metric.CycleServiceLevel)];
        Require(cycles is >= 0 and <= 1, -1, "the cycle service level is not a share in [0, 1]", cycles, 1);
        for (var k = 0; k < outcome.Length; k++)
        {
            Require(!double.IsInfinity(outcome[k]), -1, "an outcome is infinite (value, index)", outcome[k], k);
        }
    }

    // Sums of many doubles drift by a few units in the last place; a real leak is far larger.
    private static double Tolerance(double scale) => 1e-9 * scale;

    private static bool Near(double a, double b, double scale) => Math.Abs(a - b) <= Tolerance(scale);

    /// <summary>Throws when a rule does not hold; the message is built only then, so a passing check allocates nothing.</summary>
    private void Require(bool holds, int slot, string rule, double actual, double expected)
    {
        if (!holds)
        {
            var where = slot >= 0 ? $"{_slots[slot].ItemId}@{_slots[slot].StockPointId}" : "the trial's outcome";
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"invariant broken at {where}: {rule} ({actual:R} vs {expected:R})"));
        }
    }

    private struct Ledger
    {
        public double Opening;
        public double OpeningCustomerBacklog;
        public double In;
        public double Out;
        public double Expired;
        public double Salvaged;
    }
}
