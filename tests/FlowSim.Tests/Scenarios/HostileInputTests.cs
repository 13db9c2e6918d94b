using System.Diagnostics;
using System.Text;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// Files built to exhaust a parser (alias bombs, deep nesting, huge lists of mistakes) are refused
/// quickly and with bounded memory, while ordinary uses of the same YAML features still load.
/// </summary>
public class HostileInputTests
{
    private static readonly string Quickstart = File.ReadAllText(RepoFiles.Path("scenarios/quickstart.yaml"));

    /// <summary>Loads text and measures the time and memory the load took on this thread.</summary>
    private static (ScenarioLoadResult Result, TimeSpan Time, long Bytes) Measure(string yaml)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = ScenarioLoader.Parse(yaml, "hostile.yaml");
        return (result, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Ten levels of ten aliases each: 10^10 values if expanded.</summary>
    private static string AliasBomb(string placeAt) =>
        "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + string.Concat(Enumerable.Range(1, 10).Select(k => $"a{k}: &a{k} [{string.Join(", ", Enumerable.Repeat($"*a{k - 1}", 10))}]\n"))
        + placeAt;

    [Fact]
    public void A_billion_laughs_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit()
    {
        var (result, time, bytes) = Measure(AliasBomb(Quickstart));

        var error = Assert.Single(result.Errors);
        Assert.Contains("aliases (*name) repeat more than 100,000 values", error.Message);
        Assert.True(error.Line is >= 2 and <= 11, $"reported on line {error.Line}, expected within the alias lines");
        Assert.True(time < TimeSpan.FromSeconds(5), $"took {time}");
        Assert.True(bytes < 100_000_000, $"allocated {bytes:N0} bytes");
    }

    [Fact]
    public void An_alias_bomb_hidden_in_a_list_the_loader_reads_is_refused_too()
    {
        // Each lane repeats a long item list: the reader would walk lanes x items.
        var lanes = "lanes:\n  - &lane { from: kiln, to: studio, items: [" + string.Join(", ", Enumerable.Repeat("mug", 1000)) + "] }\n"
            + string.Concat(Enumerable.Repeat("  - *lane\n", 50_000));
        var yaml = Quickstart.Replace("lanes:\n  - from: kiln\n    to: studio          # carries every item; the lead time is the kiln's\n", lanes);
        Assert.NotEqual(Quickstart, yaml);

        var (result, time, _) = Measure(yaml);

        Assert.Contains(result.Errors, e => e.Message.Contains("aliases (*name) repeat more than"));
        Assert.True(time < TimeSpan.FromSeconds(5), $"took {time}");
    }

    [Fact]
    public void Anchors_and_aliases_used_to_share_settings_still_load()
    {
        var yaml = Quickstart
            .Replace("      - { at: 0d, quantity: newsvendor }\n      - { at: 26w", "      - &first { at: 0d, quantity: newsvendor }\n      - { at: 26w")
            .Replace("          - { at: 0d, quantity: newsvendor }\n", "          - *first\n");

        var result = ScenarioLoader.Parse(yaml, "anchors.yaml");

        Assert.True(result.Scenario is not null, string.Join("\n", result.Findings));
    }

    [Fact]
    public void Nesting_thousands_of_levels_deep_is_refused_without_exhausting_the_stack()
    {
        var (result, time, _) = Measure(Quickstart + "extra: " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var error = Assert.Single(result.Errors);
        Assert.Contains("nested more than 64 levels deep", error.Message);
        Assert.True(time < TimeSpan.FromSeconds(5), $"took {time}");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var bytes = new byte[ScenarioLoader.MaxFileBytes + 1];
        Array.Fill(bytes, (byte)'#');

        var (result, _, allocated) = Measure(Encoding.ASCII.GetString(bytes));

        var error = Assert.Single(result.Errors);
        Assert.Equal("hostile.yaml: file is 4,194,305 bytes; scenarios are limited to 4,194,304 bytes", error.ToString());
        Assert.True(allocated < 20_000_000, $"allocated {allocated:N0} bytes: the file must be refused before it is decoded");
    }

    [Fact]
    public void An_endless_device_is_refused_without_being_read()
    {
        // A device reports no length, so a size check before reading cannot catch it; its kind can.
        Assert.True(OperatingSystem.IsWindows() || File.Exists("/dev/zero"), "/dev/zero is expected on Unix-like systems");
        var path = OperatingSystem.IsWindows() ? null : "/dev/zero";
        if (path is null)
        {
            return;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ScenarioLoader.Load(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal("/dev/zero: is a device, not a regular file; a scenario is read only from a regular file", error.ToString());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "nothing may be read from a device");
    }

    [Fact]
    public void The_size_limit_holds_while_reading_a_file_that_reports_no_length()
    {
        // Files in /proc report a length of 0 whatever they hold: only counting while reading stops them.
        if (!File.Exists("/proc/self/maps"))
        {
            Assert.True(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), "/proc/self/maps is expected on Linux");
            return;
        }

        Assert.Equal(0, new FileInfo("/proc/self/maps").Length);

        var bytes = InputFile.TryRead("/proc/self/maps", 100, "scenario", out var problem);

        Assert.Null(bytes);
        Assert.Equal("holds more than 100 bytes; scenarios are limited to 100 bytes", problem);
    }

    [Fact]
    public void Thousands_of_mistakes_list_the_first_500_and_count_the_rest()
    {
        var items = string.Concat(Enumerable.Range(0, 3000).Select(i => $"  - {{ id: it{i}, unit_cost: -1, price: 2 }}\n"));
        var yaml = Quickstart.Replace("\nitems:\n", "\nitems:\n" + items);

        var (result, time, _) = Measure(yaml);

        Assert.Equal(501, result.Findings.Length);
        var last = result.Findings[^1];
        Assert.Equal(Severity.Error, last.Severity);
        Assert.Matches(@"^hostile\.yaml: [\d,]+ more problems are not listed; fix the ones above and check again$", last.ToString());
        Assert.True(time < TimeSpan.FromSeconds(10), $"took {time}");
    }

    [Fact]
    public void A_scenario_with_thousands_of_items_is_checked_in_linear_time()
    {
        const int n = 4000;
        var sb = new StringBuilder("name: many\nhorizon: 1y\nitems:\n");
        for (var i = 0; i < n; i++)
        {
            sb.Append($"  - {{ id: it{i}, unit_cost: 1, price: 2 }}\n");
        }

        sb.Append("suppliers:\n  - { id: s, lead_time: 3d }\nstock_points:\n  - id: shop\nlanes:\n  - { from: s, to: shop }\ndemand:\n");
        for (var i = 0; i < n; i++)
        {
            sb.Append($"  - {{ item: it{i}, at: shop, daily: 1 }}\n");
        }

        sb.Append("strategies:\n  - { name: b, policy: buffer }\n");

        var (result, time, _) = Measure(sb.ToString());

        Assert.True(result.Scenario is not null, string.Join("\n", result.Findings.Take(5)));
        Assert.Equal(n, result.Scenario!.Stocked.Length);
        Assert.True(time < TimeSpan.FromSeconds(10), $"took {time}");
    }
}
