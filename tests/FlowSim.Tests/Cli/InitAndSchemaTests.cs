using System.Text.Json.Nodes;
using FlowSim.Scenarios;
using NJsonSchema;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim init</c>, <c>flowsim schema</c>, and the schema against the bundled scenarios.</summary>
public class InitAndSchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-init-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(File.ReadAllText(RepoFiles.Path("schemas/flowsim.schema.json"))).GetAwaiter().GetResult());

    public static TheoryData<string> BundledScenarios() => [.. RepoFiles.Scenarios()];

    [Fact]
    public void Init_writes_a_starter_that_runs_as_written()
    {
        var path = Path.Combine(_dir, "my shop");
        var init = CliRunner.Run("init", path);
        Assert.True(init.ExitCode == 0, init.Stderr);
        Assert.True(File.Exists(path + ".yaml"));
        Assert.Contains("name: \"my shop\"", File.ReadAllText(path + ".yaml"));

        var run = CliRunner.Run("run", path + ".yaml", "--trials", "8");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("warning", run.Stderr);
        Assert.Contains("made-to-order", run.Stdout);
    }

    [Fact]
    public void Init_refuses_to_overwrite_an_existing_file()
    {
        var path = Path.Combine(_dir, "mine.yaml");
        File.WriteAllText(path, "my own work");
        var init = CliRunner.Run("init", path);
        Assert.Equal(2, init.ExitCode);
        Assert.Contains("already exists", init.Stderr);
        Assert.Equal("my own work", File.ReadAllText(path));
    }

    [Fact]
    public void Schema_prints_the_committed_schema()
    {
        var outcome = CliRunner.Run("schema");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(File.ReadAllText(RepoFiles.Path("schemas/flowsim.schema.json")).ReplaceLineEndings("\n"), outcome.Stdout);
    }

    [Fact]
    public void The_schema_accepts_exactly_the_top_level_keys_the_loader_reads()
    {
        var top = JsonNode.Parse(ScenarioLoader.JsonSchema)!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(ScenarioLoader.TopKeys.Order(), top.Order());
    }

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Every_bundled_scenario_starts_with_the_schema_comment_for_its_folder(string file)
    {
        var first = File.ReadLines(RepoFiles.Path(file)).First();
        const string Prefix = "# yaml-language-server: $schema=";
        Assert.StartsWith(Prefix, first);
        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepoFiles.Path(file))!, first[Prefix.Length..]));
        Assert.Equal(Path.GetFullPath(RepoFiles.Path("schemas/flowsim.schema.json")), target);
    }

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Every_bundled_scenario_is_valid_under_the_schema(string file)
    {
        var errors = Schema.Value.Validate(YamlAsJson(File.ReadAllText(RepoFiles.Path(file))));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void The_starter_scenario_is_valid_under_the_schema()
    {
        var yaml = FlowSim.Cli.InitCommand.Template().Replace("{{FILE}}", "x.yaml").Replace("{{NAME}}", "x");
        Assert.Empty(Schema.Value.Validate(YamlAsJson(yaml)));
    }

    [Theory]
    [InlineData("horizon: 2y", "horizon: 2y\nhorizn: 3y", "horizn")]
    [InlineData("    price: 28.00", "    price: 28.00\n    prise: 3", "prise")]
    [InlineData("    policy: buffer\n", "    policy: bufer\n", "policy")]
    public void The_schema_catches_a_misspelt_key_or_value(string find, string replace, string where)
    {
        var yaml = File.ReadAllText(RepoFiles.Path("scenarios/quickstart.yaml"));
        Assert.Contains(find, yaml);
        var errors = Schema.Value.Validate(YamlAsJson(ReplaceFirst(yaml, find, replace)));
        Assert.Contains(errors, e => (e.Path + e.Property).Contains(where) || e.ToString().Contains(where));
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    /// <summary>YAML as the JSON an editor's schema check sees: plain scalars that read as numbers or booleans become them.</summary>
    internal static string YamlAsJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!.ToJsonString();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when double.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
