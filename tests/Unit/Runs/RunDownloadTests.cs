using ImportPortal.Domain.Migration;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>The run's downloads: failed rows ready to fix and upload again, and the id map.</summary>
public sealed class RunDownloadTests
{
    private const string FormulaSubject = "=HYPERLINK(\"http://evil.example/\",\"Bấm vào đây\")";

    [Fact]
    public async Task Failed_rows_come_back_in_the_source_columns_with_the_error_and_formulas_neutralised()
    {
        var export = AccountExport.Create(tickets: 12).WithSubject(4, FormulaSubject);
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.ToString().StartsWith('=') == true, "Tiêu đề không hợp lệ");
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var rows = await CsvText.ReadAsync(s => h.Downloads.WriteFailedRowsAsync(runId, "tickets", s, CancellationToken.None));

        var header = rows[0];
        Assert.True(header.Contains("Import errors") && header.Contains("subject") && header.Contains("display-id") && header.Contains("requester-id"),
            $"the header should hold the error column and the source's own columns: {string.Join(" | ", header)}");
        var data = rows.Skip(1).ToList();
        Assert.True(data.Count == 1, $"only the refused ticket's row should be there, found {data.Count}: {string.Join("\n", data.Select(r => string.Join(" | ", r)))}");
        var row = header.Zip(data[0]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("4", row["display-id"]);
        Assert.Equal("'" + FormulaSubject, row["subject"]);
        Assert.Contains("Ticket 4: Data refused: ", row["Import errors"], StringComparison.Ordinal);
        Assert.Contains("Tiêu đề không hợp lệ", row["Import errors"], StringComparison.Ordinal);
        Assert.DoesNotContain(data.SelectMany(r => r), cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@');
    }

    [Fact]
    public async Task Each_table_s_failed_rows_come_in_their_own_file_with_their_own_columns()
    {
        // A refused contact makes its customer's tickets fail too (they need it); a refused ticket fails alone.
        var export = AccountExport.Create(tickets: 12).WithSubject(4, "Từ chối phiếu này");
        var refusedCustomer = export.User(1002);
        var waiting = export.Tickets.Where(t => t.RequesterId == refusedCustomer.Id).Select(t => t.DisplayId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(waiting);
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("Contact", doc => ImportedSite.Text(doc, "email_id") == refusedCustomer.Email, "Liên hệ bị từ chối");
        h.Simulator.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.ToString() == "Từ chối phiếu này", "Phiếu bị từ chối");
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        // The dashboard offers one file per table that has failures, in the run's table order, with its failed rows.
        var view = (await h.Queries.GetAsync(runId, CancellationToken.None))!;
        Assert.Equal([new FailedTable("users", 1), new FailedTable("tickets", waiting.Count + 1)], view.FailedTables);

        var users = await CsvText.ReadAsync(s => h.Downloads.WriteFailedRowsAsync(runId, "users", s, CancellationToken.None));
        Assert.Contains("email", users[0]);
        Assert.DoesNotContain("subject", users[0]);
        var user = Assert.Single(users.Skip(1));
        var userRow = users[0].Zip(user).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(refusedCustomer.Email, userRow["email"]);
        Assert.Contains("Liên hệ bị từ chối", userRow["Import errors"], StringComparison.Ordinal);

        var tickets = await CsvText.ReadAsync(s => h.Downloads.WriteFailedRowsAsync(runId, "tickets", s, CancellationToken.None));
        Assert.Contains("subject", tickets[0]);
        Assert.DoesNotContain("email", tickets[0]);
        var ids = tickets.Skip(1).Select(r => tickets[0].Zip(r).ToDictionary(p => p.First, p => p.Second)["display-id"]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([.. waiting.Append("4").Order(StringComparer.Ordinal)], ids);
        Assert.Contains(tickets.Skip(1), r => r.Any(cell => cell.Contains("dependency failed: Contact", StringComparison.Ordinal)));

        // Downloaded by a Vietnamese reader, the portal's own words come in Vietnamese and the site's as it sent them.
        var ui = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("vi");
        try
        {
            var vietnamese = await CsvText.ReadAsync(s => h.Downloads.WriteFailedRowsAsync(runId, "tickets", s, CancellationToken.None));
            Assert.Equal(["Dòng nguồn", "Lỗi khi nhập"], vietnamese[0].Take(2));
            Assert.Contains("subject", vietnamese[0]);
            var errors = vietnamese.Skip(1).Select(r => vietnamese[0].Zip(r).ToDictionary(p => p.First, p => p.Second)["Lỗi khi nhập"]).ToList();
            Assert.Equal(waiting.Count, errors.Count(e => e.Contains("bản ghi cần có trước bị lỗi: Liên hệ", StringComparison.Ordinal) && e.Contains("Liên hệ bị từ chối", StringComparison.Ordinal)));
            // Which record failed, and its kind, in the reader's words too: "Phiếu 7: Phụ thuộc: …", "Phiếu 4: Dữ liệu bị từ chối: …".
            Assert.Equal(waiting.Count, errors.Count(e => waiting.Any(id => e.Contains($"Phiếu {id}: Phụ thuộc: ", StringComparison.Ordinal))));
            Assert.Single(errors, e => e.Contains("Phiếu 4: Dữ liệu bị từ chối: Phiếu bị từ chối", StringComparison.Ordinal));
            Assert.DoesNotContain(errors, e => e.Contains("dependency failed", StringComparison.Ordinal));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = ui;
        }

        // A table without failures gives a file with the header alone.
        Assert.Single(await CsvText.ReadAsync(s => h.Downloads.WriteFailedRowsAsync(runId, "companies", s, CancellationToken.None)));
    }

    [Fact]
    public async Task A_failed_rows_file_fixed_and_uploaded_again_imports_what_failed_and_nothing_twice()
    {
        const string subject = "Phiếu tạm thời bị từ chối";
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.ToString() == subject, "Tạm thời từ chối");
        var first = await h.StartTicketRunAsync(Components.Runs.RejectedTicketCsv.Create(6, subject));
        await h.ExecuteAsync(first, TestContext.Current.CancellationToken);
        var store = h.Simulator.Store;
        var before = ImportedSite.Doctypes.ToDictionary(d => d, d => store.List(d).Count);
        Assert.DoesNotContain(store.List("HD Ticket"), t => ImportedSite.Text(t, "subject") == subject);

        // The operator downloads the tickets' failed rows; the site's rule is lifted (the cause fixed); the file goes back
        // up as it is, with its two extra columns, and runs with the same profile on the same site.
        using var file = new MemoryStream();
        await h.Downloads.WriteFailedRowsAsync(first, "tickets", file, CancellationToken.None);
        h.Simulator.Faults.Rejections.Clear();
        var upload = await h.UploadAsync(file.ToArray(), "failed-tickets.csv");
        var earlier = (await h.Queries.StartedWithAsync(first, CancellationToken.None))!.Value.Request;
        var second = await h.StartAsync(earlier.ProfileId, new Dictionary<string, ImportPortal.Mappings.TableBinding> { ["tickets"] = new(upload, null) });
        await h.ExecuteAsync(second, TestContext.Current.CancellationToken);

        // The refused ticket is there now, once; its organisation and contact, created by the first run, are not made again.
        Assert.Single(store.List("HD Ticket"), t => ImportedSite.Text(t, "subject") == subject);
        Assert.Equal(before["HD Ticket"] + 1, store.List("HD Ticket").Count);
        Assert.Equal(before["HD Customer"], store.List("HD Customer").Count);
        Assert.Equal(before["Contact"], store.List("Contact").Count);
        Assert.Equal(RunState.Completed, await h.StateAsync(second));
    }

    [Fact]
    public async Task The_id_map_lists_every_created_document_with_its_source_id_and_frappe_name()
    {
        var export = AccountExport.Create(tickets: 12);
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var rows = await CsvText.ReadAsync(s => h.Downloads.WriteIdMapAsync(runId, s, CancellationToken.None));

        Assert.Equal(["Entity", "Doctype", "Source id", "Frappe name", "Outcome"], rows[0]);
        var map = rows.Skip(1).ToLookup(r => r[1], r => (Source: r[2], Name: r[3], Outcome: r[4]));
        var store = h.Simulator.Store;
        var expected = new Dictionary<string, IEnumerable<(string Source, string Name)>>
        {
            ["HD Customer"] = export.Companies.Select(c => (c.Name, c.Name)),
            ["Contact"] = export.Users.Select(u => (u.Key, ImportedSite.Text(store.Where("Contact", c => ImportedSite.ContactKey(c) == u.Key).Single(), "name"))),
            ["HD Ticket"] = store.List("HD Ticket").Select(t => (ImportedSite.Text(t, "custom_source_id"), ImportedSite.Text(t, "name"))),
            ["Communication"] = store.List("Communication").Select(c => (ImportedSite.Text(c, "custom_source_id"), ImportedSite.Text(c, "name"))),
            ["HD Ticket Comment"] = export.Tickets.SelectMany(t => t.Notes.Where(n => n.Private))
                .Select(n => (n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ImportedSite.Text(store.Where("HD Ticket Comment", c => ImportedSite.Text(c, "content") == n.Body).Single(), "name"))),
        };
        foreach (var (doctype, pairs) in expected)
        {
            var want = pairs.OrderBy(p => p.Source, StringComparer.Ordinal).ToList();
            var got = map[doctype].Select(r => (r.Source, r.Name)).OrderBy(p => p.Source, StringComparer.Ordinal).ToList();
            Assert.True(want.SequenceEqual(got), $"{doctype}: the id map should list {want.Count} source id → name pairs as the site has them, it lists {got.Count}: "
                + string.Join(", ", got.Except(want).Concat(want.Except(got)).Take(10)));
            // Frappe made each agent's contact with the agent's user; the run found it there.
            Assert.All(map[doctype], r => Assert.Equal(
                doctype == "Contact" && export.Agents.Any(a => a.Email == r.Source) ? nameof(RecordResult.Existing) : nameof(RecordResult.Created), r.Outcome));
        }

        // Every document the run made, and each ticket type and team it found on the site: the tickets name them.
        Assert.Equal(export.ExpectedCounts.Values.Sum() + export.TicketTypes.Count - export.NewTicketTypes.Count + export.Teams.Count - export.NewTeams.Count, rows.Count - 1);
    }
}
