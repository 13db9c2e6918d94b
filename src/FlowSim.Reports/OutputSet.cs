namespace FlowSim.Reports;

/// <summary>
/// The files one command writes, replaced all together or not at all. Paths are checked before
/// any work (<see cref="Problems"/>): an output may not be an input of the run, two outputs may
/// not be one file, and each must be a regular file in an existing, writable folder, or <c>-</c>
/// for stdout. <see cref="Commit"/> then writes every file to a new temporary file beside its
/// target, and only when all are complete renames them into place; a failure or interruption
/// leaves every earlier file as it was and no temporary file behind.
/// </summary>
/// <remarks>
/// Paths are compared as the file system sees them: two paths are one file when they lead to the
/// same device and inode (through symlinks, <c>./</c>, <c>..</c> or a case-insensitive volume).
/// An output that is a symlink is written to the file it leads to; the link stays.
/// </remarks>
public sealed class OutputSet
{
    /// <summary>The path that means stdout.</summary>
    public const string Stdout = "-";

    // Commits and forced exits take turns: an exit never lands between two renames of one set.
    private static readonly Lock Gate = new();
    private static readonly List<OutputSet> Writing = [];
    private static bool s_anyCommitted;

    private readonly Func<Stream> _openStdout;
    private readonly List<OutputFile> _files = [];
    private readonly List<(string What, string Path, (long, long)? Id)> _inputs = [];
    private State _state = State.Open;

    /// <summary>A set whose <c>-</c> output goes to the stream <paramref name="openStdout"/> opens.</summary>
    public OutputSet(Func<Stream> openStdout)
    {
        ArgumentNullException.ThrowIfNull(openStdout);
        _openStdout = openStdout;
    }

    private enum State
    {
        Open,
        Writing,
        Abandoned,
        Committed,
    }

    /// <summary>True when one output is <c>-</c>: stdout carries that file, and nothing else should be printed there.</summary>
    public bool WritesStdout => _files.Any(f => f.IsStdout);

    /// <summary>Renames a finished temporary file over its target; replaceable so tests can make a rename fail.</summary>
    internal Action<string, string> Rename { get; init; } = (from, to) => File.Move(from, to, overwrite: true);

    /// <summary>Adds the output an option names; null (and nothing added) when <paramref name="path"/> is null.</summary>
    /// <param name="option">The option as the user typed it (<c>--json</c>), for messages.</param>
    /// <param name="path">The path given, or <c>-</c> for stdout.</param>
    /// <param name="newFileOnly">Refuse to replace an existing file (<c>flowsim init</c>).</param>
    public OutputFile? Add(string option, string? path, bool newFileOnly = false)
    {
        if (path is null)
        {
            return null;
        }

        var file = new OutputFile(option, path, newFileOnly);
        _files.Add(file);
        return file;
    }

    /// <summary>The output an option named; null when the option was not given.</summary>
    public OutputFile? Named(string option) => _files.FirstOrDefault(f => f.Option == option);

    /// <summary>Marks a file the run reads; no output may be it. Paths that do not exist are left to the reader to report.</summary>
    /// <param name="what">What the file is, for messages (<c>the scenario file</c>).</param>
    /// <param name="path">The file as the run will open it.</param>
    public void AddInput(string what, string path)
    {
        var (kind, id) = FileIdentity.Stat(path);
        if (kind != FileKind.Missing)
        {
            _inputs.Add((what, path, id));
        }
    }

    /// <summary>
    /// Everything that would stop the outputs being written, one message per problem naming the
    /// option (<c>--json: ...</c>); empty when all can be written. Creates and removes a probe
    /// file in each folder, so permissions show now, not after a long run.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        OutputFile? stdout = null;
        var checkedFiles = new List<OutputFile>();
        foreach (var file in _files)
        {
            if (file.IsStdout)
            {
                if (stdout is not null)
                {
                    problems.Add($"{file.Option}: '-' (stdout) is already taken by {stdout.Option}; at most one output can go to stdout");
                }

                stdout ??= file;
                continue;
            }

            if (file.Resolve() is { } problem)
            {
                problems.Add($"{file.Option}: {problem}");
                continue;
            }

            if (checkedFiles.FirstOrDefault(file.SameFileAs) is { } twin)
            {
                problems.Add($"{file.Option}: '{file.Path}' is also the {twin.Option} file; give each output its own path");
                continue;
            }

            if (InputProblem(file) is { } clash)
            {
                problems.Add(clash);
                continue;
            }

            checkedFiles.Add(file);
        }

        return problems;
    }

    /// <summary>
    /// Marks more files the run reads, found after <see cref="Problems"/> (the history files a
    /// scenario names), and returns the outputs that would overwrite one of them.
    /// </summary>
    public IReadOnlyList<string> ProblemsWithInputs(string what, IEnumerable<string> paths)
    {
        var before = _inputs.Count;
        foreach (var path in paths)
        {
            AddInput(what, path);
        }

        var problems = new List<string>();
        foreach (var file in _files.Where(f => !f.IsStdout && f.Target is not null))
        {
            if (InputProblem(file, before) is { } clash)
            {
                problems.Add(clash);
            }
        }

        return problems;
    }

    /// <summary>
    /// Writes the outputs whose contents are given, all or none: every file to its own new
    /// temporary file first, then each renamed into place, and the stdout output last. If a
    /// write or rename fails, the files already renamed are put back as they were and an
    /// <see cref="OutputFileException"/> names the file that failed. A cancellation while the
    /// temporary files are being written removes them and throws
    /// <see cref="OutputsCancelledException"/>; once renaming has begun the set is completed.
    /// </summary>
    /// <param name="contents">Each output with what writes it; null outputs (options not given) are skipped.</param>
    /// <param name="cancellation">Ctrl+C; observed on every write to a temporary file.</param>
    public void Commit(IEnumerable<(OutputFile? File, Action<Stream> Write)> contents, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var all = contents.Where(c => c.File is not null).Select(c => (File: c.File!, c.Write)).ToList();
        var files = all.Where(c => !c.File.IsStdout).ToList();
        if (files.Any(c => c.File.Target is null))
        {
            throw new InvalidOperationException("check the outputs with Problems() before committing them");
        }

        if (cancellation.IsCancellationRequested)
        {
            throw new OutputsCancelledException();
        }

        lock (Gate)
        {
            _state = State.Writing;
            Writing.Add(this);
        }

        try
        {
            foreach (var (file, write) in files)
            {
                file.WriteTemporary(write, cancellation);
            }
        }
        catch (Exception e)
        {
            lock (Gate)
            {
                Writing.Remove(this);
                DeleteTemporaries();
                _state = State.Open;
            }

            throw e switch
            {
                OperationCanceledException => new OutputsCancelledException(),
                IOException or UnauthorizedAccessException => new OutputFileException(files.First(f => f.File.FailedWrite).File.Path, e),
                _ => e,
            };
        }

        lock (Gate)
        {
            Writing.Remove(this);
            if (_state == State.Abandoned)
            {
                // A forced exit removed the temporary files while they were being written.
                throw new OutputsCancelledException();
            }

            RenameAll(files.Select(f => f.File).ToList());
            _state = State.Committed;
            s_anyCommitted = true;
        }

        foreach (var (file, write) in all.Where(c => c.File.IsStdout))
        {
            using var stdout = _openStdout();
            write(stdout);
            stdout.Flush();
        }
    }

    /// <summary>
    /// For a process about to end at once (a second Ctrl+C): waits for a set being renamed into
    /// place to finish, removes the temporary files of every set still being written and stops
    /// any set from being committed afterwards. Returns true, and changes nothing, when no set is
    /// being written and one was committed: the results are complete and only moments of work
    /// remain, so the process should be left to finish.
    /// </summary>
    public static bool AbandonWrites()
    {
        Gate.Enter();
        if (Writing.Count == 0 && s_anyCommitted)
        {
            Gate.Exit();
            return true;
        }

        // Held until the process ends: no commit may start renaming after its files were removed.
        foreach (var set in Writing)
        {
            set.DeleteTemporaries();
            set._state = State.Abandoned;
        }

        Writing.Clear();
        return false;
    }

    private string? InputProblem(OutputFile file, int from = 0)
    {
        for (var i = from; i < _inputs.Count; i++)
        {
            var (what, path, id) = _inputs[i];
            if (file.Is(path, id))
            {
                return $"{file.Option}: '{file.Path}' is {what}, an input of this run; choose another path (nothing was written)";
            }
        }

        return null;
    }

    private void RenameAll(List<OutputFile> files)
    {
        // Every file but the last keeps its old version under a second name until the whole set is in place.
        var done = new List<(OutputFile File, string? Backup)>();
        OutputFile? current = null;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                current = files[i];
                var backup = i < files.Count - 1 ? current.KeepOldVersion() : null;
                done.Add((current, backup));
                if (current.NewFileOnly)
                {
                    File.Move(current.Temporary!, current.Target!, overwrite: false);
                }
                else
                {
                    Rename(current.Temporary!, current.Target!);
                }

                current.Temporary = null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            for (var i = done.Count - 1; i >= 0; i--)
            {
                var (file, backup) = done[i];
                if (file.Temporary is not null)
                {
                    // Not renamed: its target is untouched.
                    TryDelete(backup);
                    continue;
                }

                if (backup is not null)
                {
                    File.Move(backup, file.Target!, overwrite: true);
                }
                else
                {
                    TryDelete(file.Target);
                }
            }

            DeleteTemporaries();
            throw new OutputFileException(current!.Path, e, files.Count > 1 ? "no output was changed" : "nothing was written there");
        }

        foreach (var (_, backup) in done)
        {
            TryDelete(backup);
        }
    }

    private void DeleteTemporaries()
    {
        foreach (var file in _files)
        {
            TryDelete(file.Temporary);
            file.Temporary = null;
        }
    }

    private static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is hidden and never read.
        }
    }
}
