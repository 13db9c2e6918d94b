using System.CommandLine;
using System.Text;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary><c>flowsim init NAME</c>: writes a commented starter scenario that runs as written.</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var name = new Argument<string>("name") { Description = "Scenario name; the file is NAME.yaml (or NAME itself when it ends in .yaml or .yml)." };
        var command = new Command("init", "Write a commented starter scenario, NAME.yaml, that runs as written.") { name };
        command.SetAction(parse => Run(parse.GetValue(name)!, stdout, stderr));
        return command;
    }

    private static int Run(string name, TextWriter stdout, TextWriter stderr)
    {
        var path = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ? name : name + ".yaml";
        var title = Path.GetFileNameWithoutExtension(path);
        if (string.IsNullOrWhiteSpace(title))
        {
            stderr.WriteLine(ConsoleText.Plain($"flowsim: init needs a scenario name, got '{name}'"));
            return ExitCodes.InvalidInput;
        }

        if (File.Exists(path) || Directory.Exists(path))
        {
            stderr.WriteLine(ConsoleText.Plain($"flowsim: {path} already exists; nothing was written (choose another name or remove it)"));
            return ExitCodes.InvalidInput;
        }

        // A new file only: a symlink, device or pipe at the name is refused, never written through.
        var outputs = CommandOutputs.For(stdout);
        var file = outputs.Add("init", path, newFileOnly: true);
        if (outputs.Problems() is [var problem, ..])
        {
            stderr.WriteLine(ConsoleText.Plain($"flowsim: {problem}"));
            return ExitCodes.InvalidInput;
        }

        var text = Template().Replace("{{FILE}}", path.Replace('\\', '/'), StringComparison.Ordinal).Replace("{{NAME}}", YamlString(title), StringComparison.Ordinal);
        outputs.Commit([(file, s => s.Write(new UTF8Encoding(false).GetBytes(text)))]);
        stdout.WriteLine($"Wrote {path}. Run it with: flowsim run {path}");
        return ExitCodes.Ok;
    }

    /// <summary>The starter scenario, shipped inside the tool.</summary>
    internal static string Template()
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream("FlowSim.Cli.Starter.starter.yaml")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>A YAML double-quoted scalar: any name is read back exactly.</summary>
    private static string YamlString(string text)
    {
        var b = new StringBuilder("\"");
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }
}
