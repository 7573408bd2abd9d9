using ImportPortal.Domain.Preflight;
using ImportPortal.Persistence;

namespace ImportPortal.Sites;

/// <summary>Stores a preflight report with its site as JSON, and reads it back.</summary>
public static class PreflightJsonReader
{
    public static string Write(PreflightReport report) => StoredJson.Write(report);

    public static PreflightReport? Read(string? json) => StoredJson.Read<PreflightReport>(json);

    public static string? Worst(string? json) => Read(json)?.Worst.ToString();

    /// <summary>The Helpdesk version the last preflight read from get_versions; null when it has not run or found none.</summary>
    public static string? HelpdeskVersion(string? json) =>
        Read(json)?.Line(PreflightCheckIds.Versions)?.Facts["apps"] is System.Text.Json.Nodes.JsonArray apps
            ? apps.FirstOrDefault(a => a?["app"]?.ToString() == "helpdesk")?["version"]?.ToString()
            : null;
}
