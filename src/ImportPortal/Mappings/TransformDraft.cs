using ImportPortal.Domain.Mapping;

namespace ImportPortal.Mappings;

/// <summary>
/// One transform as the field editor edits it: its kind, its argument, and a value map written as lines
/// <c>source = target</c>, turned back into a <see cref="TransformStep"/> when the operator confirms.
/// </summary>
public sealed class TransformDraft
{
    public TransformKind Kind { get; set; }

    public string Arg { get; set; } = "";

    public string MapText { get; set; } = "";

    public string Fallback { get; set; } = "";

    /// <summary>Kinds whose <see cref="Arg"/> means something, and what it is (a resource key suffix).</summary>
    public string? ArgMeaning => Kind switch
    {
        TransformKind.DateTime or TransformKind.Date or TransformKind.Time => "Zone",
        TransformKind.FirstName or TransformKind.LastName => "NameOrder",
        TransformKind.Truncate => "Length",
        TransformKind.Default => "DefaultValue",
        TransformKind.Lookup => "LookupName",
        _ => null,
    };

    public static TransformDraft From(TransformStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new TransformDraft
        {
            Kind = step.Kind,
            Arg = step.Arg ?? "",
            MapText = step.Map is null ? "" : string.Join('\n', step.Map.Select(p => $"{p.Key} = {p.Value}")),
            Fallback = step.Fallback ?? "",
        };
    }

    public TransformStep ToStep() => new(
        Kind,
        ArgMeaning is null || string.IsNullOrWhiteSpace(Arg) ? null : Arg.Trim(),
        Kind == TransformKind.ValueMap ? ParseMap(MapText) : null,
        Kind == TransformKind.ValueMap && Fallback.Length > 0 ? Fallback : null);

    /// <summary>Lines <c>source = target</c> (or <c>source → target</c>); blank lines and lines without a separator are skipped, a repeated source keeps its last target.</summary>
    public static IReadOnlyDictionary<string, string> ParseMap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at < 0)
            {
                at = line.IndexOf('→', StringComparison.Ordinal);
            }

            if (at <= 0)
            {
                continue;
            }

            map[line[..at].Trim()] = line[(at + 1)..].Trim();
        }

        return map;
    }
}
