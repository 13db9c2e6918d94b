using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using FlowSim.Scenarios;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Planning;

/// <summary>Sweeps and the optimiser: what-if over a grid, and the cheapest setting.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class PlanningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-planning-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const double Lambda = 5;
    private const int LeadTime = 3;
    private const double HoldingPerDay = 0.1;   // unit cost 100 at 36.5% a year
    private const double PenaltyPerDay = 0.9;

    /// <summary>Single-stage base-stock with Poisson demand, a fixed lead time and full backorders.</summary>
    private string BaseStock(int trials = 200)
    {
        var path = Path.Combine(_dir, "base-stock.yaml");
        File.WriteAllText(path, $$"""
            name: base stock
            horizon: 1000d
            warmup: 30d
            trials: {{trials}}
            seed: 7
            items:
              - { id: widget, unit_cost: 100, price: 150, holding_rate: 36.5%/year }
            suppliers:
              - { id: vendor, lead_time: {{LeadTime}}d }
            stock_points:
              - id: shop
            lanes:
              - { from: vendor, to: shop }
            demand:
              - { item: widget, at: shop, daily: { dist: poisson, mean: {{Lambda}}/day } }
            costs:
              backorder_penalty: {{PenaltyPerDay}}/day
            strategies:
              - { name: buffer, policy: buffer, rule: base-stock, order_up_to: 15 }
              - { name: other, policy: buffer, rule: base-stock, order_up_to: 40 }
            """);
        return path;
    }

    public sealed class Ranges
    {
        [Fact]
        public void A_range_keeps_its_unit_and_includes_both_ends_when_the_steps_land_on_them()
        {
            var r = ParameterRange.TryParse("8w..14w:2w", 0, out _)!;
            Assert.Equal(["8w", "10w", "12w", "14w"], r.Values.ToArray());
            Assert.Equal(["0.9", "0.92", "0.94"], ParameterRange.TryParse("0.9..0.94:0.02", 0, out _)!.Values.ToArray());
            Assert.Equal(["90%", "95%"], ParameterRange.TryParse("90%..95%:5%", 0, out _)!.Values.ToArray());
        }

        [Fact]
        public void Without_a_step_a_whole_range_steps_by_one_and_others_by_a_twentieth()
        {
            Assert.Equal(21, ParameterRange.TryParse("10..30", 20, out _)!.Values.Length);
            Assert.Equal(1, ParameterRange.TryParse("10..30", 20, out _)!.Step);
            Assert.Equal(0.01, ParameterRange.TryParse("0.8..1", 20, out _)!.Step, 12);
        }

        [Theory]
        [InlineData("8w-14w", "expected FROM..TO:STEP")]
        [InlineData("8w..14d:1w", "FROM and TO must have the same unit")]
        [InlineData("14w..8w:1w", "TO must not be below FROM")]
        [InlineData("8w..14w:-1w", "STEP must be a positive number")]
        [InlineData("1..100000:1", "more than 1,000 values")]
        [InlineData("8w..14w", "a STEP is needed")]
        public void Bad_ranges_say_what_is_wrong(string text, string message)
        {
            Assert.Null(ParameterRange.TryParse(text, 0, out var error));
            Assert.Contains(message, error);
        }
    }

    [Fact]
    public void The_optimiser_finds_the_critical_fractile_base_stock_level_within_its_reported_uncertainty()
    {
        // Cost per day h E[(S - X)+] + b E[(X - S)+], X ~ Poisson(lambda L): the smallest S with
        // P(X <= S) >= b / (b + h) is optimal (the newsvendor critical fractile).
        var fractile = PenaltyPerDay / (PenaltyPerDay + HoldingPerDay);
        var optimal = Enumerable.Range(0, 100).First(s => Poisson.CDF(Lambda * LeadTime, s) >= fractile);
        var range = ParameterRange.TryParse("10..30", Optimizer.GridSteps, out _)!;
        var result = Optimizer.Run(BaseStock(), [], "buffer", "order_up_to", range, Metric.TotalCost, null, new RunOptions(Threads: 2), refine: true, out var findings);
        Assert.Empty(findings);
        Assert.NotNull(result?.Best);
        var plausible = result!.Plausible.Select(c => c.Number).ToArray();
        Assert.InRange(optimal, plausible.Min(), plausible.Max());
        Assert.True(plausible.Max() - plausible.Min() <= 2, $"the answer should be sharp: {string.Join(", ", plausible)}");
        Assert.Equal(21, result.Candidates.Length);
        Assert.All(result.Candidates, c => Assert.Single(c.Result.Strategies));
    }

    [Fact]
    public void The_optimiser_reports_each_candidate_as_it_is_evaluated()
    {
        var range = ParameterRange.TryParse("10..14:1", 0, out _)!;
        var counts = new List<int>();
        var result = Optimizer.Run(BaseStock(20), [], "buffer", "order_up_to", range, Metric.TotalCost, null, new RunOptions(Threads: 1), refine: false, out _,
            progress: new Recorder(counts));
        Assert.Equal([1, 2, 3, 4, 5], counts);
        Assert.Equal(5, result!.Candidates.Length);
    }

    private sealed class Recorder(List<int> counts) : IProgress<int>
    {
        public void Report(int value) => counts.Add(value);
    }

    [Fact]
    public void With_a_fill_rate_target_the_answer_is_the_cheapest_level_that_meets_it()
    {
        var target = OptimizationTarget.TryParse("fill_rate>=0.99", out _)!;
        var range = ParameterRange.TryParse("15..35:1", 0, out _)!;
        var result = Optimizer.Run(BaseStock(100), [], "buffer", "order_up_to", range, Metric.TotalCost, target, new RunOptions(Threads: 2), refine: false, out _)!;
        var best = result.Best!;
        Assert.True(best[Metric.FillRate].Mean >= 0.99);
        var below = result.Candidates.Single(c => c.Number == best.Number - 1);
        Assert.True(below[Metric.FillRate].Mean < 0.99, "one unit less misses the target, or the answer would not be the cheapest");
    }

    [Theory]
    [InlineData("order_up_to", "strategies.buffer.order_up_to")]
    [InlineData("items.mug.safety_stock", "strategies.buffer.items.mug.safety_stock")]
    [InlineData("stock_points.dc.service_level", "strategies.buffer.stock_points.dc.service_level")]
    [InlineData("items.mug.unit_cost", "items.mug.unit_cost")]
    [InlineData("suppliers.kiln.capacity", "suppliers.kiln.capacity")]
    public void A_parameter_path_is_read_within_the_strategy_when_it_names_a_policy_setting(string parameter, string full)
    {
        Assert.Equal(full, Optimizer.FullPath("buffer", parameter));
    }

    [Fact]
    public void Targets_parse_and_bad_ones_name_the_problem()
    {
        Assert.Equal(new OptimizationTarget(Metric.FillRate, true, 0.95), OptimizationTarget.TryParse("fill_rate>=95%", out _));
        Assert.Equal(new OptimizationTarget(Metric.LostUnits, false, 100), OptimizationTarget.TryParse("lost_units<=100", out _));
        Assert.Null(OptimizationTarget.TryParse("fill_rte>=0.9", out var error));
        Assert.Contains("unknown metric 'fill_rte'; did you mean 'fill_rate'?", error);
    }

    [Fact]
    public void A_target_a_shell_cut_at_an_unquoted_comparison_is_refused_with_advice_to_quote_it()
    {
        // `--target fill_rate>=95%` unquoted: the shell writes stdout to a file named =95% and passes fill_rate.
        Assert.Null(OptimizationTarget.TryParse("fill_rate", out var cut));
        Assert.Contains("got 'fill_rate'; in a shell, quote it (--target \"fill_rate>=95%\")", cut);
        Assert.Null(PlacementTarget.TryParse("fill_rate", out var placement));
        Assert.Contains("in a shell, quote it", placement);

        // A comparison that is there but wrong gets no such advice.
        Assert.Null(OptimizationTarget.TryParse("fill_rate=>0.9", out var other));
        Assert.DoesNotContain("quote it", other);
    }

    [Fact]
    public void A_sweep_runs_every_point_on_the_same_demand()
    {
        var axes = ImmutableArray.Create(new SweepAxis("strategies.buffer.order_up_to", ParameterRange.TryParse("15..25:5", 0, out _)!));
        var plan = Sweep.Plan(BaseStock(20), axes, []);
        Assert.True(plan.IsValid, string.Join("\n", plan.Findings));
        var sweep = Sweep.Run(plan, new RunOptions(Threads: 2));
        Assert.Equal(3, sweep.Points.Length);
        var demand = sweep.Points.Select(p => p.Result.Strategies[0].Values(Metric.DemandedUnits)).ToArray();
        Assert.Equal(demand[0], demand[1]);
        Assert.Equal(demand[0], demand[2]);

        // More stock, better service, trial by trial on the same demand.
        var fill = sweep.Points.Select(p => p.Result.Strategies[0][Metric.FillRate].Mean).ToArray();
        Assert.True(fill[0] < fill[1] && fill[1] < fill[2]);
    }

    [Fact]
    public void A_sweep_with_an_invalid_value_reports_it_before_running()
    {
        var axes = ImmutableArray.Create(new SweepAxis("strategies.buffer.order_up_to", ParameterRange.TryParse("-5..5:5", 0, out _)!));
        var plan = Sweep.Plan(BaseStock(), axes, []);
        Assert.False(plan.IsValid);
        Assert.Contains(plan.Findings, f => f.ToString().StartsWith("--vary strategies.buffer.order_up_to=-5 strategies[0].order_up_to:", StringComparison.Ordinal));
    }

    [Fact]
    public void Sweep_optimize_and_audit_files_are_byte_identical_on_one_and_two_threads()
    {
        var scenario = BaseStock(12);
        string Output(string name, string threads, params string[] command)
        {
            var path = Path.Combine(_dir, name);
            var run = Cli.CliRunner.Run([.. command, "--threads", threads, "--json", path]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            return File.ReadAllText(path);
        }

        string[] sweep = ["sweep", scenario, "--vary", "strategies.buffer.order_up_to=15..25:5"];
        string[] optimize = ["optimize", scenario, "--strategy", "buffer", "--param", "order_up_to", "--range", "15..25:5"];
        string[] audit = ["audit", scenario, "--durations", "1w"];
        Assert.Equal(Output("s1.json", "1", sweep), Output("s2.json", "2", sweep));
        Assert.Equal(Output("o1.json", "1", optimize), Output("o2.json", "2", optimize));
        Assert.Equal(Output("a1.json", "1", audit), Output("a2.json", "2", audit));
    }

    [Fact]
    public void Sweep_and_optimize_commands_write_their_files_and_refuse_bad_arguments()
    {
        var scenario = BaseStock(10);
        var json = Path.Combine(_dir, "sweep.json");
        var csv = Path.Combine(_dir, "sweep.csv");
        var sweep = Cli.CliRunner.Run("sweep", scenario, "--vary", "strategies.buffer.order_up_to=15..20:5", "--json", json, "--csv", csv);
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        Assert.Equal(1 + (2 * 2), File.ReadAllLines(csv).Length);
        Assert.StartsWith("strategies.buffer.order_up_to,strategy,", File.ReadAllLines(csv)[0]);
        var provenance = System.Text.Json.JsonDocument.Parse(File.ReadAllText(csv + ".provenance.json")).RootElement;
        Assert.Empty(provenance.GetProperty("scenario").GetProperty("overrides").EnumerateArray());
        var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal(2, doc.GetProperty("points").GetArrayLength());
        Assert.Equal("20", doc.GetProperty("points")[1].GetProperty("settings").GetProperty("strategies.buffer.order_up_to").GetString());

        var bad = Cli.CliRunner.Run("sweep", scenario, "--vary", "strategies.buffer.order_up_to=15-20");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--vary strategies.buffer.order_up_to=15-20: expected FROM..TO:STEP", bad.Stderr);

        var opt = Cli.CliRunner.Run("optimize", scenario, "--strategy", "buffer", "--param", "order_up_to", "--range", "15..25:5", "--target", "fill_rate>=0.9");
        Assert.True(opt.ExitCode == 0, opt.Stderr);
        Assert.Contains("Best: strategies.buffer.order_up_to=", opt.Stdout);
        var noStrategy = Cli.CliRunner.Run("optimize", scenario, "--strategy", "nope", "--param", "order_up_to", "--range", "15..25:5");
        Assert.Equal(2, noStrategy.ExitCode);
        Assert.Contains("no setting 'nope' under strategies", noStrategy.Stderr);
    }
}
