namespace FlowSim.Reports;

/// <summary>
/// Writes one file so that readers see either the old file or the complete new one (an
/// <see cref="OutputSet"/> of one): the content goes to a new temporary file beside the target,
/// which is renamed over it only when complete. A crash or Ctrl-C mid-write leaves no truncated
/// result and keeps an earlier one intact.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <exception cref="OutputFileException">The path is not a writable regular file, or the file system refused the file (permissions, a full disk, a read-only place).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var set = new OutputSet(() => throw new InvalidOperationException("AtomicFile writes files, not stdout"));
        var file = set.Add("output", path)!;
        if (file.IsStdout || set.Problems() is [_, ..])
        {
            throw new OutputFileException(path, new IOException(ProblemWith(path) ?? "not a file path"));
        }

        set.Commit([(file, write)]);
    }

    /// <summary>
    /// Why a result cannot be written to <paramref name="path"/> (missing folder, a folder, device
    /// or pipe in the way, no permission), or null when it can; checked before a run so a long
    /// simulation is not wasted.
    /// </summary>
    public static string? ProblemWith(string path) => new OutputFile("output", path, newFileOnly: false).Resolve();
}

/// <summary>A result file that the file system refused; nothing was written to its path.</summary>
public sealed class OutputFileException : IOException
{
    /// <summary>Wraps the file system's refusal of <paramref name="path"/>.</summary>
    public OutputFileException(string path, Exception inner)
        : this(path, inner, "nothing was written there")
    {
    }

    /// <summary>Wraps the file system's refusal of <paramref name="path"/>, saying what became of the other outputs.</summary>
    internal OutputFileException(string path, Exception inner, string outcome)
        : base($"cannot write '{path}': {Reason(inner)}; {outcome}", inner)
    {
    }

    /// <summary>The refusal in a few words.</summary>
    internal static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "the folder does not take new files",
        _ => e.Message.TrimEnd('.'),
    };
}
