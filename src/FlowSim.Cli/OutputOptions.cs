using System.CommandLine;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary>
/// The output options of a command, declared in one place: the files it can write (<c>--json</c>,
/// <c>--csv</c>, <c>--parquet</c>, <c>--report</c>, <c>--out</c>), <c>--quiet</c> and <c>--format</c>.
/// Each command names the ones it offers with their help text; checking them before the work and
/// writing them after it is the same for all (see <see cref="Check"/>, <see cref="Write"/>).
/// A <c>--csv</c> file gets its provenance beside it (<see cref="CsvProvenance"/>), in the same
/// all-or-nothing set.
/// </summary>
internal sealed class OutputOptions
{
    /// <param name="command">The command's name, for messages.</param>
    /// <param name="json">Help for <c>--json</c>; null when the command has none. The same for the other files.</param>
    /// <param name="csv">Help for <c>--csv</c>.</param>
    /// <param name="parquet">Help for <c>--parquet</c>; a command without it that prints results refuses it by name.</param>
    /// <param name="report">Help for <c>--report</c>.</param>
    /// <param name="output">Help for <c>--out</c>.</param>
    /// <param name="format">Help for <c>--format</c> (and <c>--quiet</c> with it); null when the command prints one thing.</param>
    /// <param name="csvFormat">False when the command has no CSV document for <c>--format csv</c>.</param>
    public OutputOptions(string command, string? json = null, string? csv = null, string? report = null, string? output = null, string? format = null, bool csvFormat = true, string? parquet = null)
    {
        Command = command;
        Json = File("--json", json);
        Csv = File("--csv", csv);
        Parquet = File("--parquet", parquet);
        // Named when given to a command that prints results but has no per-trial rows, rather than an unknown option.
        NoParquet = parquet is null && format is not null ? new("--parquet") { Hidden = true } : null;
        Report = File("--report", report);
        Out = File("--out", output);
        Format = format is null ? null : Options.Format(format);
        Quiet = format is null ? null : new("--quiet", "-q") { Description = "No warnings, progress or timing on stderr; the result still goes to stdout. Errors are always printed." };
        HasCsvFormat = csvFormat;
    }

    /// <summary>The command's name.</summary>
    public string Command { get; }

    public Option<string?>? Json { get; }

    public Option<string?>? Csv { get; }

    public Option<string?>? Parquet { get; }

    public Option<string?>? Report { get; }

    public Option<string?>? Out { get; }

    public Option<bool>? Quiet { get; }

    public Option<OutputFormat>? Format { get; }

    /// <summary>The command has a CSV document; without one, <c>--format csv</c> is refused.</summary>
    public bool HasCsvFormat { get; }

    /// <summary>The option a <c>--csv</c> file's provenance sidecar is known by in the set, and in messages about it.</summary>
    internal const string CsvProvenanceOption = "--csv (provenance)";

    private Option<string?>? NoParquet { get; }

    private IEnumerable<Option<string?>> Files => new[] { Json, Csv, Parquet, Report, Out }.OfType<Option<string?>>();

    /// <summary>Adds the options, files first, then <c>--quiet</c> and <c>--format</c>.</summary>
    public void AddTo(Command command)
    {
        foreach (var file in Files)
        {
            command.Add(file);
        }

        AddPrintingTo(command);
    }

    /// <summary>Adds only <c>--quiet</c> and <c>--format</c> (for a command that lists its files with its arguments).</summary>
    public void AddPrintingTo(Command command)
    {
        if (Quiet is not null)
        {
            command.Add(Quiet);
        }

        if (Format is not null)
        {
            command.Add(Format);
        }

        if (NoParquet is not null)
        {
            command.Add(NoParquet);
        }
    }

    public bool IsQuiet(ParseResult parse) => Quiet is not null && parse.GetValue(Quiet);

    public OutputFormat FormatOf(ParseResult parse) => Format is null ? OutputFormat.Table : parse.GetValue(Format);

    /// <summary>A file option's path as given; null when not given or not offered.</summary>
    public string? PathOf(ParseResult parse, Option<string?>? file) => file is null ? null : parse.GetValue(file);

    /// <summary>
    /// The files the command writes, as one set, with what is wrong with them added to
    /// <paramref name="errors"/>: a path that cannot be written or is one of the
    /// <paramref name="inputs"/> (what, path) the command reads, two outputs on stdout, a
    /// <c>--format</c> the command has no document for, or one that prints to a stdout an output fills.
    /// </summary>
    public OutputSet Check(ParseResult parse, TextWriter stdout, List<string> errors, params (string What, string Path)[] inputs)
    {
        var set = CommandOutputs.For(stdout);
        foreach (var (what, path) in inputs)
        {
            set.AddInput(what, path);
        }

        foreach (var file in Files)
        {
            var path = parse.GetValue(file);
            if (file == Parquet && path == OutputSet.Stdout)
            {
                errors.Add("--parquet: a Parquet file is binary and is read back by seeking in it; give a file path, not - (stdout)");
                continue;
            }

            set.Add(file.Name, path);
            if (file == Csv && path is not null && path != OutputSet.Stdout)
            {
                set.Add(CsvProvenanceOption, CsvProvenance.PathFor(path));
            }
        }

        if (NoParquet is not null && parse.GetResult(NoParquet) is not null)
        {
            var instead = Csv is null ? "--json" : "--csv or --json";
            errors.Add($"--parquet does not apply to {Command}: it writes one row per trial and strategy, which 'flowsim run' (and 'flowsim merge') have; use {instead} here");
        }

        errors.AddRange(set.Problems());
        var format = FormatOf(parse);
        if (format == OutputFormat.Csv && !HasCsvFormat)
        {
            errors.Add($"--format csv: {Command} has no CSV document; use --format table or json");
        }
        else if (set.WritesStdout && format != OutputFormat.Table)
        {
            errors.Add($"--format {format.ToString().ToLowerInvariant()} prints to stdout, which an output given as '-' already fills; drop one of them");
        }

        return set;
    }

    /// <summary>
    /// <see cref="Check"/> for a command that reads a scenario: the scenario file is an input no
    /// output may replace (standard input, <c>-</c>, is none).
    /// </summary>
    public OutputSet CheckWithScenario(ParseResult parse, TextWriter stdout, string scenario, List<string> errors) =>
        scenario == FlowSimCli.Stdin ? Check(parse, stdout, errors) : Check(parse, stdout, errors, ("the scenario file", scenario));

    /// <summary>
    /// Writes the files all or none (each null writer is a file the command does not have), then
    /// prints the result on stdout in the chosen format: <paramref name="table"/>, or the document
    /// <paramref name="json"/> or <paramref name="csv"/> writes. Nothing is printed when an output
    /// given as '-' fills stdout.
    /// </summary>
    public void Write(ParseResult parse, OutputSet set, TextWriter stdout, TextWriter stderr, CancellationToken ct, OutputWriters files,
        Action<TextWriter> table, Action<Stream>? json = null, Action<Stream>? csv = null)
    {
        CommandOutputs.Commit(set, stderr, ct,
            (set.Named("--json"), files.Json ?? Nothing),
            (set.Named("--csv"), files.Csv ?? Nothing),
            (set.Named(CsvProvenanceOption), SidecarOf(set, files)),
            (set.Named("--parquet"), files.Parquet ?? Nothing),
            (set.Named("--report"), files.Report ?? Nothing),
            (set.Named("--out"), files.Out ?? Nothing));
        Print(FormatOf(parse), set, stdout, table, json, csv);
    }

    /// <summary>
    /// Writes the files of a study of many runs (an audit, a sweep): its JSON, its CSV with the
    /// provenance beside it, its HTML page; then prints its table, or the JSON or CSV document.
    /// </summary>
    public void WriteStudy(ParseResult parse, OutputSet set, TextWriter stdout, TextWriter stderr, CancellationToken ct,
        Action<Stream> json, Action<Stream> csv, Action<Stream> report, Action<string, Stream> csvProvenance, Action<TextWriter> table) =>
        Write(parse, set, stdout, stderr, ct, new OutputWriters(json, csv, report, CsvProvenance: csvProvenance), table, json, csv);

    /// <summary>Prints a result on stdout in <paramref name="format"/>; nothing when an output given as '-' fills stdout.</summary>
    public static void Print(OutputFormat format, OutputSet set, TextWriter stdout, Action<TextWriter> table, Action<Stream>? json, Action<Stream>? csv = null)
    {
        if (set.WritesStdout)
        {
            return;
        }

        var document = format switch
        {
            OutputFormat.Json => json,
            OutputFormat.Csv => csv,
            _ => null,
        };
        if (document is null)
        {
            table(stdout);
            return;
        }

        // Straight to stdout as it is written: a large network's document is never held whole.
        var stream = CommandOutputs.OpenStdout(stdout);
        document(stream);
        stream.Flush();
    }

    private static void Nothing(Stream stream)
    {
    }

    private static Action<Stream> SidecarOf(OutputSet set, OutputWriters files)
    {
        if (set.Named("--csv") is not { IsStdout: false } csv)
        {
            return Nothing;
        }

        var write = files.CsvProvenance ?? throw new InvalidOperationException("a command that writes --csv must say where its rows came from (OutputWriters.CsvProvenance)");
        return s => write(csv.Path, s);
    }

    private static Option<string?>? File(string name, string? description) =>
        description is null ? null : new(name) { Description = description, HelpName = "PATH" };
}

/// <summary>What writes each file a command offers; null for one it does not.</summary>
/// <param name="Json">Writes the <c>--json</c> file.</param>
/// <param name="Csv">Writes the <c>--csv</c> file.</param>
/// <param name="Report">Writes the <c>--report</c> file.</param>
/// <param name="Out">Writes the <c>--out</c> file.</param>
/// <param name="CsvProvenance">Writes the <c>--csv</c> file's provenance sidecar, given the CSV's path.</param>
/// <param name="Parquet">Writes the <c>--parquet</c> file.</param>
internal sealed record OutputWriters(Action<Stream>? Json = null, Action<Stream>? Csv = null, Action<Stream>? Report = null, Action<Stream>? Out = null,
    Action<string, Stream>? CsvProvenance = null, Action<Stream>? Parquet = null);

/// <summary>What every command is made from: where it writes and how it was called.</summary>
/// <param name="Stdout">Where results go.</param>
/// <param name="Stderr">Where errors, warnings, progress and timing go.</param>
/// <param name="Interactive">Stderr is a terminal, so a progress bar may be shown.</param>
/// <param name="RecordedCommand">The command line as results record it (see <see cref="Provenance.ReproducibleCommand"/>).</param>
/// <param name="ColorStdout">Stdout is a terminal that takes colour, so tables may highlight.</param>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, bool Interactive, IReadOnlyList<string> RecordedCommand, bool ColorStdout)
{
    /// <summary>Prints argument errors and returns the exit code for them.</summary>
    public int ArgumentErrors(List<string> errors) => FlowSimCli.ArgumentErrors(errors, Stderr);
}
