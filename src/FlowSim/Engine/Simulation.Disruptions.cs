using FlowSim.Engine.Disruptions;
using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>
/// Disruptions: their occurrences in this trial, the timelines they set (suppliers up or down,
/// lanes open or closed, capacity, surges, shocks), and how long customers survive and take to
/// recover.
/// </summary>
internal sealed partial class Simulation
{
    /// <summary>Days before a disruption whose fill rate is the level recovery is measured against.</summary>
    internal const int BaselineDays = 28;

    /// <summary>Days in the trailing fill rate that must be back to the baseline for recovery.</summary>
    internal const int RecoveryWindowDays = 7;

    /// <summary>Recovered means the trailing fill rate is at least this share of the baseline.</summary>
    internal const double RecoveredShare = 0.99;

    /// <summary>Days after a disruption ends during which a first dip in service is still put down to it.</summary>
    internal const int AfterEffectDays = 90;

    private RateTimeline[] _supplierUp = [];

    // Per supplier, the outages that stop the lead-time clock of orders under way (and losses), and
    // those that only hold orders placed while they last (affects: new_orders).
    private RateTimeline[] _supplierClock = [];
    private RateTimeline[] _supplierGate = [];
    private RateTimeline[] _supplierCapacity = [];

    // Per supplier with a capacity, the capacity it works with: lost capacity, and none while an
    // outage that stops orders under way lasts (it makes nothing then).
    private RateTimeline[] _supplierWork = [];
    private RateTimeline[] _laneOpen = [];
    private RateTimeline[] _surge = [];
    private RateTimeline[] _lineCapacity = [];
    private RateTimeline[] _shock = [];
    private bool[] _cancelling = [];

    // Every timeline, and which of them keep the largest rate where occurrences overlap.
    private RateTimeline[] _timelines = [];
    private bool[] _largest = [];

    // This trial's occurrences, grouped by disruption in time order.
    private Occurrences _occurrences = new(0);

    // The occurrences whose customers are followed today, and per disruption the day its
    // customers' demand and fills were last summed, with those sums (shared by its occurrences).
    private readonly TrackedOccurrences _tracked = new();
    private double[] _impactDay = [];
    private double[] _impactDemand = [];
    private double[] _impactFilled = [];

    // Per supplier, its outages that cancel open orders.
    private int[][] _cancellingOutages = [];

    // Stock positions of past days, for information delays: a ring long enough for the longest
    // delay a scenario may give, read that many days back.
    private const int PositionHistoryDays = Disruption.MaxInformationDelayDays + 1;
    private double[][] _positionHistory = [];

    private void InitDisruptions()
    {
        static RateTimeline[] Make(int n)
        {
            var a = new RateTimeline[n];
            for (var k = 0; k < n; k++)
            {
                a[k] = new RateTimeline();
            }

            return a;
        }

        var suppliers = _model.SupplierCapacityPerDay.Length;
        _supplierUp = Make(suppliers);
        _supplierClock = Make(suppliers);
        _supplierGate = Make(suppliers);
        _supplierCapacity = Make(suppliers);
        _supplierWork = Make(suppliers);
        _laneOpen = Make(_model.LaneCount);
        _surge = Make(_model.LaneCount);
        _lineCapacity = Make(_model.ProductionLines.Length);
        _shock = Make(_slots.Length);
        _timelines = [.. _supplierUp, .. _supplierClock, .. _supplierGate, .. _supplierCapacity, .. _supplierWork, .. _laneOpen, .. _lineCapacity, .. _surge, .. _shock];
        _largest = [.. _timelines.Select(t => _surge.Contains(t) || _shock.Contains(t))];
        _cancelling = new bool[suppliers];
        var cancellingOutages = new List<int>[suppliers];
        for (var d = 0; d < _model.Disruptions.Length; d++)
        {
            var m = _model.Disruptions[d];
            if (m.Spec.Kind == DisruptionKind.SupplierOutage && m.Spec.CancelOpenOrders)
            {
                _cancelling[m.Supplier] = true;
                (cancellingOutages[m.Supplier] ??= []).Add(d);
            }
        }

        _cancellingOutages = [.. cancellingOutages.Select(l => l?.ToArray() ?? [])];
        _impactDay = new double[_model.Disruptions.Length];
        _impactDemand = new double[_model.Disruptions.Length];
        _impactFilled = new double[_model.Disruptions.Length];

        _occurrences = new Occurrences(_model.Disruptions.Length);
        _positionHistory = new double[_slots.Length][];
        for (var i = 0; i < _slots.Length; i++)
        {
            _positionHistory[i] = _slots[i].InformationDelays.Length > 0 ? new double[PositionHistoryDays] : [];
        }
    }

    private void ResetDisruptions(long trial, ulong seed)
    {
        foreach (var t in _timelines)
        {
            t.Clear();
        }

        _occurrences.Clear(keepGroups: _disruptionsOn);
        _tracked.Clear();
        if (!_disruptionsOn)
        {
            return;
        }

        var horizon = _model.HorizonDays;
        var disruptions = _model.Disruptions;
        for (var d = 0; d < disruptions.Length; d++)
        {
            var model = disruptions[d];
            _occurrences.Begin(d);
            if (model.Leader == _switchedOff)
            {
                _occurrences.End(d);
                continue;
            }

            if (model.Leader != d)
            {
                // A shared event: the same occurrences as the disruption that leads it. A supplier
                // lost in it stays lost: its first occurrence starts the loss, which has no end.
                var lost = model.Spec.Kind == DisruptionKind.SupplierLoss;
                for (var k = 0; k < _occurrences.CountOf(model.Leader); k++)
                {
                    ref readonly var o = ref _occurrences[_occurrences.FirstOf(model.Leader) + k];
                    _occurrences.Add(d, o.Start, lost ? double.PositiveInfinity : o.End);
                    if (lost)
                    {
                        break;
                    }
                }
            }
            else
            {
                var rng = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, DisruptionSource + d));
                SampleOccurrences(d, model.Spec, ref rng, horizon);
            }

            _occurrences.End(d);
            for (var k = _occurrences.FirstOf(d); k < _occurrences.Count; k++)
            {
                Apply(model, _occurrences[k].Start, _occurrences[k].End);
            }
        }

        for (var k = 0; k < _timelines.Length; k++)
        {
            if (_largest[k])
            {
                _timelines[k].SealLargest();
            }
            else
            {
                _timelines[k].Seal();
            }
        }

        for (var k = 0; k < _occurrences.Count; k++)
        {
            ref var o = ref _occurrences[k];
            o.Survive = double.NaN;
            o.Recover = double.NaN;
            o.BaseDemand = 0;
            o.BaseFilled = 0;
            o.WindowDemand = default;
            o.WindowFilled = default;
            o.Tracking = o.Start >= _model.WarmupDays && o.Start < horizon
                && _model.Disruptions[o.Disruption].AffectedCustomerSlots.Length > 0;
            if (o.Tracking)
            {
                _tracked.Add(k, o.Start - BaselineDays);
            }
        }

        _tracked.Seal();
        Array.Fill(_impactDay, double.NaN);
    }

    /// <summary>Draws a disruption's occurrences: once at a fixed time, or as a renewal process (gap, duration, gap, ...).</summary>
    private void SampleOccurrences(int d, Disruption spec, ref RandomStream rng, double horizon)
    {
        var permanent = spec.Kind == DisruptionKind.SupplierLoss;
        if (spec.Markov is { } chain)
        {
            SampleMarkov(d, chain, ref rng, horizon);
            return;
        }

        if (spec.AtDays is { } at)
        {
            var end = permanent ? double.PositiveInfinity : at + spec.Duration.Sample(ref rng);
            if (at < horizon)
            {
                _occurrences.Add(d, at, end);
            }

            return;
        }

        var every = spec.Every!;
        var t = every.Sample(ref rng);
        while (t < horizon)
        {
            var end = permanent ? double.PositiveInfinity : t + spec.Duration.Sample(ref rng);
            _occurrences.Add(d, t, end);
            if (permanent)
            {
                return;
            }

            t = end + every.Sample(ref rng);
        }
    }

    /// <summary>
    /// Draws a day-by-day availability chain's outages: up from the start, the target fails at the
    /// start of a day with probability f (so the first failure comes after a geometric number of
    /// days from 0, later ones a geometric number of days from 1 after recovering) and stays down
    /// a geometric number of days from 1 with probability r of recovering each day.
    /// </summary>
    private void SampleMarkov(int d, MarkovAvailability chain, ref RandomStream rng, double horizon)
    {
        var t = (double)(Days(chain.Fail, ref rng) - 1);
        while (t < horizon)
        {
            var end = t + Days(chain.Recover, ref rng);
            _occurrences.Add(d, t, end);
            t = end + Days(chain.Fail, ref rng);
        }

        // Days until an event of probability p a day happens, counting the day it happens: 1, 2, ...
        static long Days(double p, ref RandomStream rng) =>
            p >= 1 ? 1 : 1 + (long)Math.Floor(Math.Log(rng.NextOpenDouble()) / Math.Log(1 - p));
    }

    private void Apply(DisruptionModel d, double start, double end)
    {
        var spec = d.Spec;
        switch (spec.Kind)
        {
            case DisruptionKind.SupplierOutage:
            case DisruptionKind.SupplierLoss:
                _supplierUp[d.Supplier].Add(start, end, 0);
                (spec.AffectsNewOrdersOnly ? _supplierGate : _supplierClock)[d.Supplier].Add(start, end, 0);
                if (!spec.AffectsNewOrdersOnly && double.IsFinite(_model.SupplierCapacityPerDay[d.Supplier]))
                {
                    // A supplier that is down makes nothing: the orders it takes meanwhile start after
                    // it is back, one after another at its capacity, not all at once. (Orders held by
                    // an outage of new orders only join its queue when it is back: see Arrival.)
                    _supplierWork[d.Supplier].Add(start, end, 0);
                }

                break;
            case DisruptionKind.LaneClosure:
                _laneOpen[d.Lane].Add(start, end, 0);
                break;
            case DisruptionKind.LeadTimeSurge:
                _surge[d.Lane].Add(start, end, spec.Factor);
                break;
            case DisruptionKind.CapacityLoss:
                if (d.Supplier >= 0)
                {
                    _supplierCapacity[d.Supplier].Add(start, end, spec.Factor);
                    _supplierWork[d.Supplier].Add(start, end, spec.Factor);
                }

                foreach (var line in d.ProductionLines)
                {
                    _lineCapacity[line].Add(start, end, spec.Factor);
                }

                break;
            case DisruptionKind.DemandShock:
                foreach (var i in d.ShockedSlots)
                {
                    _shock[i].Add(start, end, spec.Factor);
                }

                break;
        }
    }

    /// <summary>True when receipts at slot <paramref name="i"/> are quarantined at <paramref name="t"/>.</summary>
    private bool HeldAt(int i, double t, out double holdDays, out double scrap)
    {
        foreach (var d in _slots[i].QualityHolds)
        {
            if (_occurrences.During(d, t) >= 0)
            {
                var spec = _model.Disruptions[d].Spec;
                (holdDays, scrap) = (spec.HoldDays, spec.ScrapShare);
                return true;
            }
        }

        (holdDays, scrap) = (0, 0);
        return false;
    }

    /// <summary>The inventory position slot <paramref name="i"/>'s policy sees: an old one during an information delay.</summary>
    private double SeenPosition(int i, double t)
    {
        foreach (var d in _slots[i].InformationDelays)
        {
            if (_occurrences.During(d, t) >= 0)
            {
                var delay = (int)_model.Disruptions[d].Spec.DelayDays;
                var day = (int)t;
                return day >= delay ? _positionHistory[i][(day - delay) % PositionHistoryDays] : _stock.Slots[i].InventoryPosition;
            }
        }

        return _stock.Slots[i].InventoryPosition;
    }

    /// <summary>The start of the first outage that cancels open orders of a supplier between two times; infinity if none.</summary>
    private double FirstCancellingOutage(int supplier, double from, double to)
    {
        var first = double.PositiveInfinity;
        foreach (var d in _cancellingOutages[supplier])
        {
            first = Math.Min(first, _occurrences.FirstStartBetween(d, from, to));
        }

        return first;
    }

    /// <summary>
    /// Follows each occurrence's affected customers day by day: their fill rate in the
    /// <see cref="BaselineDays"/> before it (the baseline); after it starts, the first day with a
    /// shortfall that takes their trailing <see cref="RecoveryWindowDays"/>-day fill rate below
    /// <see cref="RecoveredShare"/> of the baseline (time to survive); after it ends, the first day
    /// that trailing fill rate is back to that level (time to recover).
    /// </summary>
    private void TrackImpact(double day)
    {
        // Only occurrences whose baseline has begun and that are still followed: the rest would
        // change nothing today. Each occurrence's figures depend on its own data alone.
        _tracked.Admit(day);
        for (var a = 0; a < _tracked.Count;)
        {
            ref var o = ref _occurrences[_tracked[a]];
            TrackOccurrence(ref o, day);
            if (o.Tracking)
            {
                a++;
            }
            else
            {
                _tracked.RemoveAt(a);
            }
        }
    }

    /// <summary>One day of <see cref="TrackImpact"/> for one occurrence whose baseline has begun.</summary>
    private void TrackOccurrence(ref Occurrence o, double day)
    {
        // Occurrences of one disruption hit the same customers: sum their day once.
        var d = o.Disruption;
        if (_impactDay[d] != day)
        {
            double dayDemand = 0, dayFilled = 0;
            foreach (var c in _model.Disruptions[d].AffectedCustomerSlots)
            {
                dayDemand += _books.Today[c].CustomerDemand;
                dayFilled += _books.Today[c].CustomerFilled;
            }

            (_impactDay[d], _impactDemand[d], _impactFilled[d]) = (day, dayDemand, dayFilled);
        }

        var (demand, filled) = (_impactDemand[d], _impactFilled[d]);
        if (day + 1 <= o.Start)
        {
            o.BaseDemand += demand;
            o.BaseFilled += filled;
        }

        // The trailing window runs through the baseline days too, so it is full from the start.

        var w = (int)day % RecoveryWindowDays;
        o.WindowDemand[w] = demand;
        o.WindowFilled[w] = filled;
        double windowDemand = 0, windowFilled = 0;
        for (var j = 0; j < RecoveryWindowDays; j++)
        {
            windowDemand += o.WindowDemand[j];
            windowFilled += o.WindowFilled[j];
        }

        var baseline = o.BaseDemand > 0 ? o.BaseFilled / o.BaseDemand : 1;
        var rolling = windowDemand > 0 ? windowFilled / windowDemand : 1;
        var normal = rolling >= RecoveredShare * baseline;

        // Survival ends when service visibly drops below its usual level (for a chain that
        // never falls short, at the first shortfall), not at the routine stockouts it always has.
        if (day + 1 > o.Start && double.IsNaN(o.Survive) && !normal && demand - filled > Tolerances.Quantity)
        {
            o.Survive = Math.Max(0, day - o.Start);
        }

        if (day + 1 < o.End)
        {
            return;
        }

        // The damage often lands after the end (goods held at a port arrive late), so keep
        // watching for it; with no dip within AfterEffectDays there was nothing to recover from.
        if (double.IsNaN(o.Survive))
        {
            if (day >= o.End + AfterEffectDays)
            {
                o.Recover = 0;
                o.Tracking = false;
            }

            return;
        }

        if (normal)
        {
            o.Recover = Math.Max(0, day - o.End);
            o.Tracking = false;
        }
    }
}
