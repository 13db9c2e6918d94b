namespace FlowSim.Policies;

/// <summary>How close two quantities may be and still count as equal after floating-point sums.</summary>
internal static class Tolerances
{
    /// <summary>
    /// Units at or below this are rounding noise, not goods: no order is placed for them, and a
    /// level or batch rounded up to whole units does not take one more unit for them.
    /// </summary>
    public const double Quantity = 1e-9;
}
