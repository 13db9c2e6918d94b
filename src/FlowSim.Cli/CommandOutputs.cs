using System.Text;
using FlowSim.Reports;

namespace FlowSim.Cli;

/// <summary>How every command writes its files: one <see cref="OutputSet"/>, checked before the work and committed after it.</summary>
internal static class CommandOutputs
{
    /// <summary>A set whose <c>-</c> output goes to <paramref name="stdout"/>.</summary>
    public static OutputSet For(TextWriter stdout) => new(() => OpenStdout(stdout));

    /// <summary>
    /// After the scenario has loaded: refuses outputs that are history files it reads (printing
    /// why); true when the run may go on.
    /// </summary>
    public static bool CheckHistories(OutputSet? set, FlowSim.Scenarios.Scenario scenario, TextWriter stderr) =>
        CheckHistories(set, scenario.Source.Histories, stderr);

    /// <inheritdoc cref="CheckHistories(OutputSet?, FlowSim.Scenarios.Scenario, TextWriter)"/>
    public static bool CheckHistories(OutputSet? set, IEnumerable<string> histories, TextWriter stderr)
    {
        if (set is null)
        {
            return true;
        }

        var problems = set.ProblemsWithInputs("a history file the scenario reads", histories);
        foreach (var p in problems)
        {
            stderr.WriteLine($"flowsim: {p}");
        }

        return problems.Count == 0;
    }

    /// <summary>Writes the set's files all or none; says so when a Ctrl+C came too late to stop them.</summary>
    public static void Commit(OutputSet set, TextWriter stderr, CancellationToken ct, params (OutputFile? File, Action<Stream> Write)[] contents)
    {
        set.Commit(contents, ct);
        if (ct.IsCancellationRequested)
        {
            stderr.WriteLine("flowsim: interrupted while the results were being put in place; every file was written in full.");
        }
    }

    /// <summary>Standard output as a byte stream: the real one as it is, a host's writer decoded as UTF-8.</summary>
    public static Stream OpenStdout(TextWriter stdout)
    {
        if (ReferenceEquals(stdout, Console.Out))
        {
            // The real stdout takes bytes, so shard files pass unchanged.
            Console.Out.Flush();
            return Console.OpenStandardOutput();
        }

        return new TextWriterStream(stdout);
    }

    /// <summary>Bytes of UTF-8 text written to a <see cref="TextWriter"/> (stdout inside tests and hosts).</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private char[] _chars = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // One buffer for every write: a large document arrives in many megabyte-sized pieces.
            var count = _decoder.GetCharCount(buffer, flush: false);
            if (_chars.Length < count)
            {
                _chars = new char[count];
            }

            var n = _decoder.GetChars(buffer, _chars, flush: false);
            writer.Write(_chars, 0, n);
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
