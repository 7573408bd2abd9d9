namespace ImportPortal.Sites;

/// <summary>What a site change did: the site's id, or the resource keys of what was wrong with the input.</summary>
public sealed record SiteResult(Guid? Id, IReadOnlyList<string> ErrorKeys)
{
    public bool Succeeded => ErrorKeys.Count == 0;

    public static SiteResult Ok(Guid id) => new(id, []);

    public static SiteResult Fail(params string[] keys) => new(null, keys);
}
