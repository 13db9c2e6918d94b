using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using FlowSim.Scenarios;
using FlowSim.Stochastic;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Planning;

/// <summary>Multi-echelon placement: the guaranteed-service model, the simulation search and its hand-over.</summary>
public sealed class MeioTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-meio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Raw material bought in 10 days and worth 10, made into a product worth 30 in 3 days at the
    /// plant, shipped to a shop in 1 day; normal demand of 20 a day, sd 5, reviewed daily.
    /// </summary>
    private const string ThreeStages = """
        name: three stages
        horizon: 400d
        warmup: 40d
        trials: 40
        seed: 11
        items:
          - { id: raw, unit_cost: 10, price: 0 }
          - { id: product, unit_cost: 30, price: 50 }
        suppliers:
          - { id: vendor, lead_time: 10d }
        stock_points:
          - { id: plant, kind: plant }
          - { id: shop, kind: store }
        lanes:
          - { from: vendor, to: plant, items: [raw] }
          - { from: plant, to: shop, lead_time: 1d }
        production:
          - { item: product, at: plant, components: { raw: 1 }, lead_time: 3d }
        demand:
          - { item: product, at: shop, daily: { dist: normal, mean: 20, sd: 5 } }
        strategies:
          - { name: buffer, policy: buffer, rule: base-stock, service_level: 95% }
        """;

    [Fact]
    public void GuaranteedServicePlacementMatchesTheHandCalculationOnAThreeStageChain()
    {
        // By hand: the cost of a placement is the sum of unit cost x sqrt(days covered) (z and sd are
        // common). Holding raw (10 days) and the shop (the plant's 3 days passed on, plus its own 1):
        // 10 sqrt(10) + 30 sqrt(4) = 91.6; every stage: 10 sqrt(10) + 30 sqrt(3) + 30 = 113.6; the shop
        // alone: 30 sqrt(14) = 112.2; plant and shop: 30 sqrt(13) + 30 = 138.2. So raw and the shop hold stock,
        // the plant passes its 3 days on.
        var scenario = TestScenarios.Load(ThreeStages);
        var stages = Stages.Of(scenario, "buffer");
        var protection = stages.Select(s => s.Numbers.ProtectionDays!.Value).ToArray();
        var placed = GuaranteedService.Place(stages, [.. stages.Select(_ => true)], protection, 0.95, out var dropped);
        var z = StandardNormal.Quantile(0.95);
        GuaranteedServiceStage At(string item, string sp) => placed.Single(p => p.Stage.ItemId == item && p.Stage.StockPointId == sp);

        Assert.Equal(0, dropped);
        var (raw, plant, shop) = (At("raw", "plant"), At("product", "plant"), At("product", "shop"));

        // Raw material goes into the product one for one, so its levels are whole units; the shop's normal demand is not.
        Assert.True(raw.Stage.WholeUnits);
        Assert.False(shop.Stage.WholeUnits);
        Assert.Equal((0, 0, 10.0), (raw.InboundServiceDays, raw.OutboundServiceDays, raw.NetReplenishmentDays));
        Assert.Equal((0, 3, 0.0), (plant.InboundServiceDays, plant.OutboundServiceDays, plant.NetReplenishmentDays));
        Assert.Equal((3, 0, 4.0), (shop.InboundServiceDays, shop.OutboundServiceDays, shop.NetReplenishmentDays));
        // Normal demand is cut at zero, which moves its mean and sd by a few thousandths at most here.
        var (mean, sd) = (shop.Stage.DemandMean, Math.Sqrt(shop.Stage.DemandVariance));
        Assert.Equal(20, mean, 0.001);
        Assert.Equal(5, sd, 0.005);
        Assert.Equal(Math.Ceiling((mean * 10) + (z * sd * Math.Sqrt(10))), raw.Level);
        Assert.Equal(0, plant.Level);
        Assert.Equal((mean * 4) + (z * sd * Math.Sqrt(4)), shop.Level, 9);
    }

    [Fact]
    public void ARandomLeadTimeCountsAtItsBoundInTheAnalyticPlacement()
    {
        // Uniform 8..12 days: mean 10, sd 4/sqrt(12); the raw stage covers mean + z sd when it holds stock.
        var scenario = TestScenarios.Load(ThreeStages.Replace("lead_time: 10d }", "lead_time: { dist: uniform, min: 8d, max: 12d } }", StringComparison.Ordinal));
        var stages = Stages.Of(scenario, "buffer");
        var placed = GuaranteedService.Place(stages, [.. stages.Select(_ => true)], [.. stages.Select(s => s.Numbers.ProtectionDays!.Value)], 0.95, out _);
        var z = StandardNormal.Quantile(0.95);
        var raw = placed.Single(p => p.Stage.ItemId == "raw");
        var days = 10 + (z * 4 / Math.Sqrt(12));
        Assert.Equal(days, raw.NetReplenishmentDays, 9);
        Assert.Equal(Math.Ceiling((20 * days) + (z * 5 * Math.Sqrt(days))), raw.Level);
    }

    [Fact]
    public void AStageTheStrategyDoesNotBufferPassesItsTimeOn()
    {
        // The shop orders against confirmed demand: it holds nothing, so the analytic placement can
        // only hold stock upstream, covering the whole chain to the customer's wait.
        var scenario = TestScenarios.Load(ThreeStages.Replace("{ name: buffer, policy: buffer, rule: base-stock, service_level: 95% }",
            "{ name: buffer, policy: buffer, rule: base-stock, service_level: 95%, stock_points: { shop: { policy: demand-responsive } } }", StringComparison.Ordinal));
        var stages = Stages.Of(scenario, "buffer");
        var buffered = stages.Select(s => s.Family == "buffer").ToArray();
        var placed = GuaranteedService.Place(stages, buffered, [.. stages.Select(s => s.Numbers.ProtectionDays ?? Math.Max(1, s.LeadTimeMean))], 0.95, out _);
        var shop = placed.Single(p => p.Stage.StockPointId == "shop");
        Assert.Equal(0, shop.Level);
        Assert.Equal(shop.InboundServiceDays + 1, shop.OutboundServiceDays);

        // And it keeps its promise to customers: the plant quotes at most the promise less the shop's day.
        Assert.True(shop.Stage.PromiseDays > 0);
        Assert.True(shop.OutboundServiceDays <= shop.Stage.PromiseDays, $"quotes {shop.OutboundServiceDays} days against a promise of {shop.Stage.PromiseDays}");
        Assert.True(placed.Single(p => p.Stage.StockPointId == "plant" && p.Stage.ItemId == "product").Level > 0 || placed.Single(p => p.Stage.ItemId == "raw").Level > 0);
    }

    [Fact]
    public void TargetsParseAsSharesOfUnitsOnly()
    {
        Assert.Equal(new PlacementTarget(ItemLocationMetric.FillRate, 0.95), PlacementTarget.TryParse("fill_rate>=95%", out _));
        Assert.Equal(new PlacementTarget(ItemLocationMetric.OnTimeDelivery, 0.98), PlacementTarget.TryParse("on_time_delivery>=0.98", out _));
        Assert.Null(PlacementTarget.TryParse("total_cost>=5", out var metric));
        Assert.Contains("fill_rate or on_time_delivery", metric, StringComparison.Ordinal);
        Assert.Null(PlacementTarget.TryParse("fill_rate>=100%", out var share));
        Assert.Contains("below 100%", share, StringComparison.Ordinal);
        Assert.Null(PlacementTarget.TryParse("fill_rate<=95%", out var form));
        Assert.Contains("fill_rate>=VALUE", form, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void OnTheBundledMeioScenarioTheSearchedPlacementMeetsTheTargetEverywhereWithLessInventoryThanTheBaseline()
    {
        var scenario = ScenarioFile.Load(RepoFiles.Path("scenarios/meio-plant-dcs-branches.yaml"), []).Scenario!;
        var request = new MeioRequest("local", new PlacementTarget(ItemLocationMetric.FillRate, 0.97), TargetScope.ItemLocation, Metric.AvgInventoryValue,
            Budget: 8_000, SearchTrials: 50, ProofTrials: 200, Seed: 3312, Threads: null);
        var result = Meio.Run(scenario, request);
        var proof = result.Proofs.Single();
        var (baseline, searched) = (proof.Placements[0], proof.Placements[2]);

        // Every branch meets 97% fill with 95% confidence on fresh trials, and the stock released
        // against each location sized alone is significantly above zero.
        Assert.Equal(12, searched.Services.Length);
        Assert.All(searched.Services, s => Assert.True(s.Met, $"{s.Name}: {s.Service.Mean:P2}, bound {s.LowerBound:P2}"));
        Assert.True(searched.Released.Ci95Low > 0, $"released {searched.Released.Mean:0} ± {searched.Released.HalfWidth:0}");
        Assert.True(searched.InventoryValue.Mean < baseline.InventoryValue.Mean);
        Assert.True(result.TrialsUsed <= request.Budget);
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void ALargeNetworkIsSearchedAnEchelonAtATimeAndStillMeetsTheTarget()
    {
        // A DC and 30 shops: 31 placed levels, past the point where every level is tried alone.
        var shops = Enumerable.Range(1, 30).Select(i => $"s{i:00}").ToList();
        var yaml = string.Join('\n',
        [
            "name: thirty shops", "horizon: 300d", "warmup: 30d", "trials: 60", "seed: 8",
            "items:", "  - { id: part, unit_cost: 20, price: 35 }",
            "suppliers:", "  - { id: vendor, lead_time: 5d }",
            "stock_points:", "  - { id: dc, kind: dc }", .. shops.Select(s => $"  - {{ id: {s}, kind: store }}"),
            "lanes:", "  - { from: vendor, to: dc }", .. shops.Select(s => $"  - {{ from: dc, to: {s}, lead_time: 1d }}"),
            "demand:", .. shops.Select((s, i) => $"  - {{ item: part, at: {s}, daily: {{ dist: poisson, mean: {2 + (i % 5)} }} }}"),
            "strategies:", "  - { name: buffer, policy: buffer, rule: base-stock, service_level: 99% }",
        ]);
        var scenario = TestScenarios.Load(yaml);
        var request = new MeioRequest("buffer", new PlacementTarget(ItemLocationMetric.FillRate, 0.95), TargetScope.ItemLocation, Metric.AvgInventoryValue,
            Budget: 3_000, SearchTrials: 30, ProofTrials: 60, Seed: 8, Threads: null);
        var result = Meio.Run(scenario, request);

        Assert.True(result.Searched.Levels.Length >= PlacementSearch.EchelonMovesFrom);
        var searched = result.Proofs[0].Placements[2];
        var start = result.Proofs[0].Placements[result.Start == "analytic" ? 1 : 0];

        // Steps moved many levels at once, and the end meets the target with less stock than where it started
        // (one shop of 30 may fall below its bound on fresh trials by chance).
        Assert.Contains(result.Steps, s => s.Moved.Length > 5);
        Assert.True(searched.Services.Count(s => s.Met) >= searched.Services.Length - 1, string.Join(", ", searched.Services.Where(s => !s.Met).Select(s => $"{s.Name} {s.Service.Mean:P2}")));
        Assert.True(searched.InventoryValue.Mean < start.InventoryValue.Mean);
        Assert.True(result.TrialsUsed <= request.Budget);
    }

    /// <summary>A plant and a shop, small enough for a quick search.</summary>
    private string TwoStages()
    {
        var path = Path.Combine(_dir, "two-stages.yaml");
        File.WriteAllText(path, """
            name: two stages
            horizon: 300d
            warmup: 30d
            trials: 40
            seed: 5
            items:
              - { id: part, unit_cost: 20, price: 35 }
            suppliers:
              - { id: vendor, lead_time: 6d }
            stock_points:
              - { id: dc, kind: dc }
              - { id: shop, kind: store }
            lanes:
              - { from: vendor, to: dc }
              - { from: dc, to: shop, lead_time: 2d }
            demand:
              - { item: part, at: shop, daily: { dist: poisson, mean: 8 } }
            strategies:
              - { name: buffer, policy: buffer, rule: base-stock, service_level: 90% }
            """);
        return path;
    }

    [Fact]
    public void TheReleasedShareIsTotalReleasedOverTheBaselinesTotalWithAnIntervalThatCountsBoth()
    {
        var scenario = ScenarioFile.Load(TwoStages(), []).Scenario!;
        var request = new MeioRequest("buffer", new PlacementTarget(ItemLocationMetric.FillRate, 0.95), TargetScope.ItemLocation, Metric.AvgInventoryValue,
            Budget: 600, SearchTrials: 20, ProofTrials: 40, Seed: 11, Threads: 1);
        var proof = Meio.Run(scenario, request).Proofs.Single();
        var baseline = proof.Experiment.Strategies.Single(s => s.Name == "baseline");
        var searched = proof.Experiment.Strategies.Single(s => s.Name == "searched");

        // Delta method for sum D / sum B, D = baseline - searched per trial: the standard error is the
        // spread of D - R B over trials, over root n, over the mean of B.
        var n = proof.Trials;
        var b = Enumerable.Range(0, n).Select(k => baseline.Outcome(k, Metric.AvgInventoryValue)).ToArray();
        var d = Enumerable.Range(0, n).Select(k => b[k] - searched.Outcome(k, Metric.AvgInventoryValue)).ToArray();
        var r = d.Sum() / b.Sum();
        var residuals = d.Select((x, k) => x - (r * b[k])).ToArray();
        var spread = residuals.Select(e => (e - residuals.Average()) * (e - residuals.Average())).Sum() / (n - 1);
        var half = Statistics.StudentTQuantile(0.975, n - 1) * Math.Sqrt(spread / n) / b.Average();
        var share = proof.Placements[2].ReleasedShare;

        Assert.Equal(b.Average(), baseline[Metric.AvgInventoryValue].Mean, 1e-9);
        Assert.Equal(r, share.Mean, 1e-12);
        Assert.Equal(r - half, share.Ci95Low, 1e-9);
        Assert.Equal(r + half, share.Ci95High, 1e-9);
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void TheWrittenStrategyReproducesTheSearchedPlacementWithRun()
    {
        var scenario = TwoStages();
        var (json, yaml) = (Path.Combine(_dir, "meio.json"), Path.Combine(_dir, "meio.yaml"));
        var meio = CliRunner.Run("meio", scenario, "--strategy", "buffer", "--target", "fill_rate>=95%", "--budget", "1500", "--search-trials", "20",
            "--json", json, "--out", yaml, "--quiet");
        Assert.True(meio.ExitCode == 0, meio.Stderr);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var proof = doc.RootElement.GetProperty("proof")[0];
        var searched = proof.GetProperty("placements").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "searched");
        var expected = searched.GetProperty("avg_inventory_value").GetProperty("mean").GetDouble();

        // Add the written entry under the scenario's strategies and run it on the proof's trials.
        var entry = string.Join('\n', File.ReadAllLines(yaml).Where(l => !l.StartsWith('#')).Select(l => "  " + l));
        var combined = Path.Combine(_dir, "with-meio.yaml");
        File.WriteAllText(combined, File.ReadAllText(scenario) + "\n" + entry + "\n");
        var runJson = Path.Combine(_dir, "run.json");
        var run = CliRunner.Run("run", combined, "--seed", proof.GetProperty("seed").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--trials", proof.GetProperty("trials").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", runJson, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var ran = JsonDocument.Parse(File.ReadAllText(runJson));
        var meioStrategy = ran.RootElement.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "buffer-meio");
        Assert.Equal(expected, meioStrategy.GetProperty("metrics").GetProperty("avg_inventory_value").GetProperty("mean").GetDouble());

        // The levels in the file are the JSON's searched levels, as numbers.
        foreach (var il in doc.RootElement.GetProperty("item_locations").EnumerateArray())
        {
            var level = il.GetProperty("searched").GetProperty("level").GetDouble();
            Assert.Contains($"order_up_to: {level.ToString(System.Globalization.CultureInfo.InvariantCulture)}", File.ReadAllText(yaml), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithDisruptionsTheProofRunsAsWrittenAndWithoutThem()
    {
        // A three-week supplier outage in the middle of the horizon: the placements run through it
        // and again in calm; the calm run holds at least as much stock on hand (none is used up).
        var yaml = File.ReadAllText(TwoStages()).Replace("strategies:", "disruptions:\n  - { id: strike, kind: supplier_outage, supplier: vendor, at: 150d, duration: 3w }\nstrategies:", StringComparison.Ordinal);
        var scenario = TestScenarios.Load(yaml);
        var request = new MeioRequest("buffer", new PlacementTarget(ItemLocationMetric.FillRate, 0.9), TargetScope.ItemLocation, Metric.AvgInventoryValue,
            Budget: 200, SearchTrials: 10, ProofTrials: 20, Seed: 5, Threads: null);
        var result = Meio.Run(scenario, request);

        Assert.Equal(["as written", "without disruptions"], result.Proofs.Select(p => p.Label));
        var (disrupted, calm) = (result.Proofs[0].Placements[0], result.Proofs[1].Placements[0]);
        Assert.True(calm.InventoryValue.Mean > disrupted.InventoryValue.Mean);
        Assert.True(calm.Services[0].Service.Mean > disrupted.Services[0].Service.Mean);
        Assert.True(result.TrialsUsed <= request.Budget);
    }

    [Fact]
    public void AScenarioOnStandardInputIsReadOnceAndItsStrategyWrittenOut()
    {
        var yaml = Path.Combine(_dir, "from-stdin.yaml");
        var outcome = CliRunner.RunWithStdin(File.ReadAllBytes(TwoStages()), "meio", "-", "--strategy", "buffer", "--target", "fill_rate>=90%",
            "--budget", "60", "--search-trials", "5", "--trials", "10", "--out", yaml, "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("- name: buffer-meio", File.ReadAllText(yaml), StringComparison.Ordinal);
        Assert.Contains("Proof (as written): 10 fresh trials", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomersWhoseServiceThePlacementCannotChangeAreLeftOutAndNamed()
    {
        // The shop orders against confirmed demand: its fill rate from stock is 0 whatever the DC
        // holds, so a fill rate target leaves it out (and, with nothing else, there is nothing to place).
        var path = TwoStages();
        File.WriteAllText(path, File.ReadAllText(path).Replace("service_level: 90% }", "service_level: 90%, stock_points: { shop: { policy: demand-responsive } } }", StringComparison.Ordinal));
        var fill = CliRunner.Run("meio", path, "--strategy", "buffer", "--target", "fill_rate>=95%");
        Assert.Equal(2, fill.ExitCode);
        Assert.Contains("part@shop is demand-responsive: its fill rate from stock does not depend on where stock is held", fill.Stderr, StringComparison.Ordinal);

        // On-time delivery to the promise is kept from the DC's stock: that one is placed.
        var onTime = CliRunner.Run("meio", path, "--strategy", "buffer", "--target", "on_time_delivery>=95%", "--budget", "60", "--search-trials", "5", "--trials", "10");
        Assert.True(onTime.ExitCode == 0, onTime.Stderr);
        Assert.DoesNotContain("Left out", onTime.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnSSRuleKeepsItsOrderUpToLevelInTheBaselineTheSearchAndTheWrittenEntry()
    {
        var path = TwoStages();
        File.WriteAllText(path, File.ReadAllText(path).Replace("{ name: buffer, policy: buffer, rule: base-stock, service_level: 90% }",
            "{ name: buffer, policy: buffer, rule: s-S, service_level: 90%, stock_points: { dc: { items: { part: { order_up_to: 200 } } } } }", StringComparison.Ordinal));
        var (json, yaml) = (Path.Combine(_dir, "ss.json"), Path.Combine(_dir, "ss.yaml"));
        var meio = CliRunner.Run("meio", path, "--strategy", "buffer", "--target", "fill_rate>=95%", "--budget", "300", "--search-trials", "10", "--trials", "20", "--json", json, "--out", yaml, "--quiet");
        Assert.True(meio.ExitCode == 0, meio.Stderr);
        Assert.Contains("part: {order_up_to: 200, policy: buffer, reorder_point: ", File.ReadAllText(yaml), StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var proof = doc.RootElement.GetProperty("proof")[0];
        var expected = proof.GetProperty("placements")[2].GetProperty("avg_inventory_value").GetProperty("mean").GetDouble();
        var combined = Path.Combine(_dir, "ss-with-meio.yaml");
        File.WriteAllText(combined, File.ReadAllText(path) + "\n" + string.Join('\n', File.ReadAllLines(yaml).Where(l => !l.StartsWith('#')).Select(l => "  " + l)) + "\n");
        var runJson = Path.Combine(_dir, "ss-run.json");
        var run = CliRunner.Run("run", combined, "--seed", proof.GetProperty("seed").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--trials", "20", "--json", runJson, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var ran = JsonDocument.Parse(File.ReadAllText(runJson));
        Assert.Equal(expected, ran.RootElement.GetProperty("strategies")[1].GetProperty("metrics").GetProperty("avg_inventory_value").GetProperty("mean").GetDouble());

        // Run again on the scenario that now has buffer-meio: the new entry gets a name of its own.
        var again = Path.Combine(_dir, "again.yaml");
        var second = CliRunner.Run("meio", combined, "--strategy", "buffer", "--target", "fill_rate>=95%", "--budget", "60", "--search-trials", "5", "--trials", "10", "--out", again, "--quiet");
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("- name: buffer-meio-2", File.ReadAllText(again), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target", "fill_rate>=120%", "--target: expected a share from 50% to below 100%")]
    [InlineData("--target", "fill_rate>=1e-20", "--target: expected a share from 50% to below 100%")]
    [InlineData("--trials", "1", "the proof needs at least 2 trials")]
    [InlineData("--set", "strategies.buffer.service_level=95%", "--out copies strategy 'buffer' as the file writes it, and --set strategies.buffer.service_level changes it")]
    [InlineData("--target", "cost>=1", "--target: a placement's target is fill_rate or on_time_delivery")]
    [InlineData("--per", "region", "--per: expected item-location or item, got 'region'")]
    [InlineData("--minimize", "profit", "--minimize: expected avg_inventory_value or total_cost, got 'profit'")]
    [InlineData("--strategy", "nope", "no strategy named 'nope'; the scenario has buffer")]
    public void BadArgumentsAreRefusedWithExitCode2(string option, string value, string message)
    {
        var args = new List<string> { "meio", TwoStages(), "--strategy", "buffer", "--target", "fill_rate>=95%", "--out", Path.Combine(_dir, "never.yaml") };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var outcome = CliRunner.Run([.. args]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "never.yaml")));
    }

    [Fact]
    public void AStrategyWithoutBuffersHasNothingToPlace()
    {
        var path = TwoStages();
        File.WriteAllText(path, File.ReadAllText(path).Replace("{ name: buffer, policy: buffer, rule: base-stock, service_level: 90% }", "{ name: lean, policy: demand-responsive }", StringComparison.Ordinal));
        var outcome = CliRunner.Run("meio", path, "--strategy", "lean", "--target", "on_time_delivery>=95%");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("strategy 'lean' buffers no item-location", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimisingInventoryNeedsATarget()
    {
        var outcome = CliRunner.Run("meio", TwoStages(), "--strategy", "buffer");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--target: required when minimising inventory", outcome.Stderr, StringComparison.Ordinal);
    }
}
