using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Mappings;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Profiles;

/// <summary>Saved mapping profiles on a real SQLite file.</summary>
public sealed class MappingProfileStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private PortalServices _portal = null!;

    private MappingProfileStore Store => _portal.Get<MappingProfileStore>();

    public async ValueTask InitializeAsync() => _portal = await PortalServices.StartAsync((services, _) => services.AddMappingProfiles());

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task A_profile_made_from_a_preset_is_saved_listed_cloned_renamed_and_deleted()
    {
        var created = await Store.CreateFromPresetAsync("van.hanh", FreshdeskTicketExportPreset.Name, "Haravan phiếu 2024", Ct);
        var cloned = await Store.CloneAsync("van.hanh", created.Id!.Value, "Haravan phiếu 2025", Ct);
        var renamed = await Store.RenameAsync("van.hanh", cloned.Id!.Value, "Haravan phiếu 2025 (sửa)", Ct);
        var clash = await Store.RenameAsync("van.hanh", cloned.Id!.Value, "Haravan phiếu 2024", Ct);

        var list = await Store.ListAsync(Ct);
        Assert.True(renamed.Succeeded);
        Assert.Equal("Mappings.NameTaken", clash.ProblemKey);
        Assert.Equal(["Haravan phiếu 2024", "Haravan phiếu 2025 (sửa)"], list.Select(p => p.Name));
        Assert.All(list, p => Assert.Equal(FreshdeskTicketExportPreset.Name, p.Preset));
        Assert.Equal("Haravan phiếu 2025 (sửa)", (await Store.LoadAsync(cloned.Id.Value, Ct))!.Name);

        Assert.True(await Store.DeleteAsync("van.hanh", created.Id.Value, Ct));
        Assert.Single(await Store.ListAsync(Ct));
    }

    [Fact]
    public async Task An_exported_profile_imports_back_identically_and_a_bad_file_is_refused_with_the_reason()
    {
        var created = await Store.CreateFromPresetAsync("a", SeedGuidePreset.Name, "Theo tài liệu gốc", Ct);
        var exported = (await Store.ExportAsync(created.Id!.Value, Ct))!;
        await Store.RenameAsync("a", created.Id.Value, "Bản cũ", Ct);

        var imported = await Store.ImportAsync("a", exported, Ct);
        var broken = await Store.ImportAsync("a", exported[..(exported.Length / 2)], Ct);
        var future = await Store.ImportAsync("a", exported.Replace("\"version\": 1", "\"version\": 99", StringComparison.Ordinal), Ct);

        Assert.True(imported.Succeeded);
        Assert.Equal(exported, await Store.ExportAsync(imported.Id!.Value, Ct));
        Assert.Equal("Mappings.ImportInvalid", broken.ProblemKey);
        Assert.Equal("Mappings.ImportInvalid", future.ProblemKey);
        Assert.Contains("99", future.ProblemArg, StringComparison.Ordinal);
        Assert.Equal(2, (await Store.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task An_edited_profile_is_saved_over_the_old_one_and_a_taken_name_is_refused()
    {
        var created = await Store.CreateFromPresetAsync("van.hanh", FreshdeskTicketExportPreset.Name, "Phiếu Haravan", Ct);
        await Store.CreateFromPresetAsync("van.hanh", FreshdeskTicketExportPreset.Name, "Phiếu khác", Ct);
        var profile = (await Store.LoadAsync(created.Id!.Value, Ct))!;
        var edited = profile with { NameOrder = NameOrder.Western, SiteTimeZone = "Asia/Ho_Chi_Minh" };

        var saved = await Store.SaveAsync("van.hanh", created.Id.Value, edited, Ct);
        var clash = await Store.SaveAsync("van.hanh", created.Id.Value, edited with { Name = "Phiếu khác" }, Ct);
        var gone = await Store.SaveAsync("van.hanh", Guid.NewGuid(), edited, Ct);

        Assert.True(saved.Succeeded);
        Assert.Equal(MappingProfileJson.Serialize(edited), await Store.ExportAsync(created.Id.Value, Ct));
        Assert.Equal("Mappings.NameTaken", clash.ProblemKey);
        Assert.Equal("Mappings.NotFound", gone.ProblemKey);
        Assert.Equal(2, (await Store.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task A_blank_name_and_an_unknown_preset_are_refused()
    {
        Assert.Equal("Mappings.NameRequired", (await Store.CreateFromPresetAsync("a", FreshdeskApiJsonPreset.Name, "  ", Ct)).ProblemKey);
        Assert.Equal("Mappings.UnknownPreset", (await Store.CreateFromPresetAsync("a", "zendesk", "Z", Ct)).ProblemKey);
        Assert.Empty(await Store.ListAsync(Ct));
    }
}
