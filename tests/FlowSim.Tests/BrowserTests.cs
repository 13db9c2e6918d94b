namespace FlowSim.Tests;

/// <summary>Without a browser, a browser test is skipped and says why; it never passes without having run.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class BrowserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Given_FLOWSIM_CHROMIUM_naming_no_file_When_a_browser_test_starts_Then_it_is_skipped_naming_the_path()
    {
        var skip = Assert.Throws<SkipException>(() => Browser.RequireChromium(Environment(("FLOWSIM_CHROMIUM", "/nonexistent"), ("PATH", "/usr/bin"))));

        Assert.Contains("FLOWSIM_CHROMIUM=/nonexistent is not a file", skip.Message);
    }

    [Fact]
    public void Given_no_chromium_on_the_PATH_When_a_browser_test_starts_Then_it_is_skipped_saying_how_to_install_one()
    {
        var skip = Assert.Throws<SkipException>(() => Browser.RequireChromium(Environment(("PATH", _dir))));

        Assert.Contains("no Chromium on the PATH", skip.Message);
        Assert.Contains("apt-get install -y chromium", skip.Message);
    }

    [Fact]
    public void Given_FLOWSIM_SKIP_BROWSER_TESTS_When_chromium_is_installed_Then_the_test_is_still_skipped_not_passed()
    {
        var chromium = FakeChromium("chromium");

        var skip = Assert.Throws<SkipException>(() => Browser.RequireChromium(Environment(("FLOWSIM_SKIP_BROWSER_TESTS", "1"), ("FLOWSIM_CHROMIUM", chromium))));

        Assert.Contains("FLOWSIM_SKIP_BROWSER_TESTS=1", skip.Message);
    }

    [Fact]
    public void Given_chromium_on_the_PATH_or_in_FLOWSIM_CHROMIUM_When_a_browser_test_starts_Then_it_runs_that_one()
    {
        var onPath = FakeChromium("chromium-browser");
        var named = FakeChromium("my-chromium");

        Assert.Equal(onPath, Browser.RequireChromium(Environment(("PATH", $"/nonexistent{Path.PathSeparator}{_dir}"))));
        Assert.Equal(named, Browser.RequireChromium(Environment(("FLOWSIM_CHROMIUM", named), ("PATH", _dir))));
    }

    private string FakeChromium(string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
