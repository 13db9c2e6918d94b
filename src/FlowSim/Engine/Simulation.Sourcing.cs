using System.Runtime.CompilerServices;
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
            case SourcingRule.Split:
                var left = q;
                for (var k = 0; k < slot.Lanes.Length; k++)
                {
                    var part = k == slot.Lanes.Length - 1 ? left : q * slot.LaneShares[k];
                    if (slot.WholeUnits && k < slot.Lanes.Length - 1)
                    {
                        part = Math.Round(part);
                    }

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
