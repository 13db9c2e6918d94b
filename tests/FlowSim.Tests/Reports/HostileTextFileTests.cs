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
        public void Given_a_provenance_comment_with_hostile_paths_When_written_Then_it_is_one_line_and_starts_no_formula_cell()
        {
            var comment = FlowSim.Reports.Csv.Comment("# FlowSim 0.1.0; scenario a,=cmd|' /C calc'!A0\n=1+1,-2.yaml; seed 1");

            Assert.DoesNotContain('\n', comment);
            Assert.DoesNotMatch(",[=+\\-@\t\r]", comment);
            Assert.Equal("# FlowSim 0.1.0; scenario a,'=cmd|' /C calc'!A0\\n=1+1,'-2.yaml; seed 1", comment);
        }

        [Fact]
        public void An_ordinary_provenance_comment_is_unchanged()
        {
            const string Line = "# FlowSim 0.1.0; scenario scenarios/quickstart.yaml; sha256 ab12; --set strategies.buffer.service_level=0.98; seed 1; trials 400";

            Assert.Equal(Line, FlowSim.Reports.Csv.Comment(Line));
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
