using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Sources;
using ImportPortal.Tests.Unit.Sources;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>
/// A file of messages from another system, added in one step to the profile of its ticket file: its replies (and private
/// notes) on the tickets it names, each received or sent by who wrote it.
/// </summary>
public sealed class GenericMessagesFileTests
{
    private static readonly string[] VietnameseMessages = ["Mã tin nhắn", "Mã phiếu", "Người gửi", "Tên người gửi", "Nội dung tin nhắn", "Ngày gửi"];

    private static readonly MappingProfile Tickets = GenericTicketFile.Create(GenericTicketFileTests.VietnameseHeaders, "Phiếu Haravan");

    [Fact]
    public void A_messages_file_is_told_from_a_ticket_file_by_its_headers()
    {
        Assert.True(GenericMessagesFile.Looks(VietnameseMessages));
        Assert.True(GenericMessagesFile.Looks(["Ticket", "Author", "Body", "Created at", "Direction"]));
        // A ticket file has an id and a content column too, and a subject besides.
        Assert.False(GenericMessagesFile.Looks(GenericTicketFileTests.VietnameseHeaders));
        Assert.False(GenericMessagesFile.Looks(["Ticket Number", "Title", "Body", "State"]));
        // Messages that name no ticket cannot be placed.
        Assert.False(GenericMessagesFile.Looks(["Người gửi", "Nội dung", "Ngày gửi"]));
    }

    [Fact]
    public async Task Vietnamese_messages_become_replies_on_their_tickets_received_from_a_requester_and_sent_by_anyone_else()
    {
        var (profile, table) = GenericMessagesFile.AddTo(Tickets, VietnameseMessages)!.Value;

        Assert.Equal(GenericMessagesFile.Table, table);
        var reply = Assert.Single(profile.Entities, e => e.Source.Table == table);
        Assert.Equal((EntityKind.Reply, "Mã tin nhắn", "custom_source_id"), (reply.Entity, reply.Key.Value, reply.ExternalIdField));
        // The ticket file's entities are untouched, and the requesters are read from its contacts' key column.
        Assert.Equal(Tickets.Entities, profile.Entities.Take(Tickets.Entities.Count));
        var requesters = Assert.Single(profile.Lookups!);
        Assert.Equal(("tickets", "Email khách hàng", "Received"), (requesters.Table, requesters.KeyColumn, requesters.Value));

        // The requesters as the ticket file writes them (any case, spaces around); a ticket without one adds nobody.
        var ticketFile = SourceTestRead.Utf8("Mã phiếu,Tiêu đề,Email khách hàng\r\n17,Không in được hoá đơn, Binh.Tran@AnhDuong.vn \r\n18,Phiếu nội bộ,\r\n");
        var lookups = await MappingLookups.BuildAsync(profile, async (t, ct) => t == "tickets" ? await SourceTestRead.OpenAsync(ticketFile, "Phiếu.csv") : null, TestContext.Current.CancellationToken);
        Assert.Equal(["binh.tran@anhduong.vn"], lookups.Find(requesters.Name)!.Keys.Select(k => k.ToLowerInvariant()));
        var compiled = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122, lookups);
        Assert.Empty(compiled.MissingColumns(table, new SourceSchema(VietnameseMessages)));
        Assert.DoesNotContain(compiled.Problems, p => p.Problem.Severity == MappingSeverity.Error);

        var question = compiled.MapRecord(table, Message("9001", "17", "Bình Trần <Binh.Tran@AnhDuong.vn>", "Trần Thị Bình", "Máy in vẫn lỗi ạ", "2024-03-01 11:00:00")).Single();
        var answer = compiled.MapRecord(table, Message("9002", "17", "hotro@haravan.vn", "Hỗ trợ Haravan", "Anh/chị thử cài lại driver giúp em", "2024-03-01 15:00:00")).Single();

        Assert.Equal(("9001", "Received"), (question.SourceKey, MappingSites.Text(question.InsertBody, "sent_or_received")));
        Assert.Equal(("9002", "Sent"), (answer.SourceKey, MappingSites.Text(answer.InsertBody, "sent_or_received")));
        Assert.Equal("binh.tran@anhduong.vn", MappingSites.Text(question.InsertBody, "sender"));
        Assert.Equal("Trần Thị Bình", MappingSites.Text(question.InsertBody, "sender_full_name"));
        Assert.Equal("Anh/chị thử cài lại driver giúp em", MappingSites.Text(answer.InsertBody, "content"));
        // 15:00 in Ho Chi Minh (the ticket file's zone) is 08:00 UTC, the site's zone here.
        Assert.Equal("2024-03-01 08:00:00", MappingSites.Text(answer.InsertBody, "communication_date"));
        Assert.Equal(("HD Ticket", "Communication"), (MappingSites.Text(answer.InsertBody, "reference_doctype"), MappingSites.Text(answer.InsertBody, "communication_type")));
        Assert.Contains(new EntityReference(EntityKind.Ticket, "17", "reference_name"), answer.References);
        Assert.All(new[] { question, answer }, m => Assert.Empty(m.Problems));
    }

    [Fact]
    public void A_direction_column_says_who_wrote_each_message_and_a_private_column_makes_internal_notes()
    {
        string[] headers = ["Ticket", "Author", "Body", "Created at", "Direction", "Internal"];

        var (profile, table) = GenericMessagesFile.AddTo(Tickets, headers)!.Value;

        // No id column: a message is known by its ticket, time and writer, which a later export repeats.
        var added = profile.Entities.Where(e => e.Source.Table == table).ToList();
        Assert.Equal([EntityKind.Reply, EntityKind.PrivateNote], added.Select(e => e.Entity));
        Assert.All(added, e => Assert.Equal((FieldOrigin.Template, "{Ticket}:{Created at}:{Author}"), (e.Key.Origin, e.Key.Value)));
        Assert.Null(profile.Lookups);
        var compiled = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122);
        MappedEntity Only(params (string, string?)[] cells) => Assert.Single(compiled.MapRecord(table, MappingSites.Record(cells)));

        var customer = Only(("Ticket", "42"), ("Author", "Nguyễn Thị Lan"), ("Body", "Cảm ơn"), ("Created at", "2024-05-02 08:00:00"), ("Direction", "Inbound"), ("Internal", "false"));
        var agent = Only(("Ticket", "42"), ("Author", "Hỗ trợ Haravan"), ("Body", "Đã xử lý"), ("Created at", "2024-05-02 09:00:00"), ("Direction", "Nhân viên"), ("Internal", ""));
        var note = Only(("Ticket", "42"), ("Author", "Hỗ trợ Haravan"), ("Body", "Khách VIP"), ("Created at", "2024-05-02 09:05:00"), ("Direction", "out"), ("Internal", "TRUE"));
        var odd = Only(("Ticket", "42"), ("Author", "Haravan Bot"), ("Body", "?"), ("Created at", "2024-05-02 09:10:00"), ("Direction", "system"), ("Internal", "0"));

        Assert.Equal((EntityKind.Reply, "Received"), (customer.Entity, MappingSites.Text(customer.InsertBody, "sent_or_received")));
        Assert.Equal("42:2024-05-02 08:00:00:Nguyễn Thị Lan", customer.SourceKey);
        Assert.Equal("Nguyễn Thị Lan", MappingSites.Text(customer.InsertBody, "sender_full_name"));
        Assert.Equal((EntityKind.Reply, "Sent"), (agent.Entity, MappingSites.Text(agent.InsertBody, "sent_or_received")));
        Assert.Equal((EntityKind.PrivateNote, "Khách VIP"), (note.Entity, MappingSites.Text(note.InsertBody, "content")));
        Assert.Contains(new EntityReference(EntityKind.Ticket, "42", "reference_ticket"), note.References);
        // A direction the map does not know is reported, and taken as the customer's.
        Assert.Equal("Received", MappingSites.Text(odd.InsertBody, "sent_or_received"));
        Assert.Contains(odd.Problems, p => p.Field == "sent_or_received");
    }

    [Fact]
    public void Added_to_a_freshdesk_ticket_export_profile_the_requesters_are_the_ticket_file_s_own_not_the_optional_contacts_file_s()
    {
        var (profile, _) = GenericMessagesFile.AddTo(FreshdeskTicketExportPreset.Create(), VietnameseMessages)!.Value;

        var requesters = Assert.Single(profile.Lookups!);
        Assert.Equal(("tickets", "Requester email"), (requesters.Table, requesters.KeyColumn));
        Assert.Equal(new RowFilter("Requester email"), requesters.Filter);
    }

    [Fact]
    public void A_second_messages_file_gets_a_table_of_its_own()
    {
        var (once, first) = GenericMessagesFile.AddTo(Tickets, VietnameseMessages)!.Value;

        var (twice, second) = GenericMessagesFile.AddTo(once, VietnameseMessages)!.Value;

        Assert.Equal(("messages", "messages 2"), (first, second));
        Assert.Equal(["messages.requesters", "messages 2.requesters"], twice.Lookups!.Select(l => l.Name));
        Assert.Null(GenericMessagesFile.AddTo(Tickets, ["Người gửi", "Nội dung"]));
        // A workbook's sheet keeps its name, unless the profile reads a table of that name already.
        Assert.Equal("Tin nhắn", GenericMessagesFile.AddTo(Tickets, VietnameseMessages, "Tin nhắn")!.Value.Table);
        Assert.Equal("tickets 2", GenericMessagesFile.AddTo(Tickets, VietnameseMessages, "tickets")!.Value.Table);
    }

    [Fact]
    public void Previewed_without_the_ticket_file_the_direction_is_named_as_reading_a_table_nothing_is_bound_to()
    {
        var (profile, table) = GenericMessagesFile.AddTo(Tickets, VietnameseMessages)!.Value;

        var alone = profile.UnboundLookups(t => t == table);

        var (lookup, fields) = Assert.Single(alone);
        Assert.Equal(("messages.requesters", "tickets"), (lookup.Name, lookup.Table));
        Assert.Equal([(EntityKind.Reply, "sent_or_received")], fields);
        Assert.Empty(profile.UnboundLookups(t => t is "tickets" or "messages"));
        // Nothing bound reads it when only the ticket file is bound.
        Assert.Empty(profile.UnboundLookups(t => t == "tickets"));
    }

    private static SourceRecord Message(string id, string ticket, string sender, string name, string content, string date) =>
        MappingSites.Record(("Mã tin nhắn", id), ("Mã phiếu", ticket), ("Người gửi", sender), ("Tên người gửi", name), ("Nội dung tin nhắn", content), ("Ngày gửi", date));
}
