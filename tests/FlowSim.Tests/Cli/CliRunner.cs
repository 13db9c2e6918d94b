using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary>Runs the flowsim command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FlowSimCli.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }
}
