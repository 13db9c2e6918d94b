using System.Collections.Immutable;
using FlowSim.Stochastic;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    private static readonly string[] DisruptionKinds = DisruptionKindNames.All;

    /// <summary>Reading disruptions: what is hit, when, for how long, and how hard.</summary>
    private sealed partial class Reader
    {
        private ImmutableArray<Disruption> ReadDisruptions(
            Field? field, ImmutableArray<Supplier> suppliers, ImmutableArray<StockPoint> stockPoints, ImmutableArray<Lane> lanes,
            ImmutableArray<Production> production, ImmutableArray<Item> items, double horizon)
        {
            if (field is null)
            {
                return [];
            }

            if (field.Value is not YamlSequenceNode seq)
            {
                _f.Error(field.Value, field.Path, $"expected a list of disruptions, got {YamlFields.Describe(field.Value)}");
                return [];
            }

            var result = ImmutableArray.CreateBuilder<Disruption>();
            var events = new Dictionary<string, Disruption>(StringComparer.Ordinal);
            var ids = new List<Declared>();
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var d = ReadDisruption(seq.Children[i], $"{field.Path}[{i}]", suppliers, stockPoints, lanes, production, items, horizon, events, ids);
                if (d is not null)
                {
                    result.Add(d);
                }
            }

            ReportRepeats(ids, "disruption id", "ids");
            return result.ToImmutable();
        }

        private Disruption? ReadDisruption(
            YamlNode node, string path, ImmutableArray<Supplier> suppliers, ImmutableArray<StockPoint> stockPoints, ImmutableArray<Lane> lanes,
            ImmutableArray<Production> production, ImmutableArray<Item> items, double horizon, Dictionary<string, Disruption> events, List<Declared> ids)
        {
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Of(node, path, _f, DisruptionKeys, "a disruption");
            if (m is null)
            {
                return null;
            }

            var id = m.Text("id", required: true, why: "name the disruption, e.g. port-strike");
            if (id is not null)
            {
                ids.Add(new Declared(id, m.Get("id")!.Value, m.Get("id")!.Path));
                CheckId(id, m.Get("id")!);
            }

            var kindText = m.Text("kind", required: true, why: $"what happens: {string.Join(", ", DisruptionKinds)}");
            if (kindText is null)
            {
                return null;
            }

            if (!DisruptionKinds.Contains(kindText))
            {
                var hint = YamlFields.Nearest(kindText, DisruptionKinds);
                _f.Error(m.Get("kind")!.Value, YamlFields.Join(path, "kind"),
                    $"unknown disruption kind '{kindText}'{(hint is null ? "" : $"; did you mean '{hint}'?")} (expected one of: {string.Join(", ", DisruptionKinds)})");
                return null;
            }

            var kind = Enum.Parse<DisruptionKind>(kindText.Replace("_", ""), ignoreCase: true);

            // Which keys name the target, per kind.
            string[] targetKeys = kind switch
            {
                DisruptionKind.SupplierOutage or DisruptionKind.SupplierLoss => ["supplier"],
                DisruptionKind.LaneClosure or DisruptionKind.LeadTimeSurge => ["lane"],
                DisruptionKind.CapacityLoss => ["supplier", "plant"],
                DisruptionKind.QualityHold or DisruptionKind.InformationDelay => ["stock_point"],
                _ => ["stock_point", "item"],
            };
            foreach (var f in m.All.Where(f => f.Key is "supplier" or "lane" or "stock_point" or "plant" && !targetKeys.Contains(f.Key)))
            {
                _f.Error(f.KeyNode, f.Path, $"a {kindText} names its target with {string.Join(" or ", targetKeys)}, not {f.Key}");
            }

            var target = "";
            var targetKind = DisruptionTarget.AllDemand;
            var laneIndex = -1;
            if (kind is DisruptionKind.SupplierOutage or DisruptionKind.SupplierLoss || (kind == DisruptionKind.CapacityLoss && m.Has("supplier")))
            {
                target = m.Text("supplier", required: true, why: "the supplier hit") ?? "";
                targetKind = DisruptionTarget.Supplier;
                var field = m.Get("supplier")!;
                if (target.Length > 0 && Reference(field, target, suppliers.Select(s => s.Id), "supplier", "")
                    && kind == DisruptionKind.CapacityLoss && suppliers.First(s => s.Id == target).CapacityPerDay is null)
                {
                    // Unlimited capacity times any share is still unlimited: the disruption would do nothing.
                    _f.Error(field.Value, field.Path, $"supplier '{target}' has no capacity (unlimited), so a capacity_loss would change nothing; "
                        + "give the supplier a capacity (suppliers[].capacity, e.g. 400/week), or stop it with kind: supplier_outage");
                }
            }
            else if (kind is DisruptionKind.LaneClosure or DisruptionKind.LeadTimeSurge)
            {
                target = m.Text("lane", required: true, why: "the lane hit, written from->to (e.g. overseas->plant) or by its name") ?? "";
                targetKind = DisruptionTarget.Lane;
                // A named lane is still found by from->to, as sourcing and --set find it, when no lane has that name.
                if (target.Length > 0 && Reference(m.Get("lane")!, target, lanes.Select(l => l.Name).Concat(lanes.Select(l => $"{l.From}->{l.To}")).Distinct(), "lane", " (write a lane as from->to, or by its name)"))
                {
                    var called = Enumerable.Range(0, lanes.Length).Where(j => lanes[j].Name == target).ToList();
                    if (called.Count == 0)
                    {
                        called = [.. Enumerable.Range(0, lanes.Length).Where(j => $"{lanes[j].From}->{lanes[j].To}" == target)];
                    }

                    laneIndex = called[0];
                    if (called.Count > 1)
                    {
                        _f.Error(m.Get("lane")!.Value, YamlFields.Join(path, "lane"),
                            $"{called.Count} lanes run {target} ({string.Join(", ", called.Select(j => $"lanes[{j}]"))}); give them names (lanes[].name, e.g. sea and air) and name the one hit here");
                    }

                    target = lanes[laneIndex].Name;
                }
            }
            else if (kind == DisruptionKind.CapacityLoss)
            {
                target = m.Text("plant", required: true, why: "the plant (a stock point with production) or supplier hit; use plant: or supplier:") ?? "";
                targetKind = DisruptionTarget.StockPoint;
                if (target.Length > 0)
                {
                    Reference(m.Get("plant")!, target, production.Select(p => p.StockPointId).Distinct(), "plant (a stock point with production)", "");
                }
            }
            else if (m.Has("stock_point") || kind is DisruptionKind.QualityHold or DisruptionKind.InformationDelay)
            {
                target = m.Text("stock_point", required: true, why: "the stock point hit") ?? "";
                targetKind = DisruptionTarget.StockPoint;
                if (target.Length > 0)
                {
                    Reference(m.Get("stock_point")!, target, stockPoints.Select(s => s.Id), "stock point", "");
                }
            }

            string? itemId = null;
            if (m.Get("item") is { } itemField)
            {
                if (kind is not (DisruptionKind.DemandShock or DisruptionKind.QualityHold))
                {
                    _f.Error(itemField.KeyNode, itemField.Path, $"a {kindText} hits everything at its target; item applies only to demand_shock and quality_hold");
                }
                else
                {
                    itemId = m.Text("item");
                    if (itemId is not null)
                    {
                        Reference(itemField, itemId, items.Select(i => i.Id), "item", "");
                    }
                }
            }

            // Timing: scheduled (at) or random (every); a shared event takes its timing from its first disruption.
            var sharedEvent = m.Text("event");
            if (sharedEvent is not null)
            {
                // An event's name is shown like an id, in tables and reports.
                CheckId(sharedEvent, m.Get("event")!);
            }

            var at = m.Value("at", Units.TryParseDuration, check: Check.NonNegative);
            Distribution? every = m.Get("every") is { } ef ? ReadDistribution(ef.Value, ef.Path, Measure.Duration) : null;
            Distribution? duration = m.Get("duration") is { } df ? ReadDistribution(df.Value, df.Path, Measure.Duration) : null;
            // More often than daily is a rate, not a disruption, and would make a trial schedule millions of occurrences.
            if (every is not null && every.Mean < 1)
            {
                _f.Error(m.Get("every")!.Value, m.Get("every")!.Path, $"the time between occurrences must average at least 1d, got {Units.FormatDays(every.Mean)}");
            }

            var timed = m.Has("at") || m.Has("every") || m.Has("duration") || m.Has("markov");
            var markov = ReadMarkov(m, kind, kindText);
            Disruption? leader = sharedEvent is not null ? events.GetValueOrDefault(sharedEvent) : null;
            if (leader is not null)
            {
                if (timed)
                {
                    _f.Error(node, path, $"event '{sharedEvent}' takes its timing from disruption '{leader.Id}'; remove at, every and duration here");
                }

                (at, every, duration, markov) = (leader.AtDays, leader.Every, leader.Duration, leader.Markov);
                if (markov is not null && kind is not (DisruptionKind.SupplierOutage or DisruptionKind.LaneClosure or DisruptionKind.CapacityLoss))
                {
                    _f.Error(node, path, $"event '{sharedEvent}' follows the day-by-day chain of '{leader.Id}', which only outages (supplier_outage, lane_closure, capacity_loss) take; a {kindText} cannot join it");
                }

                // A loss has no end for the others to take: joined to it they would last for good.
                if (leader.Kind == DisruptionKind.SupplierLoss && kind != DisruptionKind.SupplierLoss)
                {
                    _f.Error(m.Get("event")!.Value, m.Get("event")!.Path, $"event '{sharedEvent}' takes its timing from supplier loss '{leader.Id}', which never ends, so a {kindText} joined to it would last for good; list a disruption with a duration first in the event (the loss then starts with it), or give the loss an event of its own");
                }
            }
            else if (m.Has("markov"))
            {
                // The chain says when the target fails and for how long.
                foreach (var key in new[] { "at", "every", "duration" }.Where(m.Has))
                {
                    _f.Error(m.Get(key)!.KeyNode, m.Get(key)!.Path, "markov decides day by day when the target fails and recovers; remove at, every and duration");
                }

                duration = Distribution.Constant(0);
            }
            else
            {
                if (m.Has("at") && m.Has("every"))
                {
                    _f.Error(m.Get("every")!.KeyNode, m.Get("every")!.Path, "give either at (a scheduled disruption) or every (a random one), not both");
                }
                else if (!m.Has("at") && !m.Has("every"))
                {
                    m.Missing("at", "when it starts: at (e.g. 120d) for a scheduled disruption, every (e.g. { dist: exponential, mean: 2y }) for a random one, or markov (e.g. { fail: 2%, recover: 20% }) for an outage decided day by day");
                }

                if (kind == DisruptionKind.SupplierLoss)
                {
                    duration ??= Distribution.Constant(0);
                    if (m.Has("duration"))
                    {
                        _f.Warning(m.Get("duration")!.KeyNode, m.Get("duration")!.Path, "a supplier loss is permanent; its duration is ignored");
                    }
                }
                else if (duration is null && !m.Has("duration"))
                {
                    m.Missing("duration", "how long it lasts, e.g. 3w or { dist: uniform, min: 1w, max: 4w }");
                }

                if (at is { } a && a >= horizon && m.Get("at") is { } af)
                {
                    _f.Warning(af.Value, af.Path, $"starts at or after the horizon ({Units.FormatDays(horizon)}); it never happens");
                }
            }

            var factor = kind switch
            {
                DisruptionKind.CapacityLoss => m.Value("capacity", Units.TryParseFraction, required: true, why: "the share of capacity kept, e.g. 40%", check: v => v >= 0 && v < 1 ? null : "must be from 0 up to (not including) 100%"),
                DisruptionKind.LeadTimeSurge => m.Value("factor", Units.TryParseNumber, required: true, why: "how many times longer lead times get, e.g. 2", check: v => v > 0 ? null : "must be positive"),
                DisruptionKind.DemandShock => m.Value("factor", Units.TryParseNumber, required: true, why: "the demand multiplier, e.g. 3 for a viral post", check: Check.NonNegative),
                _ => 1,
            };
            var hold = kind == DisruptionKind.QualityHold
                ? m.Value("hold", Units.TryParseDuration, required: true, why: "how long received lots are quarantined, e.g. 2w", check: Check.NonNegative)
                : 0;
            var scrap = kind == DisruptionKind.QualityHold ? m.Value("scrap", Units.TryParseFraction, check: v => v >= 0 && v <= 1 ? null : "must be from 0 to 100%") ?? 0 : 0;
            var delay = kind == DisruptionKind.InformationDelay
                ? m.Value("delay", Units.TryParseDuration, required: true, why: "how many days old the stock picture is, e.g. 5d", check: v => v >= 1 && v == Math.Floor(v) && v <= Disruption.MaxInformationDelayDays ? null : $"must be a whole number of days from 1d to {Disruption.MaxInformationDelayDays}d")
                : 0;
            var cancel = false;
            if (m.Get("cancel_open_orders") is { } cf)
            {
                if (kind != DisruptionKind.SupplierOutage)
                {
                    _f.Error(cf.KeyNode, cf.Path, "cancel_open_orders applies only to a supplier_outage");
                }
                else
                {
                    cancel = ReadSwitch(m, "cancel_open_orders");
                }
            }

            var newOrdersOnly = ReadAffects(m, kind, cancel);
            foreach (var f in m.All.Where(f => !AppliesTo(kind, f.Key)))
            {
                _f.Error(f.KeyNode, f.Path, $"'{f.Key}' does not apply to a {kindText}");
            }

            if (id is null || _f.ErrorCount > errorsBefore || duration is null || factor is null || hold is null || delay is null)
            {
                return null;
            }

            var d = new Disruption(id, kind, target, itemId, at, every, duration, factor.Value, hold.Value, scrap, delay.Value, cancel, sharedEvent, _f.At(node))
            {
                TargetKind = targetKind,
                LaneIndex = laneIndex,
                Markov = markov,
                AffectsNewOrdersOnly = newOrdersOnly,
            };
            if (sharedEvent is not null)
            {
                events.TryAdd(sharedEvent, d);
            }

            return d;
        }

        /// <summary><c>affects: all_orders | new_orders</c> on a supplier outage; true for new_orders.</summary>
        private bool ReadAffects(YamlFields m, DisruptionKind kind, bool cancel)
        {
            if (m.Get("affects") is not { } f)
            {
                return false;
            }

            if (kind != DisruptionKind.SupplierOutage)
            {
                _f.Error(f.KeyNode, f.Path, "affects applies only to a supplier_outage");
                return false;
            }

            var text = m.Text("affects");
            if (text is not null && !OutageEffects.Contains(text))
            {
                var hint = YamlFields.Nearest(text, OutageEffects);
                _f.Error(f.Value, f.Path,
                    $"expected all_orders (the outage stops the lead time of orders under way too) or new_orders (only orders placed while it is down wait), got '{text}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
                return false;
            }

            if (text == "new_orders" && cancel)
            {
                _f.Error(f.KeyNode, f.Path, "cancel_open_orders cancels the orders under way, which affects: new_orders leaves alone; give one of them");
            }

            return text == "new_orders";
        }

        /// <summary><c>markov: { fail: SHARE, recover: SHARE }</c> on an outage; null when absent or wrong (reported).</summary>
        private MarkovAvailability? ReadMarkov(YamlFields m, DisruptionKind kind, string kindText)
        {
            if (m.Get("markov") is not { } f)
            {
                return null;
            }

            if (kind is not (DisruptionKind.SupplierOutage or DisruptionKind.LaneClosure or DisruptionKind.CapacityLoss))
            {
                _f.Error(f.KeyNode, f.Path, $"markov applies to outages (supplier_outage, lane_closure, capacity_loss), not to a {kindText}");
                return null;
            }

            if (YamlFields.Of(f.Value, f.Path, _f, ["fail", "recover"], "a day-by-day chain such as { fail: 2%, recover: 20% }") is not { } c)
            {
                return null;
            }

            static string? Share(double v) => v is > 0 and <= 1 ? null : "must be above 0 and at most 100% (a probability per day)";
            var fail = c.Value("fail", Units.TryParseFraction, required: true, why: "the probability an up target fails at the start of a day, e.g. 2%", check: Share);
            var recover = c.Value("recover", Units.TryParseFraction, required: true, why: "the probability a down target recovers at the start of a day, e.g. 20%", check: Share);
            return fail is { } fv && recover is { } rv ? new MarkovAvailability(fv, rv) : null;
        }

        private static bool AppliesTo(DisruptionKind kind, string key) => key switch
        {
            "capacity" => kind == DisruptionKind.CapacityLoss,
            "factor" => kind is DisruptionKind.LeadTimeSurge or DisruptionKind.DemandShock,
            "hold" or "scrap" => kind == DisruptionKind.QualityHold,
            "delay" => kind == DisruptionKind.InformationDelay,
            _ => true,
        };
    }
}
