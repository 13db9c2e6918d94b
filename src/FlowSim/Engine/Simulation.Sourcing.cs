using System.Runtime.CompilerServices;
using FlowSim.Policies;
using FlowSim.Scenarios;

namespace FlowSim.Engine;

/// <summary>Sourcing rules: which lanes an order goes to, by shares or by a backup's switch rule.</summary>
internal sealed partial class Simulation
{
    /// <summary>Places an order by the slot's sourcing rule: production, split, primary and backup, or one lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OrderFromSources(int i, double t, double q, double position)
    {
        var slot = _slots[i];
        switch (slot.Rule)
        {
            case SourcingRule.Production:
                Release(slot.Production, t, q);
                break;
            case SourcingRule.Split when slot.WholeUnits:
                OrderSplitInWholeUnits(i, t, q, position);
                break;
            case SourcingRule.Split:
                var left = q;
                for (var k = 0; k < slot.Lanes.Length; k++)
                {
                    var part = k == slot.Lanes.Length - 1 ? left : q * slot.LaneShares[k];
                    left -= part;
                    OrderOnLane(i, k, t, part, position);
                }

                break;
            case SourcingRule.PrimaryBackup:
                OrderOnLane(i, _usesBackups && UseBackup(i, t) ? 1 : 0, t, q, position);
                break;
            default:
                OrderOnLane(i, 0, t, q, position);
                break;
        }
    }

    /// <summary>
    /// Shares an order out in whole units so that, over the orders, each lane gets its share: every
    /// lane is owed its share of this order plus what it was owed before; each gets the whole units
    /// of that, and the units left go one by one to the lanes owed the largest fractions (largest
    /// remainders). What a lane is owed carries to the next order, so orders of one unit split
    /// 70/30 go to the first lane 7 times in 10, not every time.
    /// </summary>
    private void OrderSplitInWholeUnits(int i, double t, double q, double position)
    {
        var slot = _slots[i];
        var carry = _ordering.SplitCarry[i];
        var n = carry.Length;
        Span<double> owed = stackalloc double[n];
        Span<double> parts = stackalloc double[n];
        var given = 0.0;
        for (var k = 0; k < n; k++)
        {
            owed[k] = (q * slot.LaneShares[k]) + carry[k];
            parts[k] = Math.Max(0, Math.Floor(owed[k] + Tolerances.Quantity));
            given += parts[k];
        }

        // Units left go to the lanes owed most; units over (a lane owed less than nothing kept at
        // nothing) come off those owed least, so the order is always q.
        var left = Math.Round(q - given);
        for (; left > 0; left--)
        {
            var most = 0;
            for (var k = 1; k < n; k++)
            {
                if (owed[k] - parts[k] > owed[most] - parts[most])
                {
                    most = k;
                }
            }

            parts[most]++;
        }

        for (; left < 0; left++)
        {
            var least = -1;
            for (var k = 0; k < n; k++)
            {
                if (parts[k] > 0 && (least < 0 || owed[k] - parts[k] < owed[least] - parts[least]))
                {
                    least = k;
                }
            }

            parts[least]--;
        }

        for (var k = 0; k < n; k++)
        {
            carry[k] = owed[k] - parts[k];
            if (parts[k] > 0)
            {
                OrderOnLane(i, k, t, parts[k], position);
            }
        }
    }

    /// <summary>
    /// True when orders should go to the backup lane: its trigger (primary down, or its oldest open
    /// order late) has held for at least the switch-over delay. Orders go back to the primary as
    /// soon as the trigger clears.
    /// </summary>
    private bool UseBackup(int i, double t)
    {
        var slot = _slots[i];
        var primary = _lanes[slot.Lanes[0]];
        var rule = slot.Backup!;
        bool triggered;
        if (rule.When == BackupTrigger.PrimaryDown)
        {
            // A supplier that has lost all its capacity makes nothing: as down as one that is out.
            triggered = _disruptionsOn && ((primary.Supplier >= 0 && (_supplierUp[primary.Supplier].RateAt(t) == 0 || _supplierCapacity[primary.Supplier].RateAt(t) == 0))
                || _laneOpen[slot.Lanes[0]].RateAt(t) == 0);
            if (triggered)
            {
                Changed();
            }
        }
        else
        {
            triggered = _ordering.PrimaryOpen[i].Count > 0 && t - _ordering.PrimaryOpen[i].HeadTime > rule.LateByDays;
        }

        if (!triggered)
        {
            _ordering.TriggerSince[i] = double.NaN;
            return false;
        }

        if (double.IsNaN(_ordering.TriggerSince[i]))
        {
            _ordering.TriggerSince[i] = t;
        }

        return t >= _ordering.TriggerSince[i] + rule.SwitchDelayDays;
    }
}
