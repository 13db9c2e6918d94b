using System.Runtime.InteropServices;

namespace FlowSim.Reports;

/// <summary>What is at a path, once symlinks are followed.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Folder,

    /// <summary>A device, FIFO or socket: writing or renaming over it could block, or destroy a system file.</summary>
    Special,
}

/// <summary>
/// File types and identities beyond what System.IO exposes: a device or FIFO looks like a file to
/// <see cref="File.Exists"/>, and two paths name the same file when they lead to the same inode
/// (symlinks, <c>./</c>, a case-insensitive volume), however different the strings are.
/// </summary>
internal static class FileIdentity
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int FolderType = 0x4000;

    /// <summary>What <paramref name="path"/> leads to, and its (device, inode) when it exists and the platform says.</summary>
    public static (FileKind Kind, (long Device, long Inode)? Id) Stat(string path)
    {
        if (!OperatingSystem.IsWindows() && TryStat(path, out var status))
        {
            var kind = (status.Mode & TypeMask) switch
            {
                RegularType => FileKind.Regular,
                FolderType => FileKind.Folder,
                _ => FileKind.Special,
            };
            return (kind, (status.Dev, status.Ino));
        }

        // Windows, or no native help: System.IO's view (no FIFOs there; devices have \\.\ paths).
        var full = Path.GetFullPath(path);
        if (full.StartsWith(@"\\.\", StringComparison.Ordinal))
        {
            return (FileKind.Special, null);
        }

        return (Directory.Exists(full) ? FileKind.Folder : File.Exists(full) ? FileKind.Regular : FileKind.Missing, null);
    }

    /// <summary>True when <paramref name="path"/> itself is a symbolic link (not following it).</summary>
    public static bool IsLink(string path)
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

    /// <summary>The folder's path with every symlink and <c>..</c> resolved; the path as given when the platform cannot say.</summary>
    public static string RealFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.GetFullPath(folder);
        }

        try
        {
            var resolved = RealPath(folder, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return Path.GetFullPath(folder);
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved) ?? Path.GetFullPath(folder);
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Path.GetFullPath(folder);
        }
    }

    private static bool TryStat(string path, out FileStatus status)
    {
        try
        {
            return SystemNativeStat(path, out status) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            status = default;
            return false;
        }
    }

    /// <summary>The runtime's own portable stat record (System.Native's FileStatus): the same layout on every Unix the runtime supports.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime;
        public long ATimeNsec;
        public long MTime;
        public long MTimeNsec;
        public long CTime;
        public long CTimeNsec;
        public long BirthTime;
        public long BirthTimeNsec;
        public long Dev;
        public long RDev;
        public long Ino;
        public uint UserFlags;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int LinkNative([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string added);

    /// <summary>Makes <paramref name="added"/> a second name of <paramref name="existing"/> (a hard link); false when the platform or file system cannot.</summary>
    public static bool TryHardLink(string existing, string added)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return LinkNative(existing, added) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
