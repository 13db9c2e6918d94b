using FlowSim.Policies;

namespace FlowSim.Engine;

/// <summary>
/// Levels that follow a forecast: a moving average or exponential smoothing of the demand a stock
/// point received, and with <c>sd: estimated</c> a safety stock on the sd of the forecast's errors.
/// </summary>
/// <remarks>
/// The estimate is the mean squared one-step error (today's demand received less yesterday's
/// forecast) over the same window, or smoothed with the same constant, times the share of it that
/// independent days' own variance makes up: a p-day average misses by σ²(1 + 1/p), smoothing by
/// σ² 2/(2 - α). So with independent days it estimates the daily demand variance, and the safety
/// stock it sizes converges to the one sized on the known sd; it starts there, from the planning variance.
/// </remarks>
internal sealed partial class Simulation
{
    /// <summary>Reorder point and order-up-to level of slot <paramref name="i"/> at today's review.</summary>
    private void ForecastLevels(int i, in BufferLevels b, out double reorder, out double upTo)
    {
        // Today's demand received is included: the review comes after the day's demand.
        var received = _books.Today[i].Received;
        double forecast, yesterday;
        if (b.ForecastWindowDays > 0)
        {
            var w = (int)b.ForecastWindowDays;
            yesterday = _ordering.ForecastSum[i] / w;
            forecast = (_ordering.ForecastSum[i] - _ordering.ForecastHistory[i][_ordering.ForecastCursor % w] + received) / w;
        }
        else
        {
            var alpha = b.ForecastSmoothing;
            yesterday = _ordering.Smoothed[i];
            forecast = (alpha * received) + ((1 - alpha) * yesterday);
        }

        var safety = b.SafetyStock;
        if (b.EstimatesSd)
        {
            var error = received - yesterday;
            double meanSquare;
            if (b.ForecastWindowDays > 0)
            {
                var w = (int)b.ForecastWindowDays;
                meanSquare = (_ordering.ErrorSquareSum[i] - _ordering.ErrorSquares[i][_ordering.ForecastCursor % w] + (error * error)) / w;
            }
            else
            {
                meanSquare = (b.ForecastSmoothing * error * error) + ((1 - b.ForecastSmoothing) * _ordering.SmoothedSquare[i]);
            }

            var variance = meanSquare * DemandShareOfError(b);
            safety = b.SafetyFactor * Math.Sqrt((b.VarianceDays * variance) + b.LeadTimeVarianceTerm);
        }

        reorder = OrderRules.ForecastLevel(forecast, b.ProtectionDays, safety);
        upTo = b.OrdersUpToLevel ? reorder : reorder + b.OrderQuantity;
    }

    /// <summary>Adds today's one-step error to slot <paramref name="i"/>'s estimate, before its forecast takes in today.</summary>
    private void ForecastErrorDayEnd(int i, double received, in SlotSetup setup)
    {
        var w = setup.ForecastWindow;
        if (w > 0)
        {
            var error = received - (_ordering.ForecastSum[i] / w);
            var cell = _ordering.ForecastCursor % w;
            _ordering.ErrorSquareSum[i] += (error * error) - _ordering.ErrorSquares[i][cell];
            _ordering.ErrorSquares[i][cell] = error * error;
        }
        else
        {
            var error = received - _ordering.Smoothed[i];
            _ordering.SmoothedSquare[i] += setup.ForecastSmoothing * ((error * error) - _ordering.SmoothedSquare[i]);
        }
    }

    /// <summary>Var(D) / E[one-step error²] for independent days: p / (p + 1) for a p-day average, (2 - α) / 2 for smoothing.</summary>
    private static double DemandShareOfError(in BufferLevels b) =>
        b.ForecastWindowDays > 0 ? b.ForecastWindowDays / (b.ForecastWindowDays + 1) : (2 - b.ForecastSmoothing) / 2;

    private partial struct Ordering
    {
        /// <summary>Slot <paramref name="i"/>'s error estimate at the start of a trial: what the planning variance gives.</summary>
        public readonly void ResetForecastErrors(int i, in BufferLevels b)
        {
            if (!b.EstimatesSd)
            {
                return;
            }

            var meanSquare = b.DemandVariance / DemandShareOfError(b);
            var w = (int)b.ForecastWindowDays;
            Array.Fill(ErrorSquares[i], meanSquare, 0, Math.Min(w, ErrorSquares[i].Length));
            ErrorSquareSum[i] = w * meanSquare;
            SmoothedSquare[i] = meanSquare;
        }
    }
}
