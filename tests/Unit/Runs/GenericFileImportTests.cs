using System.Globalization;
using System.Text;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Mappings;
using ImportPortal.Runs;
using ImportPortal.Tests.Unit.Mapping;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A ticket file from another system, mapped from its own Vietnamese headers, through the real run job and HTTP into the simulator.</summary>
public sealed class GenericFileImportTests
{
    private static readonly string[] Types = ["Hỗ trợ kỹ thuật", "Hoá đơn", "Question"];
    private static readonly string[] Statuses = ["Mở", "Đang chờ", "Đã giải quyết", "Đã đóng"];

    [Fact]
    public async Task A_generic_vietnamese_ticket_file_lands_with_its_requesters_organisations_types_and_first_messages_and_a_rerun_adds_nothing()
    {
        const int tickets = 24;
        await using var h = await RunsHarness.StartAsync();
        var upload = await h.UploadAsync(Csv(tickets), "Danh sách phiếu.csv");
        var profile = await h.ProfileAsync(GenericTicketFile.Create(GenericTicketFileTests.VietnameseHeaders, "Tệp phiếu chung"));
        var bindings = new Dictionary<string, TableBinding> { ["tickets"] = new(upload, null) };
        var runId = await h.StartAsync(profile, bindings);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(r.State == RecordState.Succeeded || RecordChecks.FoundOnFreshSite(r), RecordChecks.Describe(r)));
        var store = h.Simulator.Store;
        Assert.Equal(tickets, store.Count("HD Ticket"));
        Assert.Equal(tickets, store.Count("Communication"));
        Assert.Equal(5, store.Count("HD Customer"));
        Assert.Empty(store.FindDuplicates("Contact", "email_id"));
        Assert.NotNull(store.Get("HD Ticket Type", "Hỗ trợ kỹ thuật"));
        Assert.NotNull(store.Get("HD Ticket Type", "Hoá đơn"));
        foreach (var ticket in store.List("HD Ticket"))
        {
            var i = int.Parse(ImportedSite.Text(ticket, "custom_source_id")!, CultureInfo.InvariantCulture) - 1;
            Assert.Equal($"Phiếu số {i + 1}: không in được hoá đơn", ImportedSite.Text(ticket, "subject"));
            Assert.Equal(Types[i % Types.Length], ImportedSite.Text(ticket, "ticket_type"));
            Assert.Equal($"Công ty {i % 5}", ImportedSite.Text(ticket, "customer"));
            Assert.Equal($"khach{i % 8}@example.vn", ImportedSite.Text(ticket, "raised_by"));
            Assert.Equal(new[] { "Open", "Replied", "Resolved", "Closed" }[i % 4], ImportedSite.Text(ticket, "status"));
        }

        var again = await h.StartAsync(profile, bindings);
        await h.ExecuteAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(again));
        Assert.Equal(tickets, store.Count("HD Ticket"));
        Assert.Equal(tickets, store.Count("Communication"));
        Assert.DoesNotContain(await h.RecordsAsync(again), r => r.Result == RecordResult.Created);
    }

    private static byte[] Csv(int rows)
    {
        var text = new StringBuilder(string.Join(",", GenericTicketFileTests.VietnameseHeaders) + "\r\n");
        for (var i = 0; i < rows; i++)
        {
            string[] cells =
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), $"Phiếu số {i + 1}: không in được hoá đơn", "Máy in báo lỗi, \"E-05\".\nXin hỗ trợ.", Statuses[i % 4],
                "Cao", Types[i % Types.Length], $"Công ty {i % 5}", $"Nguyễn Văn Khách {i % 8}", $"khach{i % 8}@example.vn", "0901234567",
                $"2024-03-{1 + (i % 28):D2} 09:00:00", i % 4 >= 2 ? $"2024-04-{1 + (i % 28):D2} 10:00:00" : "",
            ];
            text.Append(string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\r\n");
        }

        return new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }
}
