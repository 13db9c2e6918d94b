using System.CommandLine;

namespace FlowSim.Cli;

/// <summary><c>flowsim validate</c>: every problem of a scenario, without simulating.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var scenario = FlowSimCli.ScenarioArgument();
        var command = new Command("validate", "Check a scenario and report every problem, without simulating.\nExample: flowsim validate scenarios/quickstart.yaml") { scenario };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(scenario)!;
            var loaded = FlowSimCli.Load(path, cli.Stderr);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            cli.Stdout.WriteLine(ConsoleText.Plain($"{(path == FlowSimCli.Stdin ? FlowSimCli.StdinName : path)}: valid. {Plural(loaded.Items.Length, "item")}, {Plural(loaded.Suppliers.Length, "supplier")}, "
                + $"{Plural(loaded.StockPoints.Length, "stock point")}, {Plural(loaded.Demand.Length, "demand stream")}, "
                + $"{Plural(loaded.Strategies.Length, "strategy", "strategies")}: {string.Join(", ", loaded.Strategies.Select(s => s.Name))}."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Plural(int n, string one, string? many = null) => FlowSimCli.Plural(n, one, many);
}
