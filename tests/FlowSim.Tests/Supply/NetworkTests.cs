using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Supply;

/// <summary>Goods flowing through a network: echelons, plants, several sources, mitigations.</summary>
public class NetworkTests
{
    private static StrategyResult Run(string yaml, int threads = 2) =>
        Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: threads)).Strategies[0];

    /// <summary>Supplier -> dc -> two stores; the parts that vary are passed in.</summary>
    private static string TwoEchelons(string dcPolicy, string extraLanes = "", string disruptions = "", int trials = 20) => $$"""
        name: two echelons
        horizon: 600d
        warmup: 60d
        trials: {{trials}}
        seed: 9
        items:
          - { id: widget, unit_cost: 10, price: 25 }
        suppliers:
          - { id: vendor, lead_time: 20d }
        stock_points:
          - { id: dc, kind: dc }
          - { id: north, kind: store }
          - { id: south, kind: store }
        lanes:
          - { from: vendor, to: dc }
          - { from: dc, to: north, lead_time: 2d }
          - { from: dc, to: south, lead_time: 3d }
        {{extraLanes}}
        demand:
          - { item: widget, at: north, daily: { dist: poisson, mean: 8/day } }
          - { item: widget, at: south, daily: { dist: poisson, mean: 5/day } }
        strategies:
          - name: s
            policy: buffer
            service_level: 95%
            stock_points:
              dc: {{dcPolicy}}
        {{disruptions}}
        """;

    [Fact]
    public void Stores_are_supplied_through_their_dc()
    {
        var r = Run(TwoEchelons("{ service_level: 95% }"));
        var dc = r.StockPoints[0];
        Assert.Equal(["dc", "north", "south"], r.StockPoints.Select(s => s.Id));
        Assert.True(dc[StockPointMetric.AvgOnHandUnits].Mean > 0);
        // The dc is asked for what the stores sell, and meets most of it from stock.
        Assert.InRange(dc[StockPointMetric.FillRate].Mean, 0.8, 1.0);
        Assert.InRange(r[Metric.FillRate].Mean, 0.9, 1.0);
        // Every unit bought from the vendor passes through the dc: purchases track demand.
        Assert.Equal(r[Metric.DemandedUnits].Mean, r[Metric.PurchaseCost].Mean / 10, r[Metric.DemandedUnits].Mean * 0.03);
    }

    [Fact]
    public void An_upstream_stock_point_that_holds_nothing_delays_what_the_stores_order()
    {
        var buffered = Run(TwoEchelons("{ service_level: 95% }"));
        var toOrder = Run(TwoEchelons("{ policy: demand-responsive }"));
        // Stores sized for a 2-3 day transit now wait the vendor's 20 days behind it.
        Assert.True(toOrder[Metric.FillRate].Mean < buffered[Metric.FillRate].Mean - 0.1);
        Assert.Equal(0, toOrder.StockPoints[0][StockPointMetric.FillRate].Mean, 0.05);
    }

    [Fact]
    public void A_plant_consumes_its_bill_of_materials()
    {
        var r = Run("""
            name: plant
            horizon: 500d
            warmup: 50d
            trials: 10
            seed: 2
            items:
              - { id: bowl, unit_cost: 0, price: 30 }
              - { id: clay, unit_cost: 1, price: 0 }
            suppliers:
              - { id: quarry, lead_time: 5d }
            stock_points:
              - { id: plant, kind: plant }
            lanes:
              - { from: quarry, to: plant, items: [clay] }
            production:
              - { item: bowl, at: plant, components: { clay: 2.5 }, lead_time: 3d }
            demand:
              - { item: bowl, at: plant, daily: { dist: poisson, mean: 20/day } }
            strategies:
              - { name: s, policy: buffer, service_level: 95% }
            """);
        // Clay costs 1 a unit, bowls nothing: the purchase cost is the clay bought, 2.5 per bowl.
        Assert.Equal(2.5 * r[Metric.DemandedUnits].Mean, r[Metric.PurchaseCost].Mean, 0.03 * 2.5 * r[Metric.DemandedUnits].Mean);
        Assert.InRange(r[Metric.FillRate].Mean, 0.9, 1.0);
    }

    [Fact]
    public void Too_little_capacity_starves_customers()
    {
        string Plant(string capacity) => $$"""
            name: kiln
            horizon: 400d
            trials: 6
            seed: 2
            items:
              - { id: vase, unit_cost: 5, price: 30 }
              - { id: clay, unit_cost: 1, price: 0 }
            suppliers:
              - { id: quarry, lead_time: 5d }
            stock_points:
              - { id: studio }
            lanes:
              - { from: quarry, to: studio, items: [clay] }
            production:
              - { item: vase, at: studio, components: { clay: 1 }, lead_time: 7d, capacity: {{capacity}} }
            demand:
              - { item: vase, at: studio, daily: 10/day, patience: 0d }
            strategies:
              - { name: s, policy: buffer, service_level: 95% }
            """;
        var ample = Run(Plant("140/week"));
        var short_ = Run(Plant("35/week"));
        Assert.True(ample[Metric.FillRate].Mean > 0.95);
        // Half the capacity it needs: it can sell at most half of demand.
        Assert.InRange(short_[Metric.FillRate].Mean, 0.3, 0.55);
    }

    [Fact]
    public void Orders_go_to_the_backup_only_while_the_primary_is_down_after_the_switch_delay()
    {
        string Sourcing(string disruptions) => $$"""
            name: backup
            horizon: 300d
            trials: 4
            seed: 3
            items:
              - { id: part, unit_cost: 10, price: 20 }
            suppliers:
              - { id: far, lead_time: 30d }
              - { id: near, lead_time: 7d }
            stock_points:
              - { id: plant }
            lanes:
              - { from: far, to: plant }
              - { from: near, to: plant, backup: { when: down, delay: 5d }, cost_premium: 20%, transport_cost: 1 }
            demand:
              - { item: part, at: plant, daily: 10/day }
            strategies:
              - { name: s, policy: buffer, order_up_to: 450 }
            {{disruptions}}
            """;
        var calm = Run(Sourcing(""));
        Assert.Equal(0, calm[Metric.TransportCost].Mean);
        var hit = Run(Sourcing("disruptions:\n  - { id: fire, kind: supplier_outage, supplier: far, at: 100d, duration: 40d }"));
        // Daily orders of 10 go to the backup from day 105 to day 139: 35 orders of 10 units, at 1 a unit transport.
        Assert.Equal(350, hit[Metric.TransportCost].Mean, 1e-9);
        // The backup's units cost 20% more.
        Assert.Equal(calm[Metric.PurchaseCost].Mean + (350 * 10 * 0.2), hit[Metric.PurchaseCost].Mean, 1e-6);

        // A primary that loses all its capacity for the same days makes nothing: it is down, and
        // the same orders go to the backup.
        var stopped = Run(Sourcing("disruptions:\n  - { id: fire, kind: capacity_loss, supplier: far, capacity: 0, at: 100d, duration: 40d }")
            .Replace("{ id: far, lead_time: 30d }", "{ id: far, lead_time: 30d, capacity: 100/day }", StringComparison.Ordinal));
        Assert.Equal(350, stopped[Metric.TransportCost].Mean, 1e-9);
    }

    [Fact]
    public void Split_sourcing_shares_every_order()
    {
        var r = Run("""
            name: split
            horizon: 200d
            trials: 2
            seed: 3
            items:
              - { id: part, unit_cost: 10, price: 20 }
            suppliers:
              - { id: a, lead_time: 10d }
              - { id: b, lead_time: 14d }
            stock_points:
              - { id: plant }
            lanes:
              - { from: a, to: plant, share: 70%, carbon: 1 }
              - { from: b, to: plant, share: 30%, transport_cost: 1 }
            demand:
              - { item: part, at: plant, daily: 10/day }
            strategies:
              - { name: s, policy: buffer, order_up_to: 300 }
            """);
        // Lane a carries 1 kg per unit, lane b costs 1 per unit: their ratio is the split.
        Assert.Equal(70.0 / 30, r[Metric.CarbonKg].Mean / r[Metric.TransportCost].Mean, 0.01);
    }

    [Fact]
    public void Expediting_pays_a_premium_for_speed_when_stock_runs_low()
    {
        string Expedite(string lane) => $$"""
            name: expedite
            horizon: 400d
            warmup: 50d
            trials: 10
            seed: 3
            items:
              - { id: part, unit_cost: 10, price: 20 }
            suppliers:
              - { id: ocean, lead_time: { dist: uniform, min: 20d, max: 40d } }
            stock_points:
              - { id: dc }
            lanes:
              - {{lane}}
            demand:
              - { item: part, at: dc, daily: { dist: poisson, mean: 10/day }, patience: 0d }
            strategies:
              - { name: s, policy: buffer, rule: s-Q, reorder_point: 300, order_quantity: 100 }
            """;
        var plain = Run(Expedite("{ from: ocean, to: dc }"));
        var fast = Run(Expedite("{ from: ocean, to: dc, expedite: { lead_time: 5d, premium: 3, below: 10d } }"));
        Assert.Equal(0, plain[Metric.ExpeditedUnits].Mean);
        Assert.True(fast[Metric.ExpeditedUnits].Mean > 0);
        Assert.Equal(3 * fast[Metric.ExpeditedUnits].Mean, fast[Metric.ExpediteCost].Mean, 1e-6);
        Assert.True(fast[Metric.LostUnits].Mean < plain[Metric.LostUnits].Mean);
    }

    [Fact]
    public void A_quality_hold_scraps_its_share_of_what_arrives_and_delays_the_rest()
    {
        var r = Run("""
            name: hold
            horizon: 200d
            trials: 1
            seed: 3
            items:
              - { id: chip, unit_cost: 10, price: 20 }
            suppliers:
              - { id: fab, lead_time: 10d }
            stock_points:
              - { id: dc }
            lanes:
              - { from: fab, to: dc }
            demand:
              - { item: chip, at: dc, daily: 10/day }
            strategies:
              - { name: s, policy: buffer, order_up_to: 300 }
            disruptions:
              - { id: qa, kind: quality_hold, stock_point: dc, at: 50d, duration: 10d, hold: 2w, scrap: 25% }
            """, threads: 1);
        // Ten daily receipts of 10 arrive in the hold window: a quarter of them is scrapped.
        Assert.Equal(25, r[Metric.ScrappedUnits].Mean, 1e-9);
    }

    [Fact]
    public void Returns_come_back_and_are_refurbished_into_the_renewed_item()
    {
        var r = Run("""
            name: circular
            horizon: 400d
            warmup: 100d
            trials: 1
            seed: 3
            items:
              - { id: jacket, unit_cost: 40, price: 120, returns: { share: 10%, after: 4w, refurbish_share: 50%, refurbish_time: 1w, refurbish_cost: 8, renewed_item: jacket-renewed } }
              - { id: jacket-renewed, unit_cost: 20, price: 70 }
            suppliers:
              - { id: mill, lead_time: 10d }
            stock_points:
              - { id: shop }
            lanes:
              - { from: mill, to: shop }
            demand:
              - { item: jacket, at: shop, daily: 10/day }
              - { item: jacket-renewed, at: shop, daily: 0.5/day }
            strategies:
              - { name: s, policy: buffer, order_up_to: 150 }
            """, threads: 1);
        // 10 a day sold, a tenth back four weeks later: 1 a day arriving on days 100 to 400, the
        // last at the horizon itself (receipts run before the books close): 301 units.
        Assert.Equal(301, r[Metric.ReturnedUnits].Mean, 1e-9);
        Assert.Equal(150.5, r[Metric.RefurbishedUnits].Mean, 1e-9);
        Assert.Equal(150.5 * 8, r[Metric.ProductionCost].Mean, 1e-9);
    }
}
