using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>The presets the portal ships, by name, and the one that fits a recognised upload.</summary>
public static class MappingPresets
{
    public static IReadOnlyList<string> Names { get; } =
        [FreshdeskTicketExportPreset.Name, FreshdeskAccountExportPreset.Name, FreshdeskApiJsonPreset.Name, SeedGuidePreset.Name];

    public static MappingProfile? Create(string name) => name switch
    {
        FreshdeskTicketExportPreset.Name => FreshdeskTicketExportPreset.Create(),
        FreshdeskAccountExportPreset.Name => FreshdeskAccountExportPreset.Create(),
        FreshdeskApiJsonPreset.Name => FreshdeskApiJsonPreset.Create(),
        SeedGuidePreset.Name => SeedGuidePreset.Create(),
        _ => null,
    };

    /// <summary>The fields and keys <paramref name="name"/> writes differently now than it used to, each with its new form.</summary>
    public static IReadOnlyList<SupersededField> Superseded(string name) => name switch
    {
        FreshdeskTicketExportPreset.Name => FreshdeskTicketExportPreset.Superseded,
        FreshdeskAccountExportPreset.Name => FreshdeskAccountExportPreset.Superseded,
        FreshdeskApiJsonPreset.Name => FreshdeskApiJsonPreset.Superseded,
        _ => [],
    };

    /// <summary>The preset for a kind of upload, and the table its records are read as; null for a generic file (auto-match its headers).</summary>
    public static (string Preset, string Table)? For(SourceKind kind) => kind switch
    {
        SourceKind.FreshdeskTicketExport => (FreshdeskTicketExportPreset.Name, "tickets"),
        SourceKind.FreshdeskContacts => (FreshdeskTicketExportPreset.Name, "contacts"),
        SourceKind.FreshdeskCompanies => (FreshdeskTicketExportPreset.Name, "companies"),
        SourceKind.FreshdeskAccountExport => (FreshdeskAccountExportPreset.Name, "tickets"),
        SourceKind.FreshdeskApiJson => (FreshdeskApiJsonPreset.Name, "tickets"),
        _ => null,
    };
}
