namespace FlowSim.Reports;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the content
/// goes to a temporary file beside the target, which is renamed over it only when complete.
/// A crash or Ctrl-C mid-write leaves no truncated result and keeps an earlier one intact.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <exception cref="OutputFileException">The file system refused the file (permissions, a full disk, a read-only place).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = TempPath(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException(path, e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Why a result cannot be written to <paramref name="path"/> (missing folder, a folder in the
    /// way), or null when it can; checked before a run so a long simulation is not wasted.
    /// </summary>
    public static string? ProblemWith(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "needs a file path";
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"'{path}' is a folder; give a file path";
        }

        var dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
        {
            return $"folder '{Path.GetDirectoryName(path)}' does not exist";
        }

        // Try the temporary file the write will use: permissions and read-only places show now, not after the run.
        var temp = TempPath(full);
        try
        {
            using (new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
            }

            File.Delete(temp);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write '{path}': {OutputFileException.Reason(e)}";
        }
    }

    private static string TempPath(string full) => Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
}

/// <summary>A result file that the file system refused; nothing was written to its path.</summary>
public sealed class OutputFileException : IOException
{
    /// <summary>Wraps the file system's refusal of <paramref name="path"/>.</summary>
    public OutputFileException(string path, Exception inner)
        : base($"cannot write '{path}': {Reason(inner)}; nothing was written there", inner)
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
