using FlowSim.Cli;

using var interruption = new Interruption();
// NO_COLOR (no-color.org) turns highlighting off, as it does for other command-line tools.
var color = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
return await FlowSimCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, interruption.Token, colorStdout: color);
