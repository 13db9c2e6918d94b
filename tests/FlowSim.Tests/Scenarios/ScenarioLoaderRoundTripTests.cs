using System.Security.Cryptography;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Tests.Scenarios;

/// <summary>Valid scenarios arrive in the records with every value in days, per-day quantities and shares.</summary>
public class ScenarioLoaderRoundTripTests
{
    private static readonly string QuickstartPath = RepoFiles.Path("scenarios/quickstart.yaml");

    private static readonly Lazy<ScenarioLoadResult> Loaded = new(() => ScenarioLoader.Load(QuickstartPath));

    private static Scenario Quickstart => Loaded.Value.Scenario!;

    [Fact]
    public void The_quickstart_loads_without_errors_or_warnings()
    {
        Assert.Empty(Loaded.Value.Findings);
        Assert.NotNull(Loaded.Value.Scenario);
    }

    [Fact]
    public void Horizon_and_warmup_are_in_days()
    {
        Assert.Equal(730, Quickstart.HorizonDays);
        Assert.Equal(112, Quickstart.WarmupDays);
        Assert.Equal(400, Quickstart.Trials);
        Assert.Equal(20261123UL, Quickstart.Seed);
    }

    [Fact]
    public void A_holding_rate_of_25_percent_a_year_is_0_25()
    {
        Assert.All(Quickstart.Items, item => Assert.Equal(0.25, item.HoldingRatePerYear));
    }

    [Fact]
    public void The_kilns_pert_lead_time_in_weeks_is_in_days()
    {
        var leadTime = Assert.Single(Quickstart.Suppliers).LeadTime!;
        Assert.Equal(DistributionKind.Pert, leadTime.Kind);
        Assert.Equal((56, 70, 84), (leadTime.Minimum, leadTime.Mode, leadTime.Maximum));
    }

    [Fact]
    public void A_lane_without_its_own_lead_time_takes_the_suppliers()
    {
        Assert.Equal(Quickstart.Suppliers[0].LeadTime, Assert.Single(Quickstart.Lanes).LeadTime);
    }

    [Fact]
    public void Demand_patience_and_shares_are_converted()
    {
        var mug = Quickstart.Demand.Single(d => d.ItemId == "mug");
        Assert.Equal(6, mug.Daily.Mean);
        Assert.Equal(14, mug.PatienceDays);
        var vase = Quickstart.Demand.Single(d => d.ItemId == "vase");
        Assert.Equal(0.8 * 1.5, vase.Daily.SpecifiedStandardDeviation, 1e-12);
        Assert.Equal(12, vase.Seasonality.Annual.Length);
        Assert.Equal(1, vase.Seasonality.Annual.Average(), 1e-12);
    }

    [Fact]
    public void Strategy_settings_are_converted()
    {
        var buffer = Assert.IsType<BufferPolicy>(Quickstart.Strategies.Single(s => s.Name == "buffer").PolicyFor("mug", "studio"));
        Assert.Equal((BufferRule.MinMax, 7.0, 0.95), (buffer.Rule, buffer.ReviewDays, buffer.ServiceLevel));
        var preOrders = Assert.IsType<DemandResponsivePolicy>(Quickstart.Strategies.Single(s => s.Name == "demand-responsive").PolicyFor("mug", "studio"));
        Assert.Equal((0.3, 98.0), (preOrders.DepositShare, preOrders.PatienceDays!.Value));
        Assert.Equal(0.05, Quickstart.Costs.BackorderPenaltyPerDay);
    }

    [Fact]
    public void A_hybrid_strategy_gives_each_item_its_own_policy()
    {
        var hybrid = Quickstart.Strategies.Single(s => s.Name == "hybrid");
        Assert.Equal("buffer", hybrid.PolicyFor("mug", "studio").Kind);
        var vase = Assert.IsType<SpeculativePolicy>(hybrid.PolicyFor("vase", "studio"));
        Assert.Equal([0.0, 182, 364, 546], vase.Batches.Select(b => b.AtDays));
        Assert.Equal("demand-responsive", hybrid.PolicyFor("heirloom-platter", "studio").Kind);
    }

    [Fact]
    public void The_source_records_the_path_as_given_and_the_sha256_of_the_bytes()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(QuickstartPath)));
        Assert.Equal(new ScenarioSource(QuickstartPath, expected), Quickstart.Source);
    }

    [Fact]
    public void Demand_of_140_a_week_is_20_a_day()
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(demand: "{ dist: poisson, mean: 140/week }"));
        Assert.Equal(20, scenario.Demand[0].Daily.Mean);
    }

    [Fact]
    public void A_weekly_standard_deviation_is_scaled_by_the_square_root_of_seven()
    {
        // Weekly demand is the sum of seven independent days: its sd is the daily sd times sqrt(7).
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(demand: "{ dist: negative_binomial, mean: 140/week, sd: 70/week }"));
        Assert.Equal(70 / Math.Sqrt(7), scenario.Demand[0].Daily.SpecifiedStandardDeviation, 1e-12);
    }

    [Fact]
    public void A_lead_time_of_10_weeks_is_70_days()
    {
        var scenario = TestScenarios.Load(TestScenarios.SingleItem(leadTime: "10w"));
        Assert.Equal(70, scenario.Lanes[0].LeadTime.Mean);
    }
}
