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
