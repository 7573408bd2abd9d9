using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Sources;
using ImportPortal.TestData;
using ImportPortal.Tests.Unit.Sources;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>The columns whose values no field sends: what of an export would stay behind, counted before the run.</summary>
public sealed class UnsentColumnsTests
{
    private static SourceRecord Ticket(long row, string id, string? region, string? spam, params SourceRecord[] notes) =>
        new(new SourceLocator("tickets.xml", row), new SourceSchema(["display-id", "subject", "cf_khu_vuc", "spam", "empty"]),
            [new(id), new("Lỗi đồng bộ đơn hàng"), new(region), new(spam), new("  ")],
            new Dictionary<string, IReadOnlyList<SourceRecord>>(StringComparer.Ordinal)
            {
                ["notes"] = notes,
                ["tags"] = [new(new SourceLocator("tickets.xml", row), new SourceSchema(["name"]), [new("vip")])],
            });

    private static SourceRecord Note(long row, string body, string? supportEmail) =>
        new(new SourceLocator("tickets.xml", row), new SourceSchema(["body", "support-email"]), [new(body), new(supportEmail)]);

    [Fact]
    public void Counts_the_values_of_the_columns_no_entity_reads_in_the_records_and_child_records_it_reads()
    {
        var ticket = new EntityMapping(EntityKind.Ticket, new EntitySource("tickets"), new FieldMapping("(key)", FieldOrigin.Column, "display-id"),
            [new FieldMapping("subject", FieldOrigin.Column, "subject")]) { Filter = new RowFilter("spam", ["true"], Negate: true) };
        var reply = new EntityMapping(EntityKind.Reply, new EntitySource("tickets", "notes", EntityKind.Ticket), new FieldMapping("(key)", FieldOrigin.Constant, "1"),
            [new FieldMapping("content", FieldOrigin.Column, "body")]);
        var compiled = ProfileCompiler.Compile(new MappingProfile("test", [ticket, reply]), Helpdesk122);
        var unsent = new UnsentColumns(compiled, examplesPerColumn: 2);

        unsent.Add("tickets", 2, Ticket(2, "1", "Miền Bắc", "false", Note(2, "Chào anh", "hotro@haravan.vn"), Note(2, "Cảm ơn", null)));
        unsent.Add("tickets", 3, Ticket(3, "2", null, "false"));
        unsent.Add("tickets", 4, Ticket(4, "3", "Miền Nam", "true", Note(4, "Ghi chú", "hotro@haravan.vn")));
        unsent.Add("tickets", 5, Ticket(5, "4", "Miền Trung", null));
        unsent.Add("users", 2, Record(("email", "lan@haidang.example")));

        // The region of three tickets (the spam filter's column counts as read; blanks hold nothing); the note's support
        // address twice, its rows once each; the tags list and the users table no entity reads: not this profile's data.
        Assert.Equal(
            [("tickets", null, "cf_khu_vuc", 3L, "2, 4", "Miền Bắc"), ("tickets", "notes", "support-email", 2L, "2, 4", "hotro@haravan.vn")],
            unsent.Tallies().Select(t => (t.Table, t.Child, t.Column, t.Count, string.Join(", ", t.Rows), t.Example)));
    }

    [Fact]
    public async Task The_freshdesk_ticket_export_preset_leaves_behind_only_what_helpdesk_has_no_field_for()
    {
        var (_, records) = await SourceTestRead.ReadAsync(FreshdeskSampleWriter.TicketCsv(40), "tickets.csv");
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);
        var unsent = new UnsentColumns(compiled);

        foreach (var record in records)
        {
            unsent.Add("tickets", record.Locator.Row, record);
        }

        var columns = unsent.Tallies().ToDictionary(t => t.Column, t => t.Count);
        Assert.Equal(40, columns["Due by time"]);
        Assert.DoesNotContain("Subject", columns.Keys);
        Assert.DoesNotContain("Tags", columns.Keys);
        Assert.DoesNotContain("Requester email", columns.Keys);
    }
}
