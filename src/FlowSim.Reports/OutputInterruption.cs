namespace FlowSim.Reports;

/// <summary>The outputs were being written when the run was interrupted: every earlier file is kept and no temporary file is left.</summary>
public sealed class OutputsCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception with its message.</summary>
    public OutputsCancelledException()
        : base("interrupted while writing the results; every earlier file is kept and nothing was written")
    {
    }
}

/// <summary>Passes writes through to a file, stopping at the first write after a cancellation.</summary>
internal sealed class CancellableStream(Stream inner, CancellationToken cancellation) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        cancellation.ThrowIfCancellationRequested();
        inner.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        cancellation.ThrowIfCancellationRequested();
        inner.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        cancellation.ThrowIfCancellationRequested();
        inner.WriteByte(value);
    }
}
