using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// The edits the mapping editor makes, as pure functions on the immutable profile: each returns a new profile or
/// entity, so the editor keeps a draft and the saved profile stays untouched until the operator saves.
/// </summary>
public static class ProfileEdits
{
    public static MappingProfile WithEntity(this MappingProfile profile, int index, EntityMapping entity)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, profile.Entities.Count);
        return profile with { Entities = [.. profile.Entities.Select((e, i) => i == index ? entity : e)] };
    }

    /// <summary>Adds an entity after the others (a generic file's ticket types, a second source of contacts).</summary>
    public static MappingProfile WithNewEntity(this MappingProfile profile, EntityMapping entity)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(entity);
        return profile with { Entities = [.. profile.Entities, entity] };
    }

    /// <summary>
    /// A new entity with the fields its kind cannot do without when they follow from its source alone: a ticket type is
    /// named by its key column, and so is a team; a message (reply or private note) is tied to its ticket — its parent record, or the
    /// column of <paramref name="columns"/> whose name says it holds the ticket's id — and a reply is an e-mail
    /// Communication on an HD Ticket; a file read from a message's child records is attached to that message, private.
    /// Every other field is the operator's to add or match (a file's <c>file_url</c> and <c>file_name</c>).
    /// </summary>
    public static EntityMapping NewEntity(EntityKind kind, EntitySource source, FieldMapping key, string? externalIdField, RowFilter? filter, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        FieldMapping? ticket = source.Child is not null
            ? new FieldMapping("", FieldOrigin.ParentKey, "", References: EntityKind.Ticket)
            : Presets.GenericTicketFile.SuggestKey(EntityKind.Ticket, columns ?? []) is { } column
                ? new FieldMapping("", FieldOrigin.Column, column, [new(TransformKind.Trim)], References: EntityKind.Ticket)
                : null;
        IReadOnlyList<FieldMapping> fields = kind switch
        {
            EntityKind.TicketType => [key with { Target = "name" }],
            EntityKind.Team => [key with { Target = "team_name" }],
            EntityKind.Reply =>
            [
                new("communication_type", FieldOrigin.Constant, "Communication"),
                new("communication_medium", FieldOrigin.Constant, "Email"),
                new("reference_doctype", FieldOrigin.Constant, "HD Ticket"),
                .. ticket is null ? [] : new[] { ticket with { Target = "reference_name" } },
            ],
            EntityKind.PrivateNote => ticket is null ? [] : [ticket with { Target = "reference_ticket" }],
            EntityKind.Attachment => source is { Child: not null, Parent: { } message }
                ?
                [
                    new("attached_to_doctype", FieldOrigin.Constant, message == EntityKind.PrivateNote ? "HD Ticket Comment" : "Communication"),
                    new("attached_to_name", FieldOrigin.ParentKey, "", References: message),
                    new("is_private", FieldOrigin.Constant, "1", [new(TransformKind.Number)]),
                ]
                : [],
            _ => [],
        };
        return new EntityMapping(kind, source, key, fields, externalIdField, filter);
    }

    public static MappingProfile WithoutEntity(this MappingProfile profile, int index)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, profile.Entities.Count);
        return profile with { Entities = [.. profile.Entities.Where((_, i) => i != index)] };
    }

    /// <summary>
    /// What would be left without its entity if the one at <paramref name="index"/> went, as "kind: field" and
    /// "kind: table.child": fields of other entities that refer to its kind, and entities read as children of its
    /// records. Nothing when another entity of the same kind stays (two sources of contacts).
    /// </summary>
    public static IReadOnlyList<(EntityKind Entity, string What)> DependentsOf(this MappingProfile profile, int index)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var kind = profile.Entities[index].Entity;
        if (profile.Entities.Where((e, i) => i != index).Any(e => e.Entity == kind))
        {
            return [];
        }

        var others = profile.Entities.Where((_, i) => i != index).ToList();
        return
        [
            .. others.SelectMany(e => e.Fields.Where(f => f.References == kind).Select(f => (e.Entity, f.Target))),
            .. others.Where(e => e.Source.Parent == kind).Select(e => (e.Entity, $"{e.Source.Table}.{e.Source.Child}")),
        ];
    }

    /// <summary>
    /// An entity's key as the operator writes it: a template when it holds <c>{column}</c>, the first non-empty of
    /// several columns when it holds <c>|</c>, else one column. The key's transforms are kept (a contact's e-mail in
    /// lower case); a new key is trimmed, and lower-cased for the kinds keyed by an e-mail.
    /// </summary>
    public static FieldMapping KeyFrom(string text, FieldMapping? current, EntityKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var value = text.Trim();
        var origin = value.Contains('{', StringComparison.Ordinal) ? FieldOrigin.Template
            : value.Contains('|', StringComparison.Ordinal) ? FieldOrigin.FirstNonEmpty
            : FieldOrigin.Column;
        IReadOnlyList<TransformStep> steps = current?.Transforms
            ?? (kind is EntityKind.Contact or EntityKind.User or EntityKind.Agent ? [new(TransformKind.Trim), new(TransformKind.Lower)] : [new(TransformKind.Trim)]);
        return new FieldMapping(current?.Target ?? "(key)", origin, value, steps);
    }

    /// <summary>
    /// A row filter as the editor shows it: the records whose <paramref name="column"/> is one of the comma-separated
    /// <paramref name="values"/> (not empty, when none are given), or the others when <paramref name="negate"/>; the
    /// further tests of the filter it replaces are kept. No column, no filter of its own.
    /// </summary>
    public static RowFilter? FilterFrom(string? column, string? values, bool negate, RowFilter? rest)
    {
        if (string.IsNullOrWhiteSpace(column))
        {
            return rest;
        }

        var list = (values ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new RowFilter(column.Trim(), list.Length == 0 ? null : list, negate, rest);
    }

    /// <summary>
    /// The filter of an editor's list of tests, in order, each kept only when it names a column (a row the operator left
    /// blank tests nothing); null when none does.
    /// </summary>
    public static RowFilter? ChainFrom(IReadOnlyList<(string? Column, string? Values, bool Negate)> tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        RowFilter? chain = null;
        for (var i = tests.Count - 1; i >= 0; i--)
        {
            chain = FilterFrom(tests[i].Column, tests[i].Values, tests[i].Negate, chain);
        }

        return chain;
    }

    /// <summary>Puts a field in place of the one at <paramref name="index"/>, or adds it when the index is -1.</summary>
    public static EntityMapping WithField(this EntityMapping entity, int index, FieldMapping field)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return index < 0
            ? entity with { Fields = [.. entity.Fields, field] }
            : entity with { Fields = [.. entity.Fields.Select((f, i) => i == index ? field : f)] };
    }

    public static EntityMapping WithoutField(this EntityMapping entity, int index)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity with { Fields = [.. entity.Fields.Where((_, i) => i != index)] };
    }

    /// <summary>Confirmed header matches: each replaces the field mapping with the same target (in the same stage), or is added.</summary>
    public static EntityMapping WithMatches(this EntityMapping entity, IEnumerable<FieldMapping> accepted)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(accepted);
        var result = entity;
        foreach (var field in accepted)
        {
            var existing = result.Fields.ToList().FindIndex(f => f.Target == field.Target && f.Stage == field.Stage);
            result = result.WithField(existing, field);
        }

        return result;
    }

    /// <summary>
    /// What is wrong with one entity against the site (required fields nothing fills, unknown fields, a missing
    /// external-id field): the profile compiled with that entity alone, so two entities of one kind are told apart.
    /// What depends on the other entities (a child's parent, the time zones) is the whole profile's to say.
    /// </summary>
    public static IReadOnlyList<FieldProblem> ProblemsOf(MappingProfile profile, int index, IReadOnlyDictionary<string, DocTypeMeta> metas)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var alone = profile with { Entities = [profile.Entities[index]] };
        return ProfileCompiler.Compile(alone, metas).Problems
            .Where(p => p.Problem.Code is not (MappingProblemCodes.UnknownTimeZone or MappingProblemCodes.CustomerDoctypeMismatch or MappingProblemCodes.ParentMissing))
            .Select(p => p.Problem)
            .ToList();
    }

    /// <summary>The site's fields an operator can fill on a doctype: data fields, required ones first, then by label.</summary>
    public static IReadOnlyList<DocFieldMeta> Fillable(DocTypeMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return meta.Fields.Where(f => f.HoldsData).OrderByDescending(f => f.Required).ThenBy(f => f.Label ?? f.Fieldname, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
