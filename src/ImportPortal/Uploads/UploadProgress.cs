namespace ImportPortal.Uploads;

/// <summary>A moment in an upload's profiling, as pages hear of it.</summary>
public sealed record UploadProgress(Guid UploadId, UploadState State, double Progress);
