namespace ImportPortal.Domain.Sources;

/// <summary>What an upload is, for the mapping presets.</summary>
public enum SourceKind
{
    Generic,
    FreshdeskTicketExport,
    FreshdeskContacts,
    FreshdeskCompanies,
    FreshdeskAccountExport,
    FreshdeskApiJson,
}
