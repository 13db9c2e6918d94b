using System.Text.Json.Nodes;
using FlowSim.Cli;
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
    public void Init_with_schema_writes_the_schema_its_first_line_points_at()
    {
        var path = Path.Combine(_dir, "shop");
        var init = CliRunner.Run("init", path, "--with-schema");
        Assert.True(init.ExitCode == 0, init.Stderr);

        var first = File.ReadLines(path + ".yaml").First();
        const string Prefix = "# yaml-language-server: $schema=";
        Assert.StartsWith(Prefix, first);
        var schema = Path.GetFullPath(Path.Combine(_dir, first[Prefix.Length..]));
        Assert.Equal(Path.Combine(_dir, "flowsim.schema.json"), schema);
        Assert.Equal(CliRunner.Run("schema").Stdout, File.ReadAllText(schema));

        // The header is a comment: the starter still runs as written.
        var run = CliRunner.Run("validate", path + ".yaml");
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    [Fact]
    public void Init_without_schema_has_no_header_pointing_at_a_missing_file_and_says_how_to_get_one()
    {
        var path = Path.Combine(_dir, "shop");
        Assert.Equal(0, CliRunner.Run("init", path).ExitCode);
        var text = File.ReadAllText(path + ".yaml");
        Assert.DoesNotContain("$schema=", text.Split('\n')[0]);
        Assert.False(File.Exists(Path.Combine(_dir, "flowsim.schema.json")));
        Assert.Contains("flowsim schema > flowsim.schema.json", text);
        Assert.Contains("--with-schema", text);
    }

    [Fact]
    public void Init_beside_a_current_schema_keeps_it_and_points_at_it()
    {
        Assert.Equal(0, CliRunner.Run("init", Path.Combine(_dir, "one"), "--with-schema").ExitCode);
        var schema = Path.Combine(_dir, "flowsim.schema.json");
        var written = File.GetLastWriteTimeUtc(schema);

        var again = CliRunner.Run("init", Path.Combine(_dir, "two"), "--with-schema");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(written, File.GetLastWriteTimeUtc(schema));
        Assert.Equal(InitCommand.SchemaHeader, File.ReadLines(Path.Combine(_dir, "two.yaml")).First());

        // Without the option too: the schema is there, so the header works.
        Assert.Equal(0, CliRunner.Run("init", Path.Combine(_dir, "three")).ExitCode);
        Assert.Equal(InitCommand.SchemaHeader, File.ReadLines(Path.Combine(_dir, "three.yaml")).First());
    }

    [Theory]
    [InlineData("scenario")]
    [InlineData("schema")]
    public void Init_with_schema_writes_neither_file_when_either_exists(string existing)
    {
        var scenario = Path.Combine(_dir, "shop.yaml");
        var schema = Path.Combine(_dir, "flowsim.schema.json");
        var taken = existing == "scenario" ? scenario : schema;
        var other = existing == "scenario" ? schema : scenario;
        File.WriteAllText(taken, "my own work");

        var init = CliRunner.Run("init", scenario, "--with-schema");
        Assert.Equal(2, init.ExitCode);
        Assert.Contains(Path.GetFileName(taken), init.Stderr);
        Assert.Contains("nothing was written", init.Stderr);
        Assert.Equal("my own work", File.ReadAllText(taken));
        Assert.False(File.Exists(other), $"{other} was written");
        Assert.Single(Directory.GetFileSystemEntries(_dir));
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
