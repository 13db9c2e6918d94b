using System.Runtime.CompilerServices;

namespace FlowSim.Engine;

/// <summary>Goods arriving: receipts, quality holds, the close of a selling season, and customer returns.</summary>
internal sealed partial class Simulation
{
    private void OnReceipt(int i, double t, double q, int lane)
    {
        CatchUp(i, t);
        ref var s = ref _stock.Slots[i];
        s.Advance(t);
        if (_setup[i].CheckReceipts && Quarantined(i, t, q, lane))
        {
            return;
        }

        s.OnOrder -= q;
        EndCycle(ref s, t);
        Stock(i, t, q);
        Allocate(i, t);
    }

    /// <summary>
    /// A replenishment arrives: the replenishment cycle that began at the last one ends, a stockout
    /// cycle if customers fell short in it (the cycles cycle service level counts).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndCycle(ref Supply.SlotState s, double t)
    {
        // Several receipts at one moment end one cycle, not several empty ones.
        if (t > s.CycleStart)
        {
            s.ReplenishmentCycles++;
            s.StockoutCycles += s.CycleShort ? 1 : 0;
            s.CycleShort = false;
            s.CycleStart = t;
        }
    }

    /// <summary>
    /// Checks a receipt at a slot that watches its primary lane for lateness or has quality holds:
    /// true when the units go into quarantine (or are scrapped) instead of onto the shelf.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Quarantined(int i, double t, double q, int lane)
    {
        ref var s = ref _stock.Slots[i];
        if (_lateWatch[i] && lane == _slots[i].Lanes[0] && _ordering.PrimaryOpen[i].Count > 0)
        {
            _ordering.PrimaryOpen[i].DropHead();
        }

        if (_slots[i].QualityHolds.Length > 0 && _disruptionsOn && HeldAt(i, t, out var holdDays, out var scrap))
        {
            Changed();
            var scrapped = q * scrap;
            s.ScrappedUnits += scrapped;
            s.OnOrder -= scrapped;
            if (q - scrapped > 0)
            {
                _queue.Schedule(t + holdDays, EventKind.HoldRelease, i, q - scrapped);
            }

            return true;
        }

        return false;
    }

    private void OnHoldRelease(int i, double t, double q)
    {
        CatchUp(i, t);
        _stock.Slots[i].Advance(t);
        _stock.Slots[i].OnOrder -= q;
        EndCycle(ref _stock.Slots[i], t);
        Stock(i, t, q);
        Allocate(i, t);
    }

    private void OnSeasonClose(int i, double t)
    {
        CatchUp(i, t);
        ref var s = ref _stock.Slots[i];
        s.Advance(t);
        if (s.OnHand > 0)
        {
            LedgerSalvaged(i, s.OnHand);
            s.SalvagedUnits += s.OnHand;
            s.SalvageIncome += s.OnHand * _slots[i].SalvageValue;
            s.OnHand = 0;
            _stock.Lots[i].Clear();
        }

        // The season is over: customers still waiting for this item are lost.
        if (s.CustomerBacklog > 0)
        {
            s.LostUnits += s.CustomerBacklog;
            s.Backlog -= s.CustomerBacklog;
            s.CustomerBacklog = 0;
            s.LateOwed = 0;
            s.BrokenPromises = 0;
            _stock.Customers[i].Clear();
        }
    }

    private void OnReturn(int i, double t, double q)
    {
        ref var s = ref _stock.Slots[i];
        var r = _slots[i].Returns!;
        s.ReturnedUnits += q;
        var refurbished = q * r.RefurbishShare;
        var renewed = _slots[i].RenewedSlot;
        if (refurbished > 0 && renewed >= 0)
        {
            s.RefurbishedUnits += refurbished;
            s.RefurbishCost += refurbished * r.RefurbishCostPerUnit;
            _queue.Schedule(t + r.RefurbishDays, EventKind.Refurbished, renewed, refurbished);
        }
    }

    private void OnRefurbished(int i, double t, double q)
    {
        CatchUp(i, t);
        _stock.Slots[i].Advance(t);
        Stock(i, t, q);
        Allocate(i, t);
    }
}
