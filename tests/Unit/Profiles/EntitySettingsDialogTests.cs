using Bunit;
using ImportPortal.Components.Pages.Mappings;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ImportPortal.Tests.Unit.Profiles;

/// <summary>
/// An entity's source and key in the editor: a generic file's ticket keyed by its own id column, rows left out by a
/// filter, and a new entity that cannot be applied without a key.
/// </summary>
public sealed class EntitySettingsDialogTests : PortalComponentTest
{
    private static readonly string[] Columns = ["Mã phiếu", "Tiêu đề", "Loại", "Trạng thái", "Email khách hàng"];

    [Theory]
    [InlineData("en", "only rows where Trạng thái is not Spam / Rác")]
    [InlineData("vi", "chỉ các dòng mà Trạng thái không phải Spam / Rác")]
    public async Task A_generic_file_s_ticket_takes_its_key_from_a_clicked_column_and_leaves_out_rows_by_a_filter(string culture, string filterText)
    {
        UseCulture(culture);
        var ticket = FreshdeskTicketExportPreset.Create().Entities.Single(e => e.Entity == EntityKind.Ticket);
        var (provider, dialog) = await ShowAsync(ticket, EntityKind.Ticket);

        Assert.Equal("Ticket ID", Input(provider, "entity-key").GetAttribute("value"));
        provider.Find("[data-testid=entity-column][data-column='Mã phiếu']").Click();
        Input(provider, "entity-filter-column").Input("Trạng thái");
        Input(provider, "entity-filter-values").Input("Spam, Rác");
        Input(provider, "entity-filter-negate").Change(true);

        provider.WaitForAssertion(() => Assert.Equal(filterText, provider.Find("[data-testid=entity-filter-text]").TextContent.Trim()));
        Assert.Equal("Mã phiếu", Input(provider, "entity-key").GetAttribute("value"));
        provider.Find("[data-testid=entity-settings-ok]").Click();

        var result = Assert.IsType<EntityMapping>((await dialog.Result)!.Data);
        Assert.Equal((FieldOrigin.Column, "Mã phiếu"), (result.Key.Origin, result.Key.Value));
        Assert.Equal(ticket.Key.Transforms, result.Key.Transforms);
        Assert.Equal(new RowFilter("Trạng thái", ["Spam", "Rác"], Negate: true).Column, result.Filter!.Column);
        Assert.Equal(["Spam", "Rác"], result.Filter.Values);
        Assert.True(result.Filter.Negate);
        // Everything else about the ticket stays: its fields and the field that keeps its key on the site.
        Assert.Same(ticket.Fields, result.Fields);
        Assert.Equal("custom_source_id", result.ExternalIdField);
        Assert.Equal(new EntitySource("tickets"), result.Source);
        Assert.DoesNotContain("Editor.", provider.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "only rows where deleted is not true / 1 / yes and source-name is Email / Portal")]
    [InlineData("vi", "chỉ các dòng mà deleted không phải true / 1 / yes và source-name là Email / Portal")]
    public async Task Every_test_of_a_filter_is_shown_and_a_test_can_be_removed_and_one_added(string culture, string filterText)
    {
        UseCulture(culture);
        // The account export's ticket takes a row only when it is neither spam nor deleted: two tests.
        var ticket = FreshdeskAccountExportPreset.Create().Entities.Single(e => e.Entity == EntityKind.Ticket);
        var (provider, dialog) = await ShowAsync(ticket, EntityKind.Ticket);

        var tests = provider.FindAll("[data-testid=entity-filter-test]");
        Assert.Equal(2, tests.Count);
        Assert.Equal(["spam", "deleted"], provider.FindAll("input[data-testid=entity-filter-column], [data-testid=entity-filter-column] input").Select(i => i.GetAttribute("value")));

        // The operator keeps the spam tickets (Freshdesk's spam folder held real customers) ...
        provider.FindAll("[data-testid=entity-filter-remove]")[0].Click();
        provider.WaitForAssertion(() => Assert.Single(provider.FindAll("[data-testid=entity-filter-test]")));
        Assert.Empty(provider.FindAll("[data-testid=entity-filter-remove]"));
        // ... and takes only the tickets that came in by e-mail or the portal.
        provider.Find("[data-testid=entity-filter-add]").Click();
        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll("[data-testid=entity-filter-test]").Count));
        var second = provider.Find("[data-testid=entity-filter-test][data-index='1']");
        second.QuerySelector("[data-testid=entity-filter-column] input, input[data-testid=entity-filter-column]")!.Input("source-name");
        provider.Find("[data-testid=entity-filter-test][data-index='1']").QuerySelector("[data-testid=entity-filter-values] input, input[data-testid=entity-filter-values]")!.Input("Email, Portal");

        provider.WaitForAssertion(() => Assert.Equal(filterText, provider.Find("[data-testid=entity-filter-text]").TextContent.Trim()));
        provider.Find("[data-testid=entity-settings-ok]").Click();

        var result = Assert.IsType<EntityMapping>((await dialog.Result)!.Data);
        var chain = result.Filter!.Chain().ToList();
        Assert.Equal(2, chain.Count);
        Assert.Equal(("deleted", true), (chain[0].Column, chain[0].Negate));
        Assert.Equal(ticket.Filter!.And!.Values, chain[0].Values);
        Assert.Equal(("source-name", false), (chain[1].Column, chain[1].Negate));
        Assert.Equal(["Email", "Portal"], chain[1].Values);
    }

    [Fact]
    public async Task A_condition_left_blank_tests_nothing()
    {
        UseCulture("en");
        var ticket = FreshdeskTicketExportPreset.Create().Entities.Single(e => e.Entity == EntityKind.Ticket) with { Filter = null };
        var (provider, dialog) = await ShowAsync(ticket, EntityKind.Ticket);

        // One empty condition to fill in; another added and left blank changes nothing either.
        Assert.Single(provider.FindAll("[data-testid=entity-filter-test]"));
        provider.Find("[data-testid=entity-filter-add]").Click();
        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll("[data-testid=entity-filter-test]").Count));
        Assert.Empty(provider.FindAll("[data-testid=entity-filter-text]"));
        provider.Find("[data-testid=entity-settings-ok]").Click();

        var result = Assert.IsType<EntityMapping>((await dialog.Result)!.Data);
        Assert.Null(result.Filter);
    }

    [Fact]
    public async Task A_new_ticket_type_is_proposed_its_key_from_the_column_names_and_is_named_by_it()
    {
        UseCulture("en");
        var (provider, dialog) = await ShowAsync(null, EntityKind.TicketType);

        // The likeliest table, and the column whose name says "type", are proposed.
        Assert.Equal("tickets", Input(provider, "entity-table").GetAttribute("value"));
        Assert.Equal("Loại", Input(provider, "entity-key").GetAttribute("value"));
        Assert.False(provider.Find("[data-testid=entity-settings-ok]").HasAttribute("disabled"));
        provider.Find("[data-testid=entity-settings-ok]").Click();

        var result = Assert.IsType<EntityMapping>((await dialog.Result)!.Data);
        Assert.Equal((EntityKind.TicketType, "tickets", (string?)null), (result.Entity, result.Source.Table, result.Source.Child));
        Assert.Equal("Loại", result.Key.Value);
        var name = Assert.Single(result.Fields);
        Assert.Equal(("name", FieldOrigin.Column, "Loại"), (name.Target, name.Origin, name.Value));
    }

    [Fact]
    public async Task Child_records_take_no_columns_from_the_bound_upload_and_are_tied_to_their_parent_ticket()
    {
        UseCulture("vi");
        var (provider, dialog) = await ShowAsync(null, EntityKind.PrivateNote);

        // No column looks like a note's key: it cannot be applied until the operator gives one.
        Assert.True(string.IsNullOrEmpty(Input(provider, "entity-key").GetAttribute("value")));
        Assert.True(provider.Find("[data-testid=entity-settings-ok]").HasAttribute("disabled"));
        Input(provider, "entity-child").Input("notes");
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=entity-column]")));
        Input(provider, "entity-key").Input("id");
        provider.Find("[data-testid=entity-settings-ok]").Click();

        var result = Assert.IsType<EntityMapping>((await dialog.Result)!.Data);
        Assert.Equal(new EntitySource("tickets", "notes", EntityKind.Ticket), result.Source);
        // Tied to the ticket it is nested in, and keeping its source id on the site where the field exists.
        var ticket = Assert.Single(result.Fields);
        Assert.Equal(("reference_ticket", FieldOrigin.ParentKey, EntityKind.Ticket), (ticket.Target, ticket.Origin, ticket.References));
        Assert.Equal("custom_source_id", result.ExternalIdField);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(EntityMapping? entity, EntityKind kind)
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<EntitySettingsDialog>
        {
            { d => d.Entity, entity },
            { d => d.Kind, kind },
            { d => d.Doctype, "HD Ticket" },
            { d => d.Tables, ["tickets", "contacts", "companies"] },
            { d => d.ColumnsOf, table => table == "tickets" ? Columns : [] },
        };
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<EntitySettingsDialog>("Settings", parameters));
        provider.WaitForElement("[data-testid=entity-settings]");
        return (provider, dialog);
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"input[data-testid={testId}], [data-testid={testId}] input");
}
