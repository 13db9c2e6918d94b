namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading a demand-responsive policy (release against confirmed orders), and how a buffer starts a trial.</summary>
    private sealed partial class Reader
    {
        /// <summary>
        /// A buffer's <c>start</c>: <c>full</c> or <c>steady</c>, or <c>{ on_hand: UNITS, phase: fixed | random }</c>
        /// (the stock a trial starts with, by default the full level; and whether the first review
        /// falls on day 0 or on a random day of the review period). The word, and what the mapping gives.
        /// </summary>
        private (string Start, double? OnHand, bool RandomPhase) ReadStart(YamlFields m)
        {
            if (m.Get("start") is not { } field)
            {
                return ("full", null, false);
            }

            if (field.Value is YamlDotNet.RepresentationModel.YamlMappingNode)
            {
                if (YamlFields.Of(field.Value, field.Path, _f, StartKeys, "a start such as { on_hand: 40, phase: random }") is not { } sm)
                {
                    return ("full", null, false);
                }

                var onHand = sm.Value("on_hand", Units.TryParseNumber, check: Check.NonNegative);
                var phase = sm.Text("phase") ?? "fixed";
                if (!StartPhases.Contains(phase))
                {
                    _f.Error(sm.Get("phase")!.Value, YamlFields.Join(sm.Path, "phase"),
                        $"expected fixed (the first review on day 0) or random (on a random day of the review period), got '{phase}'");
                }

                return ("full", onHand, phase == "random");
            }

            var start = m.Text("start") ?? "full";
            if (!BufferStarts.Contains(start))
            {
                var hint = YamlFields.Nearest(start, BufferStarts);
                _f.Error(field.Value, field.Path,
                    $"expected full (every trial starts with the full level, reviewing on day 0), steady (at a random point of the cycle) or {{ on_hand: UNITS, phase: random }}, got '{start}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            }

            return (start, null, false);
        }

        private DemandResponsivePolicy ReadDemandResponsive(YamlFields m, SourceLocation at)
        {
            var minBatch = m.Value("min_batch", Units.TryParseNumber, check: Check.NonNegative) ?? 0;
            var (review, continuous) = ReadReview(m);
            var deposit = m.Value("deposit", Units.TryParseFraction, check: Check.HalfOpenUnit) ?? 0;
            var patience = ReadPatience(m);
            var promise = m.Value("promise", Units.TryParseDuration, check: Check.NonNegative);
            return new DemandResponsivePolicy(minBatch, review ?? 1, deposit, patience, at) { ContinuousReview = continuous, PromiseDays = promise };
        }
    }
}
