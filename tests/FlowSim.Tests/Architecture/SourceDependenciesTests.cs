namespace FlowSim.Tests.Architecture;

/// <summary>The reader behind the architecture test sees every way C# names another namespace, and nothing else.</summary>
public sealed class SourceDependenciesTests
{
    private const string Scenarios = """
        namespace FlowSim.Scenarios;

        public static class Units { public const double DaysPerYear = 365; }
        """;

    private const string Reports = """
        namespace FlowSim.Reports.Html;

        internal static class Page { }
        """;

    [Theory]
    [InlineData("using FlowSim.Scenarios;")]
    [InlineData("using static FlowSim.Scenarios.Units;")]
    [InlineData("using U = FlowSim.Scenarios.Units;")]
    [InlineData("using FlowSim.Reports.Html;", "FlowSim.Reports")]
    public void A_using_directive_names_its_namespace(string directive, string expected = "FlowSim.Scenarios")
    {
        Assert.Equal([expected], Named(directive + "\n\nnamespace FlowSim.Engine;\n\ninternal static class E { }\n"));
    }

    [Theory]
    [InlineData("var d = FlowSim.Scenarios.Units.DaysPerYear;")]
    [InlineData("var d = global::FlowSim.Scenarios.Units.DaysPerYear;")]
    [InlineData("FlowSim.Scenarios.Units? u = null;")]
    [InlineData("var d = Scenarios.Units.DaysPerYear;")]
    [InlineData("var d = $\"{Scenarios.Units.DaysPerYear}\";")]
    public void A_qualified_name_in_code_names_its_namespace(string statement)
    {
        Assert.Equal(["FlowSim.Scenarios"], Named(InMethod(statement)));
    }

    [Fact]
    public void A_cref_names_its_namespace()
    {
        var source = "namespace FlowSim.Engine;\n\n/// <summary>Days as in <see cref=\"FlowSim.Scenarios.Units\"/>.</summary>\ninternal static class E { }\n";
        Assert.Equal(["FlowSim.Scenarios"], Named(source));
    }

    [Theory]
    [InlineData("// FlowSim.Scenarios.Units.DaysPerYear")]
    [InlineData("/* using FlowSim.Scenarios; */")]
    [InlineData("var s = \"FlowSim.Scenarios.Units\";")]
    [InlineData("var Scenarios = new { Count = 1 }; var n = Scenarios.Count;")]
    [InlineData("var d = System.Math.PI;")]
    public void Comments_strings_and_names_that_are_no_namespace_name_nothing(string statement)
    {
        Assert.Empty(Named(InMethod(statement)));
    }

    [Fact]
    public void A_file_without_a_namespace_belongs_to_its_project()
    {
        var file = SourceDependencies.Read([("src/FlowSim.Cli/Program.cs", "using FlowSim.Scenarios;\nreturn 0;\n", "FlowSim.Cli"), ("src/FlowSim/Scenarios/Units.cs", Scenarios, "FlowSim")])[0];
        Assert.Equal("FlowSim.Cli", file.Namespace);
        Assert.Equal("FlowSim.Scenarios", Assert.Single(file.References).Namespace);
    }

    [Fact]
    public void A_reference_records_its_line_and_text()
    {
        var reference = Assert.Single(Read(InMethod("var d = Scenarios.Units.DaysPerYear;"))[0].References);
        Assert.Equal(new SourceReference("FlowSim.Scenarios", 7, "Scenarios.Units.DaysPerYear"), reference);
    }

    private static string InMethod(string statement) => $$"""
        namespace FlowSim.Engine;

        internal static class E
        {
            public static void M()
            {
                {{statement}}
            }
        }
        """;

    private static IReadOnlyList<SourceFile> Read(string source) =>
        SourceDependencies.Read([("src/FlowSim/Engine/E.cs", source, "FlowSim"), ("src/FlowSim/Scenarios/Units.cs", Scenarios, "FlowSim"), ("src/FlowSim.Reports/Html/Page.cs", Reports, "FlowSim.Reports")]);

    private static List<string> Named(string source) =>
        [.. NamedBy(Read(source)[0]).Distinct()];

    private static IEnumerable<string> NamedBy(SourceFile file) => file.References.Select(r => r.Namespace);
}
