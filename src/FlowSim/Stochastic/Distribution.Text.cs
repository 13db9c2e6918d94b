using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FlowSim.Stochastic;

// Text: the kind and parameters as written in reports and messages.
public sealed partial record Distribution
{
    /// <summary>The kind and parameters in a form like <c>poisson(mean=20)</c>.</summary>
    public override string ToString() => Kind switch
    {
        DistributionKind.Constant => $"{Kind.YamlName()}(value={Format(Value)})",
        DistributionKind.Uniform => $"{Kind.YamlName()}(min={Format(Minimum)}, max={Format(Maximum)})",
        DistributionKind.Triangular => $"{Kind.YamlName()}(min={Format(Minimum)}, mode={Format(Mode)}, max={Format(Maximum)})",
        DistributionKind.Pert => $"{Kind.YamlName()}(min={Format(Minimum)}, mode={Format(Mode)}, max={Format(Maximum)})",
        DistributionKind.Normal => $"{Kind.YamlName()}(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        DistributionKind.LogNormal => $"{Kind.YamlName()}(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        DistributionKind.Gamma => $"{Kind.YamlName()}(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        DistributionKind.Exponential => $"{Kind.YamlName()}(mean={Format(SpecifiedMean)})",
        DistributionKind.Empirical => FormatEmpirical(),
        DistributionKind.Poisson => $"{Kind.YamlName()}(mean={Format(SpecifiedMean)})",
        DistributionKind.NegativeBinomial => $"{Kind.YamlName()}(mean={Format(SpecifiedMean)}, sd={Format(SpecifiedStandardDeviation)})",
        _ => throw new UnreachableException(),
    };

    private string FormatEmpirical()
    {
        const int Shown = 8;
        var text = new StringBuilder(Kind.YamlName()).Append("(values=[");
        for (var i = 0; i < _values.Length && i < Shown; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(Format(_values[i]));
        }

        if (_values.Length > Shown)
        {
            text.Append(CultureInfo.InvariantCulture, $", ... ({_values.Length} values)");
        }

        text.Append(']');
        if (_weights.Length > 0)
        {
            text.Append(", weights=[");
            for (var i = 0; i < _weights.Length && i < Shown; i++)
            {
                text.Append(i > 0 ? ", " : "").Append(Format(_weights[i]));
            }

            text.Append(_weights.Length > Shown ? ", ...]" : "]");
        }

        return text.Append(')').ToString();
    }

    private static string Format(double x) => x.ToString(CultureInfo.InvariantCulture);
}
