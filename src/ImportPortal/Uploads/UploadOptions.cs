namespace ImportPortal.Uploads;

/// <summary>Upload limits (configuration section "Portal:Uploads").</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Portal:Uploads";

    /// <summary>The largest file accepted; a bigger one is refused while it streams in, before it fills the disk.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// What an upload must leave free on the data folder's disk: the portal's database grows on the same disk while a
    /// run plans and sends, and a run stopped by a full disk is worse than an upload refused.
    /// </summary>
    public long KeepFreeBytes { get; set; } = 256L * 1024 * 1024;
}
