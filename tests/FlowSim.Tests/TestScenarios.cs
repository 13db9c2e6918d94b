using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Tests;

/// <summary>Builds scenarios from YAML text for tests.</summary>
internal static class TestScenarios
{
    /// <summary>Loads YAML that must be valid; fails the test with the findings otherwise.</summary>
    public static Scenario Load(string yaml, string file = "test.yaml")
    {
        var result = Parse(yaml, file);
        Assert.True(result.Scenario is not null, "scenario should be valid:\n" + string.Join("\n", result.Findings));
        return result.Scenario!;
    }

    /// <summary>The errors a YAML text gives, as printed.</summary>
    public static string[] Errors(string yaml, string file = "bad.yaml") =>
        Parse(yaml, file).Errors.Select(e => e.ToString()).ToArray();

    /// <summary>Loads YAML as every command does: the loader's checks and the checks on sized policies.</summary>
    public static ScenarioLoadResult Parse(string yaml, string file) => ScenarioFile.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), file, []);

    /// <summary>
    /// One item at one stock point fed by one supplier; the pieces that vary between tests are
    /// passed in as YAML fragments.
    /// </summary>
    public static string SingleItem(
        string demand = "{ dist: poisson, mean: 5/day }",
        string leadTime = "3d",
        string strategies = "  - name: buffer\n    policy: buffer\n    order_up_to: 20\n",
        string horizon = "400d",
        string warmup = "0d",
        string patience = "unlimited",
        string item = "unit_cost: 4\n    price: 10\n    holding_rate: 20%/year",
        string costs = "backorder_penalty: 0.5/day",
        int trials = 20) => $"""
        name: single item
        horizon: {horizon}
        warmup: {warmup}
        trials: {trials}
        seed: 7
        items:
          - id: widget
            {item}
        suppliers:
          - id: vendor
            lead_time: {leadTime}
        stock_points:
          - id: shop
        lanes:
          - from: vendor
            to: shop
        demand:
          - item: widget
            at: shop
            daily: {demand}
            patience: {patience}
        costs:
          {costs}
        strategies:
        {strategies}
        """;
}
