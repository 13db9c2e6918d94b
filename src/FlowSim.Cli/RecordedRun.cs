using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using FlowSim.Experiments;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>The run a results file records, rebuilt from its fields and checked against its command.</summary>
/// <param name="Command">The recorded command, every token understood; written into the new result unchanged.</param>
/// <param name="ScenarioPath">Where the scenario was, relative to where the run started.</param>
/// <param name="Sha256">The scenario file's recorded hash.</param>
/// <param name="Version">The FlowSim version that made the file.</param>
/// <param name="Overrides">The <c>--set</c> overrides, in order.</param>
/// <param name="Options">Seed, trials, precision and attribution.</param>
/// <param name="OmitsSeed">True when the command has no <c>--seed</c>: the scenario's seed ran.</param>
/// <param name="OmitsTrials">True when the command has no <c>--trials</c>: the scenario's trials ran.</param>
internal sealed record RecordedRun(IReadOnlyList<string> Command, string ScenarioPath, string Sha256, string Version, ImmutableArray<ScenarioOverride> Overrides, RunOptions Options, bool OmitsSeed, bool OmitsTrials)
{
    /// <summary>Options of <c>run</c> a rerun understands, each with a value.</summary>
    private static readonly string[] ValueOptions = ["--set", "--trials", "--seed", "--precision", "--max-trials", "--rank", "--percentiles"];

    /// <summary>Reads a results file; null with what is wrong in <paramref name="problem"/>.</summary>
    public static RecordedRun? Read(byte[] bytes, out string problem)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return Read(doc.RootElement, out problem);
        }
        catch (JsonException e)
        {
            problem = $"is not valid JSON ({e.Message.TrimEnd('.')})";
            return null;
        }
    }

    private static RecordedRun? Read(JsonElement root, out string problem)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.Array
            || !root.TryGetProperty("scenario", out var scenario) || scenario.ValueKind != JsonValueKind.Object
            || !scenario.TryGetProperty("path", out var scenarioPath) || scenarioPath.ValueKind != JsonValueKind.String
            || !scenario.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String)
        {
            problem = "is not a results file with a recorded command (expected 'command', 'scenario.path' and 'scenario.sha256', as 'flowsim run --json' writes)";
            return null;
        }

        var args = command.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : null).ToList();
        if (args.Count == 0 || args[0] != "run" || args.Any(a => a is null))
        {
            problem = "records a command that is not a 'flowsim run'; only runs can be repeated";
            return null;
        }

        if (!scenario.TryGetProperty("overrides", out var overridesField) || overridesField.ValueKind != JsonValueKind.Array
            || overridesField.EnumerateArray().Any(o => o.ValueKind != JsonValueKind.String))
        {
            problem = Missing("scenario.overrides", "a list of PATH=VALUE texts");
            return null;
        }

        if (!root.TryGetProperty("seed", out var seedField) || !seedField.TryGetUInt64(out var seed))
        {
            problem = Missing("seed", "a whole number");
            return null;
        }

        if (!root.TryGetProperty("trials", out var trialsField) || !trialsField.TryGetInt32(out var trials) || trials is < 1 or > ScenarioLoader.MaxTrials)
        {
            problem = Missing("trials", $"a whole number from 1 to {ScenarioLoader.MaxTrials:N0}");
            return null;
        }

        if (!root.TryGetProperty("attributed", out var attributedField) || attributedField.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problem = Missing("attributed", "true or false");
            return null;
        }

        // Files written before verdicts had a ranking measure have no rank_by: nothing to check it against.
        RankMeasure? rankBy = null;
        if (root.TryGetProperty("rank_by", out var rankField))
        {
            if (rankField.ValueKind != JsonValueKind.String || !RankMeasures.TryParse(rankField.GetString(), out var r))
            {
                problem = Missing("rank_by", "profit or total_cost");
                return null;
            }

            rankBy = r;
        }

        Precision? precision = null;
        if (root.TryGetProperty("precision", out var precisionField))
        {
            precision = ReadPrecision(precisionField, out problem);
            if (precision is null)
            {
                return null;
            }
        }

        var given = Parse(args!, out problem);
        if (given is null)
        {
            return null;
        }

        var recorded = new Given(
            scenarioPath.GetString()!,
            [.. overridesField.EnumerateArray().Select(o => o.GetString()!)],
            seed,
            precision is null ? trials : precision.BatchTrials,
            precision?.Target,
            precision?.MaxTrials,
            attributedField.GetBoolean(),
            rankBy);
        if (Contradiction(given, recorded) is { } contradiction)
        {
            problem = $"records a command that does not match its own fields: {contradiction}; the file has been edited, nothing was run";
            return null;
        }

        problem = "";
        var version = root.TryGetProperty("flowsim_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "unknown";
        var options = new RunOptions(
            Trials: precision is null ? trials : precision.BatchTrials ?? given.Trials,
            Seed: seed,
            Precision: precision?.Target,
            MaxTrials: precision?.MaxTrials,
            Attribute: given.Attribute,
            Rank: given.Rank ?? rankBy,
            ItemLocationPercentiles: given.ItemLocationPercentiles);
        return new RecordedRun(args!, recorded.Scenario, sha.GetString()!, version, [.. recorded.Overrides.Select(o => ScenarioOverride.TryParse(o)!)], options,
            OmitsSeed: given.Seed is null, OmitsTrials: given.Trials is null);
    }

    /// <summary>Where an option the command leaves out took another value from the scenario than the fields record, or null.</summary>
    public string? ContradictionWith(Scenario scenario)
    {
        if (OmitsSeed && Options.Seed is { } seed && scenario.Seed != seed)
        {
            return $"its command has no --seed, so the scenario's seed {scenario.Seed} ran, but its seed is {seed}";
        }

        return OmitsTrials && Options.Trials is { } trials && scenario.Trials != trials
            ? $"its command has no --trials, so the scenario's {scenario.Trials} trials ran, but its {(Options.Precision is null ? "trials are" : "precision.batch_trials are")} {trials}"
            : null;
    }

    /// <summary>The <c>precision</c> block: target, most trials and (since it is recorded) the batch size.</summary>
    private sealed record Precision(double Target, int MaxTrials, int? BatchTrials);

    private static Precision? ReadPrecision(JsonElement field, out string problem)
    {
        problem = "";
        if (field.ValueKind != JsonValueKind.Object
            || !field.TryGetProperty("target", out var target) || !target.TryGetDouble(out var share) || !(share > 0 && share < 1))
        {
            problem = Missing("precision.target", "a share above 0 and below 1");
            return null;
        }

        if (!field.TryGetProperty("max_trials", out var max) || !max.TryGetInt32(out var maxTrials) || maxTrials is < 1 or > ScenarioLoader.MaxTrials)
        {
            problem = Missing("precision.max_trials", $"a whole number from 1 to {ScenarioLoader.MaxTrials:N0}");
            return null;
        }

        int? batch = null;
        if (field.TryGetProperty("batch_trials", out var batchField))
        {
            if (!batchField.TryGetInt32(out var b) || b is < 1 or > ScenarioLoader.MaxTrials)
            {
                problem = Missing("precision.batch_trials", $"a whole number from 1 to {ScenarioLoader.MaxTrials:N0}");
                return null;
            }

            batch = b;
        }

        return new Precision(share, maxTrials, batch);
    }

    private static string Missing(string key, string expected) =>
        $"has no usable '{key}' (expected {expected}, as 'flowsim run --json' writes); a rerun rebuilds the run from it, so nothing was run";

    /// <summary>What a run was given: by its command, or by the results file's fields.</summary>
    private sealed record Given(string Scenario, List<string> Overrides, ulong? Seed, int? Trials, double? Precision, int? MaxTrials, bool Attribute, RankMeasure? Rank = null)
    {
        /// <summary>The command asked for item-location percentiles, which change what the results file holds.</summary>
        public bool ItemLocationPercentiles { get; init; }
    }

    /// <summary>
    /// Reads a recorded <c>run</c> command, token by token; null with the reason when it holds
    /// anything a rerun does not understand (an output option, a second scenario, an <c>@file</c>).
    /// </summary>
    private static Given? Parse(List<string> args, out string problem)
    {
        string? scenario = null;
        var overrides = new List<string>();
        ulong? seed = null;
        int? trials = null, maxTrials = null;
        double? precision = null;
        RankMeasure? rank = null;
        var percentiles = false;
        var attribute = false;
        for (var i = 1; i < args.Count; i++)
        {
            var token = args[i];
            var shown = InputFile.Excerpt(token);
            if (token.StartsWith('@'))
            {
                problem = $"records '{shown}' in its command, a response file: a rerun never reads arguments from another file, so nothing was run";
                return null;
            }

            // A lone '-' is the scenario read from standard input, refused with its own message later.
            if (!token.StartsWith('-') || token == FlowSimCli.Stdin)
            {
                if (scenario is not null)
                {
                    problem = $"records a second scenario or argument '{shown}' in its command, besides '{InputFile.Excerpt(scenario)}'; a rerun does not understand it, so nothing was run";
                    return null;
                }

                scenario = token;
                continue;
            }

            var split = token.IndexOfAny(['=', ':']);
            var name = split < 0 ? token : token[..split];
            string? value = split < 0 ? null : token[(split + 1)..];
            if (name == "--attribute")
            {
                // A bool option takes an optional true or false, in the next token or after = or :.
                if (value is null && i + 1 < args.Count && args[i + 1] is "true" or "false")
                {
                    value = args[++i];
                }

                if (value is not (null or "true" or "false"))
                {
                    problem = $"records '{shown}' in its command; --attribute takes true or false, so nothing was run";
                    return null;
                }

                attribute = value is null or "true";
                continue;
            }

            if (!ValueOptions.Contains(name))
            {
                problem = Provenance.OutputOptions.Contains(name) || name is "--quiet" or "-q" or "--shard"
                    ? $"records the output option '{InputFile.Excerpt(name)}' in its command, which a results file never records; a rerun writes only its own --json, so nothing was run"
                    : $"records the option '{InputFile.Excerpt(name)}' in its command, which a rerun does not understand, so nothing was run";
                return null;
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    problem = $"records '{name}' without a value at the end of its command, so nothing was run";
                    return null;
                }

                value = args[++i];
            }

            var ok = name switch
            {
                "--set" => ScenarioOverride.TryParse(value) is { } o && Add(overrides, o.ToString()),
                "--seed" => ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && Set(ref seed, s),
                "--trials" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && Set(ref trials, t),
                "--max-trials" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && Set(ref maxTrials, m),
                "--rank" => RankMeasures.TryParse(value, out var r) && Set(ref rank, r),
                "--percentiles" => value == "item-locations" && (percentiles = true),
                _ => Units.TryParseFraction(value, out var p, out _) && Set(ref precision, p),
            };
            if (!ok)
            {
                problem = $"records {name} '{InputFile.Excerpt(value)}' in its command, which a rerun does not understand, so nothing was run";
                return null;
            }
        }

        if (scenario is null)
        {
            problem = "records a command that names no scenario, so nothing was run";
            return null;
        }

        problem = "";
        return new Given(scenario, overrides, seed, trials, precision, maxTrials, attribute, rank) { ItemLocationPercentiles = percentiles };
    }

    private static bool Add(List<string> list, string value)
    {
        list.Add(value);
        return true;
    }

    private static bool Set<T>(ref T? slot, T value)
        where T : struct
    {
        slot = value;
        return true;
    }

    /// <summary>
    /// Where the command disagrees with the recorded fields, or null. An option the command
    /// leaves out took its value from the scenario, which the hash check covers.
    /// </summary>
    private static string? Contradiction(Given command, Given fields)
    {
        if (command.Scenario.Replace('\\', '/') != fields.Scenario)
        {
            return $"its command runs '{InputFile.Excerpt(command.Scenario)}', its scenario.path is '{InputFile.Excerpt(fields.Scenario)}'";
        }

        if (!command.Overrides.SequenceEqual(fields.Overrides))
        {
            return $"its command sets {Listed(command.Overrides)}, its scenario.overrides are {Listed(fields.Overrides)}";
        }

        if (command.Rank is { } rank && fields.Rank is { } recordedRank && rank != recordedRank)
        {
            return $"its command has --rank {rank.Key()}, its rank_by is {recordedRank.Key()}";
        }

        if (command.Seed is { } seed && seed != fields.Seed)
        {
            return $"its command has --seed {seed}, its seed is {fields.Seed}";
        }

        if (command.Trials is { } trials && fields.Trials is { } recorded && trials != recorded)
        {
            return $"its command has --trials {trials}, its {(fields.Precision is null ? "trials are" : "precision.batch_trials are")} {recorded}";
        }

        if (command.Precision != fields.Precision)
        {
            return command.Precision is null ? "its command has no --precision, its fields have a precision" : "its command has --precision, its fields have none or another";
        }

        if (command.MaxTrials is { } max && max != fields.MaxTrials)
        {
            return $"its command has --max-trials {max}, its precision.max_trials is {fields.MaxTrials?.ToString(CultureInfo.InvariantCulture) ?? "missing"}";
        }

        return fields.Attribute && !command.Attribute ? "its command has no --attribute, its fields say attributed" : null;
    }

    private static string Listed(List<string> overrides) =>
        overrides.Count == 0 ? "nothing" : string.Join(", ", overrides.Select(o => $"'{InputFile.Excerpt(o)}'"));
}
