using System.Text.Json;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Mappings;

/// <summary>Saves, lists, clones, renames, deletes, exports and imports mapping profiles; every change is audited.</summary>
public sealed class MappingProfileStore(IDbContextFactory<PortalDbContext> databases, TimeProvider time)
{
    public async Task<IReadOnlyList<MappingProfileSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var rows = await db.MappingProfiles.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        return rows.Select(r => new MappingProfileSummary(r.Id, r.Name, r.Preset, EntityCount(r.DefinitionJson), r.UpdatedAt, r.UpdatedBy)).ToList();
    }

    public async Task<MappingProfile?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var row = await db.MappingProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return row is null ? null : MappingProfileJson.Deserialize(row.DefinitionJson);
    }

    public async Task<ProfileResult> CreateFromPresetAsync(string actor, string preset, string name, CancellationToken ct) =>
        MappingPresets.Create(preset) is { } profile
            ? await AddAsync(actor, profile with { Name = name.Trim(), Preset = preset }, "profile.created", ct)
            : ProfileResult.Fail("Mappings.UnknownPreset", preset);

    /// <summary>A profile for a ticket file from any other system, read from its headers (<see cref="GenericTicketFile"/>).</summary>
    public async Task<ProfileResult> CreateFromHeadersAsync(string actor, IReadOnlyList<string> headers, string table, string name, CancellationToken ct) =>
        await AddAsync(actor, GenericTicketFile.Create(headers, name.Trim(), table), "profile.created", ct);

    public async Task<ProfileResult> CloneAsync(string actor, Guid id, string newName, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } profile
            ? await AddAsync(actor, profile with { Name = newName.Trim() }, "profile.cloned", ct)
            : ProfileResult.Fail("Mappings.NotFound");

    /// <summary>Reads an exported profile; a bad file is refused with the reason, nothing is half-saved.</summary>
    public async Task<ProfileResult> ImportAsync(string actor, string json, CancellationToken ct)
    {
        MappingProfile profile;
        try
        {
            profile = MappingProfileJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            return ProfileResult.Fail("Mappings.ImportInvalid", ex.Message);
        }

        return await AddAsync(actor, profile, "profile.imported", ct);
    }

    public async Task<string?> ExportAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } profile ? MappingProfileJson.Serialize(profile) : null;

    public async Task<ProfileResult> RenameAsync(string actor, Guid id, string newName, CancellationToken ct)
    {
        var name = newName.Trim();
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.MappingProfiles.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } row)
        {
            return ProfileResult.Fail("Mappings.NotFound");
        }

        if (Check(name) is { } problem)
        {
            return problem;
        }

        if (await db.MappingProfiles.AnyAsync(p => p.Name == name && p.Id != id, ct))
        {
            return ProfileResult.Fail("Mappings.NameTaken", name);
        }

        var profile = MappingProfileJson.Deserialize(row.DefinitionJson) with { Name = name };
        // Named by its new name, as a renamed site is; both names in the detail, in the reader's language.
        Audit(db, actor, "profile.renamed", name, new PortalText(AuditTexts.Renamed, row.Name, name));
        Update(row, profile, actor);
        await db.SaveChangesAsync(ct);
        return ProfileResult.Ok(id);
    }

    /// <summary>Writes an edited profile over the saved one (its name too, when still free); the change is audited.</summary>
    public async Task<ProfileResult> SaveAsync(string actor, Guid id, MappingProfile profile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var edited = profile with { Name = profile.Name.Trim() };
        if (Check(edited.Name) is { } problem)
        {
            return problem;
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.MappingProfiles.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } row)
        {
            return ProfileResult.Fail("Mappings.NotFound");
        }

        if (await db.MappingProfiles.AnyAsync(p => p.Name == edited.Name && p.Id != id, ct))
        {
            return ProfileResult.Fail("Mappings.NameTaken", edited.Name);
        }

        Audit(db, actor, "profile.saved", edited.Name);
        Update(row, edited, actor);
        await db.SaveChangesAsync(ct);
        return ProfileResult.Ok(id);
    }

    public async Task<bool> DeleteAsync(string actor, Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.MappingProfiles.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } row)
        {
            return false;
        }

        db.MappingProfiles.Remove(row);
        Audit(db, actor, "profile.deleted", row.Name);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<ProfileResult> AddAsync(string actor, MappingProfile profile, string action, CancellationToken ct)
    {
        if (Check(profile.Name) is { } problem)
        {
            return problem;
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.MappingProfiles.AnyAsync(p => p.Name == profile.Name, ct))
        {
            return ProfileResult.Fail("Mappings.NameTaken", profile.Name);
        }

        var row = new StoredMappingProfile { Id = Guid.NewGuid(), Name = profile.Name, DefinitionJson = "", UpdatedBy = actor };
        Update(row, profile, actor);
        db.MappingProfiles.Add(row);
        Audit(db, actor, action, profile.Name);
        await db.SaveChangesAsync(ct);
        return ProfileResult.Ok(row.Id);
    }

    private void Update(StoredMappingProfile row, MappingProfile profile, string actor)
    {
        row.Name = profile.Name;
        row.Preset = profile.Preset;
        row.DefinitionJson = MappingProfileJson.Serialize(profile);
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = actor;
    }

    private static ProfileResult? Check(string name) =>
        string.IsNullOrWhiteSpace(name) ? ProfileResult.Fail("Mappings.NameRequired")
        : name.Length > 200 ? ProfileResult.Fail("Mappings.NameTooLong")
        : null;

    private void Audit(PortalDbContext db, string actor, string action, string subject, params PortalText[] detail) =>
        new AuditLog(db, time).Record(actor, action, subject, detail);

    private static int EntityCount(string json)
    {
        try
        {
            return MappingProfileJson.Deserialize(json).Entities.Count;
        }
        catch (JsonException)
        {
            return 0;
        }
    }
}
