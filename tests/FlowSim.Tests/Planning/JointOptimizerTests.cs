using System.Collections.Immutable;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Planning;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Planning;

/// <summary>
/// The optimiser searching two settings at once: the review period R and the order-up-to level S
/// of a periodic-review (R,S) policy, whose cost has a closed form.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class JointOptimizerTests : IDisposable
{
    private const double Lambda = 5;
    private const int LeadTime = 3;
    private const double HoldingPerDay = 0.1;   // unit cost 100 at 36.5% a year
    private const double PenaltyPerDay = 0.9;
    private const double OrderingCost = 4;
    private const int MeasuredDays = 1940;

    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-joint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>(R,S) with Poisson demand, a fixed lead time, full backorders and a cost per order; each trial starts at a random day of the cycle.</summary>
    private string PeriodicReview()
    {
        var path = Path.Combine(_dir, "r-s.yaml");
        File.WriteAllText(path, $$"""
            name: periodic review
            horizon: {{MeasuredDays + 60}}d
            warmup: 60d
            trials: 30
            seed: 7
            items:
              - { id: widget, unit_cost: 100, price: 150, holding_rate: 36.5%/year, ordering_cost: {{OrderingCost}} }
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
              - { name: rs, policy: buffer, rule: R-S, review: 4d, order_up_to: 40, start: steady }
            """);
        return path;
    }

    /// <summary>
    /// Expected cost per day of (R,S): K/R for the orders, and on each of the R days after an order
    /// (j = 0..R-1) the holding and backorder cost of the net stock S - D, with D the Poisson demand
    /// over L + j days (an order covers its lead time and the days until the next order arrives).
    /// </summary>
    private static double CostPerDay(int review, int orderUpTo)
    {
        var cost = OrderingCost / review;
        for (var j = 0; j < review; j++)
        {
            var mean = Lambda * (LeadTime + j);
            var expected = 0.0;
            for (var x = 0; x < 400; x++)
            {
                var p = Poisson.PMF(mean, x);
                expected += p * ((HoldingPerDay * Math.Max(orderUpTo - x, 0)) + (PenaltyPerDay * Math.Max(x - orderUpTo, 0)));
            }

            cost += expected / review;
        }

        return cost;
    }

    private static (int Review, int OrderUpTo) Optimum(int maxReview, int minS, int maxS)
    {
        var pairs = from r in Enumerable.Range(1, maxReview) from s in Enumerable.Range(minS, maxS - minS + 1) select (r, s);
        return pairs.MinBy(p => CostPerDay(p.r, p.s));
    }

    private JointOptimizationResult Optimise(string reviews, string levels, int fullGridLimit = JointOptimizer.FullGridLimit)
    {
        SearchedSetting[] settings =
        [
            new("review", ParameterRange.TryParse(reviews, 0, out _)!, Refine: false),
            new("order_up_to", ParameterRange.TryParse(levels, 0, out _)!, Refine: false),
        ];
        var result = JointOptimizer.Run(ScenarioInput.FromFile(PeriodicReview()), [], "rs", settings, Metric.TotalCost, null, new RunOptions(Threads: 2),
            out var findings, fullGridLimit: fullGridLimit);
        Assert.Empty(findings);
        return result!;
    }

    [Fact]
    public void A_profile_search_finds_the_cost_optimal_review_period_and_order_up_to_level()
    {
        var (review, orderUpTo) = Optimum(8, 10, 70);
        Assert.Equal((4, 32), (review, orderUpTo)); // the closed form's answer on these numbers, for the reader

        var result = Optimise("1d..8d:1d", "10..70:1");
        Assert.Equal(JointSearchMethod.Profile, result.Method);
        Assert.True(result.Candidates.Length < 8 * 61 / 3, $"a profile search runs far fewer than every combination: {result.Candidates.Length}");

        // The optimum is among the combinations the data cannot tell from the best.
        var optimum = result.Candidates.Single(c => c.Numbers[0] == review && c.Numbers[1] == orderUpTo);
        Assert.Contains(optimum, result.Plausible);
        Assert.InRange(review, result.PlausibleNumbers(0)[0], result.PlausibleNumbers(0)[^1]);
        Assert.InRange(orderUpTo, result.PlausibleNumbers(1)[0], result.PlausibleNumbers(1)[^1]);

        // The best's true cost exceeds the optimum's by no more than 3 standard errors of their simulated paired difference.
        var best = result.Best!;
        var excess = (CostPerDay((int)best.Numbers[0], (int)best.Numbers[1]) - CostPerDay(review, orderUpTo)) * MeasuredDays;
        var paired = PairedTrials.Difference(best.Result.Strategies[0], optimum.Result.Strategies[0], Metric.TotalCost);
        Assert.True(excess <= 3 * paired.HalfWidth / 1.96, $"best {string.Join(", ", best.Values)} costs {excess:F1} more than the optimum");

        // The simulated cost difference between the optimum and a neighbour matches the closed form.
        var neighbour = result.Candidates.Single(c => c.Numbers[0] == review + 1 && c.Numbers[1] == orderUpTo + 5);
        StandardErrors.Near((CostPerDay(review + 1, orderUpTo + 5) - CostPerDay(review, orderUpTo)) * MeasuredDays,
            PairedTrials.Difference(neighbour.Result.Strategies[0], optimum.Result.Strategies[0], Metric.TotalCost), "R+1, S+5 against the optimum");
    }

    [Fact]
    public void A_small_lattice_runs_every_combination_and_agrees_with_the_profile_search()
    {
        var grid = Optimise("3d..5d:1d", "28..36:2");
        Assert.Equal(JointSearchMethod.FullGrid, grid.Method);
        Assert.Equal(3 * 5, grid.Candidates.Length);

        var profile = Optimise("3d..5d:1d", "28..36:2", fullGridLimit: 1);
        Assert.Equal(JointSearchMethod.Profile, profile.Method);
        Assert.Equal(grid.Best!.Values.ToArray(), profile.Best!.Values.ToArray());
    }

    [Fact]
    public void A_combination_a_candidate_fails_to_load_at_is_reported_and_nothing_is_optimised()
    {
        SearchedSetting[] settings =
        [
            new("review", ParameterRange.TryParse("1d..2d:1d", 0, out _)!, Refine: false),
            new("order_up_to", ParameterRange.TryParse("-5..5:5", 0, out _)!, Refine: false),
        ];
        var result = JointOptimizer.Run(ScenarioInput.FromFile(PeriodicReview()), [], "rs", settings, Metric.TotalCost, null, new RunOptions(Threads: 1), out var findings);
        Assert.Null(result);
        Assert.Contains(findings, f => f.FieldPath.Contains("order_up_to", StringComparison.Ordinal));
    }
}
