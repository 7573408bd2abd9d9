namespace ImportPortal.Uploads;

/// <summary>Where an upload is in its life: stored, being profiled, ready, or unreadable.</summary>
public enum UploadState
{
    Stored,
    Profiling,
    Ready,
    Unreadable,
}
