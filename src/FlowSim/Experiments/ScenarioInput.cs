using System.Collections.Immutable;
using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>
/// Where a scenario comes from, for commands that load it more than once with different overrides
/// (each point of a sweep, each candidate of an optimisation): a file read again at every load, or
/// bytes read once, such as standard input, which cannot be read twice.
/// </summary>
public sealed class ScenarioInput
{
    private readonly string? _path;
    private readonly byte[]? _bytes;

    private ScenarioInput(string name, string? path, byte[]? bytes, string recordedPath)
    {
        Name = name;
        _path = path;
        _bytes = bytes;
        RecordedPath = recordedPath;
    }

    /// <summary>How messages name the scenario: the path as given, or a name such as <c>&lt;stdin&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>What results record as the scenario's path: the file's path, or the argument that stood for the bytes (<c>-</c>).</summary>
    public string RecordedPath { get; }

    /// <summary>A scenario file, read at every load.</summary>
    /// <param name="path">Path to the YAML file; reported in messages exactly as given.</param>
    public static ScenarioInput FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new ScenarioInput(path, path, null, path);
    }

    /// <summary>A scenario already read, loaded from these bytes every time.</summary>
    /// <param name="bytes">The YAML as read.</param>
    /// <param name="name">How messages name it (<c>&lt;stdin&gt;</c>); history files are found relative to the working directory.</param>
    /// <param name="recordedPath">What results record as its path (<c>-</c>).</param>
    public static ScenarioInput FromBytes(byte[] bytes, string name, string recordedPath)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(recordedPath);
        return new ScenarioInput(name, null, [.. bytes], recordedPath);
    }

    /// <summary>Loads and checks the scenario with overrides applied, as <see cref="ScenarioFile.Load(string, ImmutableArray{ScenarioOverride})"/> does.</summary>
    /// <param name="overrides">Settings to change, in order.</param>
    public ScenarioLoadResult Load(ImmutableArray<ScenarioOverride> overrides)
    {
        if (_path is not null)
        {
            return ScenarioFile.Load(_path, overrides);
        }

        var loaded = ScenarioFile.Parse(_bytes!, Name, overrides);
        return loaded.Scenario is { } scenario ? loaded with { Scenario = scenario with { Source = scenario.Source with { Path = RecordedPath } } } : loaded;
    }

    /// <summary>The scenario's text; null when the file cannot be read.</summary>
    public string? ReadText()
    {
        if (_bytes is not null)
        {
            // As File.ReadAllText does: a byte order mark is not text.
            using var reader = new StreamReader(new MemoryStream(_bytes, writable: false));
            return reader.ReadToEnd();
        }

        try
        {
            return File.ReadAllText(_path!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
