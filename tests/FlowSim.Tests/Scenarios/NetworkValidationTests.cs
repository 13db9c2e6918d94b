using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Scenarios;

/// <summary>Networks that cannot run are refused with exit code 2, the place and the field path.</summary>
public class NetworkValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-net-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Base = """
        name: net
        horizon: 100d
        items:
          - { id: widget, unit_cost: 10, price: 20 }
          - { id: resin, unit_cost: 2, price: 0 }
        suppliers:
          - { id: vendor, lead_time: 5d }
        stock_points:
          - { id: dc }
          - { id: store }
        lanes:
          - { from: vendor, to: dc }
          - { from: dc, to: store, lead_time: 2d }
        demand:
          - { item: widget, at: store, daily: 5/day }
        strategies:
          - { name: s, policy: buffer }
        """;

    /// <summary>Runs <c>validate</c> on the YAML and returns the one error line, checking exit code 2 and the location.</summary>
    private string OnlyError(string yaml, string anchor, string path)
    {
        var file = Path.Combine(_dir, "net.yaml");
        File.WriteAllText(file, yaml);
        var outcome = CliRunner.Run("validate", file);
        Assert.Equal(2, outcome.ExitCode);
        Assert.DoesNotContain("Exception", outcome.Stderr);
        var lines = yaml.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(anchor, StringComparison.Ordinal)) + 1;
        var errors = outcome.Stderr.Split('\n').Where(l => l.StartsWith(file, StringComparison.Ordinal) && !l.Contains(" warning: ", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.StartsWith($"{file}:{line}:", error);
        Assert.Contains($" {path}: ", error);
        return error;
    }

    [Fact]
    public void A_cycle_is_refused_at_a_lane_on_it()
    {
        // The dc restocks from the store it supplies.
        var yaml = Base.Replace("  - { from: vendor, to: dc }", "  - { from: store, to: dc, lead_time: 2d }");
        var error = OnlyError(yaml, "from: dc, to: store", "lanes[1]");
        Assert.Contains("the network has a cycle: widget@store <- widget@dc <- widget@store", error);
    }

    [Fact]
    public void An_unreachable_stock_point_is_refused()
    {
        var yaml = Base.Replace("  - { id: store }", "  - { id: store }\n  - { id: outlet }");
        var error = OnlyError(yaml, "id: outlet", "stock_points[2]");
        Assert.Contains("unreachable", error);
    }

    [Fact]
    public void An_item_demanded_where_nothing_supplies_it_is_refused()
    {
        var yaml = Base.Replace("  - { from: dc, to: store, lead_time: 2d }", "  - { from: dc, to: store, lead_time: 2d, items: [resin] }")
            .Replace("  - { item: widget, at: store, daily: 5/day }", "  - { item: widget, at: store, daily: 5/day }\n  - { item: resin, at: store, daily: 1/day }");
        var error = OnlyError(yaml, "item: widget, at: store", "demand[0]");
        Assert.Contains("nothing supplies it", error);
    }

    [Fact]
    public void A_disruption_naming_an_unknown_supplier_suggests_the_nearest()
    {
        var yaml = Base + "\ndisruptions:\n  - { id: strike, kind: supplier_outage, supplier: vendr, at: 10d, duration: 1w }\n";
        var error = OnlyError(yaml, "supplier: vendr", "disruptions[0].supplier");
        Assert.Contains("did you mean 'vendor'", error);
    }

    [Fact]
    public void A_disruption_naming_an_unknown_lane_says_how_lanes_are_written()
    {
        var yaml = Base + "\ndisruptions:\n  - { id: port, kind: lane_closure, lane: vendor->store, at: 10d, duration: 1w }\n";
        var error = OnlyError(yaml, "lane: vendor->store", "disruptions[0].lane");
        Assert.Contains("from->to", error);
    }

    [Fact]
    public void A_bill_of_materials_naming_an_unknown_item_is_refused()
    {
        var yaml = Base.Replace("lanes:\n", "production:\n  - { item: widget, at: dc, components: { resn: 2 }, lead_time: 3d }\nlanes:\n");
        var error = OnlyError(yaml, "components: { resn: 2 }", "production[0].components.resn");
        Assert.Contains("did you mean 'resin'", error);
    }
}
