using System.Collections.Immutable;
using FlowSim.Stochastic;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading demand streams: what is asked for where, seasonality and patience.</summary>
    /// <summary>The most customer orders arriving one by one a stream may bring in one trial.</summary>
    public const double MaxCustomerOrders = 1e8;

    private sealed partial class Reader
    {
        private DemandStream? ReadDemand(YamlNode node, string path, Dictionary<string, Item> items, Dictionary<string, StockPoint> stockPoints)
        {
            var m = YamlFields.Of(node, path, _f, DemandKeys, "a demand stream");
            if (m is null)
            {
                return null;
            }

            var item = m.Text("item", required: true, why: "the item demanded");
            var at = m.Text("at", required: true, why: "the stock point where customers buy it");
            var itemOk = item is not null && Reference(m.Get("item")!, item, items.Keys, "item", "");
            var atOk = at is not null && Reference(m.Get("at")!, at, stockPoints.Keys, "stock point", "");
            Distribution? daily = null;
            CustomerArrivals? customers = null;
            if (m.Get("daily") is { } d)
            {
                daily = ReadDistribution(d.Value, d.Path, Measure.DailyQuantity);
                if (m.Get("customers") is { } both)
                {
                    _f.Error(both.KeyNode, both.Path, "give daily demand or customers arriving one by one, not both");
                }
            }
            else if (m.Get("customers") is { } c)
            {
                customers = ReadCustomers(c);
                daily = customers?.DailyTotal();
            }
            else
            {
                m.Missing("daily", "the distribution of units demanded per day, e.g. { dist: poisson, mean: 20/day }; or customers: { rate: 0.5/day } for customer orders arriving one by one");
            }

            var seasonality = m.Get("seasonality") is { } s ? ReadSeasonality(s) : Seasonality.None;
            var patience = ReadPatience(m) ?? double.PositiveInfinity;
            foreach (var perDay in (string[])["autocorrelation", "block"])
            {
                if (customers is not null && m.Get(perDay) is { } f)
                {
                    _f.Error(f.KeyNode, f.Path, $"{perDay} shapes demand drawn per day; customers arriving one by one are a Poisson process (use daily demand for {perDay})");
                }
            }

            var rho = customers is not null ? 0 : m.Value("autocorrelation", Units.TryParseNumber, check: v => v is > -1 and < 1 ? null : "must be above -1 and below 1 (the correlation of one day's demand with the next)") ?? 0;
            if (rho != 0 && daily is not null && daily.Kind is not (DistributionKind.Normal or DistributionKind.Gamma))
            {
                var f = m.Get("autocorrelation")!;
                _f.Error(f.KeyNode, f.Path, $"autocorrelation applies to normal and gamma daily demand, not {daily.Kind.YamlName()}");
            }

            var block = customers is not null ? null : m.Value("block", Units.TryParseDuration, check: v => v >= 1 && v == Math.Floor(v) ? null : "must be a whole number of days, at least 1d");
            if (block is not null && daily is not null && (daily.Kind != DistributionKind.Empirical || !daily.Weights.IsEmpty))
            {
                var f = m.Get("block")!;
                _f.Error(f.KeyNode, f.Path, "block resamples runs of observed days: it applies to empirical daily demand given as values in day order or a history, without weights");
            }
            else if (block is { } days && daily is { Kind: DistributionKind.Empirical } observed && days > observed.Values.Length)
            {
                // A run longer than the history would replay it whole and wrap round into its start.
                var f = m.Get("block")!;
                _f.Error(f.Value, f.Path, $"a block of {Units.FormatDays(days)} is longer than the {observed.Values.Length} observed days it resamples; give a block of at most {Units.FormatDays(observed.Values.Length)}, or a longer history");
            }

            return itemOk && atOk && daily is not null && seasonality is not null
                ? new DemandStream(item!, at!, daily, seasonality, patience, _f.At(node)) { Autocorrelation = rho, BlockDays = (int)(block ?? 0), Customers = customers }
                : null;
        }

        /// <summary>
        /// Customers arriving one by one cost an event each: a stream that could bring more than
        /// <see cref="MaxCustomerOrders"/> orders in a trial (at its rate, season and trend at their
        /// peak, under the largest demand shock) would run for hours, so it is refused with the
        /// daily demand that models it.
        /// </summary>
        private void CheckCustomerOrders(ImmutableArray<DemandStream> demand, ImmutableArray<Disruption> disruptions, double horizon)
        {
            var shock = disruptions.Where(d => d.Kind == DisruptionKind.DemandShock).Select(d => d.Factor).DefaultIfEmpty(1).Max();
            for (var k = 0; k < demand.Length; k++)
            {
                if (demand[k].Customers is not { } customers)
                {
                    continue;
                }

                var season = demand[k].Seasonality;
                var peak = season.IsFlat ? 1 : Enumerable.Range(0, (int)Math.Ceiling(horizon)).Max(day => season.FactorOn(day));
                var orders = customers.RatePerDay * peak * Math.Max(shock, 1) * horizon;
                if (orders > MaxCustomerOrders)
                {
                    _f.Error(demand[k].Location, $"demand[{k}].customers.rate",
                        $"up to {orders:G3} customer orders a trial at the peak rate (more than {MaxCustomerOrders:G0}), one event each; give daily demand (daily: {{ dist: poisson, mean: ... }}) for this many customers");
                }
            }
        }

        /// <summary><c>customers: { rate: 0.5/day, order_size: ... }</c>: a Poisson process of customer orders.</summary>
        private CustomerArrivals? ReadCustomers(Field field)
        {
            var m = YamlFields.Of(field.Value, field.Path, _f, CustomerKeys, "customer arrivals such as { rate: 0.5/day, order_size: 1 }");
            if (m is null)
            {
                return null;
            }

            var rate = m.Value("rate", Units.TryParseRatePerDay, required: true, why: "customer orders per day on average, e.g. 0.5/day or 3/week", check: Check.Positive);
            var size = Distribution.Constant(1);
            if (m.Get("order_size") is { } sf)
            {
                size = ReadDistribution(sf.Value, sf.Path, Measure.OrderQuantity)!;
                if (size is not null && !(size.Mean > 0))
                {
                    _f.Error(sf.Value, sf.Path, "an order must be for more than 0 units on average");
                    size = null!;
                }
            }

            return rate is null || size is null ? null : new CustomerArrivals(rate.Value, size);
        }

        private double? ReadPatience(YamlFields m)
        {
            var f = m.Get("patience");
            if (f is null)
            {
                return null;
            }

            if (f.Value is YamlScalarNode { Value: "unlimited" })
            {
                return double.PositiveInfinity;
            }

            return m.Read(f.Value, f.Path, (string t, out double v, out string e) =>
            {
                if (Units.TryParseDuration(t, out v, out e))
                {
                    return true;
                }

                e += " (or 'unlimited')";
                return false;
            }, Check.NonNegative);
        }

        private Seasonality? ReadSeasonality(Field field)
        {
            var m = YamlFields.Of(field.Value, field.Path, _f, SeasonalityKeys, "seasonality");
            if (m is null)
            {
                return null;
            }

            var weekly = ReadFactors(m.Get("weekly"), 7, "one factor per day of the week");
            var annual = ReadFactors(m.Get("annual"), 12, "one factor per month");
            var trend = m.Value("trend", Units.TryParseYearlyRate, check: v => v > -1 ? null : "must be above -100%/year") ?? 0;
            return weekly is null || annual is null ? null : new Seasonality(weekly.Value, annual.Value, trend);
        }

        private ImmutableArray<double>? ReadFactors(Field? field, int count, string why)
        {
            if (field is null)
            {
                return [];
            }

            if (field.Value is not YamlSequenceNode seq || seq.Children.Count != count)
            {
                _f.Error(field.Value, field.Path, $"expected a list of {count} factors ({why}), got {(field.Value is YamlSequenceNode s ? $"{s.Children.Count}" : YamlFields.Describe(field.Value))}");
                return null;
            }

            var values = new double[count];
            var ok = true;
            for (var i = 0; i < count; i++)
            {
                var v = ReadScalar(seq.Children[i], $"{field.Path}[{i}]", Units.TryParseNumber, Check.NonNegative);
                ok &= v is not null;
                values[i] = v ?? 0;
            }

            var mean = values.Average();
            if (ok && mean <= 0)
            {
                _f.Error(field.Value, field.Path, "factors must not all be zero");
                return null;
            }

            return ok ? [.. values.Select(v => v / mean)] : null;
        }
    }
}
