using FlowSim.Scenarios;

namespace FlowSim.Fuzz;

/// <summary>
/// The property every fuzzer checks: whatever bytes a scenario file holds, loading it gives a
/// valid scenario or a list of findings, and never throws or gives up with an internal error.
/// </summary>
public static class FuzzTarget
{
    /// <summary>The name the fuzzed bytes are reported under.</summary>
    public const string FileName = "fuzz.yaml";

    /// <summary>Loads <paramref name="data"/> as a scenario; throws <see cref="FuzzFailure"/> when the property does not hold.</summary>
    /// <returns>The load result, for callers that check more.</returns>
    public static ScenarioLoadResult LoadScenario(ReadOnlySpan<byte> data)
    {
        var result = ScenarioLoader.Parse(data.ToArray(), FileName);
        var errors = result.Errors.ToList();
        if (result.Scenario is null && errors.Count == 0)
        {
            throw new FuzzFailure("no scenario and no error to say why");
        }

        if (result.Scenario is not null && errors.Count > 0)
        {
            throw new FuzzFailure("a scenario despite errors: " + errors[0]);
        }

        foreach (var f in result.Findings)
        {
            // The loader turns an exception it did not expect into this finding; for a fuzzer that is a crash.
            if (f.Message.Contains("could not be checked", StringComparison.Ordinal))
            {
                throw new FuzzFailure(f.ToString());
            }

            if (f.File != FileName || f.Line < 0 || f.Column < 0 || f.Message.Length == 0)
            {
                throw new FuzzFailure("a finding without a proper place or message: " + f);
            }
        }

        return result;
    }
}

/// <summary>The loader broke its contract on some input.</summary>
public sealed class FuzzFailure(string message) : Exception(message);
