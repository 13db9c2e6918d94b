using FlowSim.Cli;

return await FlowSimCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected);
