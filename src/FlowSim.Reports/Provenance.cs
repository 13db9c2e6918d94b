using System.Reflection;

namespace FlowSim.Reports;

/// <summary>
/// Where a result came from: enough to reproduce it, and nothing that differs between
/// equivalent runs (no thread count, no wall time, no host name).
/// </summary>
public static class Provenance
{
    /// <summary>The FlowSim version, as written into every output.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var v = typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = v.IndexOf('+');
        return plus < 0 ? v : v[..plus];
    }
}
