using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Mappings;

/// <summary>
/// The mapping editor's state: the saved profile, the operator's draft, the chosen site's live fields for the
/// draft's doctypes, and what the draft leaves wrong against them (recomputed on every change, without a round trip).
/// </summary>
public sealed class ProfileDraft(MappingProfile saved)
{
    private readonly Dictionary<string, DocTypeMeta> _metas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);
    private string _savedJson = MappingProfileJson.Serialize(saved);
    private Guid? _site;

    public MappingProfile Saved { get; private set; } = saved;

    public MappingProfile Current { get; private set; } = saved;

    public bool Dirty { get; private set; }

    public IReadOnlyDictionary<string, DocTypeMeta> Metas => _metas;

    /// <summary>Doctypes the site was asked for and does not have (ERPNext's Customer on a plain Helpdesk).</summary>
    public IReadOnlySet<string> MissingDoctypes => _missing;

    public IReadOnlyList<ProfileProblem> Problems { get; private set; } = ProfileCompiler.Compile(saved, new Dictionary<string, DocTypeMeta>()).Problems;

    public void Change(MappingProfile draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Current = draft;
        Dirty = MappingProfileJson.Serialize(draft) != _savedJson;
        Recheck();
    }

    public void Discard() => Change(Saved);

    public void MarkSaved()
    {
        Saved = Current;
        _savedJson = MappingProfileJson.Serialize(Saved);
        Dirty = false;
    }

    /// <summary>
    /// Fetches the fields of the draft's doctypes the editor does not have yet (all of them again when
    /// <paramref name="fresh"/> or for another site), then re-checks the draft. False when the site's secret cannot be read.
    /// </summary>
    public async Task<bool> LoadMetasAsync(MappingPreview preview, Guid? siteId, bool fresh, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (fresh || siteId != _site)
        {
            _metas.Clear();
            _missing.Clear();
            _site = siteId;
        }

        var needed = Current.Entities.Select(Current.DoctypeOf).Distinct(StringComparer.Ordinal).Where(d => !_metas.ContainsKey(d) && !_missing.Contains(d)).ToList();
        if (siteId is { } id && needed.Count > 0)
        {
            if (await preview.SiteMetasAsync(id, needed, ct) is not { } metas)
            {
                Recheck();
                return false;
            }

            foreach (var doctype in needed)
            {
                if (metas.TryGetValue(doctype, out var meta))
                {
                    _metas[doctype] = meta;
                }
                else
                {
                    _missing.Add(doctype);
                }
            }
        }

        Recheck();
        return true;
    }

    private void Recheck() => Problems = ProfileCompiler.Compile(Current, _metas).Problems;
}
