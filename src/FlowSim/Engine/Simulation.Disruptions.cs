using FlowSim.Engine.Disruptions;
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
    private RateTimeline[] _supplierCapacity = [];
    private RateTimeline[] _laneOpen = [];
    private RateTimeline[] _surge = [];
    private RateTimeline[] _lineCapacity = [];
    private RateTimeline[] _shock = [];
    private bool[] _cancelling = [];

    // Every timeline, and which of them keep the largest rate where occurrences overlap.
    private RateTimeline[] _timelines = [];
    private bool[] _largest = [];

    // This trial's occurrences, grouped by disruption in time order.
    private double[] _occStart = new double[8];
    private double[] _occEnd = new double[8];
    private int[] _occDisruption = new int[8];
    private int _occCount;
    private int[] _occFirst = [];
    private int[] _occN = [];

    // Survival and recovery per occurrence.
    private double[] _occSurvive = new double[8];
    private double[] _occRecover = new double[8];
    private double[] _occBaseDemand = new double[8];
    private double[] _occBaseFilled = new double[8];
    private double[] _occWindowDemand = new double[8 * RecoveryWindowDays];
    private double[] _occWindowFilled = new double[8 * RecoveryWindowDays];
    private bool[] _occTracking = new bool[8];

    // Stock positions of past days, for information delays.
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
        _supplierCapacity = Make(suppliers);
        _laneOpen = Make(_model.LaneCount);
        _surge = Make(_model.LaneCount);
        _lineCapacity = Make(_model.ProductionLines.Length);
        _shock = Make(_slots.Length);
        _timelines = [.. _supplierUp, .. _supplierCapacity, .. _laneOpen, .. _lineCapacity, .. _surge, .. _shock];
        _largest = [.. _timelines.Select(t => _surge.Contains(t) || _shock.Contains(t))];
        _cancelling = new bool[suppliers];
        foreach (var d in _model.Disruptions)
        {
            if (d.Spec.Kind == DisruptionKind.SupplierOutage && d.Spec.CancelOpenOrders)
            {
                _cancelling[d.Supplier] = true;
            }
        }

        _occFirst = new int[_model.Disruptions.Length];
        _occN = new int[_model.Disruptions.Length];
        _positionHistory = new double[_slots.Length][];
        for (var i = 0; i < _slots.Length; i++)
        {
            _positionHistory[i] = _slots[i].InformationDelays.Length > 0 ? new double[366] : [];
        }
    }

    private void ResetDisruptions(long trial, ulong seed)
    {
        foreach (var t in _timelines)
        {
            t.Clear();
        }

        _occCount = 0;
        if (!_disruptionsOn)
        {
            Array.Clear(_occN);
            return;
        }

        var horizon = _model.HorizonDays;
        var disruptions = _model.Disruptions;
        for (var d = 0; d < disruptions.Length; d++)
        {
            var model = disruptions[d];
            _occFirst[d] = _occCount;
            if (model.Leader == _switchedOff)
            {
                _occN[d] = 0;
                continue;
            }

            if (model.Leader != d)
            {
                // A shared event: the same occurrences as the disruption that leads it.
                for (var k = 0; k < _occN[model.Leader]; k++)
                {
                    var o = _occFirst[model.Leader] + k;
                    AddOccurrence(d, _occStart[o], _occEnd[o]);
                }
            }
            else
            {
                var rng = RandomStream.Create(RandomStream.DeriveSeed(seed, trial, DisruptionSource + d));
                SampleOccurrences(d, model.Spec, ref rng, horizon);
            }

            _occN[d] = _occCount - _occFirst[d];
            for (var k = _occFirst[d]; k < _occCount; k++)
            {
                Apply(model, _occStart[k], _occEnd[k]);
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

        for (var o = 0; o < _occCount; o++)
        {
            _occSurvive[o] = double.NaN;
            _occRecover[o] = double.NaN;
            _occBaseDemand[o] = 0;
            _occBaseFilled[o] = 0;
            Array.Clear(_occWindowDemand, o * RecoveryWindowDays, RecoveryWindowDays);
            Array.Clear(_occWindowFilled, o * RecoveryWindowDays, RecoveryWindowDays);
            _occTracking[o] = _occStart[o] >= _model.WarmupDays && _occStart[o] < horizon
                && _model.Disruptions[_occDisruption[o]].AffectedCustomerSlots.Length > 0;
        }
    }

    /// <summary>Draws a disruption's occurrences: once at a fixed time, or as a renewal process (gap, duration, gap, ...).</summary>
    private void SampleOccurrences(int d, Disruption spec, ref RandomStream rng, double horizon)
    {
        var permanent = spec.Kind == DisruptionKind.SupplierLoss;
        if (spec.AtDays is { } at)
        {
            var end = permanent ? double.PositiveInfinity : at + spec.Duration.Sample(ref rng);
            if (at < horizon)
            {
                AddOccurrence(d, at, end);
            }

            return;
        }

        var every = spec.Every!;
        var t = every.Sample(ref rng);
        while (t < horizon)
        {
            var end = permanent ? double.PositiveInfinity : t + spec.Duration.Sample(ref rng);
            AddOccurrence(d, t, end);
            if (permanent)
            {
                return;
            }

            t = end + every.Sample(ref rng);
        }
    }

    private void AddOccurrence(int d, double start, double end)
    {
        if (_occCount == _occStart.Length)
        {
            var n = _occCount * 2;
            Array.Resize(ref _occStart, n);
            Array.Resize(ref _occEnd, n);
            Array.Resize(ref _occDisruption, n);
            Array.Resize(ref _occSurvive, n);
            Array.Resize(ref _occRecover, n);
            Array.Resize(ref _occBaseDemand, n);
            Array.Resize(ref _occBaseFilled, n);
            Array.Resize(ref _occWindowDemand, n * RecoveryWindowDays);
            Array.Resize(ref _occWindowFilled, n * RecoveryWindowDays);
            Array.Resize(ref _occTracking, n);
        }

        _occStart[_occCount] = start;
        _occEnd[_occCount] = end;
        _occDisruption[_occCount] = d;
        _occCount++;
    }

    private void Apply(DisruptionModel d, double start, double end)
    {
        var spec = d.Spec;
        switch (spec.Kind)
        {
            case DisruptionKind.SupplierOutage:
            case DisruptionKind.SupplierLoss:
                _supplierUp[d.Supplier].Add(start, end, 0);
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
            for (var o = _occFirst[d]; o < _occFirst[d] + _occN[d]; o++)
            {
                if (_occStart[o] <= t && t < _occEnd[o])
                {
                    var spec = _model.Disruptions[d].Spec;
                    (holdDays, scrap) = (spec.HoldDays, spec.ScrapShare);
                    return true;
                }
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
            for (var o = _occFirst[d]; o < _occFirst[d] + _occN[d]; o++)
            {
                if (_occStart[o] <= t && t < _occEnd[o])
                {
                    var delay = (int)_model.Disruptions[d].Spec.DelayDays;
                    var day = (int)t;
                    return day >= delay ? _positionHistory[i][(day - delay) % 366] : _state[i].InventoryPosition;
                }
            }
        }

        return _state[i].InventoryPosition;
    }

    /// <summary>The start of the first outage that cancels open orders of a supplier between two times; infinity if none.</summary>
    private double FirstCancellingOutage(int supplier, double from, double to)
    {
        var first = double.PositiveInfinity;
        for (var d = 0; d < _model.Disruptions.Length; d++)
        {
            var m = _model.Disruptions[d];
            if (m.Supplier != supplier || m.Spec.Kind != DisruptionKind.SupplierOutage || !m.Spec.CancelOpenOrders)
            {
                continue;
            }

            for (var o = _occFirst[d]; o < _occFirst[d] + _occN[d]; o++)
            {
                if (_occStart[o] > from && _occStart[o] < to)
                {
                    first = Math.Min(first, _occStart[o]);
                }
            }
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
        for (var o = 0; o < _occCount; o++)
        {
            if (!_occTracking[o] || day < _occStart[o] - BaselineDays)
            {
                continue;
            }

            double demand = 0, filled = 0;
            foreach (var k in _model.Disruptions[_occDisruption[o]].AffectedCustomerSlots)
            {
                demand += _today[k].CustomerDemand;
                filled += _today[k].CustomerFilled;
            }

            if (day + 1 <= _occStart[o])
            {
                _occBaseDemand[o] += demand;
                _occBaseFilled[o] += filled;
            }

            // The trailing window runs through the baseline days too, so it is full from the start.

            var w = (o * RecoveryWindowDays) + ((int)day % RecoveryWindowDays);
            _occWindowDemand[w] = demand;
            _occWindowFilled[w] = filled;
            double windowDemand = 0, windowFilled = 0;
            for (var k = 0; k < RecoveryWindowDays; k++)
            {
                windowDemand += _occWindowDemand[(o * RecoveryWindowDays) + k];
                windowFilled += _occWindowFilled[(o * RecoveryWindowDays) + k];
            }

            var baseline = _occBaseDemand[o] > 0 ? _occBaseFilled[o] / _occBaseDemand[o] : 1;
            var rolling = windowDemand > 0 ? windowFilled / windowDemand : 1;
            var normal = rolling >= RecoveredShare * baseline;

            // Survival ends when service visibly drops below its usual level (for a chain that
            // never falls short, at the first shortfall), not at the routine stockouts it always has.
            if (day + 1 > _occStart[o] && double.IsNaN(_occSurvive[o]) && !normal && demand - filled > 1e-9)
            {
                _occSurvive[o] = Math.Max(0, day - _occStart[o]);
            }

            if (day + 1 < _occEnd[o])
            {
                continue;
            }

            // The damage often lands after the end (goods held at a port arrive late), so keep
            // watching for it; with no dip within AfterEffectDays there was nothing to recover from.
            if (double.IsNaN(_occSurvive[o]))
            {
                if (day >= _occEnd[o] + AfterEffectDays)
                {
                    _occRecover[o] = 0;
                    _occTracking[o] = false;
                }

                continue;
            }

            if (normal)
            {
                _occRecover[o] = Math.Max(0, day - _occEnd[o]);
                _occTracking[o] = false;
            }
        }
    }
}
