using FlowSim.Policies;
using FlowSim.Scenarios;
using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>The demand each slot must supply: its customers' and every slot's it supplies, from the customers up.</summary>
internal sealed partial class Model
{
    /// <summary>How each slot is supplied, and the mean and variance of the daily demand it must supply (its customers' and every slot it supplies).</summary>
    private static (Sourcing[] Sourcing, double[] Mean, double[] Variance, List<DemandPart>[] Parts) DemandToSupply(Compilation compiling, IReadOnlyDictionary<StockedItem, Sourcing> sources)
    {
        var (scenario, stocked, slotOf, demandOf) = (compiling.Scenario, compiling.Scenario.Stocked, compiling.SlotOf, compiling.DemandOf);
        // Demand each slot must supply, from the customer towards the suppliers: every slot's
        // requesters come before it, so their totals are complete when it is reached.
        var mean = new double[stocked.Length];
        var variance = new double[stocked.Length];
        var sourcing = new Sourcing[stocked.Length];
        var parts = stocked.Select(_ => new List<DemandPart>()).ToArray();
        for (var k = 0; k < stocked.Length; k++)
        {
            sourcing[k] = sources[stocked[k]];
            if (demandOf.TryGetValue(stocked[k], out var d))
            {
                mean[k] += d.Daily.Mean;
                variance[k] += d.Daily.Variance;
                parts[k].Add(new DemandPart(1, d.Daily.Variance, d.Autocorrelation, d.BlockDays > 0 ? d.Daily.Values : null, d.BlockDays)
                {
                    Mean = d.Daily.Mean,
                    Seasonality = d.Seasonality,
                    VarianceLinearInFactor = LinearInFactor(d),
                });
            }
        }

        void Pass(int from, int to, double scale) => parts[to].AddRange(parts[from].Select(p => p with { Scale = p.Scale * scale }));

        for (var k = 0; k < stocked.Length; k++)
        {
            foreach (var (supplier, perUnit) in NetworkLayout.SuppliersOf(stocked[k], sourcing[k], scenario.Lanes, scenario.Production))
            {
                var uk = slotOf[supplier];
                mean[uk] += mean[k] * perUnit;
                variance[uk] += variance[k] * perUnit * perUnit;
                Pass(k, uk, perUnit);
            }
        }

        return (sourcing, mean, variance, parts);
    }

    /// <summary>How much of a stream's daily variance a seasonal factor scales linearly (see <see cref="DemandPart.VarianceLinearInFactor"/>).</summary>
    private static double LinearInFactor(DemandStream d) => d switch
    {
        { Customers: not null } => d.Daily.Variance,
        { Autocorrelation: not 0 } or { BlockDays: > 0 } => 0,
        { Daily.Kind: DistributionKind.Poisson } => d.Daily.Variance,
        { Daily.Kind: DistributionKind.NegativeBinomial } => Math.Min(d.Daily.Mean, d.Daily.Variance),
        _ => 0,
    };
}
