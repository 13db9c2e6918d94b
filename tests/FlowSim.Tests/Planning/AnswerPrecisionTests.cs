using System.Globalization;
using System.Text.Json;
using FlowSim.Planning;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Planning;

/// <summary>The optimiser's answer is given to the precision its trials support, no finer.</summary>
public sealed class AnswerPrecisionTests
{
    [Theory]
    [InlineData(93.7725, 93.2, 94.5, 0.095, 94)]          // plausible 93.2%..94.5%: 94%, not 93.7725%
    [InlineData(93.7725, 93.7725, 93.7725, 0.095, 93.8)]  // only the best plausible: within half a step of it
    [InlineData(27, 27, 27, 1, 27)]                       // a sharp whole number stays as it is
    [InlineData(27, 15, 35, 1, 30)]                       // plausible 15..35: the nearest ten
    [InlineData(0.937725, 0.93, 0.946, 0.001, 0.94)]      // the same rule in the setting's own units
    [InlineData(132, 128, 133, 1, 130)]
    [InlineData(97, 85, 97, 4, 97)]                       // 100 would leave the plausible values: the best stays
    public void The_answer_is_the_roundest_value_the_trials_cannot_tell_from_the_best(double best, double low, double high, double step, double expected)
    {
        Assert.Equal(expected, AnswerPrecision.Round(best, low, high, step), 10);
    }

    [Fact]
    public void The_rounded_answer_stays_within_the_plausible_values()
    {
        // 93 rounded to tens is 90, still plausible: the trials cannot tell it from 93.
        var answer = AnswerPrecision.Round(93, 90, 97, 1);
        Assert.InRange(answer, 90, 97);
        Assert.Equal(90, answer);
    }

    [Fact]
    public void The_step_is_the_distance_to_the_nearest_other_value_tried()
    {
        Assert.Equal(0.5, AnswerPrecision.NearestStep(10, [8, 9.5, 10, 12], 3));
        Assert.Equal(3, AnswerPrecision.NearestStep(10, [10], 3));
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Slow)]
    public void Optimize_reports_the_rounded_answer_beside_the_value_tried()
    {
        // Without a step the finer grid tries values such as 0.96055; alone plausible, the answer
        // is the best within half a grid step (0.00095): three decimals, not five.
        string[] args = ["optimize", RepoFiles.Path("scenarios/quickstart.yaml"), "--strategy", "buffer", "--param", "service_level", "--range", "0.80..0.99",
            "--target", "fill_rate>=0.99", "--minimize", "avg_inventory_value", "--trials", "20", "--seed", "5", "-q"];
        var json = CliRunner.Run([.. args, "--format", "json"]);
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var best = doc.RootElement.GetProperty("best").GetString()!;
        var answer = doc.RootElement.GetProperty("answer").GetString()!;
        Assert.Equal("0.96055", best);
        Assert.Equal("0.961", answer);
        Assert.True(Math.Abs(double.Parse(answer, CultureInfo.InvariantCulture) - double.Parse(best, CultureInfo.InvariantCulture)) <= 0.00095 / 2);

        var table = CliRunner.Run(args);
        Assert.Contains("Best: strategies.buffer.service_level=0.961, to the precision the trials support (0.96055 did best", table.Stdout, StringComparison.Ordinal);
    }
}
