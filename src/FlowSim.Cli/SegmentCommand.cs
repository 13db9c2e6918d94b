using System.CommandLine;
using System.Text;
using FlowSim.History;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary><c>flowsim segment</c>: ABC x XYZ segmentation of a demand history, written as a strategies block.</summary>
internal static class SegmentCommand
{
    public static Command Create(CliContext cli)
    {
        var (stdout, stderr) = (cli.Stdout, cli.Stderr);
        var files = FitCommand.HistoryArgument();
        files.Arity = ArgumentArity.OneOrMore;
        var scenario = new Option<string?>("--scenario") { Description = "Take unit costs from this scenario's items (for rows without a unit_cost column).", HelpName = "PATH" };
        var print = new OutputOptions("segment", output: "Write the YAML to this file (atomically) instead of stdout. - is stdout, as without --out.");
        var command = new Command("segment", "ABC (annual value) x XYZ (weekly demand variability) segmentation with a policy per segment, as a ready strategies block.") { files, scenario };
        print.AddTo(command);
        command.SetAction(parse =>
        {
            var outPath = print.PathOf(parse, print.Out);
            var errors = new List<string>();
            var outputs = FitCommand.HistoryOutputs(print, parse, stdout, parse.GetValue(files)!, errors);
            if (parse.GetValue(scenario) is { } scenarioPath)
            {
                errors.AddRange(outputs.ProblemsWithInputs("the scenario file", [scenarioPath]));
            }

            if (errors.Count > 0)
            {
                return cli.ArgumentErrors(errors);
            }

            outPath = outPath == OutputSet.Stdout ? null : outPath;

            var histories = FitCommand.ReadAll(parse.GetValue(files)!, stderr, "nothing was segmented");
            if (histories is null)
            {
                return ExitCodes.InvalidInput;
            }

            var rows = histories.SelectMany(h => h.Demand).ToList();
            if (rows.Count == 0)
            {
                return FlowSimCli.ArgumentErrors(["segment needs a demand history (date,item,location,quantity); the files given hold only receipts"], stderr);
            }

            var costs = new Dictionary<string, double>(StringComparer.Ordinal);
            if (parse.GetValue(scenario) is { } path)
            {
                var loaded = FlowSimCli.Load(path, stderr, errorsOnly: true);
                if (loaded is null || !CommandOutputs.CheckHistories(outputs, loaded, stderr))
                {
                    return ExitCodes.InvalidInput;
                }

                foreach (var item in loaded.Items)
                {
                    costs[item.Id] = item.UnitCost;
                }
            }

            var missing = rows.Where(r => r.UnitCost is null && !costs.ContainsKey(r.Item)).Select(r => r.Item).Distinct().Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                return FlowSimCli.ArgumentErrors([$"no unit cost for {string.Join(", ", missing)}: add a unit_cost column to the history or give --scenario with these items"], stderr);
            }

            var segments = Segmentation.Segment(rows, r => r.UnitCost ?? costs[r.Item]);
            var source = string.Join(", ", histories.Select(h => h.File));
            if (outPath is null)
            {
                Segmentation.Write(segments, source, stdout);
            }
            else
            {
                Action<Stream> write = s =>
                {
                    using var writer = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    Segmentation.Write(segments, source, writer);
                };
                CommandOutputs.Commit(outputs, stderr, CancellationToken.None, (outputs.Named("--out"), write));
                // The table is what a planner reads; the file holds it too, with the strategies block.
                Segmentation.WriteTable(segments, source, stdout);
                stdout.WriteLine($"# wrote {outPath}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
