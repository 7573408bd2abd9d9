using Bunit;
using ImportPortal.Components.Pages.Mappings;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Tests.Unit.Sites;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Profiles;

/// <summary>The profile page, with real services and the simulator's live metadata, says which required fields nothing fills.</summary>
public sealed class MappingProfilePageTests : PortalComponentTest, IAsyncLifetime
{
    private SitesHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await SitesHarness.StartAsync();
        Services.AddSingleton(_h.Catalog);
        Services.AddSingleton(_h.Services.GetRequiredService<MappingProfileStore>());
        Services.AddSingleton(_h.Services.GetRequiredService<MappingPreview>());
        Services.AddSingleton(_h.Services.GetRequiredService<UploadStore>());
        Services.AddSingleton(_h.Services.GetRequiredService<SourceValidations>());
        Services.AddSingleton(_h.Services.GetRequiredService<ProgressFeed<ValidationProgress>>());
        var auth = AddAuthorization();
        auth.SetAuthorized("van.hanh@haravan.example");
        auth.SetRoles(PortalRoles.Operator);
        auth.SetPolicies(PortalRoles.OperatorPolicy);
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
}
