using System.CommandLine;

namespace FlowSim.Cli;

/// <summary><c>flowsim run</c>: every strategy of a scenario simulated and compared (or one shard of its trials).</summary>
internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var scenario = FlowSimCli.ScenarioArgument();
        var experiment = new ExperimentOptions();
        var print = RunOutputs.Declare("run",
            json: "Also write the results as JSON to this file (- for stdout).",
            csv: "Also write one row per trial and strategy with every metric to this CSV file (- for stdout).",
            parquet: "Also write one row per trial and strategy with every metric, and one per trial, strategy and item-location, to this Parquet file (for pandas, polars or DuckDB; many trials).",
            report: "Also write a self-contained HTML report to this file (- for stdout).");
        var command = new Command("run", "Simulate every strategy of a scenario and compare them.\nExample: flowsim run scenarios/quickstart.yaml --trials 500 --format json -q | jq .strategies[0].name") { scenario };
        experiment.AddTo(command);
        experiment.AddRankTo(command);
        print.AddTo(command);
        LevelTable.AddTo(command);
        command.Options.Add(PercentileLevels.Option);
        var shard = new ShardRun();
        shard.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var errors = new List<string>();
            var options = experiment.Read(parse, errors);
            var path = parse.GetValue(scenario)!;

            // A shard keeps every trial's item-location results anyway; its recorded command tells merge to give percentiles.
            var percentiles = PercentileLevels.Read(parse, errors);
            if (shard.Requested(parse))
            {
                FlowSimCli.RefuseStdin(path, "merge reads a sharded run's scenario again from its file", errors);
                return Task.FromResult(shard.Run(parse, path, options, errors, cli.RecordedCommand, cli.Stdout, cli.Stderr, ct));
            }

            var (level, sort) = LevelTable.Read(parse, errors);
            var files = print.CheckWithScenario(parse, cli.Stdout, path, errors);
            if (options is null || errors.Count > 0)
            {
                return Task.FromResult(cli.ArgumentErrors(errors));
            }

            if (percentiles)
            {
                options = options with { ItemLocationPercentiles = true };
            }

            var outputs = new RunOutputs(print, parse) { Highlight = cli.ColorStdout, Level = level, SortBy = sort };
            // A Parquet file has a row per trial and item-location: keep them as the trials run.
            if (print.PathOf(parse, print.Parquet) is not null)
            {
                options = options with { KeepItemLocationOutcomes = true };
            }

            var result = FlowSimCli.Simulate(path, experiment.Overrides, options, cli.Stderr, cli.Interactive && !outputs.Quiet, ct, out var seconds, outputs.Quiet, files);
            if (result is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            outputs.Write(result, options, cli.RecordedCommand, files, cli.Stdout, cli.Stderr, ct);
            if (!outputs.Quiet)
            {
                FlowSimCli.WriteTiming(result, seconds, cli.Stderr);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
