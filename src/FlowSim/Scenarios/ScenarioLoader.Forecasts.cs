using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading how a buffer's forecast estimates the spread of demand.</summary>
    private sealed partial class Reader
    {
        /// <summary><c>sd: known | estimated</c> in a forecast; true for estimated.</summary>
        private bool ReadForecastSd(YamlFields forecast, YamlFields policy)
        {
            if (forecast.Get("sd") is not { } f || forecast.Text("sd") is not { } text)
            {
                return false;
            }

            if (!ForecastSds.Contains(text))
            {
                var hint = YamlFields.Nearest(text, ForecastSds);
                _f.Error(f.Value, f.Path,
                    $"expected known (safety stock sized on the demand's own sd) or estimated (on the sd of the forecast's errors), got '{text}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
                return false;
            }

            foreach (var key in new[] { "safety_stock", "fill_rate" })
            {
                if (text == "estimated" && policy.Get(key) is { } given)
                {
                    _f.Error(given.KeyNode, given.Path, $"an estimated sd sizes the safety stock from service_level at every review; remove {key}, or sd: estimated");
                }
            }

            return text == "estimated";
        }

        /// <summary>
        /// <c>forecast: { seasonal: true }</c>, or <c>plan: seasonal</c>, the same: levels computed
        /// over each review's coverage window from the demand's own seasonality and trend. They are
        /// sized from <c>service_level</c>, so a given level, safety stock or fill rate is refused, as
        /// is a forecast from recent demand beside it and a continuous review (levels move once a day).
        /// </summary>
        private (SourceLocation At, string Path)? ReadSeasonalPlan(YamlFields policy, bool continuous)
        {
            Field? at = null;
            var seasonal = false;
            if (policy.Get("plan") is { } plan)
            {
                if (plan.Value is YamlScalarNode { Value: "seasonal" })
                {
                    (at, seasonal) = (plan, true);
                }
                else
                {
                    _f.Error(plan.Value, plan.Path, $"expected seasonal (levels follow the demand's seasonality and trend over each coverage window), got {YamlFields.Describe(plan.Value)}");
                }
            }

            var fm = policy.Get("forecast") is { Value: YamlMappingNode } ff ? YamlFields.Of(ff.Value, ff.Path, new Findings(""), ForecastKeys, "") : null;
            if (fm?.Get("seasonal") is { } sf && ReadSwitch(fm, "seasonal"))
            {
                if (at is not null)
                {
                    _f.Error(sf.KeyNode, sf.Path, "plan: seasonal and forecast: { seasonal: true } say the same; give one");
                }

                (at, seasonal) = (sf, true);
            }

            foreach (var key in new[] { "window", "smoothing", "sd" })
            {
                if (seasonal && fm?.Get(key) is { } other)
                {
                    _f.Error(other.KeyNode, other.Path, $"seasonal levels come from the scenario's seasonality, not from recent demand; remove {key}, or the seasonal plan");
                }
            }

            if (!seasonal || at is null)
            {
                return null;
            }

            foreach (var key in new[] { "order_up_to", "reorder_point", "safety_stock", "fill_rate" })
            {
                if (policy.Get(key) is { } given)
                {
                    _f.Error(given.KeyNode, given.Path, $"seasonal levels are sized over each coverage window from service_level; remove {key}, or the seasonal plan");
                }
            }

            if (continuous)
            {
                _f.Error(at.KeyNode, at.Path, "seasonal levels move once a day; review daily (review: 1d) or every R days to follow them");
            }

            return (_f.At(at.KeyNode), at.Path);
        }

        /// <summary>
        /// Warns where a seasonal plan meets demand with no seasonality or trend at all (its own
        /// customers' and every stream it supplies): its levels are then the fixed ones. A warning,
        /// not an error, since a strategy-wide plan reaches stock points whose demand is flat too.
        /// </summary>
        private void WarnFlatSeasonalPlans(ImmutableArray<Strategy> strategies, ImmutableArray<DemandStream> demand, ImmutableArray<Lane> lanes, ImmutableArray<Production> production, NetworkLayout layout)
        {
            if (!strategies.Any(st => st.Policies.Any(p => p.Policy is BufferPolicy { SeasonalLevels: true })))
            {
                return;
            }

            // From the customers up, as the demand to supply is summed: requesters come first. A
            // strategy with sourcing of its own moves demand between stock points: its network says.
            var customers = demand.Where(d => !d.Seasonality.IsFlat).Select(d => new StockedItem(d.ItemId, d.StockPointId)).ToList();
            HashSet<StockedItem> SeasonalOn(ImmutableArray<SourcingChoice> choices)
            {
                var chosen = choices.ToDictionary(c => new StockedItem(c.ItemId, c.StockPointId), c => c.AsSourcing());
                var seasonal = new HashSet<StockedItem>(customers);
                foreach (var slot in layout.Stocked)
                {
                    if (seasonal.Contains(slot) && (chosen.GetValueOrDefault(slot) ?? layout.Sources.GetValueOrDefault(slot)) is { } src)
                    {
                        seasonal.UnionWith(NetworkLayout.SuppliersOf(slot, src, lanes, production).Select(x => x.Supplier));
                    }
                }

                return seasonal;
            }

            var asWritten = SeasonalOn([]);
            foreach (var st in strategies)
            {
                var seasonal = st.Sourcing.IsEmpty ? asWritten : SeasonalOn(st.Sourcing);
                foreach (var p in st.Policies)
                {
                    if (p.Policy is BufferPolicy { SeasonalLevels: true, SeasonalSource: var (at, path) } && !seasonal.Contains(new StockedItem(p.ItemId, p.StockPointId)))
                    {
                        _f.Warning(at, path, $"item '{p.ItemId}' at '{p.StockPointId}' supplies demand with no seasonality or trend; its seasonal levels are the fixed ones");
                    }
                }
            }
        }
    }
}
