using System.Collections.Immutable;
using FlowSim.Outcomes;

namespace FlowSim.Experiments;

/// <summary>
/// Streaming statistics of every item-location, item, stock point, supplier and lane of one
/// strategy: each trial's item-level outcomes are added and dropped, so memory stays the same for a
/// million trials as for ten. Trials are added in trial order (the runner hands over each block in
/// order), which fixes every rounding: the results are the same whatever the thread count. An
/// item's and a stock point's trial figures are sums over their item-locations, ratios taken from
/// those sums; suppliers and lanes come as the engine wrote them.
/// </summary>
internal sealed class ItemLevelBooks
{
    private readonly int[][] _members;
    private readonly Cells _items;
    private readonly Cells _supply;
    private readonly double[] _sum;
    private readonly int _supplyRows;

    /// <param name="slots">Item-locations, each with its item and stock point index.</param>
    /// <param name="items">Number of items.</param>
    /// <param name="stockPoints">Number of stock points.</param>
    /// <param name="supplyRows">Suppliers and lanes together.</param>
    /// <param name="measuredDays">Days measured per trial.</param>
    public ItemLevelBooks(IReadOnlyList<(int Item, int StockPoint)> slots, int items, int stockPoints, int supplyRows, double measuredDays)
    {
        Slots = slots.Count;
        Items = items;
        StockPoints = stockPoints;
        _supplyRows = supplyRows;
        _members =
        [
            .. Enumerable.Range(0, Slots).Select(i => new[] { i }),
            .. Enumerable.Range(0, items).Select(it => Enumerable.Range(0, Slots).Where(i => slots[i].Item == it).ToArray()),
            .. Enumerable.Range(0, stockPoints).Select(sp => Enumerable.Range(0, Slots).Where(i => slots[i].StockPoint == sp).ToArray()),
        ];
        _items = new Cells(
            _members.Length,
            [.. ItemLocationMetrics.All.Select(m => m.Info().Ratio is { } r
                ? new RatioCell((int)r.Numerator, (int)r.Denominator, r.Complement, r.PerMeasuredDay ? measuredDays : 1)
                : (RatioCell?)null)],
            [.. ItemLocationMetrics.All.Select(m => m.Info().Unit == MetricUnit.Share)]);
        _supply = new Cells(
            supplyRows,
            [.. SupplyMetrics.All.Select(m => m.Info().Ratio is { } r
                ? new RatioCell((int)r.Numerator, (int)r.Denominator, false, 1)
                : (RatioCell?)null)],
            [.. SupplyMetrics.All.Select(m => m.Info().Unit == MetricUnit.Share)]);
        _sum = new double[ItemLocationMetrics.Count];
        MeasuredDays = measuredDays;
    }

    public int Slots { get; }

    public int Items { get; }

    public int StockPoints { get; }

    private double MeasuredDays { get; }

    /// <summary>Adds one trial: <see cref="ItemLocationMetrics.Count"/> numbers per item-location in model order, then <see cref="SupplyMetrics.Count"/> per supplier and lane.</summary>
    public void AddTrial(ReadOnlySpan<double> trial)
    {
        var width = ItemLocationMetrics.Count;
        for (var g = 0; g < _members.Length; g++)
        {
            if (g < Slots)
            {
                _items.Add(g, trial.Slice(g * width, width));
                continue;
            }

            Array.Clear(_sum);
            foreach (var i in _members[g])
            {
                var one = trial.Slice(i * width, width);
                for (var m = 0; m < width; m++)
                {
                    _sum[m] += one[m];
                }
            }

            ItemLocationMetrics.DeriveRatios(_sum, MeasuredDays);
            _items.Add(g, _sum);
        }

        var supply = trial[(Slots * width)..];
        for (var r = 0; r < _supplyRows; r++)
        {
            _supply.Add(r, supply.Slice(r * SupplyMetrics.Count, SupplyMetrics.Count));
        }
    }

    public ImmutableArray<Statistics> ItemLocation(int slot) => _items.Summary(slot);

    public ImmutableArray<Statistics> Item(int item) => _items.Summary(Slots + item);

    public ImmutableArray<Statistics> StockPoint(int stockPoint) => _items.Summary(Slots + Items + stockPoint);

    /// <summary>Statistics of every <see cref="SupplyMetric"/> of supply row <paramref name="row"/> (suppliers, then lanes).</summary>
    public ImmutableArray<Statistics> Supply(int row) => _supply.Summary(row);

    /// <summary>How a ratio metric streams: the cells of its numerator and denominator, and its scale.</summary>
    private readonly record struct RatioCell(int Numerator, int Denominator, bool Complement, double Scale);

    /// <summary>Running moments of every metric of a number of rows: ratios as ratios of totals, the rest as plain means.</summary>
    /// <param name="rows">Rows of cells.</param>
    /// <param name="ratios">Per metric, how it streams as a ratio; null for a plain mean.</param>
    /// <param name="shares">Per metric, true for a share, whose interval stops at 0% and 100%.</param>
    private sealed class Cells(int rows, RatioCell?[] ratios, bool[] shares)
    {
        private readonly Moments[] _moments = new Moments[rows * ratios.Length];
        private readonly RatioMoments[] _ratios = new RatioMoments[rows * ratios.Length];

        public void Add(int row, ReadOnlySpan<double> v)
        {
            var width = ratios.Length;
            for (var m = 0; m < width; m++)
            {
                var cell = (row * width) + m;
                if (ratios[m] is { } r)
                {
                    _ratios[cell].Add(v[r.Numerator], v[r.Denominator], v[m]);
                }
                else
                {
                    _moments[cell].Add(v[m]);
                }
            }
        }

        /// <summary>Statistics of every metric of one row, in enum order.</summary>
        public ImmutableArray<Statistics> Summary(int row)
        {
            var width = ratios.Length;
            var stats = ImmutableArray.CreateBuilder<Statistics>(width);
            for (var m = 0; m < width; m++)
            {
                var cell = (row * width) + m;
                var figure = ratios[m] is { } r ? _ratios[cell].ToStatistics(r.Scale, r.Complement) : _moments[cell].ToStatistics();
                stats.Add(shares[m] ? figure.AsShare() : figure);
            }

            return stats.MoveToImmutable();
        }
    }
}
