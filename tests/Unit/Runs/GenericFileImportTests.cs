using System.Globalization;
using System.Text;
using ImportPortal.Domain.Mapping;
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
    private static readonly string[] MessageHeaders = ["Mã tin nhắn", "Mã phiếu", "Người gửi", "Nội dung tin nhắn", "Ngày gửi"];

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

    [Fact]
    public async Task A_messages_file_added_in_one_step_lands_each_message_as_received_or_sent_by_who_wrote_it()
    {
        const int tickets = 6;
        await using var h = await RunsHarness.StartAsync();
        var ticketFile = await h.UploadAsync(Csv(tickets), "Phiếu.csv");
        var rows = new StringBuilder(string.Join(",", MessageHeaders) + "\r\n");
        for (var i = 0; i < tickets; i++)
        {
            var day = $"2024-03-{1 + (i % 28):D2}";
            // The requester writes with a capital letter here and there; the team from its support address.
            rows.Append(CultureInfo.InvariantCulture, $"{9000 + (i * 2)},{i + 1},Khach{i % 8}@Example.vn,\"Hỏi thêm, phiếu {i + 1}\",{day} 11:00:00\r\n");
            rows.Append(CultureInfo.InvariantCulture, $"{9000 + (i * 2) + 1},{i + 1},hotro@haravan.vn,\"Trả lời, phiếu {i + 1}\",{day} 15:00:00\r\n");
        }

        var messageFile = await h.UploadAsync(Encoding.UTF8.GetBytes(rows.ToString()), "Tin nhắn.csv");
        var (withMessages, table) = GenericMessagesFile.AddTo(GenericTicketFile.Create(GenericTicketFileTests.VietnameseHeaders, "Phiếu và tin nhắn"), MessageHeaders)!.Value;
        var profile = await h.ProfileAsync(withMessages);
        var runId = await h.StartAsync(profile, new Dictionary<string, TableBinding> { ["tickets"] = new(ticketFile, null), [table] = new(messageFile, null) });

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(r.State == RecordState.Succeeded || RecordChecks.FoundOnFreshSite(r), RecordChecks.Describe(r)));
        var store = h.Simulator.Store;
        Assert.Equal(tickets * 3, store.Count("Communication"));
        foreach (var ticket in store.List("HD Ticket"))
        {
            var n = int.Parse(ImportedSite.Text(ticket, "custom_source_id"), CultureInfo.InvariantCulture) - 1;
            var messages = store.List("Communication").Where(c => ImportedSite.Text(c, "reference_name") == ImportedSite.Text(ticket, "name"))
                .ToDictionary(c => ImportedSite.Text(c, "custom_source_id"));
            Assert.Equal("Received", ImportedSite.Text(messages[$"{9000 + (n * 2)}"], "sent_or_received"));
            Assert.Equal("Sent", ImportedSite.Text(messages[$"{9000 + (n * 2) + 1}"], "sent_or_received"));
            // The team's answer is the ticket's first response: 15:00 in Ho Chi Minh, 08:00 UTC on the site.
            Assert.Equal($"2024-03-{1 + (n % 28):D2} 08:00:00", ImportedSite.Text(ticket, "first_responded_on"));
        }
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

    [Fact]
    public async Task A_second_file_of_messages_added_as_an_entity_lands_in_each_ticket_in_time_order_after_its_description()
    {
        const int tickets = 6;
        await using var h = await RunsHarness.StartAsync();
        var ticketFile = await h.UploadAsync(Csv(tickets), "Phiếu.csv");
        // Two messages per ticket, listed newest first, both after the ticket was opened (09:00).
        var rows = new StringBuilder(string.Join(",", MessageHeaders) + "\r\n");
        for (var i = tickets - 1; i >= 0; i--)
        {
            var day = $"2024-03-{1 + (i % 28):D2}";
            rows.Append(CultureInfo.InvariantCulture, $"{9000 + (i * 2) + 1},{i + 1},hotro@haravan.vn,\"Trả lời lần hai, phiếu {i + 1}\",{day} 15:00:00\r\n");
            rows.Append(CultureInfo.InvariantCulture, $"{9000 + (i * 2)},{i + 1},khach{i % 8}@example.vn,\"Hỏi thêm, phiếu {i + 1}\",{day} 11:00:00\r\n");
        }

        var messageFile = await h.UploadAsync(Encoding.UTF8.GetBytes(rows.ToString()), "Tin nhắn.csv");
        var generic = GenericTicketFile.Create(GenericTicketFileTests.VietnameseHeaders, "Phiếu và tin nhắn");
        var reply = ProfileEdits.NewEntity(EntityKind.Reply, new EntitySource("messages"), ProfileEdits.KeyFrom("Mã tin nhắn", null, EntityKind.Reply), "custom_source_id", null, MessageHeaders)
            .WithMatches(
            [
                new("content", FieldOrigin.Column, "Nội dung tin nhắn"),
                new("sender", FieldOrigin.Column, "Người gửi", [new(TransformKind.Trim), new(TransformKind.Lower)]),
                new("communication_date", FieldOrigin.Column, "Ngày gửi", [new(TransformKind.DateTime)]),
            ]);
        var profile = await h.ProfileAsync(generic.WithNewEntity(reply));
        var runId = await h.StartAsync(profile, new Dictionary<string, TableBinding> { ["tickets"] = new(ticketFile, null), ["messages"] = new(messageFile, null) });

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(r.State == RecordState.Succeeded || RecordChecks.FoundOnFreshSite(r), RecordChecks.Describe(r)));
        var store = h.Simulator.Store;
        Assert.Equal(tickets * 3, store.Count("Communication"));
        foreach (var ticket in store.List("HD Ticket"))
        {
            var id = ImportedSite.Text(ticket, "custom_source_id");
            var name = ImportedSite.Text(ticket, "name");
            // In the order they were created, which Helpdesk shows: the description, the customer's question, the agent's answer.
            var conversation = store.List("Communication").Where(c => ImportedSite.Text(c, "reference_name") == name)
                .Select(c => ImportedSite.Text(c, "custom_source_id")).ToList();
            var n = int.Parse(id!, CultureInfo.InvariantCulture) - 1;
            Assert.Equal([$"{id}:description", $"{9000 + (n * 2)}", $"{9000 + (n * 2) + 1}"], conversation);
        }
    }
}
