using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

/// <summary>The outcome of loading a scenario: the scenario when it is valid, and every finding.</summary>
/// <param name="Scenario">The validated scenario; null when there are errors.</param>
/// <param name="Findings">Errors and warnings, in file order.</param>
public sealed record ScenarioLoadResult(Scenario? Scenario, ImmutableArray<ScenarioError> Findings)
{
    /// <summary>The errors only.</summary>
    public IEnumerable<ScenarioError> Errors => Findings.Where(f => f.Severity == Severity.Error);

    /// <summary>The warnings only.</summary>
    public IEnumerable<ScenarioError> Warnings => Findings.Where(f => f.Severity == Severity.Warning);
}

/// <summary>
/// Reads a scenario file, checks every value and cross-reference, and returns an immutable
/// <see cref="Scenario"/> or the complete list of problems, each with file, line, column and
/// field path. Never throws for bad input.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Files larger than this are refused before parsing.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Most trials a scenario may ask for.</summary>
    public const int MaxTrials = 10_000_000;

    /// <summary>Most characters in an id (of an item, supplier, stock point or disruption, or a shared event's name).</summary>
    internal const int MaxIdLength = 64;

    /// <summary>Longest horizon a scenario may have, in days (200 years).</summary>
    public const double MaxHorizonDays = 200 * Units.DaysPerYear;

    /// <summary>The most servers a production line may have (each is tracked on its own).</summary>
    public const int MaxServers = 10_000;

    /// <summary>How the last finding ends when more problems were found than are listed.</summary>
    public const string UnlistedNote = "more problems are not listed; fix the ones above and check again";

    /// <summary>Loads and checks a scenario file.</summary>
    /// <param name="path">Path to the YAML file; reported in messages exactly as given.</param>
    public static ScenarioLoadResult Load(string path) => Load(path, []);

    /// <summary>Loads and checks a scenario file with what-if overrides applied (see <see cref="ScenarioOverride"/>).</summary>
    /// <param name="path">Path to the YAML file; reported in messages exactly as given.</param>
    /// <param name="overrides">Settings to change, in order; each is checked as if written in the file.</param>
    public static ScenarioLoadResult Load(string path, ImmutableArray<ScenarioOverride> overrides)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            var none = new Findings("''");
            none.Error(null, "", "no scenario file named; give the path to a scenario .yaml file");
            return Done(null, none);
        }

        var findings = new Findings(path);
        // Regular files only: a pipe or a device (/dev/zero) is refused at once, never waited on or read forever.
        var bytes = InputFile.TryRead(path, MaxFileBytes, "scenario", out var problem);
        if (bytes is null)
        {
            findings.Error(null, "", problem);
            return Done(null, findings);
        }

        return Parse(bytes, path, overrides);
    }

    /// <summary>Checks a scenario given as bytes (for tests and tools); <paramref name="file"/> names it in messages.</summary>
    public static ScenarioLoadResult Parse(byte[] bytes, string file) => Parse(bytes, file, []);

    /// <summary>Checks a scenario given as bytes with overrides applied; <paramref name="file"/> names it in messages.</summary>
    public static ScenarioLoadResult Parse(byte[] bytes, string file, ImmutableArray<ScenarioOverride> overrides)
    {
        var findings = new Findings(file);
        if (bytes.Length > MaxFileBytes)
        {
            findings.Error(null, "", $"file is {bytes.Length:N0} bytes; scenarios are limited to {MaxFileBytes:N0} bytes");
            return Done(null, findings);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            findings.Error(null, "", "is not UTF-8 text; save the scenario as UTF-8 YAML");
            return Done(null, findings);
        }

        if (text.Contains('\0'))
        {
            findings.Error(null, "", "is a binary file, not YAML text");
            return Done(null, findings);
        }

        // Editors on Windows may start UTF-8 files with a byte order mark; it is not part of the first key.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new GuardedParser(text, findings));
            if (stream.Documents.Count == 0)
            {
                findings.Error(null, "", string.IsNullOrWhiteSpace(text)
                    ? "the file is empty; expected a scenario with name, horizon, items, suppliers, stock_points, lanes, demand and strategies"
                    : "holds only comments; expected a scenario with name, horizon, items, suppliers, stock_points, lanes, demand and strategies");
                return Done(null, findings);
            }

            // A stray "---" at the end makes an empty second document; only one with content is a mistake.
            if (stream.Documents.Skip(1).FirstOrDefault(d => d.RootNode is not YamlScalarNode { Value: "" or null }) is { } second)
            {
                findings.Error(second.RootNode, "", "a second YAML document starts here, after '---'; a scenario file holds one");
                return Done(null, findings);
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!overrides.IsDefaultOrEmpty && !ScenarioOverrides.Apply(stream.Documents[0].RootNode, overrides, findings))
            {
                return Done(null, findings);
            }

            var scenario = new Reader(findings).ReadScenario(stream.Documents[0].RootNode, new ScenarioSource(file, hash) { Overrides = overrides.IsDefault ? [] : overrides });
            return Done(findings.HasErrors ? null : scenario, findings);
        }
        catch (StopLoading)
        {
            return Done(null, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last resort: the checks above should leave nothing to throw, but a planner gets a finding, not a crash.
            findings.Error(null, "", $"could not be checked ({e.Message.TrimEnd('.')}); please report this with the file");
            return Done(null, findings);
        }
    }

    /// <summary>Checks a scenario given as text (for tests); <paramref name="file"/> names it in messages.</summary>
    public static ScenarioLoadResult Parse(string yaml, string file) => Parse(Encoding.UTF8.GetBytes(yaml), file);

    // Findings come out in file order, whatever order the checks ran in; whole-file ones first.
    private static ScenarioLoadResult Done(Scenario? s, Findings f)
    {
        var ordered = f.Items.OrderBy(e => e.Line).ThenBy(e => e.Column);
        return f.Unlisted == 0
            ? new(s, [.. ordered])
            : new(s, [.. ordered, new ScenarioError(f.File, 0, 0, "", $"{f.Unlisted:N0} {UnlistedNote}")]);
    }

    /// <summary>Where to read a distribution's parameters: as durations (lead times) or daily quantities (demand).</summary>
    private enum Measure
    {
        Duration,
        DailyQuantity,

        /// <summary>Units per customer order: plain numbers, no rate.</summary>
        OrderQuantity,
    }
}
