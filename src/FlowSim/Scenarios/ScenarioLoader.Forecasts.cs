namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading how a buffer's forecast estimates the spread of demand.</summary>
    private sealed partial class Reader
    {
        /// <summary><c>sd: known | estimated</c> in a forecast; true for estimated.</summary>
        private bool ReadForecastSd(YamlFields forecast, YamlFields policy)
        {
            if (forecast.Get("sd") is not { } f || forecast.Text("sd") is not { } text)
            {
                return false;
            }

            if (!ForecastSds.Contains(text))
            {
                var hint = YamlFields.Nearest(text, ForecastSds);
                _f.Error(f.Value, f.Path,
                    $"expected known (safety stock sized on the demand's own sd) or estimated (on the sd of the forecast's errors), got '{text}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
                return false;
            }

            foreach (var key in new[] { "safety_stock", "fill_rate" })
            {
                if (text == "estimated" && policy.Get(key) is { } given)
                {
                    _f.Error(given.KeyNode, given.Path, $"an estimated sd sizes the safety stock from service_level at every review; remove {key}, or sd: estimated");
                }
            }

            return text == "estimated";
        }
    }
}
