using System.Collections.Immutable;
using System.Globalization;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading what orders cost and how big they must be, and storage charged by volume.</summary>
    private sealed partial class Reader
    {
        // The first joint ordering cost given from each source to each stock point, and where.
        private readonly Dictionary<(string From, string To), (double Cost, Field At)> _jointCosts = [];

        /// <summary>A lane's order terms as read (defaults where not given).</summary>
        private readonly record struct OrderTerms(double? OrderingCost, double MinOrder, double OrderMultiple, double JointOrderingCost);

        private OrderTerms ReadOrderTerms(YamlFields m, string? from, string? to)
        {
            var ordering = m.Value("ordering_cost", Units.TryParseNumber, check: Check.NonNegative);
            var min = m.Value("min_order", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            // A multiple of a millionth of a unit and less is no container: orders counted in such
            // multiples would overflow.
            var multiple = m.Value("order_multiple", Units.TryParseNumber, check: v => v >= 1e-6 ? null : "must be at least 0.000001 (a millionth of a unit), e.g. 50 for full containers of 50") ?? 0;
            var joint = m.Value("joint_ordering_cost", Units.TryParseNumber, check: Check.NonNegative);
            if (joint is { } cost && from is not null && to is not null && m.Get("joint_ordering_cost") is { } field)
            {
                // One purchase order from a source to a stock point has one fixed cost, whichever lane gives it.
                if (!_jointCosts.TryAdd((from, to), (cost, field)) && _jointCosts[(from, to)] is var first && first.Cost != cost)
                {
                    _f.Error(field.Value, field.Path,
                        $"lanes from '{from}' to '{to}' share one joint ordering cost, and {first.At.Path} gives {Format(first.Cost)}; give the same on both, or on one only, got {Format(cost)}");
                }
            }

            return new OrderTerms(ordering, min, multiple, joint ?? 0);
        }

        /// <summary>
        /// An item held at a stock point that charges storage by volume needs a volume: without one
        /// its storage would silently cost nothing.
        /// </summary>
        private void CheckVolumes(ImmutableArray<Item> items, ImmutableArray<StockPoint> stockPoints, ImmutableArray<StockedItem> stocked)
        {
            for (var i = 0; i < items.Length; i++)
            {
                var item = items[i];
                if (item.Volume is not null)
                {
                    continue;
                }

                var charging = stocked
                    .Where(s => s.ItemId == item.Id)
                    .Select(s => stockPoints.FirstOrDefault(sp => sp.Id == s.StockPointId))
                    .FirstOrDefault(sp => sp is { StorageCostPerVolumeDay: > 0 });
                if (charging is not null)
                {
                    _f.Error(item.Location, $"items[{i}].volume",
                        $"item '{item.Id}' is held at '{charging.Id}', which charges storage_cost_per_volume: give the item's volume per unit (0 for none)");
                }
            }
        }

        private static string Format(double v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
