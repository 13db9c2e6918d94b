using Microsoft.Win32.SafeHandles;

namespace FlowSim.Experiments;

/// <summary>How trial outcomes are kept: trials per block, and how many bytes stay in memory before blocks go to a temporary file.</summary>
/// <param name="BlockTrials">Trials per block: the runner holds one block of outcome vectors at a time.</param>
/// <param name="MemoryBytes">Outcome bytes kept in memory; later blocks are written to a temporary file.</param>
internal sealed record OutcomeStorage(int BlockTrials, long MemoryBytes)
{
    /// <summary>4,096 trials per block, 64 MiB in memory: runs of up to tens of thousands of trials never touch the disk.</summary>
    public static readonly OutcomeStorage Default = new(4096, 64L << 20);
}

/// <summary>
/// Every trial's outcome vector of every strategy, in blocks of trials, each block stored column
/// by column. Blocks stay in memory up to a budget and go to a temporary file beyond it, so the
/// memory a run needs stays flat in the number of trials while every value is kept exactly:
/// percentiles and paired comparisons read one column (one number per trial) at a time.
/// </summary>
/// <remarks>
/// Blocks are appended by one thread (the runner, between blocks); reads may come from several
/// threads once the run is over. Reads of a block on disk go through a one-block cache per
/// strategy, so a trial-by-trial scan reads each block once.
/// </remarks>
internal sealed class OutcomeStore
{
    private readonly OutcomeStorage _storage;
    private readonly List<Block>[] _blocks;
    private readonly CachedBlock[] _cache;
    private SafeFileHandle? _file;
    private long _fileLength;
    private long _inMemory;
    private double[]? _transposing;

    public OutcomeStore(int strategies, int width, OutcomeStorage storage)
    {
        Width = width;
        _storage = storage;
        _blocks = [.. Enumerable.Range(0, strategies).Select(_ => new List<Block>())];
        _cache = [.. Enumerable.Range(0, strategies).Select(_ => new CachedBlock())];
    }

    /// <summary>Numbers per outcome vector.</summary>
    public int Width { get; }

    /// <summary>Trials stored.</summary>
    public int Trials { get; private set; }

    /// <summary>Trials per block the runner should hand over.</summary>
    public int BlockTrials => _storage.BlockTrials;

    /// <summary>Outcome bytes held in memory (at most the storage's budget).</summary>
    public long InMemoryBytes => _inMemory;

    /// <summary>True when some blocks live in the temporary file.</summary>
    public bool Spilled => _file is not null;

    /// <summary>Adds the next <paramref name="trials"/> trials, a block at a time: per strategy, their outcome vectors one after another.</summary>
    public void AppendRows(IReadOnlyList<ReadOnlyMemory<double>> rows, int trials)
    {
        var slices = new ReadOnlyMemory<double>[rows.Count];
        for (var first = 0; first < trials; first += BlockTrials)
        {
            var count = Math.Min(BlockTrials, trials - first);
            for (var s = 0; s < slices.Length; s++)
            {
                slices[s] = rows[s].Slice(first * Width, count * Width);
            }

            Append(slices, count);
        }
    }

    /// <summary>Adds the next <paramref name="count"/> trials: per strategy, their outcome vectors one after another.</summary>
    public void Append(IReadOnlyList<ReadOnlyMemory<double>> rows, int count)
    {
        for (var s = 0; s < _blocks.Length; s++)
        {
            var bytes = (long)count * Width * sizeof(double);
            var inMemory = _inMemory + bytes <= _storage.MemoryBytes;

            // A block bound for the file is transposed in one reused buffer: no garbage per block.
            var columns = inMemory ? new double[count * Width] : Transposing(count * Width);
            var source = rows[s].Span;
            for (var k = 0; k < count; k++)
            {
                for (var c = 0; c < Width; c++)
                {
                    columns[(c * count) + k] = source[(k * Width) + c];
                }
            }

            if (inMemory)
            {
                _inMemory += bytes;
                _blocks[s].Add(new Block(Trials, count, columns, -1));
            }
            else
            {
                _file ??= OpenTemporaryFile();
                RandomAccess.Write(_file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(columns.AsSpan(0, count * Width)), _fileLength);
                _blocks[s].Add(new Block(Trials, count, null, _fileLength));
                _fileLength += bytes;
            }
        }

        Trials += count;
    }

    /// <summary>One number of every trial, in trial order.</summary>
    public double[] Column(int strategy, int column)
    {
        var values = new double[Trials];
        ColumnInto(strategy, column, values);
        return values;
    }

    /// <summary>One number of every trial, in trial order, into <paramref name="values"/> (at least <see cref="Trials"/> long).</summary>
    public void ColumnInto(int strategy, int column, Span<double> values)
    {
        foreach (var b in _blocks[strategy])
        {
            var target = values.Slice(b.FirstTrial, b.Count);
            if (b.Values is { } inMemory)
            {
                inMemory.AsSpan(column * b.Count, b.Count).CopyTo(target);
            }
            else
            {
                Read(target, b.FileOffset + ((long)column * b.Count * sizeof(double)));
            }
        }
    }

    /// <summary>One number of one trial.</summary>
    public double Get(int strategy, int trial, int column)
    {
        var blocks = _blocks[strategy];
        var b = blocks[Find(blocks, trial)];
        if (b.Values is { } inMemory)
        {
            return inMemory[(column * b.Count) + trial - b.FirstTrial];
        }

        var cache = _cache[strategy];
        lock (cache)
        {
            if (!ReferenceEquals(cache.Block, b))
            {
                if (cache.Values is null || cache.Values.Length < b.Count * Width)
                {
                    cache.Values = new double[BlockTrials * Width];
                }

                Read(cache.Values.AsSpan(0, b.Count * Width), b.FileOffset);
                cache.Block = b;
            }

            return cache.Values![(column * b.Count) + trial - b.FirstTrial];
        }
    }

    /// <summary>Every trial's outcome vector of one strategy, trial after trial (the whole run in memory, for a shard file).</summary>
    public double[] Rows(int strategy)
    {
        var rows = new double[checked(Trials * Width)];
        for (var c = 0; c < Width; c++)
        {
            var column = Column(strategy, c);
            for (var k = 0; k < column.Length; k++)
            {
                rows[(k * Width) + c] = column[k];
            }
        }

        return rows;
    }

    private double[] Transposing(int length)
    {
        if (_transposing is null || _transposing.Length < length)
        {
            _transposing = new double[Math.Max(length, BlockTrials * Width)];
        }

        return _transposing;
    }

    /// <summary>A temporary file that disappears with the process, however it ends.</summary>
    private static SafeFileHandle OpenTemporaryFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowsim-{Environment.ProcessId}-{Guid.NewGuid():N}.outcomes");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            // Unix keeps an unlinked file's data while it is open, and frees it when the process
            // exits; DeleteOnClose alone would leave the file behind if the handle is never closed.
            File.Delete(path);
        }

        return handle;
    }

    private void Read(Span<double> target, long offset)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(target);
        while (bytes.Length > 0)
        {
            var n = RandomAccess.Read(_file!, bytes, offset);
            if (n <= 0)
            {
                throw new IOException("the temporary outcome file ended early");
            }

            bytes = bytes[n..];
            offset += n;
        }
    }

    private static int Find(List<Block> blocks, int trial)
    {
        int lo = 0, hi = blocks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (blocks[mid].FirstTrial <= trial)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Trials [FirstTrial, FirstTrial + Count), column by column: in memory, or at FileOffset in the temporary file.</summary>
    private sealed record Block(int FirstTrial, int Count, double[]? Values, long FileOffset);

    private sealed class CachedBlock
    {
        public Block? Block { get; set; }

        public double[]? Values { get; set; }
    }
}
