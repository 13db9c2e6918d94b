namespace FlowSim.Tests.Scenarios;

/// <summary>A key that must hold a list refuses an empty one, naming the key and what it got.</summary>
public class EmptyListTests
{
    [Fact]
    public void An_empty_list_of_empirical_values_is_refused()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(demand: "{ dist: empirical, values: [] }"));
        var error = Assert.Single(errors);
        Assert.Contains("values: expected a non-empty list of values, got ", error);
    }

    [Fact]
    public void An_empty_list_of_speculative_batches_is_refused()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(strategies: "  - name: speculative\n    policy: speculative\n    batches: []\n"));
        var error = Assert.Single(errors);
        Assert.Contains("batches: expected a non-empty list of batches, got ", error);
    }

    [Fact]
    public void Missing_speculative_batches_are_asked_for_with_an_example()
    {
        var errors = TestScenarios.Errors(TestScenarios.SingleItem(strategies: "  - name: speculative\n    policy: speculative\n"));
        Assert.Contains(errors, e => e.Contains("batches") && e.Contains("[{ at: 0d, quantity: newsvendor }]"));
    }
}
