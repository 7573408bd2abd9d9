using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using FrappeSimulator.Hosting;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// Helpdesk 1.28: contacts join their organisation as rows of its HD Customer <c>contacts</c> table, one membership
/// record per organisation, over real HTTP to the simulator in 1.28 mode.
/// </summary>
public sealed class MembershipTests
{
    private static FaultTarget CustomerPuts => FaultTarget.ForDoctype("HD Customer", "PUT");

    [Fact]
    public async Task Every_organisation_ends_with_exactly_its_member_contacts_in_one_put_each()
    {
        await using var h = await StartAsync();
        var contacts = PlanCompanies(h);

        await h.RunAsync();

        Assert.Equal(["Contact c1", "Contact c2"], MembersOn(h, "Acme"));
        Assert.Equal(["Contact c3"], MembersOn(h, "Beta"));
        Assert.Equal(2, h.Puts("HD Customer"));
        foreach (var organisation in new[] { "o1", "o2" })
        {
            var record = h.Store.MembershipOf(organisation);
            Assert.True((record.State, record.Result) == (RecordState.Succeeded, RecordResult.Updated), record.ToString());
        }

        Assert.All(contacts, c => Assert.Empty(h.SiteStore.Get("Contact", h.Store.Record(EntityKind.Contact, c.SourceKey).FrappeName!)!["links"]!.AsArray()));
    }

    [Fact]
    public async Task Members_already_on_the_site_keep_their_rows_and_no_contact_gets_a_second_row()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed("Contact", new JsonObject { ["name"] = "Bà Hạnh", ["first_name"] = "Hạnh", ["email_id"] = "hanh@acme.example" });
        h.Simulator.Seed("Contact", new JsonObject { ["name"] = "Ông Tùng", ["first_name"] = "Tùng", ["email_id"] = "tung@acme.example" });
        h.Simulator.Seed("HD Customer", new JsonObject
        {
            ["customer_name"] = "Acme",
            ["contacts"] = new JsonArray(new JsonObject { ["name"] = "row-hanh", ["contact_name"] = "Bà Hạnh", ["is_manager"] = 1 }, new JsonObject { ["name"] = "row-tung", ["contact_name"] = "Ông Tùng" }),
        });
        h.Plan(Organisation("o1", "Acme"));
        var tung = Member("c0", "tung@acme.example", "o1");
        var lan = Member("c1", "lan@acme.example", "o1");
        h.Plan(tung);
        h.Plan(lan);
        h.PlanMemberships(tung, lan);

        await h.RunAsync(LoopHarness.FastOptions with { Existing = ExistingMode.Update });

        var rows = Rows(h, "Acme");
        Assert.Equal(["Bà Hạnh", "Ông Tùng", "Contact c1"], rows.Select(r => r["contact_name"]!.GetValue<string>()));
        Assert.Equal(["row-hanh", "row-tung"], rows.Take(2).Select(r => r["name"]!.GetValue<string>()));
        Assert.Equal(1, rows[0]["is_manager"]!.GetValue<long>());
        Assert.Single(h.Store.MembershipOf("o1").Requests, a => a.Request.StartsWith("PUT ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Skipping_existing_documents_joins_only_contacts_an_import_created()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed("Contact", new JsonObject { ["name"] = "Ông Tùng", ["first_name"] = "Tùng", ["email_id"] = "tung@acme.example" });
        h.Plan(Organisation("o1", "Acme"));
        var tung = Member("c0", "tung@acme.example", "o1");
        var lan = Member("c1", "lan@acme.example", "o1");
        h.Plan(tung);
        h.Plan(lan);
        h.PlanMemberships(tung, lan);

        await h.RunAsync();

        Assert.Equal((RecordState.Skipped, RecordResult.Existing), (h.Store.Record(EntityKind.Contact, "c0").State, h.Store.Record(EntityKind.Contact, "c0").Result));
        Assert.Equal(["Contact c1"], MembersOn(h, "Acme"));
    }

    [Fact]
    public async Task Running_again_with_the_same_ledger_sends_no_write_and_skips_every_membership()
    {
        await using var h = await StartAsync();
        PlanCompanies(h);
        await h.RunAsync();
        var requests = h.SiteStore.Requests.Snapshot();
        var again = h.NextRun(sameLedger: true);
        PlanCompanies(again);

        await again.RunAsync();

        Assert.Equal(Writes(requests), Writes(h.SiteStore.Requests.Snapshot()));
        Assert.All(again.Store.All.Where(r => r.Stage == RunStage.Memberships), r => Assert.Equal((RecordState.Skipped, RecordResult.Existing), (r.State, r.Result)));
        Assert.Equal(["Contact c1", "Contact c2"], MembersOn(h, "Acme"));
    }

    [Fact]
    public async Task A_member_added_by_someone_else_between_the_read_and_the_write_is_kept()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed("Contact", new JsonObject { ["name"] = "Người khác", ["first_name"] = "Khác", ["email_id"] = "khac@acme.example" });
        using var agent = h.Simulator.CreateClient();
        var edited = 0;
        var site = new InterceptingSite(h.Site)
        {
            AfterGet = async (doctype, name) =>
            {
                if (doctype == "HD Customer" && Interlocked.Increment(ref edited) == 1)
                {
                    var body = new JsonObject { ["contacts"] = new JsonArray(new JsonObject { ["contact_name"] = "Người khác" }) };
                    (await agent.PutAsJsonAsync($"api/resource/HD%20Customer/{Uri.EscapeDataString(name)}", body, LoopHarness.Ct)).EnsureSuccessStatusCode();
                }
            },
        };
        h.Plan(Organisation("o1", "Acme"));
        var lan = Member("c1", "lan@acme.example", "o1");
        h.Plan(lan);
        h.PlanMemberships(lan);

        await h.RunAsync(site: site);

        Assert.Equal(["Người khác", "Contact c1"], MembersOn(h, "Acme"));
        var record = h.Store.MembershipOf("o1");
        Assert.Equal(RecordState.Succeeded, record.State);
        Assert.Contains(record.Requests, a => a.ExcType == "TimestampMismatchError" && a.HttpStatus == 417);
        Assert.Equal(2, record.Requests.Count(a => a.Request.StartsWith("GET HD Customer/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(FaultKind.Deadlock)]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.CommitThenDrop)]
    [InlineData(FaultKind.GatewayTimeout)]
    public async Task A_fault_on_the_write_ends_with_every_member_once(FaultKind fault)
    {
        await using var h = await StartAsync();
        var rule = h.Simulator.Faults.AddNth(fault, 1, CustomerPuts);
        PlanCompanies(h);

        await h.RunAsync();

        Assert.Equal(1, h.Simulator.Faults.Hits(rule));
        Assert.Equal(["Contact c1", "Contact c2"], MembersOn(h, "Acme"));
        Assert.Equal(["Contact c3"], MembersOn(h, "Beta"));
        Assert.All(h.Store.All.Where(r => r.Stage == RunStage.Memberships), r => Assert.True(r.State == RecordState.Succeeded, r.ToString()));
    }

    [Fact]
    public async Task A_write_that_landed_before_the_http_retries_ended_in_a_deadlock_counts_as_updated_and_is_not_written_again()
    {
        await using var h = await StartAsync();
        var faults = h.Simulator.Faults;
        var dropped = faults.AddNth(FaultKind.CommitThenDrop, 1, CustomerPuts);
        // Every repeat the HTTP client makes of that PUT (1 + MaxRetries tries in all) then meets a deadlock.
        var deadlocks = faults.Add(new FaultRule(FaultKind.Deadlock, CustomerPuts) { MaxHits = 5 });
        h.Plan(Organisation("o1", "Acme"));
        var lan = Member("c1", "lan@acme.example", "o1");
        h.Plan(lan);
        h.PlanMemberships(lan);

        await h.RunAsync();

        Assert.Equal((1, 5), (faults.Hits(dropped), faults.Hits(deadlocks)));
        var record = h.Store.MembershipOf("o1");
        Assert.True((record.State, record.Result) == (RecordState.Succeeded, RecordResult.Updated), record.ToString());
        Assert.Contains(record.Requests, a => a.Request.StartsWith("PUT ", StringComparison.Ordinal) && a.ExcType == "QueryDeadlockError");
        Assert.Equal(["Contact c1"], MembersOn(h, "Acme"));
        Assert.Equal(6, h.Puts("HD Customer"));
    }

    [Fact]
    public async Task Faults_on_every_write_of_a_bigger_import_leave_no_duplicate_member_row()
    {
        const int Organisations = 40;
        await using var h = await StartAsync();
        var faults = h.Simulator.Faults;
        var rules = new[]
        {
            faults.AddShare(FaultKind.Deadlock, 0.2, CustomerPuts),
            faults.AddShare(FaultKind.CommitThenDrop, 0.2, CustomerPuts),
            faults.AddShare(FaultKind.ConnectionReset, 0.15, CustomerPuts),
        };
        var contacts = new List<MappedEntity>();
        for (var o = 0; o < Organisations; o++)
        {
            h.Plan(Organisation($"o{o}", $"Công ty {o}"));
        }

        for (var c = 0; c < Organisations * 3; c++)
        {
            var contact = Member($"c{c}", $"khach{c}@example.vn", $"o{c % Organisations}");
            h.Plan(contact);
            contacts.Add(contact);
        }

        h.PlanMemberships([.. contacts]);

        await h.RunAsync();

        Assert.True(rules.All(r => faults.Hits(r) > 0), "every kind of fault should have fired: " + string.Join(", ", rules.Select(r => $"{r.Kind} {faults.Hits(r)}")));
        for (var o = 0; o < Organisations; o++)
        {
            var expected = Enumerable.Range(0, Organisations * 3).Where(c => c % Organisations == o).Select(c => $"Contact c{c}").ToList();
            var record = h.Store.MembershipOf($"o{o}");
            var joined = record.State == RecordState.Succeeded && record.Result == RecordResult.Updated;
            Assert.True(joined || (record.State == RecordState.Failed && record.Error?.Kind == RecordErrorKind.Transient), record.ToString());
            var members = MembersOn(h, $"Công ty {o}");
            Assert.Equal(members.Count, members.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            if (joined)
            {
                Assert.Equal(expected, members);
            }
        }
    }

    [Fact]
    public async Task A_failed_member_contact_leaves_the_others_joined_and_the_membership_waits_as_a_dependency_failure_until_retried()
    {
        await using var h = await StartAsync();
        h.Simulator.Faults.Rejections.Add("Contact", d => d["first_name"]?.ToString() == "Contact c2", "Không nhận liên hệ này");
        PlanCompanies(h);

        await h.RunAsync();

        var membership = h.Store.MembershipOf("o1");
        Assert.Equal((RecordState.Failed, RecordErrorKind.Dependency), (membership.State, membership.Error?.Kind));
        Assert.Contains("Contact c2", membership.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("Không nhận liên hệ này", membership.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["Contact c1"], MembersOn(h, "Acme"));
        Assert.Equal(RecordState.Succeeded, h.Store.MembershipOf("o2").State);

        h.Simulator.Faults.Rejections.Clear();
        h.Store.RetryFailed();
        await h.RunAsync();

        Assert.Equal(RecordState.Succeeded, h.Store.MembershipOf("o1").State);
        Assert.Equal(["Contact c1", "Contact c2"], MembersOn(h, "Acme"));
    }

    [Fact]
    public async Task A_membership_whose_organisation_failed_fails_as_a_dependency_and_writes_nothing()
    {
        await using var h = await StartAsync();
        h.Simulator.Faults.Rejections.Add("HD Customer", d => d["customer_name"]?.ToString() == "Acme", "Tên bị cấm");
        PlanCompanies(h);

        await h.RunAsync();

        var membership = h.Store.MembershipOf("o1");
        Assert.Equal((RecordState.Failed, RecordErrorKind.Dependency), (membership.State, membership.Error?.Kind));
        Assert.Empty(membership.Requests);
        Assert.Equal(1, h.Puts("HD Customer"));
    }

    [Fact]
    public async Task A_dry_run_reports_the_members_it_would_add_and_writes_nothing()
    {
        await using var h = await StartAsync();
        PlanCompanies(h);

        await h.RunAsync(LoopHarness.FastOptions with { DryRun = true });

        Assert.Equal(0, h.SiteStore.Count("HD Customer"));
        Assert.Equal(0, h.Puts("HD Customer"));
        var record = h.Store.MembershipOf("o1");
        Assert.Equal((RecordState.Succeeded, RecordResult.WouldUpdate), (record.State, record.Result));
    }

    [Fact]
    public async Task Helpdesk_1_28_fills_a_new_tickets_customer_from_the_membership_sent_before_the_tickets()
    {
        await using var h = await StartAsync();
        PlanCompanies(h);
        h.Plan(Ticket("t1", "c1", "c1@acme.example"));

        await h.RunAsync();

        var ticket = h.SiteStore.Get("HD Ticket", h.Store.Record(EntityKind.Ticket, "t1").FrappeName!)!;
        Assert.Equal("Acme", ticket["customer"]?.GetValue<string>());
    }

    private static Task<LoopHarness> StartAsync() => LoopHarness.StartAsync(helpdesk: HelpdeskVersion.V1_28);

    /// <summary>Acme (o1) with c1 and c2, Beta (o2) with c3, planned as the run planner would.</summary>
    private static List<MappedEntity> PlanCompanies(LoopHarness h)
    {
        h.Plan(Organisation("o1", "Acme"));
        h.Plan(Organisation("o2", "Beta"));
        List<MappedEntity> contacts = [Member("c1", "c1@acme.example", "o1"), Member("c2", "c2@acme.example", "o1"), Member("c3", "c3@beta.example", "o2")];
        foreach (var contact in contacts)
        {
            h.Plan(contact);
        }

        h.PlanMemberships([.. contacts]);
        return contacts;
    }

    private static List<JsonObject> Rows(LoopHarness h, string customer) =>
        h.SiteStore.Get("HD Customer", customer)?["contacts"] is JsonArray rows ? [.. rows.OfType<JsonObject>()] : [];

    private static List<string> MembersOn(LoopHarness h, string customer) =>
        [.. Rows(h, customer).Select(r => r["contact_name"]!.GetValue<string>())];

    private static long Writes(IReadOnlyDictionary<string, long> requests) =>
        requests.Where(r => r.Key.StartsWith("POST ", StringComparison.Ordinal) || r.Key.StartsWith("PUT ", StringComparison.Ordinal)).Sum(r => r.Value);
}
