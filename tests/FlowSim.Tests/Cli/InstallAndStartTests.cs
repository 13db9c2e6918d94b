using System.Xml.Linq;

namespace FlowSim.Tests.Cli;

/// <summary>What someone meets first: the tool package's metadata and <c>flowsim</c> typed alone.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public class InstallAndStartTests
{
    [Fact]
    public void Flowsim_alone_prints_the_command_list_on_stdout_and_succeeds()
    {
        var outcome = CliRunner.Run();
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal("", outcome.Stderr);
        Assert.Contains("Usage:", outcome.Stdout);
        foreach (var command in new[] { "run", "validate", "compare", "sweep", "optimize", "audit", "init", "schema", "merge" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", outcome.Stdout);
        }
    }

    [Fact]
    public void Flowsim_alone_as_a_process_prints_the_usage_and_exits_0()
    {
        using var child = ChildProcess.Start(Path.GetTempPath());
        var (code, stdout, stderr) = child.WaitForExit(TimeSpan.FromSeconds(60)) ?? throw new TimeoutException("flowsim with no arguments did not exit");
        Assert.True(code == 0, stderr);
        Assert.Contains("Usage:", stdout);
        Assert.Contains("validate", stdout);
    }

    [Fact]
    public void The_tool_package_declares_real_metadata_and_packs_the_readme_and_licence()
    {
        var project = XDocument.Load(RepoFiles.Path("src/FlowSim.Cli/FlowSim.Cli.csproj"));
        string Property(string name) => project.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault() ?? "";

        Assert.Equal("true", Property("PackAsTool"));
        Assert.Equal("flowsim", Property("ToolCommandName"));
        Assert.Equal("FlowSim.Cli", Property("PackageId"));
        Assert.Equal("MIT", Property("PackageLicenseExpression"));
        Assert.Equal("README.md", Property("PackageReadmeFile"));
        Assert.Contains("supply chain", Property("Description"));
        foreach (var name in new[] { "Authors", "PackageProjectUrl", "RepositoryUrl", "PackageTags" })
        {
            Assert.False(string.IsNullOrWhiteSpace(Property(name)), $"{name} is not set");
        }

        // The readme the package names must be packed at its root, from the repository's README.
        var readme = project.Descendants("None").Single(e => (string?)e.Attribute("Include") == "../../README.md");
        Assert.Equal("true", (string?)readme.Attribute("Pack"));
        Assert.Equal("/", (string?)readme.Attribute("PackagePath"));
        Assert.True(File.Exists(RepoFiles.Path("README.md")));
        Assert.StartsWith("MIT License", File.ReadAllText(RepoFiles.Path("LICENSE")));
    }

    [Fact]
    public void The_readme_names_the_package_id_the_tool_installs_from()
    {
        var readme = File.ReadAllText(RepoFiles.Path("README.md"));
        Assert.Contains("dotnet pack src/FlowSim.Cli -c Release -o ./artifacts", readme);
        Assert.Contains("dotnet tool install --global FlowSim.Cli --add-source ./artifacts", readme);
        Assert.Contains("flowsim run scenarios/quickstart.yaml", readme);
    }

    [Fact]
    public void Packing_writes_a_ReadyToRun_package_for_linux_x64_and_a_portable_one_for_every_other_platform()
    {
        // Precompiled code is what brings `validate` under 0.3 s (benchmarks/README.md); the portable
        // `any` package keeps the tool installable where no precompiled package was packed.
        var project = XDocument.Load(RepoFiles.Path("src/FlowSim.Cli/FlowSim.Cli.csproj"));
        var packing = project.Descendants("PropertyGroup")
            .Single(g => ((string?)g.Attribute("Condition") ?? "").Contains("'$(_IsPacking)' == 'true'"));
        string Property(string name) => packing.Elements(name).Select(e => e.Value.Trim()).Single();

        Assert.Equal("true", Property("PublishReadyToRun"));
        Assert.Equal("linux-x64", Property("FlowSimReadyToRunRids"));
        Assert.Equal("$(FlowSimReadyToRunRids);any", Property("ToolPackageRuntimeIdentifiers"));
        Assert.Equal("$(FlowSimReadyToRunRids);any", Property("RuntimeIdentifiers"));

        // Nothing outside packing names a platform: build, test and run stay portable.
        var elsewhere = project.Descendants("PropertyGroup").Where(g => g != packing).Elements().Select(e => e.Name.LocalName);
        Assert.DoesNotContain("RuntimeIdentifiers", elsewhere);
        Assert.DoesNotContain("RuntimeIdentifier", elsewhere);
        Assert.DoesNotContain("PublishReadyToRun", elsewhere);
    }
}
