namespace ImportPortal.Uploads;

/// <summary>Upload limits (configuration section "Portal:Uploads").</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Portal:Uploads";

    /// <summary>The largest file accepted; a bigger one is refused while it streams in, before it fills the disk.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
