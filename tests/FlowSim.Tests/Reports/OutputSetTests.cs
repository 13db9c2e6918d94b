using FlowSim.Reports;

namespace FlowSim.Tests.Reports;

/// <summary>Several outputs are replaced all together or not at all, through temporary files no one else can touch.</summary>
public class OutputSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-outputs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static OutputSet NewSet(Action<string, string>? rename = null) =>
        rename is null ? new OutputSet(() => throw new InvalidOperationException("no stdout here")) : new OutputSet(() => Stream.Null) { Rename = rename };

    private string[] FilesInFolder() => Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void A_second_write_that_fails_leaves_every_earlier_file_and_no_temporary_file()
    {
        File.WriteAllText(PathOf("r.json"), "old json");
        File.WriteAllText(PathOf("r.csv"), "old csv");
        var set = NewSet();
        var json = set.Add("--json", PathOf("r.json"));
        var csv = set.Add("--csv", PathOf("r.csv"));
        Assert.Empty(set.Problems());

        var refused = Assert.Throws<OutputFileException>(() => set.Commit([
            (json, s => s.Write("new json"u8)),
            (csv, s =>
            {
                s.Write("half"u8);
                throw new IOException("No space left on device");
            }),
        ]));

        Assert.Contains($"cannot write '{PathOf("r.csv")}': No space left on device", refused.Message);
        Assert.Equal("old json", File.ReadAllText(PathOf("r.json")));
        Assert.Equal("old csv", File.ReadAllText(PathOf("r.csv")));
        Assert.Equal(["r.csv", "r.json"], FilesInFolder());
    }

    [Fact]
    public void A_rename_that_fails_puts_back_the_files_already_renamed()
    {
        File.WriteAllText(PathOf("r.json"), "old json");
        var set = NewSet(rename: (from, to) =>
        {
            if (to.EndsWith("r.html", StringComparison.Ordinal))
            {
                throw new IOException("Input/output error");
            }

            File.Move(from, to, overwrite: true);
        });
        var json = set.Add("--json", PathOf("r.json"));
        var csv = set.Add("--csv", PathOf("r.csv"));
        var report = set.Add("--report", PathOf("r.html"));
        Assert.Empty(set.Problems());

        var refused = Assert.Throws<OutputFileException>(() => set.Commit([(json, s => s.Write("new json"u8)), (csv, s => s.Write("new csv"u8)), (report, s => s.Write("new html"u8))]));

        Assert.EndsWith("no output was changed", refused.Message);
        Assert.Equal("old json", File.ReadAllText(PathOf("r.json")));
        // r.csv did not exist before, so it does not exist after.
        Assert.Equal(["r.json"], FilesInFolder());
    }

    [Fact]
    public void A_complete_set_replaces_every_file_and_leaves_nothing_else()
    {
        File.WriteAllText(PathOf("r.json"), "old json");
        var set = NewSet();
        var json = set.Add("--json", PathOf("r.json"));
        var csv = set.Add("--csv", PathOf("r.csv"));
        Assert.Empty(set.Problems());

        set.Commit([(json, s => s.Write("new json"u8)), (csv, s => s.Write("new csv"u8))]);

        Assert.Equal("new json", File.ReadAllText(PathOf("r.json")));
        Assert.Equal("new csv", File.ReadAllText(PathOf("r.csv")));
        Assert.Equal(["r.csv", "r.json"], FilesInFolder());
    }

    [Fact]
    public void A_cancellation_while_writing_keeps_every_earlier_file_and_removes_the_temporary_files()
    {
        File.WriteAllText(PathOf("r.json"), "old json");
        File.WriteAllText(PathOf("r.csv"), "old csv");
        using var cancel = new CancellationTokenSource();
        var set = NewSet();
        var json = set.Add("--json", PathOf("r.json"));
        var csv = set.Add("--csv", PathOf("r.csv"));
        Assert.Empty(set.Problems());

        Assert.Throws<OutputsCancelledException>(() => set.Commit([
            (json, s => s.Write("new json"u8)),
            (csv, s =>
            {
                s.Write("first rows"u8);
                cancel.Cancel();
                s.Write("more rows"u8);
            }),
        ], cancel.Token));

        Assert.Equal("old json", File.ReadAllText(PathOf("r.json")));
        Assert.Equal("old csv", File.ReadAllText(PathOf("r.csv")));
        Assert.Equal(["r.csv", "r.json"], FilesInFolder());
    }

    [Fact]
    public void Another_writers_temporary_file_with_the_old_name_is_neither_used_nor_deleted()
    {
        // The old scheme named temporary files .NAME.PID.tmp: a writer in another container with the same PID used the same name.
        var theirs = PathOf($".r.json.{Environment.ProcessId}.tmp");
        File.WriteAllText(theirs, "another writer's half file");

        AtomicFile.Write(PathOf("r.json"), s => s.Write("mine"u8));

        Assert.Equal("another writer's half file", File.ReadAllText(theirs));
        Assert.Equal("mine", File.ReadAllText(PathOf("r.json")));
    }

    [Fact]
    public void A_symlink_planted_where_the_old_temporary_file_went_never_truncates_its_target()
    {
        var victim = PathOf("victim.txt");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(PathOf($".r.json.{Environment.ProcessId}.tmp"), victim);

        AtomicFile.Write(PathOf("r.json"), s => s.Write("result"u8));
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal("result", File.ReadAllText(PathOf("r.json")));
    }

    [Fact]
    public void An_output_that_is_a_symlink_is_written_to_its_target_and_the_link_stays()
    {
        var target = PathOf("real.json");
        File.WriteAllText(target, "old");
        var link = PathOf("link.json");
        File.CreateSymbolicLink(link, target);

        AtomicFile.Write(link, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(target, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Two_outputs_that_are_one_file_through_a_symlink_or_dot_segments_are_refused()
    {
        File.WriteAllText(PathOf("r.json"), "old");
        File.CreateSymbolicLink(PathOf("link.json"), PathOf("r.json"));
        var set = NewSet();
        set.Add("--json", PathOf("r.json"));
        set.Add("--csv", PathOf("link.json"));
        set.Add("--report", Path.Combine(_dir, ".", "sub", "..", "r.json"));
        Directory.CreateDirectory(PathOf("sub"));

        Assert.Equal(
            [$"--csv: '{PathOf("link.json")}' is also the --json file; give each output its own path",
             $"--report: '{Path.Combine(_dir, ".", "sub", "..", "r.json")}' is also the --json file; give each output its own path"],
            set.Problems());
    }

    [Fact]
    public void Two_new_outputs_with_one_path_are_refused()
    {
        var set = NewSet();
        set.Add("--json", PathOf("x"));
        set.Add("--csv", PathOf("x"));
        Assert.Equal([$"--csv: '{PathOf("x")}' is also the --json file; give each output its own path"], set.Problems());
    }

    [Fact]
    public void An_output_that_is_an_input_through_a_symlink_is_refused()
    {
        File.WriteAllText(PathOf("s.yaml"), "name: x");
        File.CreateSymbolicLink(PathOf("alias.yaml"), PathOf("s.yaml"));
        var set = NewSet();
        set.AddInput("the scenario file", PathOf("s.yaml"));
        set.Add("--json", PathOf("alias.yaml"));
        Assert.Equal([$"--json: '{PathOf("alias.yaml")}' is the scenario file, an input of this run; choose another path (nothing was written)"], set.Problems());
    }

    [Fact]
    public void A_folder_a_device_and_a_pipe_are_refused_as_outputs()
    {
        var fifo = PathOf("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        Assert.Equal("'/dev/null' is a device, pipe or socket, not a regular file; give a file path, or - for stdout", AtomicFile.ProblemWith("/dev/null"));
        Assert.Equal($"'{fifo}' is a device, pipe or socket, not a regular file; give a file path, or - for stdout", AtomicFile.ProblemWith(fifo));
        Assert.Equal($"'{_dir}' is a folder; give a file path", AtomicFile.ProblemWith(_dir));
        Assert.Throws<OutputFileException>(() => AtomicFile.Write(fifo, s => s.Write("x"u8)));
        Assert.Equal(["pipe"], FilesInFolder());
    }

    [Fact]
    public void Only_one_output_may_be_stdout_and_it_is_written_after_the_files()
    {
        var printed = new MemoryStream();
        var set = new OutputSet(() => printed);
        var json = set.Add("--json", "-");
        set.Add("--csv", "-");
        Assert.Equal(["--csv: '-' (stdout) is already taken by --json; at most one output can go to stdout"], set.Problems());

        var single = new OutputSet(() => printed);
        var toStdout = single.Add("--json", "-");
        var file = single.Add("--csv", PathOf("r.csv"));
        Assert.Empty(single.Problems());
        single.Commit([(toStdout, s => s.Write("{}"u8)), (file, s => s.Write("a,b"u8))]);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(printed.ToArray()));
        Assert.Equal("a,b", File.ReadAllText(PathOf("r.csv")));
    }
}
