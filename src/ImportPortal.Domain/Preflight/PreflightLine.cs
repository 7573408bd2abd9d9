using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// One finding of the preflight. <see cref="MessageKey"/> and <see cref="AdviceKey"/> name texts in PreflightResource;
/// both are formatted with <see cref="MessageArgs"/>. <see cref="Facts"/> holds what the check read from the site.
/// </summary>
public sealed record PreflightLine(
    string CheckId,
    PreflightSeverity Severity,
    string MessageKey,
    IReadOnlyList<string> MessageArgs,
    string? AdviceKey,
    JsonObject Facts);
