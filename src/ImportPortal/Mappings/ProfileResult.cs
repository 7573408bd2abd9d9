namespace ImportPortal.Mappings;

/// <summary>What a profile change did: the profile's id, or a resource key (and its argument) saying why not.</summary>
public sealed record ProfileResult(Guid? Id, string? ProblemKey, string? ProblemArg = null)
{
    public bool Succeeded => ProblemKey is null;

    public static ProfileResult Ok(Guid id) => new(id, null);

    public static ProfileResult Fail(string key, string? arg = null) => new(null, key, arg);
}
