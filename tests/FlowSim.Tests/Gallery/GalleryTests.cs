using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Gallery;

/// <summary>
/// Every gallery scenario loads cleanly, runs as shipped, and still shows the headline result
/// scenarios/README.md states for it, with a margin from the standard error of the paired
/// difference. A change in the engine or a scenario that turns a headline around fails here.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public class GalleryTests
{
    private static double[] Map(double[] a, double[] b, Func<double, double, double> f) => a.Zip(b, f).ToArray();

    [Fact]
    public void Ceramics_pre_orders_tie_up_no_cash_and_the_buffer_earns_the_most()
    {
        var r = new GalleryRun("ceramics-preorder.yaml", 120);
        double[] CashTiedUp(string s) => Map(r.Values(s, Metric.AvgInventoryValue), r.Values(s, Metric.AvgDepositsHeld), (stock, deposits) => stock - deposits);

        // Customers' deposits more than pay for the clay and the pieces in stock.
        Assert.True(r["pre-order"][Metric.AvgDepositsHeld].Mean > r["pre-order"][Metric.AvgInventoryValue].Mean);
        GalleryRun.AssertHigher("cash tied up", CashTiedUp("fg-buffer"), CashTiedUp("pre-order"), "fg-buffer", "pre-order");
        GalleryRun.AssertHigher("cash tied up", CashTiedUp("collection"), CashTiedUp("fg-buffer"), "collection", "fg-buffer");
        r.AssertHigher(Metric.Profit, "fg-buffer", "pre-order");
        r.AssertHigher(Metric.Profit, "pre-order", "collection");
        r.AssertHigher(Metric.FillRate, "fg-buffer", "collection");
    }

    [Fact]
    public void Footwear_a_four_week_sole_buffer_beats_the_formula_and_pays_for_itself()
    {
        var r = new GalleryRun("footwear-sole-buffer.yaml", 40);
        r.AssertHigher(Metric.FillRate, "sole-buffer", "formula");
        r.AssertHigher(Metric.FillRate, "formula", "no-sole-buffer");
        r.AssertHigher(Metric.AvgInventoryValue, "sole-buffer", "formula");
        r.AssertHigher(Metric.Profit, "sole-buffer", "formula");
    }

    [Fact]
    public void Kimchi_the_batch_sized_on_the_shelf_life_earns_the_most_and_never_run_out_still_runs_out()
    {
        // Every batch is paid for, the first one too (goods owned when measuring starts count):
        // the year-long newsvendor batch loses to one sized on the months a jar stays sellable.
        var r = new GalleryRun("kimchi-annual-batch.yaml", 200);
        r.AssertHigher(Metric.Profit, "shelf-life-newsvendor", "newsvendor");
        r.AssertHigher(Metric.Profit, "newsvendor", "never-run-out");
        r.AssertHigher(Metric.ExpiredUnits, "never-run-out", "newsvendor");
        r.AssertHigher(Metric.ExpiredUnits, "newsvendor", "sell-out");
        r.AssertHigher(Metric.LostUnits, "sell-out", "newsvendor");

        // Sized on the sellable months, the batch wastes almost nothing and still beats selling out.
        r.AssertHigher(Metric.ExpiredUnits, "newsvendor", "shelf-life-newsvendor");
        Assert.True(r["shelf-life-newsvendor"][Metric.ExpiredUnits].Mean < 0.05 * r["newsvendor"][Metric.ExpiredUnits].Mean);
        r.AssertHigher(Metric.Profit, "shelf-life-newsvendor", "sell-out");

        // The shelf life, not the quantity, decides the last weeks of each year: even the
        // biggest batch leaves customers without a jar.
        var neverRunOut = r["never-run-out"];
        Assert.True(neverRunOut[Metric.FillRate].Ci95High < 0.9, $"fill rate {neverRunOut[Metric.FillRate].Mean:P1}");
    }

    [Fact]
    public void Woodworking_the_segmented_hybrid_holds_less_stock_and_loses_fewer_sales()
    {
        var r = new GalleryRun("woodworking-three-streams.yaml", 12);
        var (segmented, onePolicy) = (r["segmented"], r["one-policy"]);
        r.AssertHigher(Metric.AvgInventoryValue, "one-policy", "segmented");
        Assert.True(segmented[Metric.AvgInventoryValue].Mean < 0.5 * onePolicy[Metric.AvgInventoryValue].Mean);
        r.AssertHigher(Metric.LostUnits, "one-policy", "segmented");
        r.AssertHigher(Metric.Profit, "segmented", "one-policy");

        // In-stock availability of the seasonal range: newsvendor batches beat a year-round buffer.
        var seasonal = (StrategyResult s) => s.StockPoints.Single(p => p.Id == "seasonal-store")[StockPointMetric.FillRate];
        Assert.True(seasonal(segmented).Ci95Low > seasonal(onePolicy).Ci95High);
    }

    [Fact]
    public void Electronics_a_buffer_for_quality_holds_serves_better_but_does_not_pay_at_margin_only()
    {
        var r = new GalleryRun("electronics-quality-hold.yaml", 60);
        r.AssertHigher(Metric.FillRate, "hold-buffer", "formula");
        r.AssertHigher(Metric.LostUnits, "formula", "hold-buffer");
        r.AssertHigher(Metric.HoldingCost, "hold-buffer", "formula");

        // With lost sales costing only their margin, the saved margin does not cover the extra stock.
        var (gain, se) = GalleryRun.Paired(r.Values("hold-buffer", Metric.Profit), r.Values("formula", Metric.Profit));
        Assert.True(gain < GalleryRun.Margin * se, $"profit gain {gain:F0} (standard error {se:F0})");
    }

    [Fact]
    public void Candles_storage_and_fading_scent_eat_most_of_the_wax_discount()
    {
        var r = new GalleryRun("candle-wax-total-cost.yaml", 100);
        r.AssertHigher(Metric.PurchaseCost, "two-month-orders", "six-month-orders");
        r.AssertHigher(Metric.HoldingCost, "six-month-orders", "two-month-orders");
        r.AssertHigher(Metric.ExpiredUnits, "six-month-orders", "two-month-orders");
        r.AssertHigher(Metric.ShortageCost, "six-month-orders", "two-month-orders");

        // What the discount saves on wax, and what is left of it once the whole flow is counted.
        var discount = Map(r.Values("two-month-orders", Metric.PurchaseCost), r.Values("six-month-orders", Metric.PurchaseCost), (a, b) => a - b);
        var netSaving = Map(r.Values("two-month-orders", Metric.TotalCost), r.Values("six-month-orders", Metric.TotalCost), (a, b) => a - b);
        GalleryRun.AssertHigher("half the discount over the net saving", Map(discount, netSaving, (d, n) => (0.5 * d) - n), new double[discount.Length], "half the discount", "net saving");
    }

    [Fact]
    public void Apparel_panic_ordering_amplifies_the_blip_at_every_tier_and_sharing_the_forecast_pays()
    {
        var r = new GalleryRun("apparel-bullwhip.yaml", 30);
        foreach (var tier in new[] { "dc", "garment-maker", "fabric-mill" })
        {
            var panic = r["panic"].StockPoints.Single(p => p.Id == tier)[StockPointMetric.BullwhipRatio];
            var shared = r["shared-forecast"].StockPoints.Single(p => p.Id == tier)[StockPointMetric.BullwhipRatio];
            Assert.True(panic.Ci95Low > 1.5, $"{tier}: panic bullwhip {panic.Mean:F2}");
            Assert.InRange(shared.Mean, 0.9, 1.1);
        }

        r.AssertHigher(Metric.Profit, "shared-forecast", "panic");
        r.AssertHigher(Metric.AvgInventoryValue, "panic", "shared-forecast");
    }

    [Fact]
    public void Meio_pooling_at_the_dcs_releases_branch_stock_and_serves_nearly_everyone_within_two_days()
    {
        var r = new GalleryRun("meio-plant-dcs-branches.yaml", 40);
        r.AssertHigher(Metric.AvgInventoryValue, "local", "pooled");
        foreach (var s in new[] { "local", "pooled" })
        {
            var lost = r[s][Metric.LostUnits].Mean / r[s][Metric.DemandedUnits].Mean;
            Assert.True(lost < 0.01, $"{s}: {lost:P2} of demand lost");
        }

        r.AssertHigher(Metric.LostUnits, "pooled", "local");
    }

    [Fact]
    public void Port_closure_buffers_at_the_dcs_recover_faster_than_lean_and_the_backup_helps()
    {
        var r = new GalleryRun("port-closure.yaml", 40);
        var (lean, dcs, backup) = (r["lean"], r["dc-buffers"], r["nearshore-backup"]);
        Assert.True(dcs[Metric.TimeToRecoverDays].Ci95High < lean[Metric.TimeToRecoverDays].Ci95Low);
        Assert.True(backup[Metric.TimeToRecoverDays].Ci95High < lean[Metric.TimeToRecoverDays].Ci95Low);
        r.AssertHigher(Metric.LostUnits, "lean", "dc-buffers");
        r.AssertHigher(Metric.FillRate, "nearshore-backup", "lean");

        // Only the backup strategy buys from the nearshore supplier, at its premium.
        r.AssertHigher(Metric.PurchaseCost, "nearshore-backup", "lean");
    }

    [Fact]
    public void Nearshoring_the_fast_movers_cuts_the_disruption_cost_but_costs_more_than_it_saves_and_a_nearshore_backup_earns_the_most()
    {
        var r = new GalleryRun("nearshore-fast-movers.yaml", 100);
        r.AssertHigher(Metric.DisruptionCost, "offshore", "nearshore-a");
        r.AssertHigher(Metric.Profit, "offshore", "nearshore-a");
        r.AssertHigher(Metric.Profit, "offshore", "dual-a");
        r.AssertHigher(Metric.Profit, "backup-a", "offshore");
        r.AssertHigher(Metric.Profit, "backup-a", "nearshore-a");

        // Buying everything nearshore leaves nothing for the closures to hit.
        Assert.Equal(0, r["nearshore-all"][Metric.DisruptionCost].Mean);
        Assert.Equal(0, r["offshore"].Lanes.Single(l => l.From == "turkey")[SupplyMetric.ShippedUnits].Mean);
    }
}
