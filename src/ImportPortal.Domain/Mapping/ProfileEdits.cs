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
    /// </summary>
    public static IReadOnlyList<FieldProblem> ProblemsOf(MappingProfile profile, int index, IReadOnlyDictionary<string, DocTypeMeta> metas)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var alone = profile with { Entities = [profile.Entities[index]] };
        return ProfileCompiler.Compile(alone, metas).Problems
            .Where(p => p.Problem.Code != MappingProblemCodes.UnknownTimeZone && p.Problem.Code != MappingProblemCodes.CustomerDoctypeMismatch)
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
