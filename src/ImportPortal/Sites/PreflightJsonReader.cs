using ImportPortal.Domain.Preflight;
using ImportPortal.Persistence;

namespace ImportPortal.Sites;

/// <summary>Stores a preflight report with its site as JSON, and reads it back.</summary>
public static class PreflightJsonReader
{
    public static string Write(PreflightReport report) => StoredJson.Write(report);

    public static PreflightReport? Read(string? json) => StoredJson.Read<PreflightReport>(json);

    public static string? Worst(string? json) => Read(json)?.Worst.ToString();
}
