namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading a demand-responsive policy: release against confirmed orders.</summary>
    private sealed partial class Reader
    {
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
