using FlowSim.History;
using FlowSim.Scenarios;

namespace FlowSim.Tests.History;

public class HistoryCsvTests
{
    [Fact]
    public void Reads_a_spreadsheet_export_with_crlf_quotes_comments_and_columns_in_any_order()
    {
        var text = "# exported 2026-01-02\r\nQuantity,Location,\"Item\",Date,note\r\n3,studio,\"mug\",2025-01-01,\"a, b\"\r\n\r\n0,studio,vase,2025-01-02,\r\n";
        var file = HistoryCsv.Parse(text, "sales.csv");

        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        Assert.Equal(HistoryKind.Demand, file.Kind);
        Assert.Equal([new DemandRecord(new DateOnly(2025, 1, 1), "mug", "studio", 3, null), new DemandRecord(new DateOnly(2025, 1, 2), "vase", "studio", 0, null)], file.Demand.ToArray());
    }

    [Fact]
    public void A_receipts_header_makes_a_receipts_file_with_lead_times_in_days()
    {
        var file = HistoryCsv.Parse("order_date,receipt_date,supplier,item\n2025-01-30,2025-02-02,kiln,mug\n", "kiln.csv");
        Assert.Equal(HistoryKind.Receipts, file.Kind);
        Assert.Equal(3, file.Receipts.Single().LeadTimeDays);
    }

    [Fact]
    public void Every_bad_row_is_reported_not_only_the_first()
    {
        var file = HistoryCsv.Parse("date,item,location,quantity\n2025-01-01,mug,studio\n2025-01-02,mug,studio,x\n2025-01-03,m g,studio,1\n", "sales.csv");
        Assert.Equal(
            [
                "sales.csv:2:22 quantity: missing: the row has 3 fields, the header 4",
                "sales.csv:3:23 quantity: expected a number, got 'x'",
                "sales.csv:4:12 item: expected an id (letters, digits, '-', '_', '.'), got 'm g'",
            ],
            file.Errors.Select(e => e.ToString()).ToArray());
    }

    [Fact]
    public void Days_without_rows_are_zero_demand_and_same_day_rows_add_up()
    {
        var file = HistoryCsv.Parse("date,item,location,quantity\n2025-01-01,mug,a,2\n2025-01-01,mug,a,3\n2025-01-04,mug,a,1\n2025-01-02,vase,a,7\n", "sales.csv");
        var series = DemandSeries.From(file.Demand);
        Assert.Equal([5.0, 0, 0, 1], series.Single(s => s.Item == "mug").Daily.ToArray());
        Assert.Equal([0.0, 7, 0, 0], series.Single(s => s.Item == "vase").Daily.ToArray());
    }
}
