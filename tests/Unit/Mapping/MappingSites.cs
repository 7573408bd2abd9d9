using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Sources;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>The simulator's doctype metadata as a site would serve it, and small records and profiles to map.</summary>
internal static class MappingSites
{
    private static readonly string MetaDir = Path.Combine(RepositoryRoot.Path, "tests", "FrappeSimulator", "Metadata", "DocTypes");

    /// <summary>Helpdesk 1.22 metas (plus ERPNext Customer), with the <c>custom_source_id</c> field on HD Ticket and Communication.</summary>
    public static IReadOnlyDictionary<string, DocTypeMeta> Helpdesk122 { get; } = Load("v1_22");

    /// <summary><paramref name="profile"/> compiled against <paramref name="metas"/> (Helpdesk 1.22 by default), its lookups read from the tables of <paramref name="file"/>.</summary>
    public static async Task<CompiledProfile> CompileWithLookupsAsync(MappingProfile profile, byte[] file, string fileName, IReadOnlyDictionary<string, DocTypeMeta>? metas = null)
    {
        var lookups = await MappingLookups.BuildAsync(
            profile, async (table, _) => await Sources.SourceTestRead.OpenAsync(file, fileName, new SourceReadOptions(Table: table)), TestContext.Current.CancellationToken);
        return ProfileCompiler.Compile(profile, metas ?? Helpdesk122, lookups);
    }

    public static IReadOnlyDictionary<string, DocTypeMeta> Load(string version, bool withSourceId = true)
    {
        var metas = new Dictionary<string, DocTypeMeta>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(MetaDir, "common")).Concat(Directory.EnumerateFiles(Path.Combine(MetaDir, version))))
        {
            var meta = DocTypeMeta.FromDocType(JsonNode.Parse(File.ReadAllText(file))!.AsObject());
            metas[meta.Name] = meta;
        }

        if (withSourceId)
        {
            foreach (var doctype in new[] { "HD Ticket", "Communication", "Contact", "HD Ticket Comment", "Customer" })
            {
                var meta = metas[doctype];
                metas[doctype] = meta with { Fields = [.. meta.Fields, new DocFieldMeta("custom_source_id", "Data", "Source ID", null, false, true, 0, false, true)] };
            }
        }

        return metas;
    }

    public static SourceRecord Record(params (string Column, string? Value)[] cells) =>
        new(new SourceLocator("test.csv", 2), new SourceSchema(cells.Select(c => c.Column)), [.. cells.Select(c => new SourceValue(c.Value))]);

    /// <summary>Maps one field of a ticket, through the given profile settings, against Helpdesk 1.22's HD Ticket.</summary>
    public static MappedEntity MapTicketField(FieldMapping field, SourceRecord record, Func<MappingProfile, MappingProfile>? tweak = null)
    {
        var entity = new EntityMapping(EntityKind.Ticket, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Constant, "1"), [field]);
        var profile = new MappingProfile("test", [entity]);
        profile = tweak?.Invoke(profile) ?? profile;
        return ProfileCompiler.Compile(profile, Helpdesk122).MapRecord("t", record).Single();
    }

    public static string? Text(JsonObject? body, string field) => body?[field]?.GetValue<string>();
}
