using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowSim.Cli;

/// <summary>
/// The columns of the run progress bar: trials done of all, trials per second and time left.
/// Shown only on a terminal; a redirected stderr gets no progress at all.
/// </summary>
internal static class TrialProgress
{
    public static ProgressColumn[] Columns() =>
        [new ProgressBarColumn(), new TrialsColumn(), new RateColumn(), new RemainingTimeColumn(), new TimeLeftLabel()];

    /// <summary>"1,234/4,000 trials".</summary>
    private sealed class TrialsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0} trials"));
    }

    /// <summary>"850 trials/s", blank until there is a rate to show.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:N0} trials/s") : "", new Style(Color.Grey));
    }

    /// <summary>Says what the time column is.</summary>
    private sealed class TimeLeftLabel : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text("left", new Style(Color.Grey));
    }
}
