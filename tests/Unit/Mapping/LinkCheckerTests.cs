using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class LinkCheckerTests
{
    [Fact]
    public async Task A_batch_is_checked_with_one_list_call_per_doctype_and_chunk()
    {
        var site = new ListOnlySite(new() { ["HD Ticket Priority"] = ["Low", "Medium", "High", "Urgent"], ["User"] = [.. Enumerable.Range(0, 500).Select(i => $"agent{i}@example.vn")] });
        var checks = Enumerable.Range(0, 2000).Select(i => new LinkCheck("HD Ticket Priority", i % 3 == 0 ? "Critical" : "High"))
            .Concat(Enumerable.Range(0, 450).Select(i => new LinkCheck("User", $"agent{i}@example.vn")))
            .Append(new LinkCheck("User", "ghost@example.vn"));

        var missing = await LinkChecker.FindMissingAsync(checks, site, chunkSize: 200, TestContext.Current.CancellationToken);

        Assert.Equal([new LinkCheck("HD Ticket Priority", "Critical"), new LinkCheck("User", "ghost@example.vn")], missing.OrderBy(m => m.Doctype));
        // 450 e-mail addresses: chunks of 200 at most, and of what fits a request line (90 of these addresses).
        Assert.Equal(["HD Ticket Priority", "User", "User", "User", "User", "User"], site.Calls.Order());
    }

    [Fact]
    public async Task Missing_links_become_problems_on_their_fields()
    {
        var site = new ListOnlySite(new() { ["HD Ticket Priority"] = ["Low"] });
        var ticket = MappingSites.MapTicketField(new FieldMapping("priority", FieldOrigin.Column, "P"), MappingSites.Record(("P", "Critical")));

        var missing = await LinkChecker.FindMissingAsync(ticket.LinkChecks.Select(c => c.Check), site, ct: TestContext.Current.CancellationToken);
        var problem = Assert.Single(LinkChecker.ProblemsFor(ticket, missing));

        Assert.Equal(("priority", MappingProblemCodes.LinkMissing), (problem.Field, problem.Code));
        Assert.Equal(["priority", "HD Ticket Priority", "Critical"], problem.Args);
    }

    /// <summary>A site that answers list calls with an <c>in</c> filter on name, and counts them.</summary>
    private sealed class ListOnlySite(Dictionary<string, string[]> names) : IFrappeSite
    {
        public List<string> Calls { get; } = [];

        public Task<IReadOnlyList<JsonObject>> ListAsync(string doctype, FrappeListQuery query, CancellationToken ct)
        {
            Calls.Add(doctype);
            var filter = (JsonArray)query.Filters![0]!;
            Assert.Equal(["name", "in"], filter.Take(2).Select(n => n!.GetValue<string>()));
            var asked = filter[2]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
            Assert.True(asked.Count <= 200);
            IReadOnlyList<JsonObject> rows = [.. names.GetValueOrDefault(doctype, []).Where(asked.Contains).Select(n => new JsonObject { ["name"] = n })];
            return Task.FromResult(rows);
        }

        public Task<string> GetLoggedUserAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<AppVersion>> GetVersionsAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<DocTypeMeta> GetMetaAsync(string doctype, CancellationToken ct) => throw new NotSupportedException();

        public Task<JsonObject?> GetAsync(string doctype, string name, CancellationToken ct) => throw new NotSupportedException();

        public Task<string> InsertAsync(string doctype, JsonObject document, CancellationToken ct) => throw new NotSupportedException();

        public Task<JsonObject> UpdateAsync(string doctype, string name, JsonObject changes, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string doctype, string name, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> InsertManyAsync(IReadOnlyList<JsonObject> documents, CancellationToken ct) => throw new NotSupportedException();

        public Task<int> CountAsync(string doctype, JsonNode? filters, CancellationToken ct) => throw new NotSupportedException();

        public Task<FrappeFile> UploadFileAsync(FileUpload upload, CancellationToken ct) => throw new NotSupportedException();

        public Task SetEmailSendingAsync(bool enabled, CancellationToken ct) => throw new NotSupportedException();

        public Task AssignAsync(string doctype, string name, string user, string assignedBy, CancellationToken ct) => throw new NotSupportedException();

        public Task AddTagsAsync(string doctype, string name, IReadOnlyList<string> tags, CancellationToken ct) => throw new NotSupportedException();
    }
}
