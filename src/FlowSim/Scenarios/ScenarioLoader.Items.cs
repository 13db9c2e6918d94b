using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading items and the scenario-wide costs.</summary>
    private sealed partial class Reader
    {
        private Item? ReadItem(YamlNode node, string path)
        {
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Of(node, path, _f, ItemKeys, "an item");
            if (m is null)
            {
                return null;
            }

            var id = ReadId(m, "item");
            var cost = m.Value("unit_cost", Units.TryParseNumber, required: true, why: "what one unit costs to buy or make", check: Check.NonNegative);
            var price = m.Value("price", Units.TryParseNumber, required: true, why: "what a customer pays for one unit", check: Check.NonNegative);
            var holding = m.Value("holding_rate", Units.TryParseYearlyRate, check: Check.NonNegative) ?? 0.25;
            var salvage = m.Value("salvage_value", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var shelfLife = m.Value("shelf_life", Units.TryParseDuration, check: Check.Positive);
            if (id is not null && m.Get("shelf_life") is { } shelfField)
            {
                _shelfLives.TryAdd(id, shelfField);
            }
            var ordering = m.Value("ordering_cost", Units.TryParseNumber, check: Check.NonNegative);
            var penalty = m.Value("backorder_penalty", ParsePerDayMoney, check: Check.NonNegative);
            // An item's own "margin" is its own margin, not the scenario-wide lost_sale_cost.
            var lost = m.Get("lost_sale_cost")?.Value is YamlScalarNode { Value: "margin" } && cost is { } uc && price is { } p
                ? Math.Max(0, p - uc)
                : ReadLostSaleCost(m);
            var returns = m.Get("returns") is { } rf ? ReadReturns(rf) : null;
            var itemClass = ReadItemClass(m);
            var group = m.Text("group");
            var volume = m.Value("volume", Units.TryParseNumber, check: Check.NonNegative);
            if (cost is { } c && salvage > c && m.Get("salvage_value") is { } sv)
            {
                _f.Error(sv.Value, sv.Path, $"must not exceed unit_cost ({c.ToString(CultureInfo.InvariantCulture)}), or clearing stock would be a profit, got {salvage.ToString(CultureInfo.InvariantCulture)}");
            }

            if (id is null || cost is null || price is null || _f.ErrorCount > errorsBefore)
            {
                return null;
            }

            return new Item(id, cost.Value, price.Value, holding, salvage, shelfLife, ordering, penalty, lost, _f.At(node)) { Returns = returns, Class = itemClass, Group = group, Volume = volume };
        }

        /// <summary><c>class</c>: A, B or C, optionally followed by X, Y or Z (<c>AX</c>, <c>CZ</c>, <c>B</c>).</summary>
        private string? ReadItemClass(YamlFields m)
        {
            var text = m.Text("class");
            if (text is null || IsItemClass(text))
            {
                return text;
            }

            _f.Error(m.Get("class")!.Value, m.Get("class")!.Path, $"expected an ABC-XYZ class: A, B or C, optionally followed by X, Y or Z (AX, CZ, B), got '{text}'");
            return null;
        }

        private static bool IsItemClass(string text) => text.Length is 1 or 2 && text[0] is 'A' or 'B' or 'C' && (text.Length == 1 || text[1] is 'X' or 'Y' or 'Z');

        private double? ReadLostSaleCost(YamlFields m)
        {
            var f = m.Get("lost_sale_cost");
            if (f is null || f.Value is YamlScalarNode { Value: "margin" })
            {
                return null;
            }

            return m.Read(f.Value, f.Path, Units.TryParseNumber, Check.NonNegative);
        }

        /// <summary>Money per unit per day: <c>0.50</c> or <c>0.50/day</c> or <c>3.50/week</c>.</summary>
        private static bool ParsePerDayMoney(string text, out double perDay, out string error) =>
            Units.TryParseRatePerDay(text, out perDay, out error);

        private CostSettings ReadCosts(Field? field)
        {
            if (field is null)
            {
                return new CostSettings(0, 0, null);
            }

            var m = YamlFields.Of(field.Value, field.Path, _f, CostKeys, "cost settings");
            if (m is null)
            {
                return new CostSettings(0, 0, null);
            }

            return new CostSettings(
                m.Value("ordering_cost", Units.TryParseNumber, check: Check.NonNegative) ?? 0,
                m.Value("backorder_penalty", ParsePerDayMoney, check: Check.NonNegative) ?? 0,
                ReadLostSaleCost(m))
            {
                CarbonPricePerKg = m.Value("carbon_price", Units.TryParseNumber, check: Check.NonNegative) ?? 0,
                HoldInTransit = ReadSwitch(m, "hold_in_transit"),
            };
        }
    }
}
