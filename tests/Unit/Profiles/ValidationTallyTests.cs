using System.Text;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Sources;
using ImportPortal.TestData;
using ImportPortal.Tests.Unit.Frappe;
using ImportPortal.Tests.Unit.Sources;

namespace ImportPortal.Tests.Unit.Profiles;

/// <summary>A whole source mapped like a run would, against the simulator's live fields: every problem counted, with example rows.</summary>
public sealed class ValidationTallyTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Each_problem_is_counted_once_per_row_with_example_rows_and_link_targets_are_checked_in_one_batch()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var profile = FreshdeskTicketExportPreset.Create();
        var metas = new Dictionary<string, DocTypeMeta>();
        foreach (var doctype in profile.Entities.Select(profile.DoctypeOf).Distinct())
        {
            metas[doctype] = await h.Site.GetMetaAsync(doctype, Ct);
        }

        var compiled = ProfileCompiler.Compile(profile, metas);
        var tally = new ValidationTally(examplesPerProblem: 3);
        await foreach (var record in ReadAsync(TicketsWithProblems(), Ct))
        {
            var row = record.Locator.Row;
            tally.Add("tickets", row, compiled.MapRecord("tickets", record, (child, count) => tally.LeftOut("tickets", child, row, count)));
        }

        var listsBefore = h.Simulator.Store.Requests.Count("GET /api/resource/HD Ticket Priority");
        var report = await tally.FinishAsync(h.Site, Ct);

        Assert.Equal(46, report.Records);
        Assert.Equal(46, report.Entities[EntityKind.Ticket]);
        var invalidEmail = report.Problems.Single(p => p.Code == MappingProblemCodes.InvalidEmail && p.Entity == EntityKind.Ticket);
        Assert.Equal(4, invalidEmail.Count);
        Assert.Equal([42L, 43L, 44L], invalidEmail.Examples.Select(e => e.Row));
        var truncated = report.Problems.Single(p => p.Code == MappingProblemCodes.Truncated && p.Field == "subject");
        Assert.Equal(1, truncated.Count);
        Assert.True(report.EntitiesWithErrors >= 4);
        Assert.Equal(1, h.Simulator.Store.Requests.Count("GET /api/resource/HD Ticket Priority") - listsBefore);
        // Rows without a company make no organisation, but the ticket takes every row: nothing is left out.
        Assert.Empty(report.LeftOut!);
    }

    [Fact]
    public async Task Agents_named_without_an_email_and_teams_without_a_member_the_site_knows_are_found_before_the_run()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        h.Simulator.SeedAgent("biet@haravan.vn", "Trần Văn Biết");
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Mapping.MappingSites.Helpdesk122);
        (string Agent, string Team)[] rows =
        [
            ("Trần Văn Biết", "Kỹ thuật"), // a team the site lacks, with an agent it knows: the run makes it
            ("Người Lạ", "Kế toán"), ("Người Lạ", "Kế toán"), // no member the site knows: it cannot be made
            ("Người Lạ", "Billing"), // a team the site has needs no member
            ("", ""),
        ];
        var tally = new ValidationTally(examplesPerProblem: 3);
        for (var i = 0; i < rows.Length; i++)
        {
            var record = Mapping.MappingSites.Record(
                ("Ticket ID", $"{i + 1}"), ("Subject", "Hỏi giá"), ("Requester email", $"khach{i}@example.vn"), ("Agent", rows[i].Agent), ("Group", rows[i].Team),
                ("Created time", "2024-03-01 09:00:00"));
            tally.Add("tickets", i + 2, compiled.MapRecord("tickets", record));
        }

        var agentLookups = h.Simulator.Store.Requests.Count("GET /api/resource/HD Agent");
        var report = await tally.FinishAsync(h.Site, Ct);

        var unknownAgent = Assert.Single(report.Problems, p => p.Code == MappingProblemCodes.AgentNotOnSite);
        Assert.Equal((EntityKind.Ticket, "assign_to", 3L, MappingSeverity.Error), (unknownAgent.Entity, unknownAgent.Field, unknownAgent.Count, unknownAgent.Severity));
        Assert.Equal([3L, 4L, 5L], unknownAgent.Examples.Select(e => e.Row));
        Assert.Equal(["assign_to", "Người Lạ"], unknownAgent.Examples[0].Args);
        var teamless = Assert.Single(report.Problems, p => p.Code == MappingProblemCodes.TeamWithoutMembers);
        Assert.Equal((EntityKind.Team, 2L), (teamless.Entity, teamless.Count));
        Assert.Equal(["users", "Kế toán", "Người Lạ"], teamless.Examples[0].Args);
        // The agents' names in one lookup, for the assignments and the teams' members together.
        Assert.Equal(1, h.Simulator.Store.Requests.Count("GET /api/resource/HD Agent") - agentLookups);
    }

    [Fact]
    public async Task Tickets_and_notes_no_entity_takes_are_counted_with_example_rows_and_the_filters_that_left_them_out()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var profile = FreshdeskAccountExportPreset.Create();
        var compiled = ProfileCompiler.Compile(profile, Mapping.MappingSites.Helpdesk122);
        var (_, tickets) = await SourceTestRead.ReadAsync(Mapping.FreshdeskAccountExportPresetTests.SpamAndTrashExport(), "export.zip", new SourceReadOptions(Table: "tickets"));
        var tally = new ValidationTally();
        foreach (var ticket in tickets)
        {
            var row = ticket.Locator.Row;
            tally.Add("tickets", row, compiled.MapRecord("tickets", ticket, (child, count) => tally.LeftOut("tickets", child, row, count)));
        }

        var report = await tally.FinishAsync(h.Site, Ct, profile);

        // Ticket 2 is spam and ticket 3 deleted: both left out, with their notes; ticket 1's deleted reply and deleted
        // private note go to no entity either.
        var rows = tickets.Select(t => t.Locator.Row).ToList();
        Assert.Equal(4, report.Records);
        var notes = report.LeftOut![0];
        var ticketRows = report.LeftOut[1];
        Assert.Equal(2, report.LeftOut.Count);
        Assert.Equal(("tickets", "notes", 4L), (notes.Table, notes.Child, notes.Count));
        Assert.Equal([rows[0], rows[1], rows[2]], notes.Rows);
        Assert.Equal(("tickets", (string?)null, 2L), (ticketRows.Table, ticketRows.Child, ticketRows.Count));
        Assert.Equal([rows[1], rows[2]], ticketRows.Rows);
        Assert.Equal([EntityKind.TicketType, EntityKind.Team, EntityKind.Ticket, EntityKind.Reply], ticketRows.Filters.Select(f => f.Entity));
        Assert.Equal([EntityKind.Ticket, EntityKind.Reply, EntityKind.PrivateNote], notes.Filters.Select(f => f.Entity));
        Assert.Equal(["spam", "deleted"], ticketRows.Filters[2].Filter!.Chain().Select(f => f.Column));
    }

    private static string TicketsWithProblems()
    {
        var text = new StringBuilder(Encoding.UTF8.GetString(FreshdeskSampleWriter.TicketCsv(40)).TrimStart('\uFEFF'));
        for (var i = 0; i < 4; i++)
        {
            text.Append(Row($"90{i}", "Sai e-mail", $"khong-hop-le-{i}@"));
        }

        text.Append(Row("950", "Khiếu nại " + new string('x', 150), "dai.qua@example.vn"));
        text.Append(Row("951", "Bình thường", "binh.thuong@example.vn"));
        return text.ToString();
    }

    private static string Row(string id, string subject, string email) =>
        string.Join(",", new[]
        {
            id, subject, "Mô tả", "Open", "High", "Email", "Question", "Công ty Lỗi", "Phạm Thị Lỗi", email, "0901234567",
            "Lê Thị Hỗ Trợ", "Tier 1", "2024-03-01 09:00:00", "2024-03-03 09:00:00", "", "", "2024-03-01 10:00:00", "",
        }.Select(c => "\"" + c + "\"")) + "\r\n";

    [Fact]
    public async Task A_file_with_no_link_or_a_link_to_a_host_files_are_not_fetched_from_is_counted_before_the_run()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var dump = SourceTestRead.Utf8("""
            {"tickets": [
              {"id": 1, "subject": "Ảnh lỗi", "description": "<p>Xem tệp</p>", "created_at": "2024-05-10T03:00:00Z",
               "attachments": [
                 {"id": 11, "name": "ảnh.png", "attachment_url": "https://s3.amazonaws.com/cdn.freshdesk.com/11/anh.png?X-Amz-Signature=x"},
                 {"id": 12, "name": "nội bộ.pdf", "attachment_url": "http://10.0.0.5/latest/meta-data/"},
                 {"id": 13, "name": "mất liên kết.txt"}]},
              {"id": 2, "subject": "Lại ảnh lỗi", "description": "<p>Xem tệp</p>", "created_at": "2024-05-10T04:00:00Z",
               "attachments": [{"id": 21, "name": "khác.pdf", "attachment_url": "http://10.0.0.5/khac.pdf"}]}
            ]}
            """);
        var tally = await ApiDumpTallyAsync(h, dump, new ImportPortal.Domain.Migration.AttachmentOptions());

        var report = await tally.FinishAsync(h.Site, Ct);

        var elsewhere = report.Problems.Single(p => p.Code == MappingProblemCodes.AttachmentHostNotAllowed);
        Assert.Equal((EntityKind.Attachment, "file_url", 2L), (elsewhere.Entity, elsewhere.Field, elsewhere.Count));
        Assert.Equal(["file_url", "10.0.0.5", "freshdesk.com, freshworks.com, freshdeskusercontent.com, amazonaws.com"], elsewhere.Examples[0].Args);
        var missing = report.Problems.Single(p => p.Code == MappingProblemCodes.AttachmentWithoutLink);
        Assert.Equal(1, missing.Count);
        Assert.Equal(4, report.Entities[EntityKind.Attachment]);
    }

    [Fact]
    public async Task The_first_files_links_are_tried_and_those_that_expired_are_counted_with_their_rows()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        await using var origin = await ImportPortal.TestData.AttachmentOrigin.StartAsync();
        var export = ImportPortal.Tests.Unit.Runs.AccountExport.Create(40).WithAttachments(origin);
        var first = export.Attachments.Take(ValidationTally.FilesTried).Select(a => a.File.Id).ToList();
        origin.Expired[first[1]] = true;
        origin.Expired[first[3]] = true;
        origin.BusyFor[first[4]] = 10;
        var zip = export.ToZip();
        var profile = FreshdeskAccountExportPreset.Create();
        var metas = new Dictionary<string, DocTypeMeta>();
        foreach (var doctype in profile.Entities.Select(profile.DoctypeOf).Distinct())
        {
            metas[doctype] = await h.Site.GetMetaAsync(doctype, Ct);
        }

        var lookups = await MappingLookups.BuildAsync(profile, async (table, _) => await SourceTestRead.OpenAsync(zip, "export.zip", new SourceReadOptions(Table: table)), Ct);
        var compiled = ProfileCompiler.Compile(profile, metas, lookups);
        var (_, tickets) = await SourceTestRead.ReadAsync(zip, "export.zip", new SourceReadOptions(Table: "tickets"));
        var options = new ImportPortal.Domain.Migration.AttachmentOptions { Hosts = ["127.0.0.1"] };
        var tally = new ValidationTally(attachments: options);
        foreach (var ticket in tickets)
        {
            tally.Add("tickets", ticket.Locator.Row, compiled.MapRecord("tickets", ticket));
        }

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var report = await tally.FinishAsync(h.Site, Ct, files: new ImportPortal.Runs.HttpAttachmentSource(http, options));

        var failed = report.Problems.Single(p => p.Code == MappingProblemCodes.AttachmentLinkFailed);
        Assert.Equal((EntityKind.Attachment, 2L), (failed.Entity, failed.Count));
        Assert.Equal(["file_url", "2", "5", "HTTP 403"], failed.Examples[0].Args);
        // Only the first few are tried, each once and for its first byte only; the busy one says nothing yet.
        Assert.Equal((ValidationTally.FilesTried, ValidationTally.FilesTried), (origin.Requests, origin.RangedRequests));
        Assert.DoesNotContain(report.Problems, p => p.Code == MappingProblemCodes.AttachmentHostNotAllowed);
    }

    [Fact]
    public async Task A_file_link_that_redirects_to_a_host_files_are_not_fetched_from_says_why_in_the_readers_language()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        await using var origin = await AttachmentOrigin.StartAsync();
        var dump = SourceTestRead.Utf8($$"""
            {"tickets": [
              {"id": 1, "subject": "Ảnh lỗi", "description": "<p>Xem tệp</p>", "created_at": "2024-05-10T03:00:00Z",
               "attachments": [{"id": 11, "name": "ảnh.png", "attachment_url": "{{origin.AwayOf(11)}}"}]}
            ]}
            """);
        var options = new ImportPortal.Domain.Migration.AttachmentOptions { Hosts = ["127.0.0.1"] };
        var tally = await ApiDumpTallyAsync(h, dump, options);

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var report = await tally.FinishAsync(h.Site, Ct, files: new ImportPortal.Runs.HttpAttachmentSource(http, options));

        // The link itself is on an allowed host; where it sends the probe is not, and no HTTP status says so.
        var failed = report.Problems.Single(p => p.Code == MappingProblemCodes.AttachmentLinkFailed);
        var why = failed.Examples[0].Args[3];
        Assert.Equal(ImportPortal.Domain.Migration.RecordTexts.AttachmentHostNotAllowed, ImportPortal.Domain.Migration.PortalTextJson.Read(why)?.Single().Key);
        Assert.StartsWith("Liên kết của tệp đính kèm trỏ tới 10.255.255.1",
            ImportPortal.Runs.PortalTexts.Render(ImportPortal.Domain.Migration.PortalTextJson.Read(why)!, System.Globalization.CultureInfo.GetCultureInfo("vi")), StringComparison.Ordinal);
    }

    // A Freshdesk API dump's tickets mapped with its preset against the site's live fields, each added to a tally.
    private static async Task<ValidationTally> ApiDumpTallyAsync(FrappeClientHarness h, byte[] dump, ImportPortal.Domain.Migration.AttachmentOptions options)
    {
        var profile = FreshdeskApiJsonPreset.Create();
        var metas = new Dictionary<string, DocTypeMeta>();
        foreach (var doctype in profile.Entities.Select(profile.DoctypeOf).Distinct())
        {
            metas[doctype] = await h.Site.GetMetaAsync(doctype, Ct);
        }

        var compiled = ProfileCompiler.Compile(profile, metas);
        var (_, tickets) = await SourceTestRead.ReadAsync(dump, "dump.json", new SourceReadOptions(Table: "tickets"));
        var tally = new ValidationTally(attachments: options);
        foreach (var ticket in tickets)
        {
            tally.Add("tickets", ticket.Locator.Row, compiled.MapRecord("tickets", ticket));
        }

        return tally;
    }

    private static async IAsyncEnumerable<SourceRecord> ReadAsync(string csv, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), "importportal-validation-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(path, csv, new UTF8Encoding(true), ct);
        try
        {
            SourceFormat format;
            await using (var stream = File.OpenRead(path))
            {
                format = await SourceSniffer.SniffAsync(stream, "Tickets.csv", null, ct);
            }

            var reader = await SourceReaderFactory.OpenAsync(format, path, null, ct);
            await foreach (var record in reader.ReadAsync(ct))
            {
                yield return record;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
