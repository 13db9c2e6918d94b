namespace FlowSim.Tests.Policies;

/// <summary>
/// Speculative selling windows that overlap the next batch's, or run past the horizon, are
/// allowed but warned about when the scenario is read: the scenario still loads.
/// </summary>
public class SellingWindowWarningTests
{
    // Ten days' lead time on a 400-day horizon.
    private static string Scenario(string batches) => TestScenarios.SingleItem(
        leadTime: "10d",
        strategies: $"  - name: seasons\n    policy: speculative\n    {batches}\n");

    private static string[] Warnings(string batches)
    {
        var result = TestScenarios.Parse(Scenario(batches), "seasons.yaml");
        Assert.True(result.Scenario is not null, string.Join("\n", result.Findings));
        return [.. result.Warnings.Select(w => w.ToString())];
    }

    [Fact]
    public void A_window_that_ends_after_the_next_batch_arrives_is_warned_about()
    {
        // The second batch is committed on day 100 and arrives on day 110; the first sells to day 150.
        var warnings = Warnings("batches: [{ at: 0d, sell_until: 150d }, { at: 100d }]");
        Assert.Contains(warnings, w => w.Contains("strategies[0].batches[0].sell_until") && w.Contains("after batch 1 arrives (day 110") && w.Contains("overlap"));
    }

    [Fact]
    public void A_repeating_window_longer_than_its_period_overlaps_the_next_period()
    {
        var warnings = Warnings("batches: [{ at: 0d, sell_until: 120d }]\n    every: 100d");
        Assert.Contains(warnings, w => w.Contains("batches[0].sell_until") && w.Contains("the next period's first batch arrives (day 110"));
    }

    [Fact]
    public void A_window_past_the_horizon_is_warned_about()
    {
        var warnings = Warnings("batches: [{ at: 0d, sell_until: 500d }]");
        Assert.Contains(warnings, w => w.Contains("batches[0].sell_until") && w.Contains("after the horizon (400d)"));
    }

    [Theory]
    [InlineData("batches: [{ at: 0d, sell_until: 110d }, { at: 100d }]")]
    [InlineData("batches: [{ at: 0d }, { at: 100d }]")]
    [InlineData("batches: [{ at: 0d, sell_until: 110d }]\n    every: 100d")]
    public void Windows_that_end_when_the_next_batch_arrives_are_not(string batches)
    {
        Assert.Empty(Warnings(batches));
    }
}
