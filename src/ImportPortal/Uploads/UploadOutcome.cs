namespace ImportPortal.Uploads;

/// <summary>What became of one uploaded file: stored as new, recognised as one already uploaded, or refused (resource key).</summary>
public sealed record UploadOutcome(Guid? UploadId, bool AlreadyUploaded, string? ProblemKey, string? ProblemArg = null)
{
    public bool Succeeded => ProblemKey is null;
}
