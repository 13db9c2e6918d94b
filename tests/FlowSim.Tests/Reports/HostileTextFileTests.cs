using System.Collections.Immutable;
using System.Text;
using FlowSim.Experiments;
using FlowSim.Planning;
using FlowSim.Reports;
using FlowSim.Reports.Html;

namespace FlowSim.Tests.Reports;

/// <summary>
/// The files FlowSim writes keep text from a scenario inert without a browser or a spreadsheet to
/// check them: HTML escapes it wherever it goes (the currency included), CSV cells never start a
/// formula, and numbers stay numbers.
/// </summary>
public class HostileTextFileTests
{
    public class Csv_cells
    {
        [Theory]
        [InlineData("=1+2", "\"'=1+2\"")]
        [InlineData("+1", "+1")]
        [InlineData("+cmd", "\"'+cmd\"")]
        [InlineData("-2+3", "\"'-2+3\"")]
        [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
        [InlineData("\tx", "\"'\tx\"")]
        [InlineData("\rx", "\"'\rx\"")]
        [InlineData("=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"")]
        [InlineData("-12.5", "-12.5")]
        [InlineData("-1e-5", "-1e-5")]
        [InlineData("-shop.fill_rate", "\"'-shop.fill_rate\"")]
        [InlineData("buffer", "buffer")]
        [InlineData("a, b", "\"a, b\"")]
        [InlineData("", "")]
        public void Given_a_text_cell_When_written_Then_a_formula_is_neutralised_and_anything_else_is_unchanged(string text, string cell) =>
            Assert.Equal(cell, FlowSim.Reports.Csv.Field(text));

        [Fact]
        public void Given_a_negative_number_When_written_Then_it_stays_a_number() =>
            Assert.Equal("-12.5", FlowSim.Reports.Csv.Number(-12.5));

        [Fact]
        public void Given_a_scenario_path_with_formula_characters_and_a_newline_When_a_csv_is_written_Then_the_path_is_only_in_the_sidecar_and_reads_back_exactly()
        {
            var folder = Directory.CreateTempSubdirectory("flowsim-hostile-path-").FullName;
            try
            {
                var scenario = Path.Combine(folder, "a,=cmd|' C calc'!A0\n=1+1,-2.yaml");
                File.Copy(RepoFiles.Path("scenarios/quickstart.yaml"), scenario);
                var csv = Path.Combine(folder, "t.csv");
                var run = Cli.CliRunner.Run("run", scenario, "--trials", "2", "--csv", csv, "-q");
                Assert.True(run.ExitCode == 0, run.Stderr);

                Assert.StartsWith("trial,strategy,", File.ReadAllText(csv));
                Assert.DoesNotContain("cmd", File.ReadAllText(csv));
                using var sidecar = System.Text.Json.JsonDocument.Parse(File.ReadAllText(csv + ".provenance.json"));
                Assert.Equal(scenario, sidecar.RootElement.GetProperty("scenario").GetProperty("path").GetString());
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    public class Html_pages
    {
        private const string Payload = "<img src=x onerror=alert(1)>";

        private static ExperimentResult Run(string currency)
        {
            var yaml = TestScenarios.SingleItem(strategies: """
                  - name: a
                    policy: buffer
                    order_up_to: 20
                  - name: b
                    policy: buffer
                    order_up_to: 30
                """, trials: 10)
                .Replace("name: single item", $"name: single item\ncurrency: \"{currency}\"");
            return Experiment.Run(TestScenarios.Load(yaml), new RunOptions(Threads: 1));
        }

        [Fact]
        public void Given_markup_in_the_currency_When_the_run_report_is_rendered_Then_it_shows_as_text_in_every_amount()
        {
            var result = Run(Payload);

            var html = HtmlReport.Render(ReportInput.For(result), "");

            Assert.DoesNotContain("<img", html);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt; ", html);
        }

        [Fact]
        public void Given_markup_in_the_currency_When_the_sweep_page_is_rendered_Then_it_shows_once_escaped()
        {
            var dir = Directory.CreateTempSubdirectory("flowsim-sweep-page-").FullName;
            try
            {
                var path = Path.Combine(dir, "test.yaml");
                File.WriteAllText(path, TestScenarios.SingleItem(trials: 5).Replace("name: single item", $"name: single item\ncurrency: \"{Payload}\""));
                var axes = ImmutableArray.Create(new SweepAxis("costs.backorder_penalty", ParameterRange.TryParse("0.5..1:0.5", 0, out _)!));
                var plan = Sweep.Plan(path, axes, []);
                Assert.True(plan.IsValid, string.Join("\n", plan.Findings));
                using var stream = new MemoryStream();

                PlanningReport.WriteSweep(Sweep.Run(plan, new RunOptions(Threads: 1)), stream);
                var html = Encoding.UTF8.GetString(stream.ToArray());

                Assert.DoesNotContain("<img", html);
                Assert.DoesNotContain("&amp;lt;img", html);
                Assert.Contains("<td>&lt;img src=x onerror=alert(1)&gt; ", html);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
