namespace FlowSim.Reports;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the content
/// goes to a temporary file beside the target, which is renamed over it only when complete.
/// A crash or Ctrl-C mid-write leaves no truncated result and keeps an earlier one intact.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
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
        return dir is not null && !Directory.Exists(dir) ? $"folder '{Path.GetDirectoryName(path)}' does not exist" : null;
    }
}
