using FlowSim.Cli;
using FlowSim.Scenarios;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.History;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class HistoryCommandTests : IDisposable
{
    private static readonly string Demand = RepoFiles.Path("scenarios/data/kiln-clay-demand.csv");
    private static readonly string Receipts = RepoFiles.Path("scenarios/data/kiln-clay-receipts.csv");

    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-history-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The Kiln &amp; Clay network without demand, lanes or strategies, for pasted blocks to complete.</summary>
    private const string Skeleton = """
        name: kiln and clay from history
        horizon: 1y
        trials: 4
        items:
          - { id: mug, unit_cost: 9, price: 28 }
          - { id: dinner-plate, unit_cost: 14, price: 42 }
          - { id: vase, unit_cost: 22, price: 75 }
          - { id: heirloom-platter, unit_cost: 60, price: 240 }
        suppliers:
          - id: kiln
        stock_points:
          - id: studio

        """;

    private const string BufferStrategy = "strategies:\n  - { name: buffer, policy: buffer }\n";

    [Fact]
    public void Fit_output_pastes_into_a_scenario_that_loads_with_the_planted_seasonality()
    {
        var fit = CliRunner.Run("fit", Demand, Receipts);
        Assert.True(fit.ExitCode == ExitCodes.Ok, fit.Stderr);

        var scenario = TestScenarios.Load(Skeleton + fit.Stdout + BufferStrategy);

        // The generator plants weekend peaks on mugs, a Christmas season on vases, and nothing on plates.
        var mug = scenario.Demand.Single(d => d.ItemId == "mug");
        Assert.Equal(7, mug.Seasonality.Weekly.Length);
        Assert.Equal(12, scenario.Demand.Single(d => d.ItemId == "vase").Seasonality.Annual.Length);
        Assert.True(scenario.Demand.Single(d => d.ItemId == "dinner-plate").Seasonality.IsFlat);

        // The horizon starts on Thursday 2026-01-01: the third factor is Saturday's, the largest.
        Assert.Equal(2, mug.Seasonality.Weekly.IndexOf(mug.Seasonality.Weekly.Max()));
        Assert.Contains("kiln->studio", fit.Stdout);
        Assert.Contains("dist: lognormal", fit.Stdout);
    }

    [Fact]
    public void Start_rotates_the_weekly_factors_to_the_horizon_s_first_day()
    {
        // 2026-01-05 is a Monday: Saturday, the mugs' peak, is then the sixth factor.
        var fit = CliRunner.Run("fit", Demand, "--start", "2026-01-05");
        var mug = TestScenarios.Load(Skeleton + "lanes:\n  - { from: kiln, to: studio, lead_time: 10w }\n" + fit.Stdout + BufferStrategy).Demand.Single(d => d.ItemId == "mug");
        Assert.Equal(5, mug.Seasonality.Weekly.IndexOf(mug.Seasonality.Weekly.Max()));
    }

    [Fact]
    public void Receipts_without_a_location_give_the_supplier_s_lead_time()
    {
        var receipts = Write("kiln.csv", "order_date,receipt_date,supplier,item\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"2025-01-{i + 1:00},2025-02-{i + 1 + (i % 3):00},kiln,mug\n")));
        var fit = CliRunner.Run("fit", receipts);
        Assert.True(fit.ExitCode == ExitCodes.Ok, fit.Stderr);

        var scenario = TestScenarios.Load(Skeleton.Replace("suppliers:\n  - id: kiln\n", "") + fit.Stdout
            + "lanes:\n  - { from: kiln, to: studio, items: [mug] }\ndemand:\n  - { item: mug, at: studio, daily: 5/day }\n" + BufferStrategy);

        Assert.InRange(scenario.Suppliers.Single().LeadTime!.Mean, 31, 33);
    }

    [Fact]
    public void A_bad_start_date_exits_2()
    {
        var result = CliRunner.Run("fit", Demand, "--start", "5 January");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--start: expected a date as YYYY-MM-DD, got '5 January'", result.Stderr);
    }

    [Fact]
    public void Fit_to_a_file_writes_the_same_document_and_prints_the_table()
    {
        var outPath = Path.Combine(_dir, "fitted.yaml");
        var toFile = CliRunner.Run("fit", Demand, Receipts, "--out", outPath);
        var toStdout = CliRunner.Run("fit", Demand, Receipts);

        Assert.Equal(ExitCodes.Ok, toFile.ExitCode);
        Assert.Equal(toStdout.Stdout.ReplaceLineEndings("\n"), File.ReadAllText(outPath));
        Assert.Contains("chosen", toFile.Stdout);
        Assert.DoesNotContain("demand:", toFile.Stdout);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Segment_output_pastes_into_a_scenario_that_loads()
    {
        var scenarioPath = RepoFiles.Path("scenarios/quickstart.yaml");
        var segment = CliRunner.Run("segment", Demand, "--scenario", scenarioPath);
        Assert.True(segment.ExitCode == ExitCodes.Ok, segment.Stderr);
        var fit = CliRunner.Run("fit", Demand, Receipts);

        var scenario = TestScenarios.Load(Skeleton + fit.Stdout + segment.Stdout);

        Assert.Equal(["segmented", "uniform-buffer"], scenario.Strategies.Select(s => s.Name));
        Assert.Contains("segmented", segment.Stdout);
    }

    [Fact]
    public void Fit_chooses_counting_families_for_whole_unit_sales_and_prints_what_is_simulated()
    {
        var result = CliRunner.Run("fit", Demand);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);

        // The bundled sales are whole units: every chosen demand family counts; a normal cut at 0
        // shows the mean it simulates, not its parent's 0.
        var chosen = result.Stdout.Split('\n').Where(l => l.Contains("/day") && l.Contains("chosen", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, chosen.Count);
        Assert.All(chosen, l => Assert.Matches(" (poisson|negative_binomial) ", l));
        Assert.DoesNotContain("mean 0/day", result.Stdout);
        Assert.DoesNotMatch("dist: (gamma|lognormal|normal), mean: [0-9.]+/day", result.Stdout);
    }

    [Fact]
    public void Lumpy_sales_by_the_case_are_drawn_from_the_history_s_days_and_load_at_its_mean()
    {
        // Three years of a platter sold by the case of 12 (now and then two) on about one day in twenty.
        var random = new Random(2024);
        var start = new DateOnly(2023, 1, 1);
        var rows = new System.Text.StringBuilder("date,item,location,quantity\n");
        var days = new Dictionary<int, int> { [0] = 0, [12] = 0, [24] = 0 };
        for (var day = 0; day < 1096; day++)
        {
            var u = random.NextDouble();
            var units = day is 0 or 1095 ? 12 : u < 0.01 ? 24 : u < 0.06 ? 12 : 0;
            days[units]++;
            if (units > 0)
            {
                rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"{start.AddDays(day):yyyy-MM-dd},heirloom-platter,studio,{units}\n");
            }
        }

        var fit = CliRunner.Run("fit", Write("platter.csv", rows.ToString()));
        Assert.True(fit.ExitCode == ExitCodes.Ok, fit.Stderr);
        Assert.Contains($"daily: {{ dist: empirical, values: [0, 12, 24], weights: [{days[0]}, {days[12]}, {days[24]}] }}", fit.Stdout);

        var scenario = TestScenarios.Load(Skeleton + "lanes:\n  - { from: kiln, to: studio, lead_time: 10w }\n" + fit.Stdout + BufferStrategy);
        var daily = scenario.Demand.Single(d => d.ItemId == "heirloom-platter").Daily;
        Assert.Equal(((12.0 * days[12]) + (24.0 * days[24])) / 1096, daily.Mean, 1e-9);
        Assert.True(daily.DrawsWholeUnits);
    }

    [Fact]
    public void The_kiln_clay_history_scenario_carries_the_blocks_fit_and_segment_print()
    {
        // Its header says its demand comes from fit and its strategies from segment: a change to
        // either rule must show in the scenario (and its golden results), not leave it stale.
        var scenario = File.ReadAllText(RepoFiles.Path("scenarios/kiln-clay-history.yaml")).ReplaceLineEndings("\n");
        var fit = CliRunner.Run("fit", Demand).Stdout.ReplaceLineEndings("\n");
        var segment = CliRunner.Run("segment", Demand, "--scenario", RepoFiles.Path("scenarios/quickstart.yaml")).Stdout.ReplaceLineEndings("\n");

        var demandBlock = fit[fit.IndexOf("\ndemand:\n", StringComparison.Ordinal)..];
        Assert.Contains(demandBlock, scenario[..scenario.IndexOf("\nstrategies:\n", StringComparison.Ordinal)] + "\n");
        Assert.EndsWith(segment[segment.IndexOf("\nstrategies:\n", StringComparison.Ordinal)..], scenario);
    }

    [Fact]
    public void Segment_out_writes_the_file_and_still_prints_the_table()
    {
        var outPath = Path.Combine(_dir, "segmented.yaml");
        var scenarioPath = RepoFiles.Path("scenarios/quickstart.yaml");
        var result = CliRunner.Run("segment", Demand, "--scenario", scenarioPath, "--out", outPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        Assert.Contains("cum. share", result.Stdout);
        Assert.Contains("#   mug ", result.Stdout);
        Assert.DoesNotContain("strategies:", result.Stdout);
        Assert.Contains("strategies:", File.ReadAllText(outPath));
    }

    [Fact]
    public void Segment_without_unit_costs_says_where_to_get_them()
    {
        var result = CliRunner.Run("segment", Demand);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("unit_cost column", result.Stderr);
    }

    [Theory]
    [InlineData("date,item,location\n2025-01-01,mug,studio\n", "bad.csv:1:1 quantity: missing column 'quantity'")]
    [InlineData("date,item,location,quantity\n2025-01-01,mug,studio,3\n2025-13-01,mug,studio,3\n", "bad.csv:3:1 date: expected a date as YYYY-MM-DD, got '2025-13-01'")]
    [InlineData("date,item,location,quantity\n2025-01-01,mug,studio,-3\n", "bad.csv:2:23 quantity: must not be negative, got -3")]
    [InlineData("order_date,receipt_date,supplier,item\n2025-01-10,2025-01-01,kiln,mug\n", "bad.csv:2:12 receipt_date: is before order_date 2025-01-10")]
    [InlineData("when,what\n", "bad.csv:1:1: cannot tell what the file records")]
    public void Bad_history_exits_2_with_file_line_column(string csv, string expected)
    {
        var path = Write("bad.csv", csv);
        var result = CliRunner.Run("fit", path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(expected.Replace("bad.csv", path), result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_failed_fit_leaves_no_output_file()
    {
        var outPath = Path.Combine(_dir, "fitted.yaml");
        var result = CliRunner.Run("fit", Write("bad.csv", "date,item,location,quantity\n2025-01-01,mug,studio,x\n"), "--out", outPath);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void A_scenario_draws_demand_and_lead_times_from_history_files_beside_it()
    {
        Write("demand.csv", "date,item,location,quantity\n2025-01-01,mug,studio,3\n2025-01-03,mug,studio,5\n2025-01-03,vase,studio,9\n2025-01-04,vase,studio,1\n");
        Write("receipts.csv", "order_date,receipt_date,supplier,item\n2025-01-01,2025-01-08,kiln,mug\n2025-01-02,2025-01-12,kiln,mug\n2025-01-02,2025-01-30,other,mug\n");
        var path = Write("scenario.yaml", Skeleton.Replace("  - id: kiln", "  - id: kiln\n    lead_time: { dist: empirical, history: receipts.csv, supplier: kiln }") + """
            lanes:
              - { from: kiln, to: studio }
            demand:
              - { item: mug, at: studio, daily: { dist: empirical, history: demand.csv, item: mug, at: studio } }
            """ + "\n" + BufferStrategy);

        var result = ScenarioLoader.Load(path);

        Assert.True(result.Scenario is not null, string.Join("\n", result.Findings));
        // Every day the file covers counts, days without a mug row as zero.
        Assert.Equal([3.0, 0, 5, 0], result.Scenario!.Demand.Single(d => d.ItemId == "mug").Daily.Values.ToArray());
        Assert.Equal([7.0, 10], result.Scenario.Suppliers.Single().LeadTime!.Values.ToArray());
    }

    [Theory]
    [InlineData("missing.csv", "", "demand[0].daily.history: ", "missing.csv: file not found")]
    [InlineData("demand.csv", "date,item,location,quantity\n2025-01-01,mug,studio,3\nyesterday,mug,studio,3\n", "demand[0].daily.history: ", "demand.csv:3:1 date: expected a date")]
    [InlineData("demand.csv", "date,item,location,quantity\n2025-01-01,vase,studio,3\n", "demand[0].daily.history: ", "has no rows for item mug")]
    [InlineData("demand.csv", "order_date,receipt_date,supplier,item\n2025-01-01,2025-01-03,kiln,mug\n", "demand[0].daily.history: ", "is a receipts history; demand needs a demand history")]
    public void Bad_history_references_are_scenario_errors_with_both_places(string file, string csv, string field, string message)
    {
        if (csv.Length > 0)
        {
            Write(file, csv);
        }

        var scenario = Write("scenario.yaml", Skeleton + $$"""
            lanes:
              - { from: kiln, to: studio, lead_time: 5d }
            demand:
              - item: mug
                at: studio
                daily: { dist: empirical, history: {{file}}, item: mug }
            """ + "\n" + BufferStrategy);

        var result = CliRunner.Run("validate", scenario);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.True(result.Stderr.Contains($"{scenario}:18:40", StringComparison.Ordinal), result.Stderr);
        Assert.Contains(field, result.Stderr);
        Assert.Contains(message, result.Stderr);
    }
}
