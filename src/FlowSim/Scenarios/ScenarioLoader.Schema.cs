using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowSim.Scenarios;

/// <summary>The JSON Schema of the scenario format, made from the same key lists the loader reads with.</summary>
public static partial class ScenarioLoader
{
    /// <summary>
    /// The JSON Schema (draft-07) of a scenario file, for editors that complete and check YAML
    /// keys. Every mapping lists exactly the keys the loader accepts, because it is built from the
    /// loader's own key lists. Values written with units (<c>8w</c>, <c>20/day</c>, <c>25%</c>) are
    /// strings to the schema; the loader checks them.
    /// </summary>
    public static string JsonSchema => Schema.Value;

    // Built on first use, after every key list it reads is set, whatever order the partial files initialise in.
    private static readonly Lazy<string> Schema = new(BuildSchema);

    private static string BuildSchema()
    {
        // The description an editor shows: the meaning docs/scenario-format.md gives, as a sentence.
        var keyDescriptions = TopLevel.ToDictionary(t => t.Key, t => char.ToUpperInvariant(t.Meaning[0]) + t.Meaning[1..].Replace("`", "", StringComparison.Ordinal) + ".", StringComparer.Ordinal);

        var quantity = new JsonObject { ["type"] = new JsonArray("number", "string"), ["description"] = "A number, or a number with its unit (8w, 20/day, 25%, 25%/year)." };
        var dist = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("dist"),
            ["additionalProperties"] = false,
            ["properties"] = Props(Reader.DistKeys.Values.SelectMany(k => k).Distinct(), key => key switch
            {
                "dist" => new JsonObject { ["enum"] = Strings(Reader.DistKeys.Keys) },
                "values" => new JsonObject { ["type"] = "array", ["items"] = Ref("quantity") },
                "weights" => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "number", ["minimum"] = 0 } },
                _ => Ref("quantity"),
            }),
        };
        var distribution = new JsonObject { ["anyOf"] = new JsonArray(Ref("quantity"), Ref("distribution_object")) };
        var policy = Object(PolicyKeys, key => key switch
        {
            "policy" => new JsonObject { ["enum"] = Strings(PolicyKinds) },
            "rule" => new JsonObject { ["enum"] = Strings(BufferRules) },
            "forecast" => Object(ForecastKeys, k => k switch
            {
                "sd" => new JsonObject { ["enum"] = Strings(ForecastSds) },
                "seasonal" => new JsonObject { ["type"] = "boolean" },
                _ => Ref("quantity"),
            }),
            "plan" => new JsonObject { ["enum"] = new JsonArray("seasonal") },
            "batches" => new JsonObject { ["type"] = "array", ["items"] = Object(BatchKeys, _ => Ref("quantity")) },
            "replenish" => Object(ReplenishKeys, _ => Ref("quantity")),
            "leftovers" => new JsonObject { ["enum"] = new JsonArray("salvage", "carry") },
            "start" => new JsonObject
            {
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["enum"] = Strings(BufferStarts) },
                    Object(StartKeys, k => k == "phase" ? new JsonObject { ["enum"] = Strings(StartPhases) } : Ref("quantity"))),
            },
            "upstream_waits" => new JsonObject { ["enum"] = new JsonArray("ignore", "include") },
            _ => Ref("quantity"),
        });
        var definitions = new JsonObject
        {
            ["quantity"] = quantity,
            ["distribution_object"] = dist,
            ["distribution"] = distribution,
            ["policy"] = policy,
        };

        JsonNode Value(string key) => key switch
        {
            "id" or "name" or "description" or "currency" or "kind" or "item" or "at" or "from" or "to" or "supplier" or "lane"
                or "stock_point" or "plant" or "event" or "renewed_item" or "group" => new JsonObject { ["type"] = "string" },
            "class" => new JsonObject { ["type"] = "string", ["pattern"] = "^[ABC][XYZ]?$" },
            "lead_time" or "daily" or "every" or "duration" or "unit_time" => Ref("distribution"),
            _ => Ref("quantity"),
        };

        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "FlowSim scenario",
            ["description"] = "A FlowSim scenario: items, the network, demand, costs, strategies and disruptions. See docs/scenario-format.md.",
            ["type"] = "object",
            ["required"] = Strings(TopLevel.Where(t => t.Required).Select(t => t.Key)),
            ["additionalProperties"] = false,
            ["properties"] = Props(TopKeys, key => Described(key switch
            {
                "trials" or "seed" => new JsonObject { ["type"] = "integer", ["minimum"] = key == "trials" ? 1 : 0 },
                "name" or "description" or "currency" => new JsonObject { ["type"] = "string" },
                "items" => Array(Object(ItemKeys, k => k switch
                {
                    "returns" => Object(ReturnsKeys, r => r == "renewed_item" ? Value("id") : Ref("quantity")),
                    _ => Value(k),
                }, "id", "unit_cost", "price")),
                "suppliers" => Array(Object(SupplierKeys, Value, "id")),
                "stock_points" => Array(Object(StockPointKeys, Value, "id")),
                "lanes" => Array(Object(LaneKeys, k => k switch
                {
                    "items" => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                    "backup" => Object(BackupKeys, b => b == "when" ? new JsonObject { ["enum"] = new JsonArray("down", "late") } : Ref("quantity")),
                    "expedite" => Object(ExpediteKeys, e => Value(e)),
                    "quantity_discount" => Object(QuantityDiscountKeys, _ => Ref("quantity")),
                    "standby" => new JsonObject
                    {
                        ["oneOf"] = new JsonArray(
                            new JsonObject { ["type"] = "boolean" },
                            new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }),
                    },
                    _ => Value(k),
                }, "from", "to")),
                "production" => Array(Needs(Object(ProductionKeys, k => k == "components"
                    ? new JsonObject { ["type"] = "object", ["additionalProperties"] = Ref("quantity") }
                    : Value(k), "item", "at", "components"), "anyOf", "lead_time", "unit_time")),
                "demand" => Array(Needs(Object(DemandKeys, k => k switch
                {
                    "seasonality" => Object(SeasonalityKeys, sk => sk == "trend" ? Ref("quantity") : new JsonObject { ["type"] = "array", ["items"] = Ref("quantity") }),
                    "customers" => Object(CustomerKeys, ck => ck == "order_size" ? Ref("distribution") : Ref("quantity"), "rate"),
                    _ => Value(k),
                }, "item", "at"), "oneOf", "daily", "customers")),
                "costs" => Object(CostKeys, key => key == "hold_in_transit" ? new JsonObject { ["type"] = "boolean" } : Ref("quantity")),
                "strategies" => Array(Object(StrategyKeys, k => k switch
                {
                    "name" or "description" => Value(k),
                    "backups" => new JsonObject { ["enum"] = new JsonArray("on", "off", true, false) },
                    "sourcing" => new JsonObject
                    {
                        ["type"] = "object",
                        ["additionalProperties"] = new JsonObject
                        {
                            ["oneOf"] = new JsonArray(
                                new JsonObject { ["type"] = "string" },
                                Object(SourcingKeys, sk => sk switch
                                {
                                    "share" => new JsonObject { ["type"] = "object", ["additionalProperties"] = Ref("quantity") },
                                    "backup" => new JsonObject
                                    {
                                        ["oneOf"] = new JsonArray(
                                            new JsonObject { ["type"] = "string" },
                                            Object(SourcingBackupKeys, b => b switch
                                            {
                                                "lane" => new JsonObject { ["type"] = "string" },
                                                "when" => new JsonObject { ["enum"] = new JsonArray("down", "late") },
                                                _ => Ref("quantity"),
                                            }, "lane")),
                                    },
                                    _ => new JsonObject { ["type"] = "string" },
                                })),
                        },
                    },
                    "items" => new JsonObject { ["type"] = "object", ["additionalProperties"] = Ref("policy") },
                    "classes" or "groups" => new JsonObject
                    {
                        ["type"] = "object",
                        ["propertyNames"] = k == "classes" ? new JsonObject { ["pattern"] = "^([ABC][XYZ]?|[XYZ])$" } : new JsonObject { ["type"] = "string" },
                        ["additionalProperties"] = Object(TargetKeys, tk => policy["properties"]![tk]!.DeepClone()),
                    },
                    "stock_points" => new JsonObject
                    {
                        ["type"] = "object",
                        ["additionalProperties"] = Object([.. PolicyKeys, "items"], sk => sk == "items"
                            ? new JsonObject { ["type"] = "object", ["additionalProperties"] = Ref("policy") }
                            : policy["properties"]![sk]!.DeepClone()),
                    },
                    _ => policy["properties"]![k]!.DeepClone(),
                }, "name")),
                "disruptions" => Array(Object(DisruptionKeys, k => k switch
                {
                    "kind" => new JsonObject { ["enum"] = Strings(DisruptionKinds) },
                    "at" => Ref("quantity"),
                    "cancel_open_orders" => new JsonObject { ["type"] = new JsonArray("boolean", "string") },
                    "affects" => new JsonObject { ["enum"] = Strings(OutageEffects) },
                    "markov" => Object(["fail", "recover"], _ => Ref("quantity"), "fail", "recover"),
                    _ => Value(k),
                }, "id", "kind")),
                _ => Ref("quantity"),
            }, keyDescriptions.GetValueOrDefault(key))),
            ["definitions"] = definitions,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary><paramref name="o"/> needs exactly one (<c>oneOf</c>) or at least one (<c>anyOf</c>) of <paramref name="keys"/>.</summary>
    private static JsonObject Needs(JsonObject o, string rule, params string[] keys)
    {
        o[rule] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["required"] = new JsonArray(k) })]);
        return o;
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/definitions/{name}" };

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    private static JsonObject Props(IEnumerable<string> keys, Func<string, JsonNode> value)
    {
        var o = new JsonObject();
        foreach (var key in keys)
        {
            o[key] = value(key);
        }

        return o;
    }

    /// <summary>A mapping that accepts exactly <paramref name="keys"/>.</summary>
    private static JsonObject Object(IEnumerable<string> keys, Func<string, JsonNode> value, params string[] required)
    {
        var o = new JsonObject { ["type"] = "object", ["additionalProperties"] = false };
        if (required.Length > 0)
        {
            o["required"] = Strings(required);
        }

        o["properties"] = Props(keys, value);
        return o;
    }

    private static JsonObject Array(JsonNode items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonNode Described(JsonNode node, string? description)
    {
        if (description is not null && node is JsonObject o)
        {
            o["description"] = description;
        }

        return node;
    }
}
