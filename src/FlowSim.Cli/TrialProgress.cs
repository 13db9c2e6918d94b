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
    /// <param name="unit">What is counted, in the plural: trials, or the points, candidates or outages a planning command runs.</param>
    public static ProgressColumn[] Columns(string unit = "trials") =>
        [new ProgressBarColumn(), new CountColumn(unit), new RateColumn(unit), new RemainingTimeColumn(), new TimeLeftLabel()];

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on <paramref name="stderr"/> when
    /// <paramref name="show"/> (a terminal, not --quiet); otherwise with no progress at all.
    /// A count above <paramref name="total"/> raises it (an optimiser's finer grid).
    /// </summary>
    public static T Run<T>(TextWriter stderr, bool show, string unit, int total, Func<IProgress<int>?, T> work)
    {
        if (!show)
        {
            return work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(Columns(unit))
            .Start(ctx => result = work(new TaskProgress(ctx.AddTask(unit, maxValue: Math.Max(1, total)))));
        return result;
    }

    /// <summary>Sets the task's count directly: Progress&lt;T&gt; would post to a context that never runs.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value)
        {
            if (value > task.MaxValue)
            {
                task.MaxValue = value;
            }

            task.Value = value;
        }
    }

    /// <summary>"1,234/4,000 trials".</summary>
    private sealed class CountColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0} {unit}"));
    }

    /// <summary>"850 trials/s", blank until there is a rate to show.</summary>
    private sealed class RateColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? (speed >= 10 ? string.Create(CultureInfo.InvariantCulture, $"{speed:N0} {unit}/s") : string.Create(CultureInfo.InvariantCulture, $"{speed:0.0} {unit}/s")) : "", new Style(Color.Grey));
    }

    /// <summary>Says what the time column is.</summary>
    private sealed class TimeLeftLabel : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text("left", new Style(Color.Grey));
    }
}
