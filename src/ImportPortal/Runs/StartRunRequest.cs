using ImportPortal.Mappings;

namespace ImportPortal.Runs;

/// <summary>What the operator asks for on the "new run" form.</summary>
public sealed record StartRunRequest(Guid SiteId, Guid ProfileId, IReadOnlyDictionary<string, TableBinding> Bindings, RunOptions Options);

/// <summary>The run a command created or changed, or the resource key of why it was refused.</summary>
public sealed record RunCommandResult(Guid? RunId, string? ErrorKey = null, string? ErrorArg = null)
{
    public bool Succeeded => ErrorKey is null;

    /// <summary>How many records a command on many took (a cause retried or skipped, records skipped).</summary>
    public long Count { get; init; }

    public static RunCommandResult Ok(Guid id) => new(id);

    public static RunCommandResult Fail(string key, string? arg = null) => new(null, key, arg);
}
