namespace ImportPortal.Domain.Sources;

/// <summary>The container format found in the bytes of an upload (never taken from its name alone).</summary>
public enum SourceFileKind
{
    Unknown,
    Csv,
    Xlsx,
    Xls,
    Json,
    Ndjson,
    Zip,
}
