using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>One transform with its arguments resolved at compile time (zones found, maps indexed, lookups attached).</summary>
internal sealed class CompiledStep(
    TransformKind kind,
    string? arg,
    NameOrder nameOrder,
    TimeZoneInfo sourceZone,
    TimeZoneInfo siteZone,
    IReadOnlyDictionary<string, string>? map,
    string? fallback)
{
    public TransformKind Kind { get; } = kind;

    public SourceValue Apply(SourceValue value, MappingScope scope) => Kind switch
    {
        TransformKind.Trim => Text(value, t => t.Trim()),
        TransformKind.Lower => Text(value, t => t.ToLowerInvariant()),
        TransformKind.Upper => Text(value, t => t.ToUpperInvariant()),
        TransformKind.FirstName => new SourceValue(PersonName.FirstName(TextOf.Value(value), nameOrder)),
        TransformKind.LastName => new SourceValue(PersonName.LastName(TextOf.Value(value), nameOrder)),
        TransformKind.DateTime or TransformKind.Date or TransformKind.Time => Date(value, scope),
        TransformKind.ValueMap or TransformKind.Lookup => Mapped(value, scope),
        TransformKind.Truncate => Text(value, t => FieldLength.Fit(t, int.TryParse(arg, out var n) ? n : int.MaxValue, out _)),
        TransformKind.StripHtml => Text(value, t => t.AsSpan().IndexOfAny('<', '&') >= 0 ? HtmlText.ToPlainText(t) : t),
        TransformKind.Default => value.IsEmpty ? new SourceValue(arg) : value,
        TransformKind.Email => Email(value, scope),
        TransformKind.EmailList => EmailList(value, scope),
        _ => value,
    };

    private static SourceValue Text(SourceValue value, Func<string, string> change) =>
        value.IsNull ? value : new SourceValue(change(TextOf.Value(value)));

    private SourceValue Date(SourceValue value, MappingScope scope)
    {
        if (value.IsEmpty)
        {
            return SourceValue.Null;
        }

        if (ZonedDates.TryRead(value, sourceZone, arg is { Length: > 0 } && ZonedDates.FindZone(arg) is null ? arg : null, out var instant))
        {
            return new SourceValue(ZonedDates.Format(instant, siteZone, Kind));
        }

        scope.Error(MappingProblemCodes.BadDate, TextOf.Value(value), sourceZone.Id);
        return SourceValue.Null;
    }

    private SourceValue Mapped(SourceValue value, MappingScope scope)
    {
        if (value.IsEmpty)
        {
            return value;
        }

        var text = TextOf.Value(value).Trim();
        if (map is not null && map.TryGetValue(text, out var mapped))
        {
            return new SourceValue(mapped);
        }

        if (Kind == TransformKind.Lookup)
        {
            if (fallback is not null)
            {
                // Asked for: a key the table lacks takes the fallback (a user who is not an agent names no agent).
                return fallback.Length == 0 ? SourceValue.Null : new SourceValue(fallback);
            }

            scope.Error(MappingProblemCodes.LookupMissing, text, arg ?? "");
            return SourceValue.Null;
        }

        if (fallback is not null)
        {
            scope.Warn(MappingProblemCodes.UnknownValueFallback, text, fallback);
            return new SourceValue(fallback);
        }

        scope.Error(MappingProblemCodes.UnknownValue, text);
        return SourceValue.Null;
    }

    private static SourceValue EmailList(SourceValue value, MappingScope scope)
    {
        if (value.IsEmpty)
        {
            return value;
        }

        var kept = new List<string>();
        foreach (var item in TextOf.Value(value).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = EmailAddress.Extract(item);
            if (!EmailAddress.IsValid(address))
            {
                scope.Warn(MappingProblemCodes.EmailLeftOut, address);
            }
            else if (!kept.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                kept.Add(address);
            }
        }

        return kept.Count == 0 ? SourceValue.Null : new SourceValue(string.Join(", ", kept));
    }

    private static SourceValue Email(SourceValue value, MappingScope scope)
    {
        if (value.IsEmpty)
        {
            return value;
        }

        var address = EmailAddress.Extract(TextOf.Value(value));
        if (!EmailAddress.IsValid(address))
        {
            scope.Error(MappingProblemCodes.InvalidEmail, address);
        }

        return new SourceValue(address);
    }
}
