using Parquet;
using Parquet.Schema;

namespace FlowSim.Reports;

/// <summary>The columns of a <see cref="ParquetTable"/>, in file order: one whole-number column, then text columns, then numbers.</summary>
/// <param name="Whole">The name of the whole-number column (<c>trial</c>); never null in a row.</param>
/// <param name="Text">Text columns (<c>strategy</c>, <c>item</c>, <c>location</c>); a cell may be null.</param>
/// <param name="Numbers">Number columns (the metric keys); a cell is null where the value is undefined.</param>
internal sealed record ParquetColumns(string Whole, IReadOnlyList<string> Text, IReadOnlyList<string> Numbers);

/// <summary>
/// A Parquet file written block by block: rows are buffered column-wise and each full block
/// becomes one row group (at most 65,536 rows and about 32 MB of numbers), so the rows of a
/// million trials never sit in memory at once. The file is complete only after <see cref="Complete"/> (the footer goes last); the
/// stream is one of an <see cref="OutputSet"/>'s temporary files, so an unfinished file is never
/// put in place. The same rows in the same order give the same bytes.
/// </summary>
internal sealed class ParquetTable : IDisposable
{
    /// <summary>Rows per row group at most: few groups for typical runs, and about 0.5 MB per number column.</summary>
    public const int MaxBlockRows = 1 << 16;

    // Numbers buffered per block at most (8 bytes each): a wide table gets shorter row groups, never more memory.
    private const int MaxBlockCells = 1 << 22;

    private readonly ParquetWriter _writer;
    private readonly DataField<int> _wholeField;
    private readonly DataField<string>[] _textFields;
    private readonly DataField<double?>[] _numberFields;
    private readonly int[] _whole;
    private readonly string?[][] _text;
    private readonly double[][] _numbers;

    // One column's values with undefined ones as null, as the writer takes them; reused for every column.
    private readonly double?[] _nullable;
    private int _rows;
    private bool _complete;

    private ParquetTable(ParquetWriter writer, ParquetColumns columns, DataField<int> whole, DataField<string>[] text, DataField<double?>[] numbers, int blockRows)
    {
        _writer = writer;
        Columns = columns;
        _wholeField = whole;
        _textFields = text;
        _numberFields = numbers;
        _whole = new int[blockRows];
        _text = [.. text.Select(_ => new string?[blockRows])];
        _numbers = [.. numbers.Select(_ => new double[blockRows])];
        _nullable = new double?[blockRows];
    }

    /// <summary>The table's columns.</summary>
    public ParquetColumns Columns { get; }

    /// <summary>The rows of one block for a table with <paramref name="numberColumns"/> number columns.</summary>
    public static int BlockRowsFor(int numberColumns) => Math.Clamp(MaxBlockCells / Math.Max(1, numberColumns), 1024, MaxBlockRows);

    /// <summary>Starts a table on <paramref name="stream"/>, with key-value metadata in its footer.</summary>
    /// <param name="stream">Where the file goes; written front to back, never sought.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="metadata">Key-value pairs for the footer.</param>
    /// <param name="blockRows">Rows per row group; by default <see cref="BlockRowsFor"/> the number columns.</param>
    public static ParquetTable Create(Stream stream, ParquetColumns columns, IReadOnlyDictionary<string, string> metadata, int? blockRows = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(metadata);
        var rows = blockRows ?? BlockRowsFor(columns.Numbers.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var whole = new DataField<int>(columns.Whole, false);
        DataField<string>[] text = [.. columns.Text.Select(name => new DataField<string>(name, true))];
        DataField<double?>[] numbers = [.. columns.Numbers.Select(name => new DataField<double?>(name, true))];
        var schema = new ParquetSchema([whole, .. text, .. numbers]);
        var writer = ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }).GetAwaiter().GetResult();
        writer.CustomMetadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        return new ParquetTable(writer, columns, whole, text, numbers, rows);
    }

    /// <summary>Appends one row; a full block is written as a row group.</summary>
    /// <param name="whole">The whole-number cell.</param>
    /// <param name="text">One cell per text column, null for none.</param>
    /// <param name="numbers">One value per number column; a value that is not finite is written as null (undefined).</param>
    public void Add(int whole, ReadOnlySpan<string?> text, ReadOnlySpan<double> numbers)
    {
        ObjectDisposedException.ThrowIf(_complete, this);
        if (text.Length != _text.Length || numbers.Length != _numbers.Length)
        {
            throw new ArgumentException($"a row has {_text.Length} text and {_numbers.Length} number cells, got {text.Length} and {numbers.Length}");
        }

        _whole[_rows] = whole;
        for (var c = 0; c < text.Length; c++)
        {
            _text[c][_rows] = text[c];
        }

        for (var c = 0; c < numbers.Length; c++)
        {
            _numbers[c][_rows] = numbers[c];
        }

        if (++_rows == _whole.Length)
        {
            WriteBlock();
        }
    }

    /// <summary>Writes the rows still buffered and the footer; the file is then complete.</summary>
    public void Complete()
    {
        if (_complete)
        {
            return;
        }

        if (_rows > 0)
        {
            WriteBlock();
        }

        _complete = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Leaves an unfinished file unfinished: closing the writer would write a footer (and could fail
    /// again on a stream that just failed), and the output set removes the temporary file anyway.
    /// </summary>
    public void Dispose() => _complete = true;

    private void WriteBlock()
    {
        using (var group = _writer.CreateRowGroup())
        {
            group.WriteAsync(_wholeField, new ReadOnlyMemory<int>(_whole, 0, _rows)).GetAwaiter().GetResult();
            for (var c = 0; c < _textFields.Length; c++)
            {
                group.WriteAsync(_textFields[c], new ArraySegment<string>(_text[c]!, 0, _rows)).GetAwaiter().GetResult();
            }

            for (var c = 0; c < _numberFields.Length; c++)
            {
                var values = _numbers[c];
                for (var r = 0; r < _rows; r++)
                {
                    _nullable[r] = double.IsFinite(values[r]) ? values[r] : null;
                }

                group.WriteAsync(_numberFields[c], new ReadOnlyMemory<double?>(_nullable, 0, _rows)).GetAwaiter().GetResult();
            }
        }

        _rows = 0;
    }
}
