using System.Collections.Immutable;
using FlowSim.Outcomes;

namespace FlowSim.Experiments;

/// <summary>
/// Streaming statistics of every item-location, item and stock point of one strategy: each trial's
/// item-location outcomes are added and dropped, so memory stays the same for a million trials as
/// for ten. Trials are added in trial order (the runner hands over each block in order), which fixes
/// every rounding: the results are the same whatever the thread count. An item's and a stock
/// point's trial figures are sums over their item-locations, ratios taken from those sums.
/// </summary>
internal sealed class ItemLevelBooks
{
    private readonly int[][] _members;
    private readonly Moments[] _moments;
    private readonly RatioMoments[] _ratios;
    private readonly double[] _sum;
    private readonly double _days;

    // Each metric's ratio (null for totals and averages), looked up once rather than per trial and cell.
    private static readonly ItemLocationRatio?[] Ratios = [.. ItemLocationMetrics.All.Select(m => m.Info().Ratio)];

    /// <param name="slots">Item-locations, each with its item and stock point index.</param>
    /// <param name="items">Number of items.</param>
    /// <param name="stockPoints">Number of stock points.</param>
    /// <param name="measuredDays">Days measured per trial.</param>
    public ItemLevelBooks(IReadOnlyList<(int Item, int StockPoint)> slots, int items, int stockPoints, double measuredDays)
    {
        Slots = slots.Count;
        Items = items;
        StockPoints = stockPoints;
        _days = measuredDays;
        _members =
        [
            .. Enumerable.Range(0, Slots).Select(i => new[] { i }),
            .. Enumerable.Range(0, items).Select(it => Enumerable.Range(0, Slots).Where(i => slots[i].Item == it).ToArray()),
            .. Enumerable.Range(0, stockPoints).Select(sp => Enumerable.Range(0, Slots).Where(i => slots[i].StockPoint == sp).ToArray()),
        ];
        var cells = _members.Length * ItemLocationMetrics.Count;
        _moments = new Moments[cells];
        _ratios = new RatioMoments[cells];
        _sum = new double[ItemLocationMetrics.Count];
    }

    public int Slots { get; }

    public int Items { get; }

    public int StockPoints { get; }

    /// <summary>Adds one trial: <see cref="ItemLocationMetrics.Count"/> numbers per item-location, in model order.</summary>
    public void AddTrial(ReadOnlySpan<double> itemLocations)
    {
        var width = ItemLocationMetrics.Count;
        for (var g = 0; g < _members.Length; g++)
        {
            var members = _members[g];
            ReadOnlySpan<double> v;
            if (g < Slots)
            {
                v = itemLocations.Slice(g * width, width);
            }
            else
            {
                Array.Clear(_sum);
                foreach (var i in members)
                {
                    var one = itemLocations.Slice(i * width, width);
                    for (var m = 0; m < width; m++)
                    {
                        _sum[m] += one[m];
                    }
                }

                ItemLocationMetrics.DeriveRatios(_sum, _days);
                v = _sum;
            }

            for (var m = 0; m < width; m++)
            {
                var cell = (g * width) + m;
                if (Ratios[m] is { } r)
                {
                    _ratios[cell].Add(v[(int)r.Numerator], v[(int)r.Denominator], v[m]);
                }
                else
                {
                    _moments[cell].Add(v[m]);
                }
            }
        }
    }

    /// <summary>Statistics of every metric of group <paramref name="g"/> (item-locations, then items, then stock points), in enum order.</summary>
    private ImmutableArray<Statistics> Summary(int g)
    {
        var width = ItemLocationMetrics.Count;
        var stats = ImmutableArray.CreateBuilder<Statistics>(width);
        for (var m = 0; m < width; m++)
        {
            var cell = (g * width) + m;
            stats.Add(Ratios[m] is { } r
                ? _ratios[cell].ToStatistics(r.PerMeasuredDay ? _days : 1, r.Complement)
                : _moments[cell].ToStatistics());
        }

        return stats.MoveToImmutable();
    }

    public ImmutableArray<Statistics> ItemLocation(int slot) => Summary(slot);

    public ImmutableArray<Statistics> Item(int item) => Summary(Slots + item);

    public ImmutableArray<Statistics> StockPoint(int stockPoint) => Summary(Slots + Items + stockPoint);
}
