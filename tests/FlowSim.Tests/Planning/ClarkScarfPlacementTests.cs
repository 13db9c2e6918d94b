using FlowSim.Outcomes;
using FlowSim.Planning;
using MathNet.Numerics.Distributions;

namespace FlowSim.Tests.Planning;

/// <summary>
/// The placement search against the exact optimum of a two-stage serial chain (Clark and Scarf):
/// a warehouse and a retailer, both on daily base-stock, normal demand, full backorders.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ClarkScarfPlacementTests
{
    private const double Mean = 50, Sd = 10;          // daily demand
    private const int WarehouseLead = 4, RetailerLead = 2;
    private const double Holding = 0.1;               // unit cost 100 at 36.5% a year, per unit-day
    private const double RetailStorage = 0.1;         // per unit-day at the retailer only
    private const double Penalty = 1.9;               // per backordered unit-day

    private const string Chain = """
        name: two-stage serial chain
        horizon: 1500d
        warmup: 60d
        trials: 60
        seed: 21
        items:
          - { id: part, unit_cost: 100, price: 150, holding_rate: 36.5%/year }
        suppliers:
          - { id: vendor, lead_time: 4d }
        stock_points:
          - { id: warehouse, kind: dc }
          - { id: retailer, kind: store, storage_cost: 0.1/day }
        lanes:
          - { from: vendor, to: warehouse }
          - { from: warehouse, to: retailer, lead_time: 2d }
        demand:
          - { item: part, at: retailer, daily: { dist: normal, mean: 50, sd: 10 } }
        costs:
          backorder_penalty: 1.9/day
        strategies:
          - { name: buffer, policy: buffer, rule: base-stock, service_level: 90% }
        """;

    /// <summary>
    /// Expected holding and penalty cost per day of installation base-stock levels: the warehouse
    /// ends a day with S_w less its lead time's demand, short B_w = (D_Lw - S_w)+; what it owes the
    /// retailer reaches it only after the retailer's own lead time's demand, so the retailer ends a
    /// day with S_r - B_w - D_Lr, B_w independent of D_Lr (Clark and Scarf's decomposition).
    /// </summary>
    private static double Cost(double warehouse, double retailer)
    {
        var (mw, sw) = (WarehouseLead * Mean, Math.Sqrt(WarehouseLead) * Sd);
        var (mr, sr) = (RetailerLead * Mean, Math.Sqrt(RetailerLead) * Sd);
        var onHandWarehouse = Above(warehouse, mw, sw);

        // E over the warehouse's lead-time demand u of the retailer's on hand, by Simpson's rule.
        const int n = 800;
        var (from, to) = (mw - (8 * sw), mw + (8 * sw));
        var width = (to - from) / n;
        double onHandRetailer = 0, shortWarehouse = 0;
        for (var i = 0; i <= n; i++)
        {
            var u = from + (i * width);
            var weight = (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * width / 3 * Normal.PDF(mw, sw, u);
            var owed = Math.Max(0, u - warehouse);
            onHandRetailer += weight * Above(retailer - owed, mr, sr);
            shortWarehouse += weight * owed;
        }

        // Net inventory's mean is S_r - E[B_w] - E[D_Lr]; backorders are on hand less that.
        var backorders = onHandRetailer - (retailer - shortWarehouse - mr);
        return (Holding * onHandWarehouse) + ((Holding + RetailStorage) * onHandRetailer) + (Penalty * backorders);
    }

    /// <summary>E[(s - X)+] for X normal (m, sd).</summary>
    private static double Above(double s, double m, double sd)
    {
        var k = (s - m) / sd;
        return ((s - m) * Normal.CDF(0, 1, k)) + (sd * Normal.PDF(0, 1, k));
    }

    /// <summary>The optimum over whole-unit levels: for each warehouse level the best retailer level (the cost is convex in it).</summary>
    private static (int Warehouse, int Retailer, double Cost) Optimum()
    {
        var best = (Warehouse: 0, Retailer: 0, Cost: double.PositiveInfinity);
        for (var w = 0; w <= 400; w++)
        {
            var (lo, hi) = (0, 500);
            while (hi - lo > 2)
            {
                var (a, b) = (lo + ((hi - lo) / 3), hi - ((hi - lo) / 3));
                if (Cost(w, a) <= Cost(w, b))
                {
                    hi = b;
                }
                else
                {
                    lo = a;
                }
            }

            for (var r = lo; r <= hi; r++)
            {
                var c = Cost(w, r);
                if (c < best.Cost)
                {
                    best = (w, r, c);
                }
            }
        }

        return best;
    }

    [Fact]
    public void TheSearchedPlacementCostsWithinTwoPercentOfTheClarkScarfOptimum()
    {
        var optimum = Optimum();
        var scenario = TestScenarios.Load(Chain);
        var request = new MeioRequest("buffer", null, TargetScope.ItemLocation, Metric.TotalCost, Budget: 6_000, SearchTrials: 30, ProofTrials: 60, Seed: 21, Threads: null);
        var result = Meio.Run(scenario, request);
        double Level(string sp) => result.Searched.Levels.Single(l => l.StockPointId == sp).Level;
        var (warehouse, retailer) = (Level("warehouse"), Level("retailer"));

        // The levels found cost, by the exact formula, within 2% of the optimum's cost.
        var found = Cost(warehouse, retailer);
        Assert.True(found <= optimum.Cost * 1.02,
            $"searched S_w={warehouse}, S_r={retailer} cost {found:0.00}/day; optimum S_w={optimum.Warehouse}, S_r={optimum.Retailer} at {optimum.Cost:0.00}/day");

        // And the simulation agrees with the formula at those levels: holding and penalty per day in
        // the proof's trials, within three standard errors.
        var run = result.Proofs[0].Experiment.Strategy("searched");
        var days = run.MeasuredDays;
        var perTrial = Enumerable.Range(0, run.Trials).Select(t =>
            (run.Outcome(t, Metric.HoldingCost) + run.Outcome(t, Metric.ShortageCost)) / days).ToArray();
        var simulated = FlowSim.Experiments.Statistics.Of(perTrial);
        var se = simulated.Std / Math.Sqrt(perTrial.Length);
        Assert.True(Math.Abs(simulated.Mean - found) <= 3 * se,
            $"simulated {simulated.Mean:0.000} ± {se:0.000} per day against {found:0.000} by formula at S_w={warehouse}, S_r={retailer}");
    }
}
