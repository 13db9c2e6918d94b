using System.CommandLine;
using System.Text;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary><c>flowsim init NAME</c>: writes a commented starter scenario that runs as written.</summary>
internal static class InitCommand
{
    /// <summary>The schema file <c>--with-schema</c> writes beside the scenario, and the starter's first line names.</summary>
    internal const string SchemaFile = "flowsim.schema.json";

    /// <summary>The line that points YAML editors (the YAML language server) at the schema beside the scenario.</summary>
    internal const string SchemaHeader = "# yaml-language-server: $schema=./" + SchemaFile;

    public static Command Create(CliContext cli)
    {
        var (stdout, stderr) = (cli.Stdout, cli.Stderr);
        var name = new Argument<string>("name") { Description = "Scenario name; the file is NAME.yaml (or NAME itself when it ends in .yaml or .yml)." };
        var withSchema = new Option<bool>("--with-schema")
        {
            Description = $"Also write {SchemaFile} (what 'flowsim schema' prints) beside NAME.yaml, so editors complete and check its keys.",
        };
        var command = new Command("init", "Write a commented starter scenario, NAME.yaml, that runs as written.") { name, withSchema };
        command.SetAction(parse => Run(parse.GetValue(name)!, parse.GetValue(withSchema), stdout, stderr));
        return command;
    }

    private static int Run(string name, bool withSchema, TextWriter stdout, TextWriter stderr)
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

        // The schema goes beside the scenario, where the header's relative path finds it.
        var schemaPath = Path.Combine(Path.GetDirectoryName(path) ?? "", SchemaFile);
        var schema = SchemaBeside(schemaPath);
        if (withSchema && schema == Existing.Other)
        {
            stderr.WriteLine(ConsoleText.Plain($"flowsim: {schemaPath} already exists and is not this version's schema; nothing was written (remove it, or leave out --with-schema)"));
            return ExitCodes.InvalidInput;
        }

        // New files only: a symlink, device or pipe at either name is refused, never written through;
        // the scenario and the schema are written both or neither.
        var outputs = CommandOutputs.For(stdout);
        var file = outputs.Add("init", path, newFileOnly: true);
        var schemaFile = withSchema && schema == Existing.None ? outputs.Add("--with-schema", schemaPath, newFileOnly: true) : null;
        if (outputs.Problems() is [var problem, ..])
        {
            stderr.WriteLine(ConsoleText.Plain($"flowsim: {problem}"));
            return ExitCodes.InvalidInput;
        }

        // The header only when the schema it names is there: a dangling one would make editors report an error.
        var header = withSchema || schema == Existing.Same ? SchemaHeader + "\n" : "";
        var text = header + Template().Replace("{{FILE}}", path.Replace('\\', '/'), StringComparison.Ordinal).Replace("{{NAME}}", YamlString(title), StringComparison.Ordinal);
        outputs.Commit([
            (file, s => s.Write(new UTF8Encoding(false).GetBytes(text))),
            (schemaFile, s => s.Write(new UTF8Encoding(false).GetBytes(ScenarioLoader.JsonSchema))),
        ]);
        var wrote = schemaFile is not null ? $"Wrote {path} and {schemaPath}."
            : withSchema ? $"Wrote {path}; {schemaPath} was already there and current, and is kept."
            : $"Wrote {path}.";
        stdout.WriteLine(ConsoleText.Plain($"{wrote} Run it with: flowsim run {path}"));
        return ExitCodes.Ok;
    }

    private enum Existing
    {
        None,
        Same,
        Other,
    }

    /// <summary>Whether a schema file is already at <paramref name="path"/>, and whether it is this version's.</summary>
    private static Existing SchemaBeside(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path) && !IsLink(path))
        {
            return Existing.None;
        }

        try
        {
            return File.Exists(path) && File.ReadAllText(path, Encoding.UTF8) == ScenarioLoader.JsonSchema ? Existing.Same : Existing.Other;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Existing.Other;
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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
