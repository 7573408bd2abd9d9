using Bunit;
using ImportPortal.Components.Pages.Mappings;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Tests.Unit.Infrastructure;
using MudBlazor;

namespace ImportPortal.Tests.Unit.Components.Mappings;

/// <summary>The profile-wide settings: how contacts join their organisation is chosen here and reaches the profile.</summary>
public sealed class ProfileSettingsEditorTests : PortalComponentTest
{
    // The closed select shows the chosen style in words, not the enum's name.
    [Theory]
    [InlineData("en", "Contacts join their organisation through", "Contact links (Helpdesk 1.27 and earlier)")]
    [InlineData("vi", "Liên hệ gắn vào tổ chức qua", "Liên kết của Contact (Helpdesk 1.27 trở về trước)")]
    public async Task Choosing_hd_customer_members_changes_only_how_contacts_join_and_the_choice_is_labelled_in_the_users_language(
        string culture, string label, string current)
    {
        UseCulture(culture);
        var profile = FreshdeskTicketExportPreset.Create();
        MappingProfile? changed = null;
        Render<MudPopoverProvider>();
        var editor = Render<ProfileSettingsEditor>(p => p
            .Add(x => x.Profile, profile)
            .Add(x => x.ProfileChanged, (MappingProfile p) => changed = p));

        var select = editor.FindComponent<MudSelect<ContactLinkStyle>>();
        Assert.Contains(label, editor.Markup, StringComparison.Ordinal);
        Assert.Equal(current, Text(select));
        var nameOrder = editor.FindComponent<MudSelect<NameOrder>>().Find("input").GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(nameOrder) || nameOrder == profile.NameOrder.ToString(), $"the name order shows as '{nameOrder}'");

        await editor.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(ContactLinkStyle.CustomerMembers));

        Assert.Equal(profile with { ContactLinkStyle = ContactLinkStyle.CustomerMembers }, changed);
    }

    [Fact]
    public async Task Echoing_the_current_style_back_is_not_a_change()
    {
        UseCulture("en");
        var profile = FreshdeskTicketExportPreset.Create() with { ContactLinkStyle = ContactLinkStyle.CustomerMembers };
        var changes = 0;
        Render<MudPopoverProvider>();
        var editor = Render<ProfileSettingsEditor>(p => p
            .Add(x => x.Profile, profile)
            .Add(x => x.ProfileChanged, (MappingProfile _) => changes++));

        await editor.InvokeAsync(() => editor.FindComponent<MudSelect<ContactLinkStyle>>().Instance.ValueChanged.InvokeAsync(ContactLinkStyle.CustomerMembers));

        Assert.Equal(0, changes);
    }

    private static string Text(IRenderedComponent<MudSelect<ContactLinkStyle>> select) =>
        select.Find("input").GetAttribute("value") ?? "";
}
