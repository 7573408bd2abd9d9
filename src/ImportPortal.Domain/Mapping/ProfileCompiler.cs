using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Compiles a profile against the site's metadata (doctype name → meta; a doctype without meta maps unchecked)
/// and the lookup tables, once per run: column slots, templates, value maps and zones are prepared here so
/// mapping a record does no lookup by name, no parsing of the profile and no reflection.
/// </summary>
public static class ProfileCompiler
{
    public static CompiledProfile Compile(MappingProfile profile, IReadOnlyDictionary<string, DocTypeMeta> metas, MappingLookups? lookups = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(metas);
        var problems = new List<ProfileProblem>();
        var context = new CompileContext(profile, metas, lookups ?? MappingLookups.None, problems);
        var entities = profile.Entities.Select(context.Entity).ToList();
        ReportOrphans(profile, problems);
        return new CompiledProfile(profile, entities, problems);
    }

    // Child records (a ticket's notes) whose parent no entity reads from their table would each be sent without it.
    private static void ReportOrphans(MappingProfile profile, List<ProfileProblem> problems)
    {
        foreach (var entity in profile.Entities.Where(e => e.Source is { Child: not null, Parent: not null }))
        {
            var (table, child, parent) = (entity.Source.Table, entity.Source.Child!, entity.Source.Parent!.Value);
            if (!profile.Entities.Any(p => p.Entity == parent && p.Source.Table == table && p.Source.Child == entity.Source.ParentChild))
            {
                var where = $"{table}.{child}";
                problems.Add(new ProfileProblem(entity.Entity, new FieldProblem(where, MappingProblemCodes.ParentMissing, [where, profile.DefaultDoctype(parent), table], MappingSeverity.Error)));
            }
        }
    }

    // Required in the metadata, but the server fills them on insert (frappe-api.md §10): not worth a warning.
    private static readonly HashSet<(string, string)> ServerFilled = [("Communication", "status"), ("Communication", "subject"), ("Communication", "communication_type")];

    private sealed class CompileContext(MappingProfile profile, IReadOnlyDictionary<string, DocTypeMeta> metas, MappingLookups lookups, List<ProfileProblem> problems)
    {
        private readonly TimeZoneInfo sourceZone = Zone(profile.SourceTimeZone, "sourceTimeZone", problems);
        private readonly TimeZoneInfo siteZone = Zone(profile.SiteTimeZone, "siteTimeZone", problems);

        public CompiledEntity Entity(EntityMapping mapping)
        {
            var doctype = profile.DoctypeOf(mapping);
            var meta = metas.GetValueOrDefault(doctype);
            var fields = mapping.Fields.Select(f => Field(mapping.Entity, f, meta)).ToList();
            var externalId = ExternalId(mapping, meta, doctype);
            ReportUnmapped(mapping, meta, doctype, externalId);
            return new CompiledEntity(mapping, doctype, Value(mapping.Key), externalId, fields, Rows(fields), profile.TruncateToFieldLength);
        }

        private CompiledField Field(EntityKind entity, FieldMapping field, DocTypeMeta? meta)
        {
            var path = TargetPath.Parse(field.Target);
            // An assignment is no field of the document: its value is the user assign_to.add is given. Tags are no field either.
            // A Prompt-named doctype (a ticket type) takes its name from the body: "name" is its field then.
            var ofDocument = !path.IsRowCell && field.Stage is not FieldStage.Assign and not FieldStage.Tags && !(field.Target == "name" && meta?.Autoname == "Prompt");
            var fieldMeta = ofDocument ? meta?.Field(field.Target) : null;
            if (fieldMeta is not null && TeamMembers.Are(meta!.Name, field.Target))
            {
                // Gathered from every row that names the team, and needed only to make one: no row must have them.
                fieldMeta = fieldMeta with { Required = false };
            }

            if (field.Stage == FieldStage.Assign && (entity != EntityKind.Ticket || field.Target != RecordAssignment.Field))
            {
                Report(entity, MappingSeverity.Warning, MappingProblemCodes.AssignmentIgnored, field.Target);
            }

            if (field.Stage == FieldStage.Tags && (entity != EntityKind.Ticket || field.Target != TicketTags.Field))
            {
                Report(entity, MappingSeverity.Warning, MappingProblemCodes.TagsIgnored, field.Target);
            }

            if (meta is not null && ofDocument && fieldMeta is null)
            {
                Report(entity, MappingSeverity.Warning, MappingProblemCodes.UnknownField, field.Target, meta.Name);
            }

            var value = Value(field);
            var referenced = field.References is { } kind ? DoctypeOfKind(kind) : null;
            if (fieldMeta is { Fieldtype: "Link" } && referenced is not null && fieldMeta.Options != referenced)
            {
                Report(entity, MappingSeverity.Warning, MappingProblemCodes.CustomerDoctypeMismatch, field.Target, fieldMeta.Options ?? "", referenced);
            }

            var membership = entity == EntityKind.Contact && field.References == EntityKind.Organisation && path.Root == "links"
                && profile.ContactLinkStyle == ContactLinkStyle.CustomerMembers;
            return new CompiledField(field, value, new FieldRules(fieldMeta, value.WantsNumber), referenced, membership);
        }

        private CompiledValue Value(FieldMapping field) =>
            new(field, [.. (field.Transforms ?? []).Select(Step)]);

        private CompiledStep Step(TransformStep step)
        {
            var zone = step.Kind is TransformKind.DateTime or TransformKind.Date or TransformKind.Time ? ZonedDates.FindZone(step.Arg) : null;
            var order = step.Kind is TransformKind.FirstName or TransformKind.LastName && Enum.TryParse<NameOrder>(step.Arg, true, out var o) ? o : profile.NameOrder;
            var map = step.Kind == TransformKind.Lookup
                ? lookups.Find(step.Arg ?? "")
                : step.Map is null ? null : new Dictionary<string, string>(step.Map.Select(p => KeyValuePair.Create(p.Key.Trim(), p.Value)), StringComparer.OrdinalIgnoreCase);
            return new CompiledStep(step.Kind, step.Arg, order, zone ?? sourceZone, siteZone, map, step.Fallback);
        }

        private string? ExternalId(EntityMapping mapping, DocTypeMeta? meta, string doctype)
        {
            if (mapping.ExternalIdField is not { Length: > 0 } field || meta is null || meta.HasField(field))
            {
                return mapping.ExternalIdField is { Length: > 0 } ? mapping.ExternalIdField : null;
            }

            Report(mapping.Entity, MappingSeverity.Warning, MappingProblemCodes.ExternalIdMissing, field, doctype);
            return null;
        }

        private void ReportUnmapped(EntityMapping mapping, DocTypeMeta? meta, string doctype, string? externalId)
        {
            var mapped = mapping.Fields.Select(f => TargetPath.Parse(f.Target).Root).Append(externalId ?? "").ToHashSet(StringComparer.Ordinal);
            foreach (var field in meta?.Fields.Where(f => f.Required && f.HoldsData && !mapped.Contains(f.Fieldname) && !ServerFilled.Contains((doctype, f.Fieldname))) ?? [])
            {
                Report(mapping.Entity, MappingSeverity.Warning, MappingProblemCodes.RequiredUnmapped, field.Fieldname, doctype);
            }
        }

        private string DoctypeOfKind(EntityKind kind) =>
            profile.Entities.FirstOrDefault(e => e.Entity == kind) is { } e ? profile.DoctypeOf(e) : profile.DefaultDoctype(kind);

        private void Report(EntityKind entity, MappingSeverity severity, string code, string field, params string[] args) =>
            problems.Add(new ProfileProblem(entity, new FieldProblem(field, code, [field, .. args], severity)));

        private static TimeZoneInfo Zone(string id, string setting, List<ProfileProblem> problems)
        {
            if (ZonedDates.FindZone(id) is { } zone)
            {
                return zone;
            }

            problems.Add(new ProfileProblem(EntityKind.Ticket, new FieldProblem(setting, MappingProblemCodes.UnknownTimeZone, [setting, id], MappingSeverity.Error)));
            return TimeZoneInfo.Utc;
        }

        private static List<RowSpec> Rows(List<CompiledField> fields) =>
            fields.Where(f => f.Path.IsRowCell && !f.Path.IsEach)
                .GroupBy(f => (f.Stage, f.Path.Root, f.Path.Index))
                .OrderByDescending(g => g.Key.Index)
                .Select(g => new RowSpec(g.Key.Stage, g.Key.Root, g.Key.Index, [.. g.Where(f => !f.IsConstant).SelectMany(f => f.IsReference ? ["link_doctype", f.Path.Leaf!] : new[] { f.Path.Leaf! })]))
                .ToList();
    }
}
