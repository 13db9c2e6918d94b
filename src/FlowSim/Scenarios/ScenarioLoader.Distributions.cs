using FlowSim.Stochastic;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>Reading distributions: a fixed value, a named distribution with its parameters, or observed values.</summary>
    private sealed partial class Reader
    {
        // The keys each distribution accepts, by its name, in the order the format lists the names.
        internal static readonly Dictionary<string, string[]> DistKeys = DistributionNames.Kinds.ToDictionary(k => k.YamlName(), k => k switch
        {
            DistributionKind.Constant => new[] { "dist", "value" },
            DistributionKind.Uniform => ["dist", "min", "max"],
            DistributionKind.Triangular or DistributionKind.Pert => ["dist", "min", "mode", "max"],
            DistributionKind.Normal or DistributionKind.LogNormal or DistributionKind.Gamma or DistributionKind.NegativeBinomial => ["dist", "mean", "sd", "cv"],
            DistributionKind.Poisson or DistributionKind.Exponential => ["dist", "mean"],
            DistributionKind.Empirical => ["dist", "values", "weights", .. HistoryKeys],
            _ => throw new InvalidOperationException($"no keys for {k}"),
        });

        private static readonly string[] AllDistKeys = [.. DistKeys.Values.SelectMany(k => k).Distinct()];

        private Distribution? ReadDistribution(YamlNode node, string path, Measure measure)
        {
            YamlFields.Parser location = measure switch
            {
                Measure.Duration => Units.TryParseDuration,
                Measure.OrderQuantity => Units.TryParseNumber,
                _ => Units.TryParseRatePerDay,
            };
            YamlFields.Parser spread = measure switch
            {
                Measure.Duration => Units.TryParseDuration,
                Measure.OrderQuantity => Units.TryParseNumber,
                _ => ParseDailySd,
            };
            if (node is YamlScalarNode)
            {
                var v = ReadScalar(node, path, location, Check.NonNegative);
                return v is null ? null : Distribution.Constant(v.Value);
            }

            if (node is not YamlMappingNode map)
            {
                _f.Error(node, path, $"expected a distribution such as {{ dist: normal, mean: 10d, sd: 2d }} or a single value, got {YamlFields.Describe(node)}");
                return null;
            }

            var distNode = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "dist" });
            if (distNode.Key is null)
            {
                // Report misspelt keys too: "dsit: normal" is the likely cause.
                YamlFields.Merge(map, path, [], _f, AllDistKeys).Missing("dist", $"name the distribution: {string.Join(", ", DistKeys.Keys)}");
                return null;
            }

            if (distNode.Value is not YamlScalarNode { Value: { Length: > 0 } dist })
            {
                _f.Error(distNode.Value, YamlFields.Join(path, "dist"), $"expected a distribution name ({string.Join(", ", DistKeys.Keys)}), got {YamlFields.Describe(distNode.Value)}");
                return null;
            }

            if (!DistKeys.TryGetValue(dist, out var keys))
            {
                var hint = YamlFields.Nearest(dist, DistKeys.Keys);
                _f.Error(distNode.Value, YamlFields.Join(path, "dist"), hint is null
                    ? $"unknown distribution '{dist}'; expected one of: {string.Join(", ", DistKeys.Keys)}"
                    : $"unknown distribution '{dist}'; did you mean '{hint}'?");
                return null;
            }

            // Counted before the keys are read: a misspelt key ("d" for "sd") is reported there, and leaves its value unread.
            var errorsBefore = _f.ErrorCount;
            var m = YamlFields.Merge(map, path, [], _f, keys);
            double Need(string key, YamlFields.Parser p, Func<double, string?> check) =>
                m.Value(key, p, required: true, why: $"a {dist} distribution needs {string.Join(", ", keys.Skip(1).Where(k => k != "cv" && (k != "sd" || !m.Has("cv"))))}", check: check) ?? double.NaN;

            Distribution? result = null;
            DistributionNames.TryParse(dist, out var kind);
            switch (kind)
            {
                case DistributionKind.Constant:
                    var value = Need("value", location, Check.NonNegative);
                    result = Ok() ? Distribution.Constant(value) : null;
                    break;
                case DistributionKind.Uniform:
                    var (min, max) = (Need("min", location, Check.NonNegative), Need("max", location, Check.NonNegative));
                    if (Ok() && max < min)
                    {
                        _f.Error(m.Get("max")!.Value, YamlFields.Join(path, "max"), "must not be below min");
                    }

                    result = Ok() ? Distribution.Uniform(min, max) : null;
                    break;
                case DistributionKind.Triangular:
                case DistributionKind.Pert:
                    var (lo, mode, hi) = (Need("min", location, Check.NonNegative), Need("mode", location, Check.NonNegative), Need("max", location, Check.NonNegative));
                    if (Ok() && !(lo <= mode && mode <= hi && lo < hi))
                    {
                        _f.Error(node, path, "needs min <= mode <= max with min < max");
                    }

                    result = Ok() ? (kind == DistributionKind.Pert ? Distribution.Pert(lo, mode, hi) : Distribution.Triangular(lo, mode, hi)) : null;
                    break;
                case DistributionKind.Normal:
                case DistributionKind.LogNormal:
                case DistributionKind.Gamma:
                case DistributionKind.NegativeBinomial:
                    var mean = Need("mean", location, kind == DistributionKind.Normal ? Check.NonNegative : Check.Positive);
                    var sd = ReadSpread(m, path, mean, spread);
                    if (Ok() && kind == DistributionKind.NegativeBinomial && sd * sd <= mean)
                    {
                        _f.Error(node, path, $"a negative binomial needs variance above the mean (overdispersed demand): sd must exceed {Math.Sqrt(mean):0.###}; use poisson when it does not");
                    }

                    if (Ok() && kind is DistributionKind.LogNormal or DistributionKind.Gamma && sd <= 0)
                    {
                        _f.Error(node, path, $"a {dist} distribution needs a positive sd or cv; use constant for a fixed value");
                    }

                    result = !Ok() ? null : kind switch
                    {
                        DistributionKind.Normal => Distribution.Normal(mean, sd),
                        DistributionKind.LogNormal => Distribution.LogNormal(mean, sd),
                        DistributionKind.Gamma => Distribution.Gamma(mean, sd),
                        _ => Distribution.NegativeBinomial(mean, sd),
                    };
                    break;
                case DistributionKind.Poisson:
                    var lambda = Need("mean", location, Check.NonNegative);
                    result = Ok() ? Distribution.Poisson(lambda) : null;
                    break;
                case DistributionKind.Exponential:
                    var em = Need("mean", location, Check.Positive);
                    result = Ok() ? Distribution.Exponential(em) : null;
                    break;
                case DistributionKind.Empirical:
                    result = m.Has("history") ? ReadHistory(m, path, measure) : ReadEmpirical(m, path, location);
                    break;
            }

            return result;

            bool Ok() => _f.ErrorCount == errorsBefore;
        }

        private double ReadSpread(YamlFields m, string path, double mean, YamlFields.Parser spread)
        {
            var sdField = m.Get("sd");
            var cvField = m.Get("cv");
            if (sdField is not null && cvField is not null)
            {
                _f.Error(cvField.KeyNode, cvField.Path, "give either sd or cv, not both");
                return double.NaN;
            }

            if (cvField is not null)
            {
                var cv = m.Read(cvField.Value, cvField.Path, Units.TryParseFraction, v => v >= 0 ? null : "a coefficient of variation must not be negative");
                if (cv is not null && !double.IsFinite(cv.Value * mean))
                {
                    _f.Error(cvField.Value, cvField.Path, "is too large: the standard deviation (cv times mean) would overflow; a cv is usually well below 100%");
                    return double.NaN;
                }

                return cv is null ? double.NaN : Skewed(cvField, cv.Value * mean, mean);
            }

            if (sdField is not null)
            {
                return m.Read(sdField.Value, sdField.Path, spread, Check.NonNegative) is { } sd ? Skewed(sdField, sd, mean) : double.NaN;
            }

            m.Missing("sd", "give the spread as sd (same units as the mean) or cv (e.g. 30%)");
            return double.NaN;
        }

        /// <summary>Most spread a distribution may have: a cv of 10,000%.</summary>
        private const double MaxCv = 100;

        /// <summary>
        /// Refuses a spread over <see cref="MaxCv"/> times the mean: the samplers' shapes underflow
        /// there, and no demand or lead time is that skewed.
        /// </summary>
        private double Skewed(Field field, double sd, double mean)
        {
            if (mean > 0 && sd > MaxCv * mean)
            {
                _f.Error(field.Value, field.Path, $"is more than {MaxCv:0} times the mean (a cv above 10,000%); no demand or lead time is that skewed, and it cannot be sampled faithfully");
                return double.NaN;
            }

            return sd;
        }

        /// <summary>
        /// A daily standard deviation. Given per week (or month, year) it is scaled by the square root
        /// of the days in the period, as the sum of independent days' demand would be.
        /// </summary>
        private static bool ParseDailySd(string text, out double perDay, out string error)
        {
            if (!Units.TryParseRatePerDay(text, out var linear, out error))
            {
                perDay = 0;
                return false;
            }

            var slash = text.IndexOf('/');
            var periodDays = slash < 0 ? 1 : 1 / (Units.TryParseRatePerDay("1" + text[slash..], out var r, out _) ? r : 1);
            perDay = linear * periodDays / Math.Sqrt(periodDays);
            return true;
        }

        private Distribution? ReadEmpirical(YamlFields m, string path, YamlFields.Parser location)
        {
            if (NonEmptyList(m, "values", "list the observed values to draw from, or name a history file: history: data/demand.csv") is not ({ } f, { } seq))
            {
                return null;
            }

            var values = new List<double>(seq.Children.Count);
            for (var i = 0; i < seq.Children.Count; i++)
            {
                if (ReadScalar(seq.Children[i], $"{f.Path}[{i}]", location, Check.NonNegative) is { } v)
                {
                    values.Add(v);
                }
            }

            if (values.Count != seq.Children.Count)
            {
                return null;
            }

            if (m.Get("weights") is not { } w)
            {
                return Distribution.Empirical(values);
            }

            // A probability mass function written directly: one weight per value, in proportion.
            if (w.Value is not YamlSequenceNode weightList)
            {
                _f.Error(w.Value, w.Path, "expected a list of weights, one per value (e.g. weights: [0.5, 0.3, 0.2])");
                return null;
            }

            if (weightList.Children.Count != values.Count)
            {
                _f.Error(w.Value, w.Path, $"expected one weight per value: {values.Count} values, {weightList.Children.Count} weights");
                return null;
            }

            var weights = new List<double>(values.Count);
            for (var i = 0; i < weightList.Children.Count; i++)
            {
                if (ReadScalar(weightList.Children[i], $"{w.Path}[{i}]", Units.TryParseNumber, Check.NonNegative) is { } x)
                {
                    weights.Add(x);
                }
            }

            if (weights.Count != values.Count)
            {
                return null;
            }

            if (weights.Sum() <= 0)
            {
                _f.Error(w.Value, w.Path, "at least one weight must be above zero");
                return null;
            }

            return Distribution.Empirical(values, weights);
        }
    }
}
