using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Planning;

namespace FlowSim.Reports;

/// <summary>
/// Where a CSV file came from, written beside it as <c>PATH.provenance.json</c>: the CSV itself
/// holds only the header and the rows, so <c>pandas.read_csv(path)</c> and a spreadsheet read it
/// as it is. The sidecar holds what the results JSON begins with (version, scenario path and
/// hash, overrides, seed, trials, command) and the name of the CSV it describes.
/// </summary>
public static class CsvProvenance
{
    /// <summary>What is appended to a CSV file's path to name its sidecar.</summary>
    public const string Suffix = ".provenance.json";

    /// <summary>The sidecar's path for the CSV at <paramref name="csvPath"/>.</summary>
    public static string PathFor(string csvPath)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        return csvPath + Suffix;
    }

    /// <summary>The sidecar of a run's per-trial CSV.</summary>
    /// <param name="result">The results the CSV holds.</param>
    /// <param name="csvPath">The CSV's path; its file name is recorded.</param>
    /// <param name="stream">Where the JSON goes.</param>
    /// <param name="command">The recorded command, as the results JSON records it.</param>
    public static void Write(ExperimentResult result, string csvPath, Stream stream, IReadOnlyList<string>? command = null) =>
        Write(result, csvPath, stream, command, 0, null);

    /// <summary>The sidecar of a sweep's CSV: the overrides its axes vary are columns, so only the shared ones are recorded.</summary>
    public static void Write(SweepResult sweep, string csvPath, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        Write(sweep.Points[0].Result, csvPath, stream, command, sweep.Axes.Length, null);
    }

    /// <summary>The sidecar of an audit's CSV, with the day its outages start.</summary>
    public static void Write(AuditResult audit, string csvPath, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        Write(audit.Baseline, csvPath, stream, command, 0, w => w.WriteNumber("outage_start_day", audit.OutageStartDays));
    }

    /// <summary>The sidecar of an optimisation's CSV: the parameter it varies is a column, so only the other overrides are recorded.</summary>
    public static void Write(OptimizationResult optimization, string csvPath, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(optimization);
        Write(optimization.Candidates[0].Result, csvPath, stream, command, 1, null);
    }

    /// <summary>The sidecar of a joint optimisation's CSV: the settings it varies are columns, so only the other overrides are recorded.</summary>
    public static void Write(JointOptimizationResult optimization, string csvPath, Stream stream, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(optimization);
        Write(optimization.Candidates[0].Result, csvPath, stream, command, optimization.Paths.Length, null);
    }

    private static void Write(ExperimentResult result, string csvPath, Stream stream, IReadOnlyList<string>? command, int varied, Action<Utf8JsonWriter>? more)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(csvPath);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = ResultsJson.Writer(stream);
        w.WriteStartObject();
        w.WriteString("describes", Path.GetFileName(csvPath));
        ResultsJson.Header(w, result, command, varied);
        more?.Invoke(w);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
