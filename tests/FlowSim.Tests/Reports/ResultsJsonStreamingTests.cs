using System.Text;
using FlowSim.Experiments;
using FlowSim.Reports;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Reports;

/// <summary>
/// A large network's results document (item-level results for 1,600 item-locations, tens of
/// megabytes) reaches its stream as it is written, so memory does not hold it whole.
/// </summary>
public sealed class ResultsJsonStreamingTests
{
    /// <summary>A write-only stream that counts what reaches it and remembers its largest write.</summary>
    private sealed class CountingStream : Stream
    {
        public long Total { get; private set; }

        public int Largest { get; private set; }

        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Total;

        public override long Position
        {
            get => Total;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Total += buffer.Length;
            Largest = Math.Max(Largest, buffer.Length);
            Writes++;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void Given_the_large_network_When_its_results_are_written_Then_they_reach_the_stream_in_pieces_of_about_a_megabyte()
    {
        var scenario = FlowSim.Scenarios.ScenarioLoader.Load(RepoFiles.Path("benchmarks/scenarios/large-network.yaml")).Scenario!;
        var result = Experiment.Run(scenario, new RunOptions(Trials: 2, Threads: 1));
        var stream = new CountingStream();

        ResultsJson.Write(result, stream, ["run"]);

        // Well over the piece size in all, never more than a piece plus one item-location's text at once.
        Assert.True(stream.Total > 8 << 20, $"document of {stream.Total:N0} bytes");
        Assert.True(stream.Largest < (1 << 20) + (64 << 10), $"largest write {stream.Largest:N0} bytes");
        Assert.True(stream.Writes >= stream.Total >> 20, $"{stream.Writes} writes for {stream.Total:N0} bytes");
    }

    [Fact]
    public void Given_json_on_stdout_When_printed_in_pieces_Then_the_text_is_the_document_the_file_holds()
    {
        // Item names outside ASCII: a piece boundary can fall inside a character's UTF-8 bytes.
        var dir = Directory.CreateTempSubdirectory("flowsim-stream-");
        try
        {
            var yaml = File.ReadAllText(RepoFiles.Path("benchmarks/scenarios/large-network.yaml")).Replace("sku-", "ärtïkel日本-");
            var scenario = Path.Combine(dir.FullName, "large.yaml");
            File.WriteAllText(scenario, yaml, new UTF8Encoding(false));
            var file = Path.Combine(dir.FullName, "out.json");

            var printed = CliRunner.Run("run", scenario, "--trials", "1", "--threads", "1", "--format", "json", "--json", file);

            Assert.Equal(0, printed.ExitCode);
            Assert.True(printed.Stdout.Length > 4 << 20);
            Assert.Contains("ärtïkel日本-099", printed.Stdout);
            Assert.Equal(File.ReadAllText(file, Encoding.UTF8), printed.Stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
