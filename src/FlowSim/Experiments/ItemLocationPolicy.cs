using FlowSim.Scenarios;

namespace FlowSim.Experiments;

/// <summary>One item's policy at one stock point within a strategy, as sized for the run.</summary>
/// <param name="Item">Item id.</param>
/// <param name="Location">Stock point id.</param>
/// <param name="Family">The policy family as written: <c>buffer</c>, <c>demand-responsive</c> or <c>speculative</c>.</param>
/// <param name="Summary">The policy in one line, e.g. <c>base-stock S=130 (safety stock 30)</c>.</param>
/// <param name="Numbers">Its derived numbers as numbers; those the family does not use are null.</param>
public sealed record ItemLocationPolicy(string Item, string Location, string Family, string Summary, PolicyNumbers Numbers);
