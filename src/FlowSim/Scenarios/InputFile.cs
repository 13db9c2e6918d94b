using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace FlowSim.Scenarios;

/// <summary>
/// Reads the files FlowSim takes in (scenarios, histories, results): regular files only, so a
/// pipe or a device (<c>/dev/zero</c>, a FIFO nobody writes to) is refused at once instead of
/// being waited on or read forever, and never more than a stated number of bytes.
/// </summary>
public static class InputFile
{
    /// <summary>
    /// Reads a whole input file of at most <paramref name="maxBytes"/> bytes; null, with what is
    /// wrong in <paramref name="problem"/> (without the path), when it cannot be read. Never throws for bad input.
    /// </summary>
    /// <param name="path">The file; symbolic links are followed.</param>
    /// <param name="maxBytes">The most bytes accepted; the limit holds while reading, so a file that grows is stopped too.</param>
    /// <param name="what">What the file should be, for messages: "scenario", "history file" (made plural by an s).</param>
    /// <param name="problem">Why nothing was read, such as <c>file not found</c>; empty on success.</param>
    public static byte[]? TryRead(string path, long maxBytes, string what, out string problem)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        try
        {
            if (ProblemWith(path, what) is { } notRegular)
            {
                problem = notRegular;
                return null;
            }

            var info = new FileInfo(path);
            if (info.Length > maxBytes)
            {
                problem = $"file is {info.Length:N0} bytes; {what}s are limited to {maxBytes:N0} bytes";
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            // The path may have been replaced between the check and the open: check what was opened.
            if (KindOf(stream.SafeFileHandle) is { } kind && kind != FileKind.Regular)
            {
                problem = NotRegular(kind, what);
                return null;
            }

            // Files in /proc report no length: read at most one byte past the limit, whatever the length said.
            var buffer = new byte[(int)Math.Min(Math.Max(info.Length, 4096) + 1, maxBytes + 1)];
            var read = 0;
            int n;
            while ((n = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
                if (read > maxBytes)
                {
                    problem = $"holds more than {maxBytes:N0} bytes; {what}s are limited to {maxBytes:N0} bytes";
                    return null;
                }

                if (read == buffer.Length)
                {
                    System.Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1));
                }
            }

            problem = "";
            return buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ArgumentException: an empty path or one with characters the file system refuses.
            problem = $"cannot read the file: {e.Message.TrimEnd('.')}";
            return null;
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be read as an input (missing, a folder, a pipe, a device
    /// or a socket), or null when it is a regular file (or a link to one).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file should be, for messages: "scenario", "history file".</param>
    public static string? ProblemWith(string path, string what)
    {
        if (Directory.Exists(path))
        {
            return $"is a folder, not a {what}";
        }

        if (!File.Exists(path))
        {
            return "file not found";
        }

        return KindOf(path) is { } kind && kind != FileKind.Regular ? NotRegular(kind, what) : null;
    }

    /// <summary>
    /// A short, inert excerpt of text from a file for a message: at most <paramref name="max"/>
    /// characters (then <c>...</c>), control characters shown escaped (<c>\e</c>, <c>\u0007</c>),
    /// so a message never carries a whole line of an arbitrary file or a terminal escape.
    /// </summary>
    /// <param name="text">The text as read.</param>
    /// <param name="max">The most characters of <paramref name="text"/> shown.</param>
    public static string Excerpt(string text, int max = 40)
    {
        ArgumentNullException.ThrowIfNull(text);
        var b = new StringBuilder();
        var shown = 0;
        foreach (var c in text)
        {
            if (shown == max)
            {
                return b.Append("...").ToString();
            }

            shown++;
            _ = c switch
            {
                '\t' => b.Append(@"\t"),
                '\r' => b.Append(@"\r"),
                '\n' => b.Append(@"\n"),
                '\u001b' => b.Append(@"\e"),
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069')
                    => b.Append($"\\u{(int)c:x4}"),
                _ => b.Append(c),
            };
        }

        return b.ToString();
    }

    private enum FileKind
    {
        Regular,
        Folder,
        Pipe,
        Device,
        Socket,
        Other,
    }

    private static string NotRegular(FileKind kind, string what) => kind switch
    {
        FileKind.Folder => $"is a folder, not a {what}",
        FileKind.Pipe => $"is a pipe (FIFO), not a regular file; a {what} is read only from a regular file",
        FileKind.Device => $"is a device, not a regular file; a {what} is read only from a regular file",
        FileKind.Socket => $"is a socket, not a regular file; a {what} is read only from a regular file",
        _ => $"is not a regular file; a {what} is read only from a regular file",
    };

    private static FileKind? KindOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return Stat(path, out var status) == 0 ? Kind(status.Mode) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static FileKind? KindOf(SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return FStat(handle, out var status) == 0 ? Kind(status.Mode) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // The file type bits of the runtime's portable mode (the same values on every Unix).
    private static FileKind Kind(int mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Folder,
        0x1000 => FileKind.Pipe,
        0x2000 or 0x6000 => FileKind.Device,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    /// <summary>
    /// The start of the runtime's own portable <c>FileStatus</c> (System.Native, shipped with every
    /// .NET runtime on Unix): only <c>Mode</c> is read; the rest of the buffer is room for the fields after it.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct FileStatus
    {
        [FieldOffset(4)]
        public int Mode;
    }

    // .NET itself tells file types apart this way; the public API has no call for it.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat")]
    private static extern int FStat(SafeFileHandle fd, out FileStatus status);
}
