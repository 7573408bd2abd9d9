using System.Text.Json.Nodes;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>One entity mapping, compiled: filter, key, external id and fields, ready to map records.</summary>
internal sealed class CompiledEntity(
    EntityMapping mapping,
    string doctype,
    CompiledValue key,
    string? externalIdField,
    IReadOnlyList<CompiledField> fields,
    IReadOnlyList<RowSpec> rows,
    bool truncate)
{
    private readonly (RowFilter Filter, ColumnSlot Column)[] filters =
        mapping.Filter is { } f ? f.Chain().Select(x => (x, new ColumnSlot(x.Column))).ToArray() : [];

    // Fields in their places, and those written once per value of a list after the numbered rows.
    private readonly CompiledField[] placed = [.. fields.Where(f => !f.Path.IsEach)];
    private readonly CompiledField[] lists = [.. fields.Where(f => f.Path.IsEach)];

    // A ticket whose mapping sends raised_by: a row that gives none is said (a mapping that never sends it is the profile's matter).
    private readonly bool sendsRequester = doctype == "HD Ticket" && fields.Any(f => f.Target == "raised_by" && f.Stage == FieldStage.Insert);

    public EntityMapping Mapping { get; } = mapping;

    public string Doctype { get; } = doctype;

    public IEnumerable<string> Columns => fields.SelectMany(f => f.Columns).Concat(key.Columns);

    /// <summary>Every column the entity reads: its fields' and key's, and those its row filter tests.</summary>
    public IEnumerable<string> ColumnsRead => Columns.Concat(filters.Select(f => f.Filter.Column));

    public bool Accepts(SourceRecord record)
    {
        foreach (var (filter, column) in filters)
        {
            if (!filter.Admits(column.Read(record)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The record's key, or "" when it has none.</summary>
    public string KeyOf(SourceRecord record, string? parentKey)
    {
        var scope = new MappingScope(record, parentKey);
        var value = key.Evaluate(scope);
        return value.IsEmpty ? "" : TextOf.Value(value).Trim();
    }

    public MappedEntity Map(SourceRecord record, string? parentKey)
    {
        var scope = new MappingScope(record, parentKey) { Field = "(key)" };
        var keyValue = key.Evaluate(scope);
        var sourceKey = keyValue.IsEmpty ? "" : TextOf.Value(keyValue).Trim();
        if (sourceKey.Length == 0)
        {
            scope.Error(MappingProblemCodes.KeyMissing, Mapping.Entity.ToString());
        }

        var bodies = new EntityBodies();
        if (externalIdField is not null && sourceKey.Length > 0)
        {
            bodies.Insert[externalIdField] = sourceKey;
        }

        foreach (var field in placed)
        {
            field.Write(scope, bodies, truncate);
        }

        foreach (var row in rows)
        {
            row.Prune(bodies);
        }

        // A list's rows follow the numbered rows, once those are in their places.
        foreach (var field in lists)
        {
            field.Write(scope, bodies, truncate);
        }

        if (sendsRequester && !bodies.Insert.ContainsKey("raised_by") && !scope.Problems.Any(p => p.Field == "raised_by"))
        {
            Requester(scope);
        }

        if (Doctype == TeamMembers.Doctype)
        {
            // The members a row gives, as the rows Frappe takes.
            TeamMembers.Set(bodies.Insert, TeamMembers.Of(bodies.Insert));
        }

        if (Doctype == "User")
        {
            // Frappe mails a new user a link to set a password unless told not to (the default is to send): a migration
            // never does, whatever the mapping says.
            bodies.Insert["send_welcome_email"] = 0;
        }

        return new MappedEntity(
            Mapping.Entity, Doctype, sourceKey, bodies.Insert, NonEmpty(bodies.FinaliseStatus), NonEmpty(bodies.FinaliseDates),
            scope.References, scope.Problems, scope.LinkChecks, scope.MemberOf)
        {
            ExternalIdField = sourceKey.Length > 0 ? externalIdField : null,
            Assign = NonEmpty(bodies.Assign),
            Tags = TicketTags.Of(bodies.Tags) is { Count: > 0 } tags ? new JsonObject { [TicketTags.Field] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]) } : null,
        };
    }

    /// <summary>
    /// A ticket posted without <c>raised_by</c> is raised by the API user as far as Frappe is concerned (it fills the field
    /// with the session's user): said on each ticket whose row gives none, so the operator knows before the run. A requester who called or
    /// wrote without an e-mail still has their contact (their phone); without one either, the ticket names nobody.
    /// </summary>
    private static void Requester(MappingScope scope)
    {
        scope.Field = "raised_by";
        if (scope.References.FirstOrDefault(r => r.Field == "contact") is { SourceKey.Length: > 0 } contact)
        {
            scope.Warn(MappingProblemCodes.RequesterWithoutEmail, contact.SourceKey);
        }
        else
        {
            scope.Warn(MappingProblemCodes.RequesterMissing);
        }
    }

    private static JsonObject? NonEmpty(JsonObject? body) => body is { Count: > 0 } ? body : null;
}
