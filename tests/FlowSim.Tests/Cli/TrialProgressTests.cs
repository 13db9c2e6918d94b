using FlowSim.Cli;
using Spectre.Console;
using Spectre.Console.Testing;

namespace FlowSim.Tests.Cli;

/// <summary>The run progress bar: trials done of all, trials per second and time left.</summary>
public class TrialProgressTests
{
    [Fact]
    public void Shows_trials_done_of_all_with_thousands_separators()
    {
        var console = new TestConsole().Width(120).Interactive();
        console.Progress().AutoRefresh(false).Columns(TrialProgress.Columns()).Start(ctx =>
        {
            var task = ctx.AddTask("run", maxValue: 4000);
            task.Value = 1234;
            ctx.Refresh();
        });
        Assert.Contains("1,234/4,000 trials", console.Output);
        Assert.Contains("left", console.Output);
    }

    [Fact]
    public void Shows_the_rate_once_trials_have_been_timed()
    {
        var console = new TestConsole().Width(120).Interactive();
        console.Progress().AutoRefresh(false).Columns(TrialProgress.Columns()).Start(ctx =>
        {
            var task = ctx.AddTask("run", maxValue: 1000);
            task.Increment(100);
            Thread.Sleep(300);
            task.Increment(100);
            ctx.Refresh();
        });
        Assert.Matches(@"\d[\d,]* trials/s", console.Output);
    }

    [Fact]
    public void A_redirected_run_shows_no_progress()
    {
        // Tests run the command line as with output redirected: stderr holds only the timing line.
        var outcome = CliRunner.Run("run", RepoFiles.Path("scenarios/quickstart.yaml"), "--trials", "3");
        Assert.DoesNotContain("trials/s", outcome.Stderr);
        Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
