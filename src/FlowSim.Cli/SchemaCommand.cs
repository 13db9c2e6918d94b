using System.CommandLine;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary><c>flowsim schema</c>: prints the JSON Schema of the scenario format.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext cli)
    {
        var stdout = cli.Stdout;
        var command = new Command("schema", "Print the JSON Schema of the scenario format (for editors: schemas/flowsim.schema.json).");
        command.SetAction(_ =>
        {
            stdout.Write(ScenarioLoader.JsonSchema);
            return ExitCodes.Ok;
        });
        return command;
    }
}
