using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Documents already on the site (by the ledger, a 409, the natural key) are adopted, never created twice.</summary>
public sealed class ImportLoopExistingTests
{
    [Fact]
    public async Task A_409_on_HD_Customer_adopts_the_existing_one_as_skipped_when_existing_records_are_skipped()
    {
        await using var h = await LoopHarness.StartAsync();
        // Two source organisations with one name: the second POST meets the first one's document.
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));
        h.Plan(Organisation("o2", "Công ty Hải Đăng"));

        await h.RunAsync(LoopHarness.FastOptions with { Workers = 1 });

        var second = h.Store.Record(EntityKind.Organisation, "o2");
        Assert.Equal((RecordState.Skipped, RecordResult.Existing, "Công ty Hải Đăng"), (second.State, second.Result, second.FrappeName));
        Assert.Contains(second.Requests, a => a.HttpStatus == 409 && a.ExcType == "DuplicateEntryError");
        Assert.Equal(1, h.SiteStore.Count("HD Customer"));
        Assert.Equal("Công ty Hải Đăng", h.Ledger.Get("HD Customer", "o2")?.FrappeName);
    }

    [Fact]
    public async Task A_409_on_HD_Customer_adopts_the_existing_one_as_updated_when_existing_records_are_updated()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));
        var second = Organisation("o2", "Công ty Hải Đăng");
        second.InsertBody["domain"] = "haidang.example";
        h.Plan(second);

        await h.RunAsync(LoopHarness.FastOptions with { Workers = 1, Existing = ExistingMode.Update });

        var record = h.Store.Record(EntityKind.Organisation, "o2");
        Assert.Equal((RecordState.Succeeded, RecordResult.Updated), (record.State, record.Result));
        Assert.Equal("haidang.example", h.SiteStore.Get("HD Customer", "Công ty Hải Đăng")!["domain"]!.GetValue<string>());
        Assert.Equal(1, h.SiteStore.Count("HD Customer"));
    }

    [Fact]
    public async Task An_organisation_already_on_the_site_is_recognised_by_name_before_anything_is_posted()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Seed("HD Customer", new JsonObject { ["name"] = "Shop Ánh Dương", ["customer_name"] = "Shop Ánh Dương" });
        h.Plan(Organisation("o1", "Shop Ánh Dương"));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Organisation, "o1");
        Assert.Equal((RecordState.Skipped, RecordResult.Existing, "Shop Ánh Dương"), (record.State, record.Result, record.FrappeName));
        Assert.Equal(0, h.Posts("HD Customer"));
    }

    [Fact]
    public async Task A_customer_without_an_e_mail_already_on_the_site_is_recognised_by_their_number_before_anything_is_posted()
    {
        await using var h = await LoopHarness.StartAsync();
        // Made by an agent who took the call, with the number as Frappe keeps a primary mobile number.
        h.Simulator.Seed("Contact", new JsonObject
        {
            ["name"] = "Chị Hoa", ["first_name"] = "Hoa", ["mobile_no"] = "0903 123 456",
            ["phone_nos"] = new JsonArray(new JsonObject { ["phone"] = "0903 123 456", ["is_primary_mobile_no"] = 1 }),
        });
        h.Plan(Caller("0903 123 456"));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Contact, "0903 123 456");
        Assert.Equal((RecordState.Skipped, RecordResult.Existing, "Chị Hoa"), (record.State, record.Result, record.FrappeName));
        Assert.Equal(0, h.Posts("Contact"));
    }

    [Fact]
    public async Task An_agent_already_on_the_site_is_adopted_by_e_mail_and_its_user_is_left_as_it_is_even_when_existing_records_are_updated()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Seed("User", new JsonObject { ["name"] = "lan.le@haravan.vn", ["email"] = "lan.le@haravan.vn", ["first_name"] = "Lan", ["last_name"] = "Lê Thị", ["full_name"] = "Lan Lê Thị" });
        h.Plan(AgentUser("lan.le@haravan.vn", "Lê Thị Lan"));
        h.Plan(Agent("lan.le@haravan.vn", "Lê Thị Lan"));
        h.Plan(AgentUser("minh.tran@haravan.vn", "Trần Minh"));
        h.Plan(Agent("minh.tran@haravan.vn", "Trần Minh"));

        await h.RunAsync(LoopHarness.FastOptions with { Existing = ExistingMode.Update });

        var existing = h.Store.Record(EntityKind.User, "lan.le@haravan.vn");
        Assert.Equal((RecordState.Skipped, RecordResult.Existing, "lan.le@haravan.vn"), (existing.State, existing.Result, existing.FrappeName));
        Assert.Equal("Lan", h.SiteStore.Get("User", "lan.le@haravan.vn")!["first_name"]!.GetValue<string>());
        Assert.Equal(0, h.Puts("User"));
        Assert.Equal(1, h.Posts("User"));
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (h.Store.Record(EntityKind.User, "minh.tran@haravan.vn").State, h.Store.Record(EntityKind.User, "minh.tran@haravan.vn").Result));
        // Both agents get their HD Agent, named after the user.
        Assert.Equal("lan.le@haravan.vn", h.SiteStore.Get("HD Agent", "lan.le@haravan.vn")?["user"]?.GetValue<string>());
        Assert.Equal("minh.tran@haravan.vn", h.SiteStore.Get("HD Agent", "minh.tran@haravan.vn")?["user"]?.GetValue<string>());
        Assert.Empty(h.SiteStore.List("Email Queue"));
    }

    [Fact]
    public async Task Agents_who_share_a_family_name_are_all_created_although_frappe_derives_their_usernames_from_it()
    {
        await using var h = await LoopHarness.StartAsync();
        string[] agents = ["an.nguyen", "binh.nguyen", "cuong.nguyen", "dung.nguyen", "em.nguyen", "giang.nguyen"];
        foreach (var agent in agents)
        {
            // Vietnamese order: the family name is the first name, so every one of them asks for the username "nguyễn".
            h.Plan(AgentUser($"{agent}@haravan.vn", "Nguyễn"));
        }

        await h.RunAsync(LoopHarness.FastOptions with { Workers = 8 });

        Assert.All(agents, a => Assert.Equal(RecordState.Succeeded, h.Store.Record(EntityKind.User, $"{a}@haravan.vn").State));
        Assert.Equal(agents.Length, h.SiteStore.List("User").Select(u => u["username"]?.ToString()).Distinct().Count(u => u?.StartsWith("nguy", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task A_ledger_hit_sends_nothing_and_its_name_is_used_by_the_records_that_refer_to_it()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Seed("HD Customer", new JsonObject { ["name"] = "Renamed Hải Đăng", ["customer_name"] = "Renamed Hải Đăng" });
        h.Ledger.SeedFromEarlierRun("HD Customer", "o1", "Renamed Hải Đăng");
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));
        h.Plan(Contact("c1", "lan@haidang.example", "o1"));
        var requestsBefore = h.SiteStore.Requests.Total;

        await h.RunAsync();

        var organisation = h.Store.Record(EntityKind.Organisation, "o1");
        Assert.Equal((RecordState.Skipped, RecordResult.Existing, "Renamed Hải Đăng"), (organisation.State, organisation.Result, organisation.FrappeName));
        Assert.Equal(0, h.Posts("HD Customer"));
        Assert.Equal(0, h.Puts("HD Customer"));
        Assert.DoesNotContain(organisation.Requests, a => a.Request.StartsWith("POST", StringComparison.Ordinal));
        var contact = h.SiteStore.Get("Contact", h.Store.Record(EntityKind.Contact, "c1").FrappeName!)!;
        Assert.Equal("Renamed Hải Đăng", contact["links"]![0]!["link_name"]!.GetValue<string>());
        Assert.True(h.SiteStore.Requests.Total > requestsBefore);
    }

    [Fact]
    public async Task A_ledger_line_from_an_earlier_run_keeps_saying_that_run_created_the_document()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Seed("HD Customer", new JsonObject { ["name"] = "Công ty Hải Đăng", ["customer_name"] = "Công ty Hải Đăng" });
        h.Ledger.SeedFromEarlierRun("HD Customer", "o1", "Công ty Hải Đăng", created: true);
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));

        await h.RunAsync();

        Assert.Equal(new LedgerHit("Công ty Hải Đăng", true, false), h.Ledger.Get("HD Customer", "o1"));
    }

    [Fact]
    public async Task A_contact_already_on_the_site_with_the_same_email_is_recognised_and_not_created_again()
    {
        await using var h = await LoopHarness.StartAsync();
        var existing = await h.Site.InsertAsync("Contact", new JsonObject
        {
            ["first_name"] = "Lan",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "lan@haidang.example", ["is_primary"] = 1 }),
        }, LoopHarness.Ct);
        h.Plan(Contact("c1", "lan@haidang.example"));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Contact, "c1");
        Assert.Equal((RecordState.Skipped, RecordResult.Existing), (record.State, record.Result));
        Assert.Equal(existing, record.FrappeName);
        Assert.Equal(1, h.SiteStore.Count("Contact"));
    }

    [Fact]
    public async Task A_contact_already_on_the_site_with_the_same_email_is_recognised_even_when_the_profile_writes_an_external_id()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        await h.Site.InsertAsync("Contact", new JsonObject
        {
            ["first_name"] = "Lan",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "lan@haidang.example", ["is_primary"] = 1 }),
        }, LoopHarness.Ct);
        h.Plan(Contact("c1", "lan@haidang.example", externalId: true));

        await h.RunAsync();

        Assert.Equal(RecordResult.Existing, h.Store.Record(EntityKind.Contact, "c1").Result);
        Assert.Equal(1, h.SiteStore.Count("Contact"));
    }

    [Fact]
    public async Task A_ticket_found_by_its_external_id_is_adopted_instead_of_posted_even_without_a_ledger_line()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", externalId: true));
        await h.RunAsync();
        await using var second = h.NextRun(sameLedger: false);
        second.Plan(Contact("c1", "lan@haidang.example"));
        second.Plan(Ticket("t1", "c1", "lan@haidang.example", externalId: true));

        await second.RunAsync();

        Assert.Equal(RecordResult.Existing, second.Store.Record(EntityKind.Ticket, "t1").Result);
        Assert.Equal(1, h.SiteStore.Count("HD Ticket"));
        Assert.Equal(1, h.Posts("HD Ticket"));
    }

    [Fact]
    public async Task Running_the_same_records_again_with_the_same_ledger_creates_nothing_new()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        PlanSmallAccount(h);
        await h.RunAsync();
        var documents = h.SiteStore.CountsByDoctype();
        var posts = h.SiteStore.Requests.Snapshot().Where(r => r.Key.StartsWith("POST", StringComparison.Ordinal)).Sum(r => r.Value);
        await using var again = h.NextRun(sameLedger: true);
        PlanSmallAccount(again);

        await again.RunAsync();

        Assert.Equal(documents, h.SiteStore.CountsByDoctype());
        Assert.Equal(posts, h.SiteStore.Requests.Snapshot().Where(r => r.Key.StartsWith("POST", StringComparison.Ordinal)).Sum(r => r.Value));
        Assert.All(again.Store.All, r => Assert.Equal((RecordState.Skipped, RecordResult.Existing), (r.State, r.Result)));
    }

    [Fact]
    public async Task A_ledger_hit_is_updated_in_place_when_existing_records_are_updated()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Seed("HD Customer", new JsonObject { ["name"] = "Công ty Hải Đăng", ["customer_name"] = "Công ty Hải Đăng" });
        h.Ledger.SeedFromEarlierRun("HD Customer", "o1", "Công ty Hải Đăng");
        var organisation = Organisation("o1", "Công ty Hải Đăng");
        organisation.InsertBody["domain"] = "haidang.example";
        h.Plan(organisation);

        await h.RunAsync(LoopHarness.FastOptions with { Existing = ExistingMode.Update });

        Assert.Equal((RecordState.Succeeded, RecordResult.Updated), (h.Store.Record(EntityKind.Organisation, "o1").State, h.Store.Record(EntityKind.Organisation, "o1").Result));
        Assert.Equal("haidang.example", h.SiteStore.Get("HD Customer", "Công ty Hải Đăng")!["domain"]!.GetValue<string>());
        Assert.Equal(0, h.Posts("HD Customer"));
    }

    private static void PlanSmallAccount(LoopHarness h)
    {
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));
        h.Plan(Contact("c1", "lan@haidang.example", "o1", externalId: true));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", "o1", externalId: true, status: "Closed", resolutionDate: "2023-03-05 16:00:00"));
        h.Plan(Reply("r1", "t1", "lan@haidang.example", "2023-03-01 10:00:00", externalId: true), "t1", 1);
    }
}
