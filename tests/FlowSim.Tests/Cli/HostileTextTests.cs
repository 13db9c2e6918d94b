using System.Globalization;
using System.Text;
using FlowSim.Scenarios;

namespace FlowSim.Tests.Cli;

/// <summary>
/// Text from a scenario reaches the terminal and spreadsheets inert: control characters are
/// printed escaped on stdout and stderr, and CSV cells a spreadsheet would run as formulas are
/// neutralised. The scenario is <see cref="HostileScenario"/>.
/// </summary>
public sealed class HostileTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private static CliRunner.Outcome Succeeds(CliRunner.Outcome outcome)
    {
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        return outcome;
    }

    /// <summary>Fails on any control character but the line break, or any bidirectional override, in printed text.</summary>
    private static void IsInert(string printed, string what)
    {
        var bad = printed.Select((c, i) => (c, i)).FirstOrDefault(x => x.c != '\n' && !TerminalText.IsSafe(x.c.ToString()));
        Assert.True(bad == default, $"{what} holds U+{(int)bad.c:X4} at {bad.i}: ...{printed[Math.Max(0, bad.i - 40)..Math.Min(printed.Length, bad.i + 10)]}...");
    }

    public sealed class On_the_terminal : IDisposable
    {
        private readonly HostileTextTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public void Given_control_characters_in_every_name_When_each_command_prints_Then_they_show_escaped()
        {
            var scenario = HostileScenario.Write(_t._dir);
            var outcomes = new Dictionary<string, CliRunner.Outcome>
            {
                ["validate"] = Succeeds(CliRunner.Run("validate", scenario)),
                ["run"] = Succeeds(CliRunner.Run("run", scenario, "--attribute", "--threads", "1")),
                ["compare"] = Succeeds(CliRunner.Run("compare", scenario, "--threads", "1")),
                ["sweep"] = Succeeds(CliRunner.Run("sweep", scenario, "--vary", "costs.ordering_cost=10..20:10", "--threads", "1")),
                ["audit"] = Succeeds(CliRunner.Run("audit", scenario, "--durations", "2w", "--trials", "4", "--threads", "1")),
                ["optimize"] = Succeeds(CliRunner.Run("optimize", scenario, "--strategy", HostileScenario.StrategyNames[0],
                    "--param", "costs.ordering_cost", "--range", "10..20:10", "--threads", "1")),
            };

            foreach (var (command, outcome) in outcomes)
            {
                IsInert(outcome.Stdout, $"{command}'s stdout");
                IsInert(outcome.Stderr, $"{command}'s stderr");
                Assert.Contains(HostileScenario.TerminalPayloadEscaped, outcome.Stdout);
            }

            // Verdicts, the disruption cost lines and the policies name the strategies, escaped.
            var run = outcomes["run"].Stdout;
            Assert.Contains("Against the most profitable strategy", run);
            Assert.Contains("Resilience return of", run);
            Assert.Contains($"{TerminalText.Escape(HostileScenario.StrategyNames[2])}: ", run);
        }

        [Fact]
        public void Given_control_characters_in_a_value_the_loader_refuses_When_validated_Then_the_error_shows_them_escaped()
        {
            var yaml = HostileScenario.Yaml().Replace("policy: demand-responsive", "policy: \"bufer\\e[2J\\a\"", StringComparison.Ordinal);
            File.WriteAllText(_t.In("bad.yaml"), yaml);

            var outcome = CliRunner.Run("validate", _t.In("bad.yaml"));

            Assert.Equal(2, outcome.ExitCode);
            IsInert(outcome.Stderr, "stderr");
            Assert.Contains(@"unknown policy 'bufer\e[2J\u0007'", outcome.Stderr);
        }

        [Fact]
        public void Given_control_characters_in_an_argument_When_it_is_refused_Then_the_message_shows_them_escaped()
        {
            var scenario = HostileScenario.Write(_t._dir);

            var vary = CliRunner.Run("sweep", scenario, "--vary", "costs.ordering_cost\u001b]0;x\u0007");
            var strategy = CliRunner.Run("optimize", scenario, "--strategy", "none\u001b[2J", "--param", "service_level", "--range", "90%..95%:5%");

            Assert.Equal(2, vary.ExitCode);
            IsInert(vary.Stderr, "sweep's stderr");
            Assert.Contains(@"costs.ordering_cost\e]0;x\u0007", vary.Stderr);
            Assert.Equal(2, strategy.ExitCode);
            IsInert(strategy.Stderr, "optimize's stderr");
            Assert.Contains(@"none\e[2J", strategy.Stderr);
        }
    }

    public sealed class In_spreadsheets : IDisposable
    {
        private readonly HostileTextTests _t = new();

        public void Dispose() => _t.Dispose();

        /// <summary>The cells of a CSV text (RFC 4180), header first.</summary>
        private static List<List<string>> Cells(string csv)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            var text = csv;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                }
                else if (c == '\n')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                }
                else
                {
                    cell.Append(c);
                }
            }

            return rows;
        }

        /// <summary>
        /// Every cell a spreadsheet would run is a number; text that begins with a formula character
        /// was written with a single quote in front, inside quotes.
        /// </summary>
        private static void NoFormulas(string csv, string what)
        {
            foreach (var cell in Cells(csv).SelectMany(r => r))
            {
                if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
                {
                    Assert.True(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{what}: a spreadsheet would run the cell '{cell}'");
                }
            }

            Assert.DoesNotContain("\n=", csv);
            Assert.DoesNotContain(",=", csv);
            Assert.DoesNotContain(",-2+3", csv);
            Assert.DoesNotContain(",@", csv);
        }

        [Fact]
        public void Given_names_that_begin_with_formula_characters_When_written_as_CSV_Then_they_are_text_and_numbers_stay_numbers()
        {
            var scenario = HostileScenario.Write(_t._dir);
            var run = Succeeds(CliRunner.Run("run", scenario, "--attribute", "--csv", _t.In("trials.csv"), "--format", "csv", "--threads", "1"));
            Succeeds(CliRunner.Run("sweep", scenario, "--vary", "costs.ordering_cost=10..20:10", "--csv", _t.In("sweep.csv"), "--threads", "1"));
            var csvs = new Dictionary<string, string>
            {
                ["--csv"] = File.ReadAllText(_t.In("trials.csv")),
                ["--format csv"] = run.Stdout,
                ["sweep --csv"] = File.ReadAllText(_t.In("sweep.csv")),
            };

            foreach (var (what, csv) in csvs)
            {
                NoFormulas(csv, what);

                // Every strategy is there, as text that reads back exactly after the quote.
                var cells = Cells(csv).SelectMany(r => r).ToHashSet();
                foreach (var name in HostileScenario.StrategyNames)
                {
                    Assert.Contains("'" + name, cells);
                }
            }

            // A header made from an id that begins with '-' is text; a negative number is still a number.
            var trials = Cells(csvs["--csv"]);
            Assert.Contains("'-shop.fill_rate", trials[0]);
            Assert.Contains("'-strike.occurrences", trials[0]);
            var inventoryChange = trials[0].IndexOf("inventory_change");
            Assert.Contains(trials.Skip(1), r => r[inventoryChange].StartsWith('-') && double.Parse(r[inventoryChange], CultureInfo.InvariantCulture) < 0);
        }
    }
}
