using FlowSim.Reports;

namespace FlowSim.Tests.Reports;

public sealed class ProvenanceTests
{
    public sealed class ReproducibleCommand
    {
        [Fact]
        public void Given_output_paths_and_threads_When_recorded_Then_only_what_decides_the_result_remains()
        {
            var command = Provenance.ReproducibleCommand(
                ["run", "s.yaml", "--json", "out.json", "--trials", "50", "--threads=2", "--csv", "t.csv", "--quiet", "--seed", "7"]);

            Assert.Equal(["run", "s.yaml", "--trials", "50", "--seed", "7"], command);
        }

        [Fact]
        public void Given_quiet_by_its_short_alias_When_recorded_Then_it_is_left_out_as_the_long_form_is()
        {
            Assert.Equal(
                Provenance.ReproducibleCommand(["run", "s.yaml", "--quiet"]),
                Provenance.ReproducibleCommand(["run", "s.yaml", "-q"]));
        }

        [Fact]
        public void Given_two_equivalent_runs_with_different_outputs_When_recorded_Then_the_commands_are_equal()
        {
            var a = Provenance.ReproducibleCommand(["run", "s.yaml", "--threads", "1", "--json", "a.json"]);
            var b = Provenance.ReproducibleCommand(["run", "s.yaml", "--json:b.json", "--threads", "2"]);

            Assert.Equal(a, b);
        }
    }
}
