using Bunit;
using Bunit.TestDoubles;
using ImportPortal.Components.Pages.Mappings;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Security;
using ImportPortal.Sites;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Tests.Unit.Sites;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Profiles;

/// <summary>The profile page, with real services and the simulator's live metadata, says which required fields nothing fills.</summary>
public sealed class MappingProfilePageTests : PortalComponentTest, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private SitesHarness _h = null!;
    private BunitAuthorizationContext _auth = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await SitesHarness.StartAsync();
        Services.AddSingleton(_h.Catalog);
        Services.AddSingleton(_h.Services.GetRequiredService<MappingProfileStore>());
        Services.AddSingleton(_h.Services.GetRequiredService<MappingPreview>());
        Services.AddSingleton(_h.Services.GetRequiredService<UploadStore>());
        Services.AddSingleton(_h.Services.GetRequiredService<SourceValidations>());
        Services.AddSingleton(_h.Services.GetRequiredService<ProgressFeed<ValidationProgress>>());
        Services.AddSingleton(_h.Services.GetRequiredService<SiteFields>());
        _auth = AddAuthorization();
        _auth.SetAuthorized("van.hanh@haravan.example");
        _auth.SetRoles(PortalRoles.Operator);
        _auth.SetPolicies(PortalRoles.OperatorPolicy);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "subject is required on HD Ticket")]
    [InlineData("vi", "subject là trường bắt buộc của HD Ticket")]
    public async Task A_required_field_the_profile_leaves_unfilled_is_shown_against_the_sites_fields(string culture, string expected)
    {
        UseCulture(culture);
        await _h.Catalog.AddAsync("admin", _h.SimulatorInput(), CancellationToken.None);
        var preset = FreshdeskTicketExportPreset.Create();
        var withoutSubject = preset with
        {
            Name = "Thiếu tiêu đề",
            Entities = preset.Entities
                .Select(e => e.Entity == EntityKind.Ticket ? e with { Fields = e.Fields.Where(f => f.Target != "subject").ToList() } : e)
                .ToList(),
        };
        var store = _h.Services.GetRequiredService<MappingProfileStore>();
        var id = (await store.ImportAsync("van.hanh", MappingProfileJson.Serialize(withoutSubject), CancellationToken.None)).Id!.Value;

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=profile-problem]", TimeSpan.FromSeconds(10));
        Assert.Contains(page.FindAll("[data-testid=profile-problem]"), p => p.TextContent.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("Mapping.RequiredUnmapped", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "subject is required on HD Ticket")]
    [InlineData("vi", "subject là trường bắt buộc của HD Ticket")]
    public async Task Removing_the_subject_in_the_editor_shows_it_as_a_required_field_nothing_fills(string culture, string expected)
    {
        UseCulture(culture);
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Phiếu đầy đủ" });
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        await page.WaitForAssertionAsync(() => Assert.Contains(TicketEditor(page).QuerySelectorAll("[data-testid=field-row] .mud-typography-caption"), c => c.TextContent.Contains("Data", StringComparison.Ordinal)), Wait);
        Assert.DoesNotContain(page.FindAll("[data-testid=profile-problem]"), p => p.TextContent.Contains(expected, StringComparison.Ordinal));

        await RemoveTicketField(page, "subject");

        await page.WaitForAssertionAsync(() => Assert.Contains(page.FindAll("[data-testid=profile-problem]"), p => p.TextContent.Contains(expected, StringComparison.Ordinal)), Wait);
        var onEntity = TicketEditor(page).QuerySelectorAll("[data-testid=entity-problem][data-field=subject]");
        Assert.Contains(onEntity, p => p.TextContent.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(TicketRows(page), r => r.GetAttribute("data-target") == "subject");
        Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty"));
        Assert.DoesNotContain("Editor.", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "only rows where spam is not true / 1 / yes and deleted is not true / 1 / yes")]
    [InlineData("vi", "chỉ các dòng mà spam không phải true / 1 / yes và deleted không phải true / 1 / yes")]
    public async Task The_account_export_s_tickets_say_which_rows_they_leave_out(string culture, string expected)
    {
        UseCulture(culture);
        var id = await AddSiteAndProfileAsync(FreshdeskAccountExportPreset.Create() with { Name = "Tài khoản Freshdesk" });

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        Assert.Equal("· " + expected, TicketEditor(page).QuerySelector("[data-testid=entity-filter]")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "maps more than the profile does", "Ticket: assign_to (assignment: the ticket's agent)", "Add them")]
    [InlineData("vi", "ánh xạ nhiều hơn hồ sơ", "Phiếu: assign_to (phân công: nhân viên phụ trách phiếu)", "Thêm vào")]
    public async Task A_profile_saved_before_its_preset_gained_the_assignee_is_offered_it_and_takes_it_as_an_edit_to_save(string culture, string says, string field, string button)
    {
        UseCulture(culture);
        var preset = FreshdeskAccountExportPreset.Create();
        var id = await AddSiteAndProfileAsync(preset with
        {
            Name = "Trước khi có phân công",
            Entities = [.. preset.Entities.Select(e => e with { Fields = [.. e.Fields.Where(f => f.Stage != FieldStage.Assign)] })],
        });

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=preset-update]")), Wait);
        var offer = page.Find("[data-testid=preset-update]").TextContent;
        Assert.Contains(says, offer, StringComparison.Ordinal);
        Assert.Contains(field, offer, StringComparison.Ordinal);
        Assert.Equal(button, page.Find("[data-testid=preset-update-take]").TextContent.Trim());

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=preset-update-take]").Click(), Wait);

        // An edit like any other: offered no more, reviewed, then saved.
        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        Assert.Empty(page.FindAll("[data-testid=preset-update]"));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        Assert.Contains(saved!.Entities.Single(e => e.Entity == EntityKind.Ticket).Fields, f => f is { Target: RecordAssignment.Field, Stage: FieldStage.Assign });
        Assert.Empty(page.FindAll("[data-testid=preset-update]"));
        Assert.DoesNotContain("Editor.", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Contact: Key from email|phone|mobile|id (was email)", "Ticket: contact from requester-id → users.contact-key (was requester-id → users.email)", "Contact: its key written to custom_source_id")]
    [InlineData("vi", "Liên hệ: Khoá lấy từ email|phone|mobile|id (trước là email)", "Phiếu: contact lấy từ requester-id → users.contact-key (trước là requester-id → users.email)", "Liên hệ: ghi khoá vào custom_source_id")]
    public async Task A_profile_saved_before_customers_without_an_e_mail_is_offered_the_key_and_link_the_preset_writes_now(string culture, string key, string link, string externalId)
    {
        UseCulture(culture);
        var id = await AddSiteAndProfileAsync(Mapping.PresetUpdatesTests.AccountExportBeforeCallers() with { Name = "Trước khi có khách không email" });

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=preset-update]")), Wait);
        var offer = page.Find("[data-testid=preset-update]").TextContent;
        Assert.Contains(key, offer, StringComparison.Ordinal);
        Assert.Contains(link, offer, StringComparison.Ordinal);
        Assert.Contains(externalId, offer, StringComparison.Ordinal);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=preset-update-take]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        Assert.Equal(("email|phone|mobile|id", "custom_source_id"), (saved!.Entities.Single(e => e.Entity == EntityKind.Contact).Key.Value, saved.Entities.Single(e => e.Entity == EntityKind.Contact).ExternalIdField));
        Assert.Contains(saved.Lookups!, l => l.Name == "users.contact-key");
    }

    [Theory]
    [InlineData("en", "Ticket: ticket_type refers to the Ticket type", "Ticket type from tickets")]
    [InlineData("vi", "Phiếu: ticket_type tham chiếu đến Loại phiếu", "Loại phiếu từ tickets")]
    public async Task A_profile_saved_before_ticket_types_is_offered_them_and_its_ticket_then_waits_on_its_type(string culture, string relink, string entity)
    {
        UseCulture(culture);
        var preset = FreshdeskTicketExportPreset.Create();
        var id = await AddSiteAndProfileAsync(preset with
        {
            Name = "Trước khi có loại phiếu",
            Entities = [.. preset.Entities.Where(e => e.Entity != EntityKind.TicketType).Select(e => e.Entity == EntityKind.Ticket
                ? e with { Fields = [.. e.Fields.Select(f => f.Target == "ticket_type" ? f with { References = null } : f)] }
                : e)],
        });

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=preset-update]")), Wait);
        var offer = page.Find("[data-testid=preset-update]").TextContent;
        Assert.Contains(relink, offer, StringComparison.Ordinal);
        Assert.Contains(entity, offer, StringComparison.Ordinal);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=preset-update-take]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        Assert.Equal(EntityKind.TicketType, saved!.Entities.Single(e => e.Entity == EntityKind.Ticket).Fields.Single(f => f.Target == "ticket_type").References);
        Assert.Single(saved.Entities, e => e.Entity == EntityKind.TicketType);
    }

    [Fact]
    public async Task A_saved_edit_is_in_the_store_and_is_checked_against_the_site_again()
    {
        UseCulture("en");
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Phiếu sẽ sửa" });
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);

        await RemoveTicketField(page, "subject");
        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        await page.WaitForAssertionAsync(() => Assert.False(page.Find("[data-testid=profile-save]").HasAttribute("disabled")), Wait);
        // A re-render between finding the button and clicking it is retried.
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);

        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        Assert.DoesNotContain(saved!.Entities.Single(e => e.Entity == EntityKind.Ticket).Fields, f => f.Target == "subject");
        await page.WaitForAssertionAsync(() => Assert.Contains(page.FindAll("[data-testid=profile-problem][data-field=subject]"), p => p.TextContent.Contains("subject is required on HD Ticket", StringComparison.Ordinal)), Wait);
    }

    [Fact]
    public async Task A_viewer_sees_the_field_mappings_but_no_way_to_change_or_save_them()
    {
        UseCulture("en");
        _auth.SetRoles(PortalRoles.Viewer);
        _auth.SetPolicies();
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Chỉ xem" });

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        Assert.Empty(page.FindAll("[data-testid=field-remove]"));
        Assert.Empty(page.FindAll("[data-testid=field-add]"));
        Assert.Empty(page.FindAll("[data-testid=profile-save]"));
        Assert.Empty(page.FindAll("[data-testid=entity-add]"));
        Assert.Empty(page.FindAll("[data-testid=entity-remove]"));
        Assert.Empty(page.FindAll("[data-testid=entity-settings-open]"));
    }

    [Theory]
    [InlineData("en", "Ticket type", "Save")]
    [InlineData("vi", "Loại phiếu", "Lưu")]
    public async Task An_entity_added_from_the_menu_comes_with_what_its_kind_needs_and_is_saved_with_the_profile(string culture, string kind, string save)
    {
        UseCulture(culture);
        var preset = FreshdeskTicketExportPreset.Create();
        var id = await AddSiteAndProfileAsync(preset with { Name = "Chưa có loại phiếu", Entities = [.. preset.Entities.Where(e => e.Entity != EntityKind.TicketType)] });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=entity-add] button").Click(), Wait);
        await popovers.WaitForAssertionAsync(() => popovers.Find("[data-testid=entity-add-kind][data-kind=TicketType]").Click(), Wait);
        await dialogs.WaitForAssertionAsync(() => Assert.Contains(kind, dialogs.Find("[data-testid=entity-settings]").TextContent, StringComparison.Ordinal), Wait);
        dialogs.Find("input[data-testid=entity-key], [data-testid=entity-key] input").Input("Type");
        await dialogs.WaitForAssertionAsync(() => dialogs.Find("[data-testid=entity-settings-ok]").Click(), Wait);

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=entity-editor][data-entity=TicketType]")), Wait);
        Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty"));
        Assert.Equal("name", page.Find("[data-testid=entity-editor][data-entity=TicketType] [data-testid=field-row]").GetAttribute("data-target"));
        Assert.Equal(save, page.Find("[data-testid=profile-save]").TextContent.Trim());
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        var type = Assert.Single(saved!.Entities, e => e.Entity == EntityKind.TicketType);
        Assert.Equal((new EntitySource("tickets"), "Type"), (type.Source, type.Key.Value));
        Assert.DoesNotContain("Editor.", page.Markup + dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_on_a_new_table_asks_for_its_upload_at_once_and_a_discard_takes_the_question_back()
    {
        UseCulture("en");
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Thêm tệp tin nhắn" });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        Assert.DoesNotContain("Upload for \"messages\"", page.Markup, StringComparison.Ordinal);

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=entity-add] button").Click(), Wait);
        await popovers.WaitForAssertionAsync(() => popovers.Find("[data-testid=entity-add-kind][data-kind=Reply]").Click(), Wait);
        await dialogs.WaitForAssertionAsync(() => dialogs.Find("input[data-testid=entity-table], [data-testid=entity-table] input").Input("messages"), Wait);
        dialogs.Find("input[data-testid=entity-key], [data-testid=entity-key] input").Input("Mã tin nhắn");
        await dialogs.WaitForAssertionAsync(() => dialogs.Find("[data-testid=entity-settings-ok]").Click(), Wait);

        await page.WaitForAssertionAsync(() => Assert.Contains("Upload for \"messages\"", page.Markup, StringComparison.Ordinal), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-discard]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.DoesNotContain("Upload for \"messages\"", page.Markup, StringComparison.Ordinal), Wait);
    }

    [Theory]
    [InlineData("en", "Reply: reference_name", "Delete")]
    [InlineData("vi", "Phản hồi: reference_name", "Xóa")]
    public async Task Removing_an_entity_says_what_refers_to_it_and_takes_it_out_of_the_draft(string culture, string dependent, string delete)
    {
        UseCulture(culture);
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Bớt thực thể" });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        var before = page.FindAll("[data-testid=entity-panel]").Count;

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=entity-panel][data-entity=Ticket] [data-testid=entity-remove]").Click(), Wait);
        await dialogs.WaitForAssertionAsync(() => Assert.Contains(dependent, dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim().Equals(delete, StringComparison.OrdinalIgnoreCase)).Click();

        await page.WaitForAssertionAsync(() => Assert.Equal(before - 1, page.FindAll("[data-testid=entity-panel]").Count), Wait);
        Assert.Empty(page.FindAll("[data-testid=entity-editor][data-entity=Ticket]"));
        Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty"));
        var stored = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        Assert.Contains(stored!.Entities, e => e.Entity == EntityKind.Ticket);
    }

    [Theory]
    [InlineData("en", "Survey results", "was made on HD Ticket")]
    [InlineData("vi", "Survey results", "Đã tạo custom_survey_results trên HD Ticket")]
    public async Task A_column_no_field_sends_gets_a_custom_field_made_on_the_site_and_is_mapped_to_it_in_the_draft(string culture, string label, string made)
    {
        UseCulture(culture);
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Khảo sát" });
        await AddValidationAsync(id, new UnsentColumnTally("tickets", null, "Survey results", 7, [2, 4], "Rất hài lòng"));

        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=unsent-title] .mud-expand-panel-header").Click(), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=unsent-add][data-column='Survey results']").Click(), Wait);

        // The dialog proposes the ticket, a label from the column and a field name folded to ASCII, and makes nothing yet.
        await dialogs.WaitForAssertionAsync(() => Assert.Equal(label, dialogs.Find("input[data-testid=new-field-label], [data-testid=new-field-label] input").GetAttribute("value")), Wait);
        Assert.Contains("custom_survey_results", dialogs.Markup, StringComparison.Ordinal);
        Assert.Null(_h.Simulator.Store.Get("Custom Field", "HD Ticket-custom_survey_results"));
        await dialogs.WaitForAssertionAsync(() => dialogs.Find("[data-testid=new-field-create]").Click(), Wait);

        await snackbars.WaitForAssertionAsync(() => Assert.Contains(made, snackbars.Markup, StringComparison.Ordinal), Wait);
        var field = _h.Simulator.Store.Get("Custom Field", "HD Ticket-custom_survey_results");
        Assert.Equal(("HD Ticket", "Survey results", "Data"), (field?["dt"]?.ToString(), field?["label"]?.ToString(), field?["fieldtype"]?.ToString()));
        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);

        // Checked against the site's fields as they are now, before any save: the new field is the site's, not an unknown one.
        Assert.DoesNotContain(page.FindAll("[data-testid=profile-problem]"), p => p.TextContent.Contains("custom_survey_results", StringComparison.Ordinal));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        Assert.Contains(saved!.Entities.Single(e => e.Entity == EntityKind.Ticket).Fields, f => f is { Target: "custom_survey_results", Origin: FieldOrigin.Column, Value: "Survey results" });
        Assert.DoesNotContain("Editor.", page.Markup + dialogs.Markup + snackbars.Markup, StringComparison.Ordinal);

    }

    [Fact]
    public async Task A_column_of_freshdesk_times_gets_a_datetime_field_filled_through_the_profile_s_zones()
    {
        UseCulture("en");
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Hạn xử lý" });
        await AddValidationAsync(id, new UnsentColumnTally("tickets", null, "Due by time", 12, [2, 3], "2024-03-02 17:00:00"));
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=unsent-title] .mud-expand-panel-header").Click(), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=unsent-add][data-column='Due by time']").Click(), Wait);

        // The dialog proposes a Datetime for values Freshdesk writes as times.
        await dialogs.WaitForAssertionAsync(() => Assert.Equal("Datetime", dialogs.Find("[data-testid=new-field-type]").TextContent.Trim()), Wait);
        dialogs.Find("[data-testid=new-field-create]").Click();

        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var made = _h.Simulator.Store.Get("Custom Field", "HD Ticket-custom_due_by_time");
        Assert.Equal("Datetime", made?["fieldtype"]?.GetValue<string>());
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = await _h.Services.GetRequiredService<MappingProfileStore>().LoadAsync(id, CancellationToken.None);
        var field = saved!.Entities.Single(e => e.Entity == EntityKind.Ticket).Fields.Single(f => f.Target == "custom_due_by_time");
        Assert.Equal("Due by time", field.Value);
        Assert.Equal([TransformKind.DateTime], field.Transforms!.Select(t => t.Kind));
    }

    [Fact]
    public async Task A_site_that_refuses_the_field_says_why_in_the_dialog_and_nothing_is_mapped()
    {
        UseCulture("en");
        var id = await AddSiteAndProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Khảo sát bị từ chối" });
        await AddValidationAsync(id, new UnsentColumnTally("tickets", null, "Survey results", 7, [2, 4], "Rất hài lòng"));
        _h.Simulator.Faults.Rejections.Add("Custom Field", _ => true, "Insufficient Permission for Custom Field", "PermissionError", 403);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(TicketRows(page)), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=unsent-title] .mud-expand-panel-header").Click(), Wait);
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=unsent-add][data-column='Survey results']").Click(), Wait);

        await dialogs.WaitForAssertionAsync(() => dialogs.Find("[data-testid=new-field-create]").Click(), Wait);

        await dialogs.WaitForAssertionAsync(() => Assert.Contains("Insufficient Permission", dialogs.Find("[data-testid=new-field-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty"));
        Assert.Null(_h.Simulator.Store.Get("Custom Field", "HD Ticket-custom_survey_results"));
    }

    private async Task AddValidationAsync(Guid profileId, params UnsentColumnTally[] unsent)
    {
        var siteId = (await _h.Catalog.ListAsync(CancellationToken.None)).Single().Id;
        await using var db = await _h.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var report = new ValidationReport(12, new Dictionary<EntityKind, long> { [EntityKind.Ticket] = 12 }, 0, [], 0, Unsent: unsent);
        db.SourceValidations.Add(new SourceValidation
        {
            Id = Guid.NewGuid(), ProfileId = profileId, SiteId = siteId, BindingsJson = "{}", State = ValidationState.Done, Progress = 1,
            CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "van.hanh", SummaryJson = StoredJson.Write(report),
        });
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData("en", "The messages of Tin nhắn.csv were added as the table \"messages\"", "Upload for \"messages\"", "Nothing is bound to \"tickets\" yet, and Reply: sent_or_received read it")]
    [InlineData("vi", "Tin nhắn của Tin nhắn.csv đã được thêm thành bảng \"messages\"", "Tệp cho \"messages\"", "Chưa gắn tệp cho \"tickets\", mà Phản hồi: sent_or_received cần đọc")]
    public async Task A_messages_file_sent_from_its_upload_page_joins_the_draft_bound_to_its_upload_and_is_saved_by_the_operator(string culture, string added, string source, string unbound)
    {
        UseCulture(culture);
        var id = await AddSiteAndProfileAsync(GenericTicketFile.Create(Mapping.GenericTicketFileTests.VietnameseHeaders, "Phiếu Haravan"));
        var upload = await _h.UploadCsvAsync("Mã tin nhắn,Mã phiếu,Người gửi,Nội dung tin nhắn,Ngày gửi\r\n9001,17,khach@example.vn,Hỏi thêm,2024-03-01 11:00:00\r\n", "Tin nhắn.csv");
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"mappings/{id}?add=messages&upload={upload}");

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        await snackbars.WaitForAssertionAsync(() => Assert.Contains(added, snackbars.Markup, StringComparison.Ordinal), Wait);
        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        Assert.Single(page.FindAll("[data-testid=entity-panel][data-entity=Reply]"), e => e.TextContent.Contains("messages", StringComparison.Ordinal));
        // Bound to the file it came from, ready to preview; the other table keeps its question.
        Assert.Contains(source, page.Markup, StringComparison.Ordinal);
        var bound = page.FindAll("[data-testid=preview-upload]").Single(e => e.GetAttribute("aria-label")?.Contains("\"messages\"", StringComparison.Ordinal) == true);
        Assert.Equal("Tin nhắn.csv", bound.TextContent.Trim());
        // The ticket file is not bound yet, and who wrote each message is read from its requesters: the page says so.
        Assert.Contains(unbound, page.Find("[data-testid=preview-unbound-lookup][data-table=tickets]").TextContent, StringComparison.Ordinal);
        var store = _h.Services.GetRequiredService<MappingProfileStore>();
        Assert.DoesNotContain((await store.LoadAsync(id, CancellationToken.None))!.Entities, e => e.Source.Table == "messages");

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=profile-save]").Click(), Wait);

        await page.WaitForAssertionAsync(() => Assert.Equal("false", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        var saved = (await store.LoadAsync(id, CancellationToken.None))!;
        Assert.Contains(saved.Entities, e => e is { Entity: EntityKind.Reply, Source.Table: "messages", Key.Value: "Mã tin nhắn" });
        Assert.Contains(saved.Lookups!, l => l is { Name: "messages.requesters", Table: "tickets", Value: "Received" });
        // Added once: a render after the save does not add the file again.
        page.Render();
        Assert.Single(saved.Entities, e => e.Source.Table == "messages");
        Assert.Single(page.FindAll("[data-testid=entity-panel][data-entity=Reply]"), e => e.TextContent.Contains("messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_ticket_file_a_messages_file_goes_with_is_bound_with_it_when_an_upload_has_its_columns()
    {
        UseCulture("en");
        var id = await AddSiteAndProfileAsync(GenericTicketFile.Create(Mapping.GenericTicketFileTests.VietnameseHeaders, "Phiếu Haravan"));
        // The ticket file, then a newer file missing a column the profile reads, then the messages.
        await _h.UploadCsvAsync(string.Join(",", Mapping.GenericTicketFileTests.VietnameseHeaders) + "\r\n17,Không in được,Máy in lỗi,Mở,Cao,Hỏi,Công ty A,Trần Bình,binh@example.vn,0901234567,2024-03-01 09:00:00,\r\n", "Phiếu.csv");
        await _h.UploadCsvAsync("Mã phiếu,Tiêu đề\r\n1,Khác\r\n", "Phiếu khác.csv");
        var upload = await _h.UploadCsvAsync("Mã tin nhắn,Mã phiếu,Người gửi,Nội dung tin nhắn,Ngày gửi\r\n9001,17,binh@example.vn,Hỏi thêm,2024-03-01 11:00:00\r\n", "Tin nhắn.csv");
        Render<MudBlazor.MudSnackbarProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"mappings/{id}?add=messages&upload={upload}");

        var page = Render<MappingProfilePage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => Assert.Equal("true", page.Find("[data-testid=profile-editor]").GetAttribute("data-dirty")), Wait);
        string BoundTo(string table) => page.FindAll("[data-testid=preview-upload]").Single(e => e.GetAttribute("aria-label") == $"Upload for \"{table}\"").TextContent.Trim();
        await page.WaitForAssertionAsync(() => Assert.Equal(("Phiếu.csv", "Tin nhắn.csv"), (BoundTo("tickets"), BoundTo("messages"))), Wait);
        Assert.Empty(page.FindAll("[data-testid=preview-unbound-lookup]"));
    }

    private async Task<Guid> AddSiteAndProfileAsync(MappingProfile profile)
    {
        await _h.Catalog.AddAsync("admin", _h.SimulatorInput(), CancellationToken.None);
        var store = _h.Services.GetRequiredService<MappingProfileStore>();
        return (await store.ImportAsync("van.hanh", MappingProfileJson.Serialize(profile), CancellationToken.None)).Id!.Value;
    }

    private static AngleSharp.Dom.IElement TicketEditor(IRenderedComponent<MappingProfilePage> page) =>
        page.Find("[data-testid=entity-editor][data-entity=Ticket]");

    private static List<AngleSharp.Dom.IElement> TicketRows(IRenderedComponent<MappingProfilePage> page) =>
        [.. page.FindAll("[data-testid=entity-editor][data-entity=Ticket] [data-testid=field-row]")];

    // The remove button in the same table row as the field; a re-render between finding and clicking is retried.
    private static Task RemoveTicketField(IRenderedComponent<MappingProfilePage> page, string target) =>
        page.WaitForAssertionAsync(() => TicketRows(page).Single(r => r.GetAttribute("data-target") == target).ParentElement!.QuerySelector("[data-testid=field-remove]")!.Click(), Wait);
}
