using System.Globalization;
using System.Text;
using FlowSim.Cli;
using FlowSim.Tests.Cli;

namespace FlowSim.Tests.History;

/// <summary><c>flowsim fit</c> at the edges of the calendar and of the scenario format: exit 2 with a message, or YAML the loader takes.</summary>
public sealed class FitEdgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-fit-edge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string DemandCsv(DateOnly first, int days, Func<int, double> quantity)
    {
        var text = new StringBuilder("date,item,location,quantity\n");
        for (var i = 0; i < days; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{first.AddDays(i):yyyy-MM-dd},mug,studio,{quantity(i).ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void A_history_that_ends_in_December_9999_without_start_is_refused_with_exit_2()
    {
        var demand = Write("late.csv", DemandCsv(new DateOnly(9999, 11, 1), 61, i => 5 + (i % 3)));

        var fit = CliRunner.Run("fit", demand);

        Assert.Equal(ExitCodes.InvalidInput, fit.ExitCode);
        Assert.Contains("9999-12-31", fit.Stderr);
        Assert.Contains("--start", fit.Stderr);
        Assert.DoesNotContain("Exception", fit.Stderr);
    }

    [Fact]
    public void A_history_that_ends_in_December_9999_with_a_start_is_fitted()
    {
        var demand = Write("late.csv", DemandCsv(new DateOnly(9999, 11, 1), 61, i => 5 + (i % 3)));

        var fit = CliRunner.Run("fit", demand, "--start", "9999-12-31");

        Assert.True(fit.ExitCode == ExitCodes.Ok, fit.Stderr);
        Assert.Contains("item: mug", fit.Stdout);
    }
}

/// <summary><c>flowsim fit</c> never prints what its own loader refuses: such a stream is listed as not fitted instead.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class FitLoaderRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowsim-fit-trip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Lead_times_longer_than_200_years_are_not_printed_and_exit_2_says_why()
    {
        var text = new StringBuilder("order_date,receipt_date,supplier,item\n");
        for (var i = 0; i < 12; i++)
        {
            var order = new DateOnly(1000, 1, 1).AddDays(i * 3);
            text.Append(CultureInfo.InvariantCulture, $"{order:yyyy-MM-dd},{order.AddDays(100_000 + (i * 50)):yyyy-MM-dd},kiln,mug\n");
        }

        var fit = CliRunner.Run("fit", Write("receipts.csv", text.ToString()));

        Assert.Equal(ExitCodes.InvalidInput, fit.ExitCode);
        Assert.Contains("kiln: the fitted lead time is outside what a scenario takes", fit.Stderr);
        Assert.DoesNotContain("lead_time:", fit.Stdout);
    }

    [Fact]
    public void A_trend_projected_over_eight_thousand_years_is_not_printed()
    {
        var text = new StringBuilder("date,item,location,quantity\n");
        for (var i = 0; i < 1000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2020, 1, 1).AddDays(i):yyyy-MM-dd},mug,studio,{(int)(5 * Math.Pow(1.01, i))}\n");
        }

        var fit = CliRunner.Run("fit", Write("demand.csv", text.ToString()), "--start", "9999-12-31");

        Assert.Equal(ExitCodes.InvalidInput, fit.ExitCode);
        Assert.Contains("mug@studio: its trend", fit.Stderr);
        Assert.DoesNotContain("Exception", fit.Stderr);
    }

    [Theory]
    [InlineData("scenarios/data/kiln-clay-demand.csv")]
    [InlineData("scenarios/data/kiln-clay-receipts.csv")]
    public void What_fit_prints_for_the_bundled_history_passes_the_loader_stream_by_stream(string history)
    {
        var fit = CliRunner.Run("fit", RepoFiles.Path(history));
        Assert.True(fit.ExitCode == ExitCodes.Ok, fit.Stderr);

        foreach (var line in fit.Stdout.Split('\n').Where(l => l.Contains("daily:") || l.Contains("lead_time:")))
        {
            var value = line[(line.IndexOf(':') + 1)..].Trim();
            var yaml = line.Contains("daily:")
                ? TestScenarios.SingleItem(demand: value)
                : TestScenarios.SingleItem(leadTime: value);
            Assert.Empty(TestScenarios.Errors(yaml));
        }
    }
}
