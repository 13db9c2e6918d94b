using System.Globalization;
using System.Text;
using FlowSim.Outcomes;
using FlowSim.Planning;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Reports;

/// <summary>The files of <c>flowsim meio</c>: the JSON of every placement and its proof, and the winning placement as a strategy.</summary>
public static class MeioFiles
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The name the winning placement's strategy gets in <c>--out</c>.</summary>
    public static string StrategyName(MeioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = $"{result.Request.Strategy}-meio";
        var taken = result.Scenario.Strategies.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        for (var k = 2; taken.Contains(name); k++)
        {
            name = $"{result.Request.Strategy}-meio-{k}";
        }

        return name;
    }

    /// <summary>Writes provenance, the question, every item-location's level in each placement, the search and the proof runs.</summary>
    public static void WriteJson(MeioResult result, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var first = result.Proofs[0];
        using var w = ResultsJson.Writer(stream);
        w.WriteStartObject();
        ResultsJson.Header(w, first.Experiment, command);
        var r = result.Request;
        w.WriteString("strategy", r.Strategy);
        w.WriteString("target", r.Target?.ToString());
        w.WriteString("per", r.Per == TargetScope.Item ? "item" : "item-location");
        w.WriteString("minimize", r.Objective.Key());
        w.WriteNumber("search_seed", r.Seed);
        w.WriteNumber("search_trials_per_candidate", r.SearchTrials);
        w.WriteNumber("budget_trials", r.Budget);
        w.WriteNumber("search_trials_used", result.TrialsUsed);
        w.WriteString("search_start", result.Start);
        w.WriteString("search_stop", result.Converged ? "no move improves significantly" : "budget spent");
        w.WriteNumber("analytic_links_left_out", result.DroppedLinks);
        w.WriteStartObject("left_out_of_target");
        foreach (var (il, why) in result.LeftOut)
        {
            w.WriteString(il, why);
        }

        w.WriteEndObject();

        w.WriteStartArray("item_locations");
        for (var i = 0; i < result.Searched.Levels.Length; i++)
        {
            var l = result.Searched.Levels[i];
            var stage = result.Stages.First(s => s.ItemId == l.ItemId && s.StockPointId == l.StockPointId);
            var gs = result.Analytic[stage.Index];
            w.WriteStartObject();
            w.WriteString("item", l.ItemId);
            w.WriteString("location", l.StockPointId);
            w.WriteNumber("echelon", l.Echelon);
            w.WriteBoolean("faces_customers", l.FacesCustomers);
            w.WriteString("setting", l.Setting);
            ResultsJson.Number(w, "demand_per_day", stage.DemandMean);
            ResultsJson.Number(w, "unit_cost", stage.UnitCost);
            w.WriteStartObject("analytic_service_times_days");
            w.WriteNumber("inbound", gs.InboundServiceDays);
            w.WriteNumber("outbound", gs.OutboundServiceDays);
            ResultsJson.Number(w, "net_replenishment", gs.NetReplenishmentDays);
            w.WriteEndObject();
            foreach (var p in result.Placements)
            {
                w.WriteStartObject(p.Name);
                ResultsJson.Number(w, "level", p.Levels[i].Level);
                ResultsJson.Number(w, "safety_stock", p.Levels[i].SafetyStock);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("search");
        foreach (var s in result.Steps)
        {
            w.WriteStartObject();
            w.WriteNumber("step", s.Step);
            w.WriteNumber("candidates", s.Candidates);
            w.WriteStartArray("moved");
            foreach (var m in s.Moved)
            {
                w.WriteStringValue(m);
            }

            w.WriteEndArray();
            ResultsJson.Number(w, r.Objective.Key(), s.Objective);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("proof");
        foreach (var proof in result.Proofs)
        {
            w.WriteStartObject();
            w.WriteString("run", proof.Label);
            w.WriteNumber("seed", proof.Seed);
            w.WriteNumber("trials", proof.Trials);
            w.WriteStartArray("placements");
            foreach (var p in proof.Placements)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Placement);
                w.WriteBoolean("meets_target", p.MeetsTarget);
                ResultsJson.Stats(w, "avg_inventory_value", p.InventoryValue, proof.Trials, tail: false);
                ResultsJson.Stats(w, "inventory_value_released", p.Released, proof.Trials, tail: false);
                ResultsJson.Stats(w, "inventory_value_released_share", p.ReleasedShare, proof.Trials, tail: false);
                ResultsJson.Stats(w, "total_cost_per_year", p.TotalCostPerYear, proof.Trials, tail: false);
                w.WriteStartArray("service");
                foreach (var g in p.Services)
                {
                    w.WriteStartObject();
                    w.WriteString("name", g.Name);
                    ResultsJson.Stats(w, r.Target?.Metric.Key() ?? "fill_rate", g.Service, proof.Trials, tail: false);
                    ResultsJson.Number(w, "lower_bound_95", g.LowerBound);
                    w.WriteBoolean("meets_target", g.Met);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes the searched placement as a ready <c>strategies</c> entry: the strategy as written in
    /// <paramref name="scenarioYaml"/>, renamed, with each placed item-location's level as a number
    /// in its own <c>stock_points.SP.items.ITEM</c> layer. Overrides given with <c>--set</c> are not
    /// in the file's text: they are listed in its header.
    /// </summary>
    public static void WriteStrategy(MeioResult result, string scenarioYaml, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scenarioYaml);
        var yaml = new YamlStream();
        using (var reader = new StringReader(scenarioYaml))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var entry = ((YamlSequenceNode)root.Children[new YamlScalarNode("strategies")]).Children.OfType<YamlMappingNode>()
            .First(m => m.Children.TryGetValue(new YamlScalarNode("name"), out var n) && (n as YamlScalarNode)?.Value == result.Request.Strategy);
        var proof = result.Proofs[0].Placements;
        entry.Children[new YamlScalarNode("name")] = new YamlScalarNode(StrategyName(result));
        entry.Children[new YamlScalarNode("description")] = new YamlScalarNode(string.Create(C,
            $"Safety stock placed by flowsim meio for {result.Request.Target?.ToString() ?? result.Request.Objective.Key()} (from strategy {result.Request.Strategy}); "
            + $"average inventory value {proof[2].InventoryValue.Mean:0.##} against {proof[0].InventoryValue.Mean:0.##} for each item-location sized alone."));
        // Block style, whatever the original's, so the levels read one per line.
        entry.Style = YamlDotNet.Core.Events.MappingStyle.Block;
        var stockPoints = Child(entry, "stock_points");
        stockPoints.Style = YamlDotNet.Core.Events.MappingStyle.Block;
        foreach (var level in result.Searched.Levels)
        {
            var at = Child(stockPoints, level.StockPointId);
            at.Style = YamlDotNet.Core.Events.MappingStyle.Block;
            var items = Child(at, "items");
            items.Style = YamlDotNet.Core.Events.MappingStyle.Block;
            var layer = Child(items, level.ItemId);
            layer.Style = YamlDotNet.Core.Events.MappingStyle.Flow;
            // The level written replaces the ways of sizing it; an (s,S) rule's S stays as written.
            foreach (var key in new[] { "safety_stock", "service_level", "fill_rate", level.Setting })
            {
                layer.Children.Remove(new YamlScalarNode(key));
            }

            if (!layer.Children.ContainsKey(new YamlScalarNode("policy")))
            {
                layer.Children.Add("policy", "buffer");
            }

            layer.Children.Add(level.Setting, level.Level.ToString("0.######", C));
        }

        var text = new StringWriter(C);
        text.WriteLine(Comment($"FlowSim {Provenance.Version} meio: the searched placement of strategy '{result.Request.Strategy}', as a strategies entry."));
        text.WriteLine(Comment($"Scenario {result.Scenario.Source.Path.Replace('\\', '/')} (sha256 {result.Scenario.Source.Sha256}); search seed {result.Request.Seed}; proof seed {result.Proofs[0].Seed}."));
        if (!result.Scenario.Source.Overrides.IsEmpty)
        {
            text.WriteLine(Comment($"Found with overrides that are not in this entry: {string.Join(", ", result.Scenario.Source.Overrides.Select(o => o.ToString()))}."));
        }

        text.WriteLine("# Add it under the scenario's strategies: to run it beside the others.");
        // Name and description first, as a planner writes them.
        var ordered = new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Block };
        foreach (var key in new[] { "name", "description" })
        {
            ordered.Children.Add(new YamlScalarNode(key), entry.Children[new YamlScalarNode(key)]);
        }

        foreach (var (key, value) in entry.Children.Where(c => (c.Key as YamlScalarNode)?.Value is not ("name" or "description")))
        {
            ordered.Children.Add(key, value);
        }

        var doc = new YamlStream(new YamlDocument(new YamlSequenceNode(ordered)));
        doc.Save(text, assignAnchors: false);
        var body = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (body.EndsWith("...\n", StringComparison.Ordinal))
        {
            body = body[..^4];
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        stream.Write(bytes);
    }

    /// <summary>A YAML comment line: names and paths are flattened so no line break can end it.</summary>
    private static string Comment(string text) => "# " + string.Concat(text.Select(ch => char.IsControl(ch) ? ' ' : ch));

    private static YamlMappingNode Child(YamlMappingNode parent, string key)
    {
        if (parent.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode m)
        {
            return m;
        }

        var created = new YamlMappingNode();
        parent.Children[new YamlScalarNode(key)] = created;
        return created;
    }
}
