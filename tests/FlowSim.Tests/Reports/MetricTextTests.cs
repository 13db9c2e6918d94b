using System.Net;
using FlowSim.Cli;
using FlowSim.Experiments;
using FlowSim.Outcomes;
using FlowSim.Reports;
using FlowSim.Reports.Html;

namespace FlowSim.Tests.Reports;

/// <summary>Numbers of metrics are written once, the same on the console and in the HTML report.</summary>
public sealed class MetricTextTests
{
    public static TheoryData<double, double, int> Values => new()
    {
        { 0.9887, 0.003, 12 },
        { 0.596, 0.063, 12 },
        { 1764.2, 7.1, 12 },
        { 36.4, 3.0, 12 },
        { 5.7412, 0.2, 12 },
        { -11324.4, 176.2, 12 },
        { 0, 0, 12 },
        { 42.5, double.NaN, 1 },      // one trial: no interval
        { double.NaN, double.NaN, 0 }, // no trial defined it
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void The_console_and_the_html_report_write_every_metric_the_same_way(double mean, double halfWidth, int n)
    {
        var s = new Statistics(mean, halfWidth, mean - halfWidth, mean + halfWidth, mean, mean, mean, n);
        foreach (var m in Metrics.All)
        {
            var console = ResultTable.Cell(s, m, "EUR");
            Assert.Equal(console, WebUtility.HtmlDecode(HtmlText.MeanCi(s, m.Unit(), "EUR")));
            Assert.Equal(MetricText.Format(mean, m.Unit(), "EUR"), WebUtility.HtmlDecode(HtmlText.Format(mean, m.Unit(), "EUR")));
        }
    }

    [Theory]
    [InlineData(MetricUnit.Share, 0.9887, "98.9%")]
    [InlineData(MetricUnit.Money, 1068.4, "EUR 1,068")]
    [InlineData(MetricUnit.Money, 40.513, "EUR 40.51")]
    [InlineData(MetricUnit.Units, 1764.2, "1,764")]
    [InlineData(MetricUnit.Days, 36.44, "36.4")]
    [InlineData(MetricUnit.Ratio, 5.7412, "5.74")]
    [InlineData(MetricUnit.Ratio, 182.42, "182")]
    [InlineData(MetricUnit.Ratio, double.NaN, "n/a")]
    [InlineData(MetricUnit.Share, double.NaN, "n/a")]
    public void A_number_is_written_as_a_planner_reads_it(MetricUnit unit, double v, string expected) =>
        Assert.Equal(expected, MetricText.Format(v, unit, "EUR"));

    [Fact]
    public void An_undefined_metric_reads_n_a_and_a_single_trial_shows_no_interval()
    {
        Assert.Equal("n/a", MetricText.MeanCi(new Statistics(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0), MetricUnit.Ratio, ""));
        Assert.Equal("5.74", MetricText.MeanCi(new Statistics(5.7412, double.NaN, double.NaN, double.NaN, 5.7412, 5.7412, 5.7412, 1), MetricUnit.Ratio, ""));
    }

    [Theory]
    [InlineData(0.063, 0)]    // ±6.3%: whole percents
    [InlineData(0.021, 0)]
    [InlineData(0.003, 1)]    // ±0.3%: one decimal
    [InlineData(0.001, 1)]    // ±0.1%
    [InlineData(0.0001, 2)]   // ±0.01%: two
    [InlineData(0.0000001, 2)] // never more than two
    [InlineData(0.0, 1)]      // every trial alike
    [InlineData(double.NaN, 1)]
    public void A_percentage_shows_the_decimals_its_confidence_interval_supports(double halfWidth, int decimals) =>
        Assert.Equal(decimals, MetricText.ShareDecimals(halfWidth));

    [Fact]
    public void A_percentage_has_thousands_separators_and_the_decimals_asked_for()
    {
        Assert.Equal("60%", MetricText.Percent(0.596, 0));
        Assert.Equal("98.9%", MetricText.Percent(0.9887, 1));
        Assert.Equal("1,250.00%", MetricText.Percent(12.5, 2));
    }
}
