using System.Diagnostics;
using System.Globalization;
using FlowSim.Experiments;
using FlowSim.Scenarios;

namespace FlowSim.Cli;

/// <summary>
/// What a study of many runs (audit, sweep, optimize) says on stderr: before it starts, its plan
/// (runs x trials = total trials, and the time a short pilot run predicts); while it runs, the
/// progress bar with the time left (on a terminal only, as for <c>run</c>); at the end, the time
/// it took. Nothing of it reaches stdout or a file, and <c>--quiet</c> silences all of it.
/// </summary>
/// <param name="Command">The command, as it starts each line: <c>audit</c>.</param>
/// <param name="Runs">Runs the study makes (an audit's outages and baseline, a sweep's points, an optimisation's first candidates).</param>
/// <param name="RunWord">What one run is called, in the plural: <c>runs</c>, <c>points</c>, <c>candidates</c>.</param>
/// <param name="Trials">Trials per run (with adaptive precision, the most a run may take).</param>
/// <param name="Threads">Worker threads of the study.</param>
/// <param name="Together">How many runs go at once (a sweep's points, an audit's runs and an optimisation's candidates share the threads; a profile search's combinations run one after another).</param>
internal sealed record StudyPlan(string Command, int Runs, string RunWord, int Trials, int Threads, int Together)
{
    /// <summary>Fewer trials than this in all, and a pilot would cost as much as it tells: no estimate.</summary>
    private const int SmallestEstimated = 50;

    /// <summary>Anything the plan line adds after the total (the finer grid of an optimisation).</summary>
    public string Note { get; init; } = "";

    /// <summary>Trials of the whole study.</summary>
    public long TotalTrials => (long)Runs * Trials;

    /// <summary>A plan whose runs share the threads as the planning library runs them: as many at once as there are threads.</summary>
    public static StudyPlan SideBySide(string command, int runs, string runWord, int trials, RunOptions options)
    {
        var threads = Math.Max(1, options.Threads ?? Environment.ProcessorCount);
        return new(command, runs, runWord, trials, threads, Math.Max(1, Math.Min(threads, runs)));
    }

    /// <summary>A plan whose runs go one after another, each on every thread.</summary>
    public static StudyPlan OneAtATime(string command, int runs, string runWord, int trials, RunOptions options) =>
        new(command, runs, runWord, trials, Math.Max(1, options.Threads ?? Environment.ProcessorCount), 1);

    /// <summary>
    /// Prints the plan (unless <paramref name="quiet"/>), timing a pilot of <paramref name="pilot"/>
    /// first when the study is big enough to need an estimate, then runs <paramref name="work"/>
    /// with a progress bar counting <paramref name="unit"/> up to <paramref name="total"/> on a
    /// terminal, and prints how long it took.
    /// </summary>
    /// <param name="cli">Where stderr is, and whether it is a terminal.</param>
    /// <param name="quiet">Say nothing on stderr.</param>
    /// <param name="pilot">The first run's scenario and options, for the pilot; null for no pilot.</param>
    /// <param name="unit">What progress counts: <c>trials</c> (the default), or <c>candidates</c>.</param>
    /// <param name="total">How many of <paramref name="unit"/> there are; the trials of the study by default.</param>
    /// <param name="work">The study, told its progress (null when none is shown).</param>
    /// <param name="cancellation">Stops the pilot.</param>
    public T Run<T>(CliContext cli, bool quiet, (Scenario Scenario, RunOptions Options)? pilot, Func<IProgress<int>?, T> work, CancellationToken cancellation,
        string unit = "trials", long? total = null)
    {
        var stderr = cli.Stderr;
        var c = CultureInfo.InvariantCulture;
        if (!quiet)
        {
            var line = string.Create(c, $"{Command}: {Runs:N0} {RunWord} x {Trials:N0} trials = {TotalTrials:N0} trials{Note}, {Threads} thread{(Threads == 1 ? "" : "s")}");
            if (pilot is { } p && TotalTrials >= SmallestEstimated)
            {
                var (seconds, pilotTrials, took) = Estimate(p.Scenario, p.Options, cancellation);
                line += string.Create(c, $"; a pilot of {pilotTrials} trials took {took:0.0} s: about {Duration(seconds)} in all");
            }

            stderr.WriteLine(line);
        }

        var clock = Stopwatch.StartNew();
        var counted = (int)Math.Min(int.MaxValue, total ?? TotalTrials);
        var result = TrialProgress.Run(stderr, cli.Interactive && !quiet, unit, counted, progress => work(progress is null ? null : new Highest(progress)));
        if (!quiet)
        {
            stderr.WriteLine(string.Create(c, $"{Command}: {TotalTrials:N0} trials in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        return result;
    }

    /// <summary>
    /// Times the first run twice after a one-trial warm-up (which pays for compiling the code), with
    /// one and three trials per thread, to split a run's time into a fixed part (compiling the
    /// scenario, summarising) and a part per trial; the study's time follows from its shape.
    /// </summary>
    private (double Seconds, int PilotTrials, double Took) Estimate(Scenario scenario, RunOptions options, CancellationToken cancellation)
    {
        double Time(int trials)
        {
            var clock = Stopwatch.StartNew();
            Experiment.Run(scenario, options with { Trials = trials, Precision = null, Threads = Threads }, null, cancellation);
            return clock.Elapsed.TotalSeconds;
        }

        var took = Stopwatch.StartNew();
        Time(1);
        var b = Math.Min(Trials, 3 * Threads);
        var a = Math.Min(b, Threads);
        var tb = Time(b);
        var ta = a == b ? tb : Time(a);
        var perTrial = a == b ? tb / b : Math.Max(0, tb - ta) / (b - a);
        var fixedPart = Math.Max(0, ta - (a * perTrial));

        // Runs that go side by side overlap their fixed parts too.
        var seconds = Runs * ((fixedPart / Together) + (Trials * perTrial));
        return (seconds, 1 + a + (a == b ? 0 : b), took.Elapsed.TotalSeconds);
    }

    /// <summary>"45 s", "3 min 10 s", "2 h 05 min".</summary>
    internal static string Duration(double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        var s = Math.Max(1, (long)Math.Round(seconds));
        return s < 60 ? string.Create(c, $"{s} s")
            : s < 3600 ? string.Create(c, $"{s / 60} min {s % 60:00} s")
            : string.Create(c, $"{s / 3600} h {s % 3600 / 60:00} min");
    }

    /// <summary>Passes on only counts higher than any before: runs side by side report from several threads.</summary>
    private sealed class Highest(IProgress<int> next) : IProgress<int>
    {
        private int _highest;

        public void Report(int value)
        {
            var seen = Volatile.Read(ref _highest);
            while (value > seen)
            {
                var was = Interlocked.CompareExchange(ref _highest, value, seen);
                if (was == seen)
                {
                    next.Report(value);
                    return;
                }

                seen = was;
            }
        }
    }
}
