namespace ImportPortal;

/// <summary>The portal's own settings, bound from the "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>Folder that holds the database, Hangfire storage, keys and uploads. Relative paths start at the working directory.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>When set with <see cref="AdminPassword"/>, this Admin is created at start-up if it does not exist.</summary>
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>Failed sign-ins before an account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often Hangfire workers look for queued jobs; well under a second so the operator never waits.</summary>
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public string DataDirFullPath => Path.GetFullPath(DataDir);

    public bool HasConfiguredAdmin => !string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrEmpty(AdminPassword);
}
