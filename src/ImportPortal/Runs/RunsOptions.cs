using ImportPortal.Domain.Migration;

namespace ImportPortal.Runs;

/// <summary>How run jobs hold their runs (Portal:Runs).</summary>
public sealed class RunsOptions
{
    public const string SectionName = "Portal:Runs";

    /// <summary>A run job renews its lease this often; a run whose lease lapsed (its process died) is taken over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the <see cref="RunWatchdog"/> looks for active runs no job holds; zero turns it off.</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a run waits for a site that stopped answering its lookups before it stops as failed.</summary>
    public TimeSpan OutagePatience { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a paused run may keep its site quiet (no acknowledgement mail, assignment or notification on a live
    /// helpdesk). Then the site is put back while the run stays paused; resuming silences it again from a new
    /// snapshot. Zero keeps it quiet until the run is resumed or cancelled.
    /// </summary>
    public TimeSpan QuietPauseLimit { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Doctypes (comma-separated) whose new documents a run started with batches (<see cref="RunOptions.Batches"/>) sends
    /// <see cref="InsertManySize"/> at a time with <c>frappe.client.insert_many</c>; a run without batches sends every
    /// document on its own. Measured on Frappe 15 with 100 documents: HD Customer 7× and HD Ticket 1.4–1.7× faster than
    /// single posts, Contact 2× slower (frappe-samples), so Contact is not in the default.
    /// </summary>
    public string InsertManyDoctypes { get; set; } = "HD Customer, HD Ticket";

    /// <summary>Documents per insert_many: one transaction on the site (at most 200); small, so a click waits less.</summary>
    public int InsertManySize { get; set; } = 10;

    /// <summary>
    /// New users a run sends in any minute: Frappe refuses more than its <c>throttle_user_limit</c> (60 unless the site's
    /// config says otherwise) with "Throttled". Match it when the site's limit was changed; zero sends without pacing.
    /// </summary>
    public int UserCreationsPerMinute { get; set; } = 60;

    /// <summary>
    /// Hosts (comma-separated, each with its subdomains) a run fetches attachments from: the links come from an uploaded
    /// export, and a link elsewhere (an internal address) is refused. Freshdesk keeps files on its own domains and on S3.
    /// Empty: a run fetches no attachments.
    /// </summary>
    public string AttachmentHosts { get; set; } = "freshdesk.com, freshworks.com, freshdeskusercontent.com, amazonaws.com";

    /// <summary>The largest attachment fetched, in MiB: Frappe's <c>max_file_size</c> (25 unless the site's config says otherwise).</summary>
    public int AttachmentMaxMegabytes { get; set; } = 25;

    /// <summary>How long one attachment may take to arrive.</summary>
    public TimeSpan AttachmentTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<string> AttachmentHostList =>
        AttachmentHosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Where and how much a run fetches attachments, as these settings say.</summary>
    public AttachmentOptions Attachments => new()
    {
        Hosts = AttachmentHostList,
        MaxBytes = Math.Max(1, AttachmentMaxMegabytes) * 1024L * 1024,
        Timeout = AttachmentTimeout,
    };

    public IReadOnlySet<string> InsertManyDoctypeSet =>
        InsertManyDoctypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
