using FlowSim.Engine;
using FlowSim.Experiments;
using FlowSim.Outcomes;

namespace FlowSim.Tests.Experiments;

/// <summary>Summarising a run needs a bounded number of trial-long buffers, not new ones per metric or cost component.</summary>
public class SummaryMemoryTests
{
    [Fact]
    public void Summarising_a_spilled_run_allocates_less_than_three_columns_of_trials()
    {
        var scenario = TestScenarios.Load(File.ReadAllText(RepoFiles.Path("benchmarks/scenarios/r1-base-stock.yaml")));
        var model = Model.Compile(scenario);
        var width = new OutcomeLayout(model.StockPointIds.Length, model.Disruptions.Length).Length;
        const int Trials = 50_000;

        // Every block on disk, as in a run of millions of trials.
        var store = new OutcomeStore(1, width, new OutcomeStorage(4096, 0));
        store.AppendRows([new double[Trials * width]], Trials);
        var options = new RunOptions(Trials, 1);
        Experiment.Assemble(scenario, model, 1, store, 0, options, precisionMet: true);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Experiment.Assemble(scenario, model, 1, store, 0, options, precisionMet: true);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Trials, result.Trials);
        Assert.True(allocated < 3L * Trials * sizeof(double), $"summarising {Trials} trials allocated {allocated:N0} bytes");
    }
}
