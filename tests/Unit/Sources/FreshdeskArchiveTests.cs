using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Sources;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Sources;

public sealed class FreshdeskArchiveTests
{
    [Fact]
    public async Task The_sniffer_lists_the_tables_of_an_account_export()
    {
        var format = await SourceTestRead.SniffAsync(FreshdeskSampleWriter.AccountExportZip(3), "export.zip");

        Assert.Equal(SourceFileKind.Zip, format.Kind);
        Assert.Equal(["tickets", "users", "companies", "groups"], format.Tables);
    }

    [Fact]
    public async Task Tickets_carry_their_notes_as_children_with_xml_types_honoured()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(FreshdeskSampleWriter.AccountExportZip(650, notesPerTicket: 3), "export.zip");

        Assert.Equal("tickets", reader.Table);
        Assert.Equal(650, records.Count);
        var first = records[0];
        Assert.Equal(1L, first["display-id"].Typed);
        Assert.Equal(false, first["spam"].Typed);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.FromHours(7)), first["created-at"].Typed);
        Assert.True(first["ticket-states.resolved-at"].IsNull);
        Assert.Equal("Miền Bắc", first["custom_field.cf_khu_vuc_123"].Text);
        Assert.Equal("vip,hoa-don", first["tags"].Text);
        Assert.Equal("", records[1]["tags"].Text);
        Assert.True(records[1]["responder-id"].IsNull);
        var notes = first.ChildrenOf("notes");
        Assert.Equal(3, notes.Count);
        Assert.Equal([false, true, false], notes.Select(n => n["private"].Typed));
        Assert.Equal(new SourceLocator("export.zip", 1, "Tickets1.xml"), first.Locator);
        Assert.Equal(new SourceLocator("export.zip", 50, "Tickets3.xml"), records[649].Locator);
    }

    [Fact]
    public async Task Each_logical_table_reads_its_own_files()
    {
        var bytes = FreshdeskSampleWriter.AccountExportZip(4);
        var format = await SourceTestRead.SniffAsync(bytes, "export.zip");
        var archive = FreshdeskArchive.Open(format, () => new MemoryStream(bytes, writable: false));

        var users = await SourceTestRead.AllAsync(archive.OpenTable("users"));
        var companies = await SourceTestRead.AllAsync(archive.OpenTable("companies"));
        var groups = await SourceTestRead.AllAsync(archive.OpenTable("groups"));

        Assert.Equal(FreshdeskSampleWriter.RequesterEmail(3), users[3]["email"].Text);
        Assert.Equal("Công ty TNHH Ánh Dương", Assert.Single(companies)["name"].Text);
        Assert.Equal(7L, Assert.Single(groups)["id"].Typed);
    }

    [Fact]
    public async Task An_xml_time_without_an_offset_is_placed_in_the_mappings_source_zone_not_the_servers()
    {
        var bytes = ZipBuilder.Build(("Tickets1.xml",
            """
            <helpdesk-tickets><helpdesk-ticket>
              <display-id type="integer">1</display-id>
              <created-at type="datetime">2024-01-15T10:00:00</created-at>
              <updated-at type="datetime">2024-01-15T10:00:00+07:00</updated-at>
            </helpdesk-ticket></helpdesk-tickets>
            """));
        var saigon = ZonedDates.FindZone("Asia/Ho_Chi_Minh")!;

        var (_, tickets) = await SourceTestRead.ReadAsync(bytes, "local-times.zip");
        var ticket = Assert.Single(tickets);

        // Read as a DateTimeOffset, it took the server's zone (UTC here) and landed 7 hours late in Hà Nội's day.
        Assert.True(ZonedDates.TryRead(ticket["created-at"], saigon, null, out var created));
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.FromHours(7)), created);
        Assert.Equal("10:00:00", ZonedDates.Format(created, saigon, TransformKind.Time));
        Assert.True(ZonedDates.TryRead(ticket["updated-at"], TimeZoneInfo.Utc, null, out var updated));
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 3, 0, 0, TimeSpan.Zero), updated);
    }

    [Fact]
    public async Task Ticket_files_are_read_in_natural_order_and_customers_xml_counts_as_companies()
    {
        var bytes = ZipBuilder.Build(
            ("Tickets10.xml", "<helpdesk-tickets><helpdesk-ticket><display-id>10</display-id></helpdesk-ticket></helpdesk-tickets>"),
            ("Tickets2.xml", "<helpdesk-tickets><helpdesk-ticket><display-id>2</display-id></helpdesk-ticket></helpdesk-tickets>"),
            ("Customers.xml", "<customers><customer><name>Cũ</name></customer></customers>"),
            ("Solutions.xml", "<solutions/>"));

        var (_, tickets) = await SourceTestRead.ReadAsync(bytes, "old.zip");
        var (_, companies) = await SourceTestRead.ReadAsync(bytes, "old.zip", new SourceReadOptions(Table: "companies"));

        Assert.Equal(["2", "10"], tickets.Select(t => t["display-id"].Text));
        Assert.Equal("Cũ", Assert.Single(companies)["name"].Text);
    }
}
