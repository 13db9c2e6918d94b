using System.Security.Cryptography;

namespace FlowSim.Reports;

/// <summary>One output of an <see cref="OutputSet"/>: the option that names it and where it goes.</summary>
public sealed class OutputFile
{
    internal OutputFile(string option, string path, bool newFileOnly)
    {
        Option = option;
        Path = path;
        NewFileOnly = newFileOnly;
    }

    /// <summary>The option that names the output (<c>--json</c>).</summary>
    public string Option { get; }

    /// <summary>The path as given; <c>-</c> for stdout.</summary>
    public string Path { get; }

    /// <summary>True for <c>-</c>: the output goes to stdout.</summary>
    public bool IsStdout => Path == OutputSet.Stdout;

    internal bool NewFileOnly { get; }

    /// <summary>The file written: the path, or the file a symlink there leads to; null until checked.</summary>
    internal string? Target { get; private set; }

    /// <summary>The temporary file being written or waiting to be renamed; null when there is none.</summary>
    internal string? Temporary { get; set; }

    internal bool FailedWrite { get; private set; }

    private (long, long)? _id;
    private string _folderKey = "";
    private bool _caseInsensitive;

    /// <summary>Finds the file to write and checks it can be; what is wrong, or null.</summary>
    internal string? Resolve()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            return "needs a file path";
        }

        string target;
        try
        {
            target = System.IO.Path.GetFullPath(Path);
            if (FileIdentity.IsLink(target))
            {
                if (NewFileOnly)
                {
                    return $"'{Path}' already exists (a symlink); nothing was written (choose another name or remove it)";
                }

                // Write through the link to the file it leads to; the link itself stays.
                target = new FileInfo(target).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? target;
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            return $"'{Path}' cannot be resolved to a file: {OutputFileException.Reason(e)}";
        }

        var folder = System.IO.Path.GetDirectoryName(target);
        if (folder is null || !Directory.Exists(folder))
        {
            return $"folder '{System.IO.Path.GetDirectoryName(Path)}' does not exist";
        }

        var (kind, id) = FileIdentity.Stat(target);
        switch (kind)
        {
            case FileKind.Folder:
                return $"'{Path}' is a folder; give a file path";
            case FileKind.Special:
                return $"'{Path}' is a device, pipe or socket, not a regular file; give a file path, or - for stdout";
            case FileKind.Regular when NewFileOnly:
                return $"'{Path}' already exists; nothing was written (choose another name or remove it)";
        }

        // Try a temporary file as the write will: permissions and read-only places show now, not after the run.
        var probe = TemporaryPath(folder, System.IO.Path.GetFileName(target));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            _caseInsensitive = File.Exists(System.IO.Path.Combine(folder, SwapCase(System.IO.Path.GetFileName(probe))));
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write '{Path}': {OutputFileException.Reason(e)}";
        }

        Target = target;
        _id = id;
        var (_, folderId) = FileIdentity.Stat(folder);
        _folderKey = folderId?.ToString() ?? FileIdentity.RealFolder(folder);
        return null;
    }

    /// <summary>True when this output and <paramref name="other"/> would be one file.</summary>
    internal bool SameFileAs(OutputFile other)
    {
        if (_id is { } a && other._id is { } b)
        {
            return a == b;
        }

        var comparison = _caseInsensitive || OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return _folderKey == other._folderKey && string.Equals(System.IO.Path.GetFileName(Target), System.IO.Path.GetFileName(other.Target), comparison);
    }

    /// <summary>True when this output is the existing file at <paramref name="path"/>.</summary>
    internal bool Is(string path, (long, long)? id)
    {
        if (id is not null)
        {
            return _id == id;
        }

        // No identities on this platform: compare the resolved paths as the platform would.
        var comparison = OperatingSystem.IsWindows() || _caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var full = System.IO.Path.GetFullPath(path);
        if (FileIdentity.IsLink(full))
        {
            full = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }

        return string.Equals(full, Target, comparison);
    }

    /// <summary>Writes the content to a new temporary file beside the target.</summary>
    internal void WriteTemporary(Action<Stream> write, CancellationToken cancellation)
    {
        var folder = System.IO.Path.GetDirectoryName(Target)!;
        try
        {
            // CreateNew never follows a symlink planted at the name, nor reuses another writer's file.
            FileStream stream;
            while (true)
            {
                var temp = TemporaryPath(folder, System.IO.Path.GetFileName(Target)!);
                try
                {
                    stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                    Temporary = temp;
                    break;
                }
                catch (IOException) when (File.Exists(temp) || FileIdentity.IsLink(temp))
                {
                    // Someone else's file by that name: draw another.
                }
            }

            using (stream)
            {
                write(new CancellableStream(stream, cancellation));
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FailedWrite = true;
            throw;
        }
    }

    /// <summary>Gives the existing target a second, hidden name, so it can be put back; null when there is no target yet.</summary>
    internal string? KeepOldVersion()
    {
        if (FileIdentity.Stat(Target!).Kind != FileKind.Regular)
        {
            return null;
        }

        var backup = TemporaryPath(System.IO.Path.GetDirectoryName(Target)!, System.IO.Path.GetFileName(Target)!, "old");
        if (!FileIdentity.TryHardLink(Target!, backup))
        {
            File.Copy(Target!, backup, overwrite: false);
        }

        return backup;
    }

    private static string TemporaryPath(string folder, string name, string kind = "tmp") =>
        System.IO.Path.Combine(folder, $".{name}.{RandomNumberGenerator.GetHexString(12, lowercase: true)}.{kind}");

    private static string SwapCase(string name) =>
        string.Concat(name.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
}
