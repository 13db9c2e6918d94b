using FlowSim.Stochastic;

namespace FlowSim.Engine;

/// <summary>What a slot's events need every day, kept together.</summary>
internal sealed partial class Simulation
{
    /// <summary>
    /// What a slot's events check every day, in one place: the hot paths read this instead of
    /// several arrays and objects. Set from the model once; the parts that depend on the strategy
    /// and on disruptions being on are set at every reset.
    /// </summary>
    /// <remarks>
    /// Every reference an event follows (the slot's model, its policy, its lanes) is a load that
    /// waits for the one before it, and in a network of thousands of slots often a cache miss. What
    /// the common events need is copied here, next to each other, so they follow none.
    /// </remarks>
    private struct SlotSetup
    {
        public int StockPoint;

        /// <summary>Customers buy here, a day's demand at a time.</summary>
        public bool DailyCustomers;

        /// <summary>
        /// Customer orders arrive here one by one: the most orders per day they can arrive at, at
        /// the peak of the season and of any demand shock (arrivals are drawn at this rate and
        /// kept at the day's own); 0 for none.
        /// </summary>
        public double ArrivalBound;

        /// <summary>The position is reviewed whenever it falls (<c>review: continuous</c>).</summary>
        public bool Continuous;

        /// <summary>The lane when the slot orders on one plain supplier lane and nothing else; -1 otherwise.</summary>
        public int DirectLane;

        /// <summary>The stock point slot this slot orders from when that is its only source; -1 otherwise.</summary>
        public int UpstreamSlot;

        /// <summary>The lane from <see cref="UpstreamSlot"/>.</summary>
        public int UpstreamLane;

        /// <summary>The earliest time a lot can expire or a waiting customer give up (see <see cref="CatchUpTimed"/>); infinity when nothing can.</summary>
        public double NextDue;

        /// <summary>The strategy's order-up-to level at this slot.</summary>
        public double OrderUpTo;

        /// <summary>A buffer policy that orders up to a fixed level and sees the current position: its review needs only <see cref="OrderUpTo"/>.</summary>
        public bool FixedOrderUpTo;

        /// <summary>Days in the moving-average forecast window; 0 for fixed levels.</summary>
        public int ForecastWindow;

        /// <summary>The smoothing constant of an exponentially smoothed forecast; 0 for none.</summary>
        public double ForecastSmoothing;

        /// <summary>The safety stock follows the sd of the forecast's errors.</summary>
        public bool EstimatesSd;

        /// <summary>Daily inventory positions are kept for an information delay.</summary>
        public bool KeepsPositions;

        /// <summary>A share of what is sold comes back.</summary>
        public bool Returns;

        /// <summary>1 + <see cref="DirectLane"/>'s cost premium.</summary>
        public double DirectPremiumFactor;

        public double UnitCost;

        /// <summary>The item's cost per order, booked to the lane of each order without a cost of its own.</summary>
        public double OrderingCost;

        /// <summary>The capital cost of one unit for one day (unit cost times the holding rate), for goods in transit.</summary>
        public double CapitalPerUnitDay;

        /// <summary>The slot's column in the trial's shared demand draws; -1 when it draws as it goes.</summary>
        public int DemandColumn;

        /// <summary>Customer demand drawn from a table with nothing scaling it; null otherwise.</summary>
        public PoissonTable? PlainDemand;

        /// <summary>Units are kept in lots that expire.</summary>
        public bool Perishable;

        /// <summary>Customers queue by time: finite patience, others wait here too, or customers are promised a date.</summary>
        public bool QueueCustomers;

        /// <summary>
        /// Customers who cannot be served from stock wait for a promised date (demand-responsive):
        /// falling short is a stockout, and costs a penalty, only once that date has passed.
        /// </summary>
        public bool Promises;

        /// <summary>Receipts need checks: quality holds, or open orders watched for lateness.</summary>
        public bool CheckReceipts;

        /// <summary>An information delay can make the policy see an old inventory position.</summary>
        public bool DelayedInformation;

        public double ReviewDays;
    }
}
