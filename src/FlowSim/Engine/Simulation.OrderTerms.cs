namespace FlowSim.Engine;

/// <summary>What orders on a lane cost and how big they must be: lane ordering costs, minimums, container multiples and joint ordering costs.</summary>
internal sealed partial class Simulation
{
    // The joint ordering costs' open days (see JointOrders).
    private JointOrders _joint;

    // Per slot, where its lanes start in JointOrders.SeenDay.
    private int[] _jointSeenAt = [];

    /// <summary>
    /// Per group of lanes sharing a joint ordering cost (one source to one stock point): the day
    /// being ordered on and the slots that ordered on it. The day's cost is shared equally by
    /// those slots when the next order day starts, or at the end.
    /// </summary>
    private struct JointOrders
    {
        public double[] Cost;
        public double[] Day;
        public double[] FirstTime;
        public int[] Count;
        public int[][] Members;

        // Per group, the lane each member ordered on.
        public int[][] MemberLanes;

        // Per slot and lane: the last day that slot joined the lane's group, so it joins once a day.
        public double[] SeenDay;

        public readonly void Reset()
        {
            Array.Fill(Day, double.NaN);
            Array.Clear(Count);
            Array.Fill(SeenDay, double.NaN);
        }

        public readonly void CopyFrom(in JointOrders from)
        {
            Array.Copy(from.Day, Day, Day.Length);
            Array.Copy(from.FirstTime, FirstTime, FirstTime.Length);
            Array.Copy(from.Count, Count, Count.Length);
            Array.Copy(from.SeenDay, SeenDay, SeenDay.Length);
            for (var g = 0; g < Members.Length; g++)
            {
                Array.Copy(from.Members[g], Members[g], from.Count[g]);
                Array.Copy(from.MemberLanes[g], MemberLanes[g], from.Count[g]);
            }
        }
    }

    private void InitOrderTerms()
    {
        var groups = _lanes.Select(l => l.JointGroup).DefaultIfEmpty(-1).Max() + 1;
        _joint.Cost = new double[groups];
        foreach (var lane in _lanes.Where(l => l.JointGroup >= 0))
        {
            _joint.Cost[lane.JointGroup] = Math.Max(_joint.Cost[lane.JointGroup], lane.Spec.JointOrderingCost);
        }

        _joint.Day = new double[groups];
        _joint.FirstTime = new double[groups];
        _joint.Count = new int[groups];
        var members = new int[groups];
        _jointSeenAt = new int[_slots.Length];
        var seen = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            _jointSeenAt[i] = seen;
            seen += _slots[i].Lanes.Length;
            foreach (var j in _slots[i].Lanes)
            {
                if (_lanes[j].JointGroup >= 0)
                {
                    members[_lanes[j].JointGroup]++;
                }
            }
        }

        _joint.Members = [.. members.Select(n => new int[n])];
        _joint.MemberLanes = [.. members.Select(n => new int[n])];
        _joint.SeenDay = groups == 0 ? [] : new double[seen];
    }

    /// <summary>
    /// Applies lane <paramref name="j"/>'s terms to an order of <paramref name="q"/> units by slot
    /// <paramref name="i"/> on its <paramref name="k"/>-th lane: books its ordering cost, joins the
    /// day's joint order, and returns the units ordered (raised to the minimum and a whole multiple).
    /// </summary>
    private double ApplyOrderTerms(int i, int k, int j, double t, double q, ref Supply.SlotState s)
    {
        var lane = _lanes[j];
        var spec = lane.Spec;
        var ordered = spec.OrderSize(q);
        if (ordered > q)
        {
            // The extra units are ordered like any others: they count in the stock point's orders.
            BookOrdered(_slots[i].StockPoint, t, ordered - q);
        }

        if (spec.OrderingCost is { } cost)
        {
            s.LaneOrders++;
            s.LaneOrderingCost += cost;
        }

        if (lane.JointGroup >= 0)
        {
            JoinOrderDay(lane.JointGroup, _jointSeenAt[i] + k, i, j, t);
        }

        return ordered;
    }

    private void JoinOrderDay(int g, int seen, int i, int j, double t)
    {
        var day = Math.Floor(t);
        if (day != _joint.Day[g])
        {
            ShareJointCost(g);
            _joint.Day[g] = day;
            _joint.FirstTime[g] = t;
        }

        if (_joint.SeenDay[seen] != day)
        {
            _joint.SeenDay[seen] = day;
            _joint.MemberLanes[g][_joint.Count[g]] = j;
            _joint.Members[g][_joint.Count[g]++] = i;
        }
    }

    /// <summary>Shares group <paramref name="g"/>'s joint ordering cost of its open day among the slots that ordered then, if measured.</summary>
    private void ShareJointCost(int g)
    {
        var n = _joint.Count[g];
        if (n > 0 && _joint.FirstTime[g] >= _model.WarmupDays)
        {
            var share = _joint.Cost[g] / n;
            var (members, lanes) = (_joint.Members[g], _joint.MemberLanes[g]);
            for (var m = 0; m < n; m++)
            {
                _stock.Slots[members[m]].JointOrderingCost += share;
                _books.LaneFlow[lanes[m]].Ordering += share;
            }
        }

        _joint.Count[g] = 0;
    }

    /// <summary>Shares the joint ordering costs of the days still open at the end.</summary>
    private void CloseJointOrders()
    {
        for (var g = 0; g < _joint.Count.Length; g++)
        {
            ShareJointCost(g);
        }
    }

    /// <summary>
    /// Slot <paramref name="i"/>'s ordering cost: the item's cost for each order on a lane without
    /// one of its own, the lanes' costs for the rest, and its shares of joint ordering costs.
    /// </summary>
    private double OrderingCostOf(int i, in Supply.SlotState s) =>
        ((s.Orders - s.LaneOrders) * _slots[i].OrderingCost) + s.LaneOrderingCost + s.JointOrderingCost;
}
