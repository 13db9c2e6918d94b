using FlowSim.Cli;

namespace FlowSim.Tests.Cli;

/// <summary>Runs the flowsim command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] args) => Run(environment: null, stdin: null, args);

    /// <summary>Runs the command line with <paramref name="stdin"/> as its standard input (what a scenario given as <c>-</c> reads).</summary>
    public static Outcome RunWithStdin(byte[]? stdin, params string[] args) => Run(environment: null, stdin, args);

    /// <summary>
    /// Runs with <paramref name="environment"/> as the environment the layout reads (COLUMNS): set for
    /// this call only, as the process environment is shared by tests running in parallel.
    /// </summary>
    public static Outcome Run(IReadOnlyDictionary<string, string>? environment, params string[] args) => Run(environment, stdin: null, args);

    private static Outcome Run(IReadOnlyDictionary<string, string>? environment, byte[]? stdin, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var input = stdin is null ? null : new MemoryStream(stdin);
        var before = TerminalWidth.Environment.Value;
        TerminalWidth.Environment.Value = environment;
        try
        {
            var code = FlowSimCli.RunAsync(args, stdout, stderr, stdin: input).GetAwaiter().GetResult();
            return new Outcome(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            TerminalWidth.Environment.Value = before;
        }
    }
}
