using FlowSim.Cli;

using var interruption = new Interruption();
return await FlowSimCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, interruption.Token);
