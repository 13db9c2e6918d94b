using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>
/// The options every command that runs an experiment shares (trials, seed, threads, precision,
/// attribution), their checks, and the <see cref="RunOptions"/> they make.
/// </summary>
internal sealed class ExperimentOptions
{
    public Option<int?> Trials { get; } = Options.WholeNumber<int>("--trials", "Monte Carlo trials (default: the scenario's trials); with --precision, the size of each batch.", "N");

    public Option<ulong?> Seed { get; } = Options.WholeNumber<ulong>("--seed", "Master seed (default: the scenario's seed).", "S");

    public Option<int?> Threads { get; } = Options.WholeNumber<int>("--threads", "Worker threads (default: one per core). Results do not depend on it.", "N");

    public Option<string?> Precision { get; } = new("--precision")
    {
        Description = "Add batches of trials until every strategy's 95% CI of mean total cost is within this share of the mean (1% or 0.01).",
        HelpName = "SHARE",
    };

    public Option<int?> MaxTrials { get; } = Options.WholeNumber<int>("--max-trials", $"With --precision, the most trials to run (default {Experiment.DefaultMaxTrials:N0}).", "N");

    public Option<bool> Attribute { get; } = new("--attribute")
    {
        Description = "Also run each trial with each disruption (or shared event) switched off alone, and attribute disruption cost to each.",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Change a setting of the scenario for this run, in the YAML's units (repeatable): --set suppliers.kiln.lead_time=14w --set strategies.buffer.service_level=0.98.",
        HelpName = "PATH=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Rank { get; } = new("--rank")
    {
        Description = "What verdicts rank strategies by: profit (the default when items have a price) or total_cost.",
        HelpName = "profit|total_cost",
    };

    private bool _ranks;

    /// <summary>The <c>--set</c> overrides read by the last <see cref="Read"/>.</summary>
    public ImmutableArray<ScenarioOverride> Overrides { get; private set; } = [];

    public void AddTo(Command command)
    {
        command.Add(Set);
        command.Add(Trials);
        command.Add(Seed);
        command.Add(Threads);
        command.Add(Precision);
        command.Add(MaxTrials);
        command.Add(Attribute);
    }

    /// <summary>Adds <c>--rank</c>, for commands that give verdicts or pick a best strategy.</summary>
    public void AddRankTo(Command command)
    {
        command.Add(Rank);
        _ranks = true;
    }

    /// <summary>The run options, or null after adding what is wrong with them to <paramref name="errors"/>.</summary>
    public RunOptions? Read(ParseResult parse, List<string> errors)
    {
        var trials = parse.GetValue(Trials);
        var threads = parse.GetValue(Threads);
        var maxTrials = parse.GetValue(MaxTrials);
        var precisionText = parse.GetValue(Precision);
        var before = errors.Count;
        var overrides = ImmutableArray.CreateBuilder<ScenarioOverride>();
        foreach (var text in parse.GetValue(Set) ?? [])
        {
            if (ScenarioOverride.TryParse(text) is { } o)
            {
                overrides.Add(o);
            }
            else
            {
                errors.Add($"--set expects PATH=VALUE such as suppliers.kiln.lead_time=14w, got '{text}'" + ScenarioOverride.ShellHint(text));
            }
        }

        Overrides = overrides.ToImmutable();
        if (trials is < 1 or > ScenarioLoader.MaxTrials)
        {
            errors.Add($"--trials must be a whole number from 1 to {ScenarioLoader.MaxTrials:N0}, got {trials}");
        }

        if (threads is < 1 or > FlowSimCli.MaxThreads)
        {
            errors.Add($"--threads must be from 1 to {FlowSimCli.MaxThreads}, got {threads}");
        }

        double? precision = null;
        if (precisionText is not null)
        {
            if (!Units.TryParseFraction(precisionText, out var p, out _) || !(p > 0 && p < 1))
            {
                errors.Add($"--precision must be a share above 0 and below 100% such as 1% or 0.01, got '{precisionText}'");
            }
            else
            {
                precision = p;
            }
        }

        if (maxTrials is not null && precisionText is null)
        {
            errors.Add("--max-trials applies only with --precision");
        }
        else if (maxTrials is < 1 or > ScenarioLoader.MaxTrials)
        {
            errors.Add($"--max-trials must be a whole number from 1 to {ScenarioLoader.MaxTrials:N0}, got {maxTrials}");
        }
        else if (maxTrials is { } max && trials is { } first && max < first)
        {
            errors.Add($"--max-trials ({max:N0}) must be at least --trials ({first:N0}), the first batch");
        }

        RankMeasure? rank = null;
        if (_ranks && parse.GetValue(Rank) is { } rankText)
        {
            if (RankMeasures.TryParse(rankText, out var r))
            {
                rank = r;
            }
            else
            {
                var near = Suggestions.Nearest(rankText, ["profit", "total_cost"]);
                errors.Add($"--rank must be profit or total_cost, got '{rankText}'" + (near is null ? "" : $"; did you mean '{near}'?"));
            }
        }

        return errors.Count > before ? null : new RunOptions(trials, parse.GetValue(Seed), threads, precision, maxTrials, parse.GetValue(Attribute), Rank: rank);
    }
}

/// <summary>Option builders with messages a person can act on.</summary>
internal static class Options
{
    /// <summary><c>--format table|json|csv</c>, in lower case as documented, with the choices named when it is something else.</summary>
    public static Option<OutputFormat> Format(string description = "What goes to stdout: table, json (the --json document) or csv (one row per strategy and metric).") => new("--format")
    {
        Description = description,
        HelpName = "table|json|csv",
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            switch (token)
            {
                case "table":
                    return OutputFormat.Table;
                case "json":
                    return OutputFormat.Json;
                case "csv":
                    return OutputFormat.Csv;
                default:
                    var near = Suggestions.Nearest(token, ["table", "json", "csv"]);
                    result.AddError($"--format must be table, json or csv, got '{token}'" + (near is null ? "" : $"; did you mean '{near}'?"));
                    return OutputFormat.Table;
            }
        },
    };

    /// <summary>An option taking a whole number, with a clear message when it is not one.</summary>
    public static Option<T?> WholeNumber<T>(string name, string description, string helpName)
        where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T> => new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (T.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError(System.Numerics.BigInteger.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                    ? $"{name} must be from {T.Zero} to {T.MaxValue}, got '{token}'"
                    : $"{name} expects a whole number, got '{token}'");
                return null;
            },
        };
}
